#!/bin/bash
# POST /cases/{id}/merge (S2, Combinar caso): every row of the case moves to the survivor in one transaction and the case closes as MRG pointing at it; refusals (empty, unknown, the same case, closed source or target, a case out of the agent's scope, another customer without confirm=1, a stale version, no CSRF, a customer user) change nothing; two opposite merges at once: one wins, one 409.
. "$(dirname "$0")/../lib.sh"
CTL="$(dirname "$0")/../../bin/atiende-ctl"
CONF_FILE=$ATIENDE_VAR/atiende.hdf

# newcase SUBJECT [CUSTOMER] [AREA] [MORE]: a case (area 'Soporte técnico' by default; a requester when no customer); prints its id.
newcase() {
    local who="requester_first_name=Ana"
    [ -n "${2:-}" ] && who="customer=$2"
    jpost /cases "subject=$1&description=d&area=${3:-$area}&$who${4:+&$4}"; jf .Case.id
}
num() { sql "SELECT number FROM cases WHERE id = $1"; }
ver() { sql "SELECT version FROM cases WHERE id = $1"; }
loc() { local l; l=$(header Location); echo "${l##*/}"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
# kids CASE: its rows per table: note links/activities/messages/managements/history/escalation firings.
kids() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM note_cases WHERE case_id = $1), (SELECT COUNT(*) FROM activities WHERE case_id = $1), (SELECT COUNT(*) FROM messages WHERE case_id = $1), (SELECT COUNT(*) FROM managements WHERE case_id = $1), (SELECT COUNT(*) FROM case_history WHERE case_id = $1), (SELECT COUNT(*) FROM escalation_firings WHERE case_id = $1))"; }
# state CASE: status|closed|version|merged into|next management|resolution.
state() { sql "SELECT CONCAT_WS('|', s.code, c.closed, c.version, COALESCE(c.merged_into_id, '-'), COALESCE(c.next_at, '-'), COALESCE(c.resolution, '-')) FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $1"; }
# fp A B: everything a refused merge of A into B must leave as it was.
fp() { echo "$(kids "$1") $(state "$1") $(kids "$2") $(state "$2") $(sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM case_history), (SELECT COUNT(*) FROM notifications), (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM audit_log WHERE action = 'case_merge'), (SELECT COUNT(*) FROM note_cases))")"; }
merge() { post "/cases/$1/merge" "$2"; }          # merge CASE DATA (form)
jmerge() { jpost "/cases/$1/merge" "$2"; }        # merge CASE DATA (JSON)

agent=$(uid agente)
area=$(sql "SELECT id FROM areas WHERE name = 'Soporte técnico'")
email=$(sql "SELECT id FROM channels WHERE code = 'email'")
sign_in agente agente-demo; t=$(csrf)
jpost /customers "kind=person&first_name=Marta&first_surname=Combinar+T113"; cu1=$(jf .Customer.id)
jpost /customers "kind=organization&legal_name=Otra+Empresa+T113"; cu2=$(jf .Customer.id)

# The source a, with a row of every kind, and the survivor b, both of cu1.
a=$(newcase "Origen+T113" "$cu1") b=$(newcase "Destino+T113" "$cu1")
na=$(num "$a") nb=$(num "$b")
head -c 50000 /dev/urandom >"$TMP/f.bin"; sf=$(sha "$TMP/f.bin")
req -H 'Accept: application/json' -F "title=Foto del equipo T113" -F "file=@$TMP/f.bin;filename=foto.bin" -F "csrf=$t" "/cases/$a/notes"
n1=$(loc) f1=$(sql "SELECT id FROM attachments WHERE note_id = $n1")
jpost "/cases/$b/notes" "title=Compartida+T113"; n2=$(loc)
jpost "/cases/$a/notes" "note=$n2"
jpost "/cases/$a/activities" "description=Llamar+T113&date=2026-03-02"; act=$(sql "SELECT MAX(id) FROM activities WHERE case_id = $a")
sql "INSERT INTO campaigns (name) VALUES ('Campaña T113 $a'); SET @cp = LAST_INSERT_ID();
     INSERT INTO typifications (campaign_id, name) VALUES (@cp, 'Contactado'); SET @ty = LAST_INSERT_ID();
     INSERT INTO managements (case_id, user_id, campaign_id, typification_id, path, observations, next_at)
       VALUES ($a, $agent, @cp, @ty, 'Contactado', 'Promete pagar', '2030-05-01 15:00:00');
     INSERT INTO messages (case_id, direction, channel_id, from_addr, body) VALUES ($a, 'in', $email, 'marta@t113.co', 'Hola T113');
     INSERT INTO escalation_rules (hours_open, set_status_id, active) SELECT 99999, id, 0 FROM statuses WHERE code = 'PRO';
     INSERT INTO escalation_firings (rule_id, case_id, episode, fired_at, run_id) VALUES (LAST_INSERT_ID(), $a, 1, UTC_TIMESTAMP(), 't113-$a');
     UPDATE cases SET next_at = '2030-05-01 15:00:00' WHERE id = $a"
mg=$(sql "SELECT id FROM managements WHERE case_id = $a") msg=$(sql "SELECT id FROM messages WHERE case_id = $a")
jpost "/cases/$a" "comment=Antes+de+combinar&version=$(ver "$a")"      # version 2: an older one is stale
expect "the source holds a note with a file, a shared note, an activity, a message, a management, history and a firing" \
    "$(kids "$a")" "2/1/1/1/$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $a")/1"
check "...history of several rows (create, status, notes, activity)" test "$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $a")" -ge 4
va=$(ver "$a") vb=$(ver "$b") ha=$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $a") hb=$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $b")

# Refusals change nothing.
before=$(fp "$a" "$b")
req -d "into=$nb&version=$va" "/cases/$a/merge"
expect "a merge without the CSRF token answers 403" "$STATUS" 403
jmerge "$a" "into=&version=$va"
expect "into empty answers 422 naming into" "$STATUS $(jf .error.field)" "422 into"
expect "...saying what to write" "$(jf .error.message)" "Escriba el número del caso en el que se combina este, p. ej. 2026-000123."
merge "$a" "into=+++&version=$va"
expect "into of blanks (form) answers 422" "$STATUS" 422
contains "...the case again with the message next to into" "$BODY" 'id="err-into"'
contains "...and the merge panel open" "$BODY" '<details class="panel action-panel" id="merge" open>'
jmerge "$a" "into=2099-999999&version=$va"
expect "an unknown number answers 422 naming into" "$STATUS $(jf .error.field)" "422 into"
unknown=$(jf .error.message)
expect "...no case with that number" "$unknown" "No hay un caso con ese número que usted pueda ver: revise el número (p. ej. 2026-000123)."
jmerge "$a" "into=$(printf '%s' "$nb" | sed 's/-/%C3%B1/')&version=$va"
expect "a number with a non-ASCII letter answers 422, not an error" "$STATUS $(jf .error.field)" "422 into"
jmerge "$a" "into=$na&version=$va"
expect "merging a case into itself answers 422" "$STATUS $(jf .error.field)" "422 into"
expect "...saying so" "$(jf .error.message)" "Un caso no se combina consigo mismo: escriba el número de otro caso."
jmerge "$a" "into=$nb&version=$((va - 1))"
expect "a stale version answers 409 conflict (JSON)" "$STATUS $(jf .error.code)" "409 conflict"
merge "$a" "into=$nb&version=$((va - 1))"
expect "...and 409 in HTML" "$STATUS" 409
contains "...showing the case as it is now" "$BODY" "Otra persona guardó este caso mientras usted lo editaba."
jmerge "$a" "into=$nb"
expect "a merge without version answers 400" "$STATUS" 400
jmerge "$a" "into=$nb&version=$va&note=$(printf 'x%.0s' {1..20001})"
expect "a note of 20001 characters answers 422 naming note" "$STATUS $(jf .error.field)" "422 note"
expect "...none of these changed anything" "$(fp "$a" "$b")" "$before"

# A closed target (409) and another customer's case or a case without customer (409 confirm_needed).
k=$(newcase "Cerrado+T113" "$cu1"); post "/cases/$k/close" "resolution=Listo"
jmerge "$a" "into=$(num "$k")&version=$va"
expect "merging into a closed case answers 409" "$STATUS $(jf .error.code)" "409 target_closed"
merge "$a" "into=$(num "$k")&version=$va"
expect "...and 409 in HTML" "$STATUS" 409
contains "...with the message next to into" "$BODY" "Ese caso está cerrado: un caso solo se combina en uno abierto."
o=$(newcase "Otro+cliente+T113" "$cu2") nobody=$(newcase "Sin+cliente+T113")
before=$(fp "$a" "$o")
jmerge "$a" "into=$(num "$o")&version=$va"
expect "merging into another customer's case answers 409 confirm_needed" "$STATUS $(jf .error.code)" "409 confirm_needed"
merge "$a" "into=+$(num "$o")+&version=$va&note=Mismo+pedido"
expect "...in HTML too" "$STATUS" 409
contains "...naming this case" "$BODY" "$na</a> Origen T113"
contains "...and the other" "$BODY" "$(num "$o")</a> Otro cliente T113"
contains "...with both customers" "$BODY" "Marta Combinar T113"
contains "...(the other's too)" "$BODY" "Otra Empresa T113"
contains "...and a button to merge anyway" "$BODY" "Combinar de todos modos"
contains "...that posts confirm=1" "$BODY" '<input type="hidden" name="confirm" value="1">'
contains "...with the number and the note again" "$BODY" "<input type=\"hidden\" name=\"into\" value=\"$(num "$o")\">"
expect "...and nothing changed" "$(fp "$a" "$o")" "$before"
jmerge "$a" "into=$(num "$nobody")&version=$va"
expect "merging into a case without customer answers 409 confirm_needed" "$STATUS $(jf .error.code)" "409 confirm_needed"
jmerge "$nobody" "into=$nb&version=$(ver "$nobody")"
expect "...and merging one without customer into one with a customer too" "$STATUS $(jf .error.code)" "409 confirm_needed"
before=$(fp "$a" "$b")
sign_in cliente cliente-demo; ct=$(csrf)
req -d "into=$nb&version=$va&csrf=$ct" "/cases/$a/merge"
expect "a customer user gets 403" "$STATUS" 403
sign_in agente agente-demo; t=$(csrf)
expect "...and nothing changed" "$(fp "$a" "$b")" "$before"
expect "...the source as it was" "$(state "$a")|$(kids "$a")" "NEW|0|$va|-|2030-05-01 15:00:00|-|2/1/1/1/$ha/1"

# The merge.
merge "$a" "into=++$nb+&note=Duplicado+del+mismo+pedido&version=$va"
expect "merging answers 303 to the survivor" "$STATUS $(header Location)" "303 /cases/$b?saved=1"
expect "the source keeps no note link, activity, message or management, only its merge history row and its firing" "$(kids "$a")" "0/0/0/0/1/1"
expect "...its merge row: kind merge, status -> MRG, the resolution as note, its new version" \
    "$(sql "SELECT CONCAT_WS('|', kind, field, old_value, new_value, note, version, user_id, from_case_id IS NULL) FROM case_history WHERE case_id = $a")" \
    "merge|status|NEW|MRG|Combinado en $nb\\nDuplicado del mismo pedido|$((va + 1))|$agent|1"
expect "...closed as MRG into the survivor, version bumped, with the resolution" "$(state "$a")" "MRG|1|$((va + 1))|$b|2030-05-01 15:00:00|Combinado en $nb\\nDuplicado del mismo pedido"
expect "...closed by the agent, now" "$(sql "SELECT CONCAT_WS('|', closed_by, TIMESTAMPDIFF(SECOND, closed_at, UTC_TIMESTAMP()) < 120) FROM cases WHERE id = $a")" "$agent|1"
expect "the survivor holds the note with the file, the shared note once, the activity, the message and the management" \
    "$(sql "SELECT CONCAT_WS('|', (SELECT GROUP_CONCAT(note_id ORDER BY note_id) FROM note_cases WHERE case_id = $b), (SELECT case_id FROM activities WHERE id = $act), (SELECT case_id FROM messages WHERE id = $msg), (SELECT case_id FROM managements WHERE id = $mg))")" \
    "$(printf '%s\n' "$n1" "$n2" | sort -n | paste -sd,)|$b|$b|$b"
expect "...no duplicate link: the shared note is held by the survivor alone" "$(sql "SELECT GROUP_CONCAT(case_id) FROM note_cases WHERE note_id = $n2")" "$b"
expect "...the firing stays with the source (its own episode's record)" "$(sql "SELECT case_id FROM escalation_firings WHERE run_id = 't113-$a'")" "$a"
expect "...and the source's history, from the source, at the survivor's new version" \
    "$(sql "SELECT CONCAT_WS('|', COUNT(*), MIN(version), MAX(version)) FROM case_history WHERE case_id = $b AND from_case_id = $a")" "$ha|$((vb + 1))|$((vb + 1))"
expect "...plus its own merge row: Combinado desde, the note, the source as new_ref" \
    "$(sql "SELECT CONCAT_WS('|', kind, new_value, note, new_ref, version, user_id) FROM case_history WHERE case_id = $b AND kind = 'merge'")" \
    "merge|Combinado desde $na|Duplicado del mismo pedido|$a|$((vb + 1))|$agent"
expect "...all the history rows there" "$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $b")" "$((hb + ha + 1))"
expect "the survivor's version went up by one, open, and it keeps the source's next management" "$(state "$b")" "NEW|0|$((vb + 1))|-|2030-05-01 15:00:00|-"
expect "...an audit row" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'case_merge' AND object_id = $a AND user_id = $agent AND detail = '$nb'")" 1
req "/attachments/$f1" 2>/dev/null
expect "the file still downloads" "$STATUS $(sha "$TMP/body")" "200 $sf"
jget "/cases/$b"
expect "...and the survivor's view lists it, with both notes" "$(jf "[.Attachments[].id] | map(tostring) | join(\",\")") $(jf '[.Notes[].id] | sort | map(tostring) | join(",")')" \
    "$f1 $(printf '%s\n' "$n1" "$n2" | sort -n | paste -sd,)"
expect "...its history names the merged case on the rows that came from it" \
    "$(jf "[.History[] | select(.from_case_id != null) | .from_case] | unique | join(\",\")")" "$(num "$a")"
expect "...and its status timeline is its own (the merged case's status rows left out)" \
    "$(jf '[.StatusHistory[].new_value] | join(",")')" "NEW"
jget "/cases/$a"
expect "the merged case's view says where it went" "$STATUS $(jf '[.Case.status_code, .Case.merged_into, .Case.merged_into_id] | map(tostring) | join("|")')" "200 MRG|$nb|$b"
req "/cases/$a"
contains "...with a link in HTML" "$BODY" "<a href=\"/cases/$b\">$nb</a>"
lacks "...and no merge form any more" "$BODY" "/cases/$a/merge"

# After the merge: the source is closed, and a closed case is no target.
c=$(newcase "Tercero+T113" "$cu1")
before=$(fp "$a" "$b")
jmerge "$a" "into=$nb&version=$((va + 1))"
expect "merging the merged (closed) case again answers 409" "$STATUS $(jf .error.code)" "409 case_closed"
expect "...saying so" "$(jf .error.message)" "Este caso ya está cerrado: no se puede combinar."
jmerge "$c" "into=$na&version=$(ver "$c")"
expect "merging into the merged (closed) case answers 409" "$STATUS $(jf .error.code)" "409 target_closed"
jpost "/cases/$a/close" "resolution=Otra&status=MRG"
expect "MRG is not a status one closes with: only a merge sets it" "$STATUS $(jf .error.field)" "422 status"
expect "...nothing changed" "$(fp "$a" "$b")" "$before"

# Across customers with confirm=1; JSON answers both cases.
g=$(newcase "Con+confirmacion+T113" "$cu1"); jpost "/cases/$g/notes" "title=Nota+G+T113"; ng=$(loc)
sql "UPDATE cases SET next_at = IF(id = $g, '2029-06-01 08:00:00', '2031-01-01 08:00:00') WHERE id IN ($g, $o)"
merge "$g" "into=$(num "$o")&version=$(ver "$g")&confirm=1&note=Cliente+equivocado"
expect "with confirm=1 another customer's case is a target (303)" "$STATUS $(header Location)" "303 /cases/$o?saved=1"
expect "...the note moved, the case merged" "$(sql "SELECT case_id FROM note_cases WHERE note_id = $ng")|$(state "$g" | cut -d'|' -f1,2,4)" "$o|MRG|1|$o"
expect "...the survivor takes the merged case's next management when it is the earlier" "$(state "$o" | cut -d'|' -f5)" "2029-06-01 08:00:00"
sql "UPDATE cases SET next_at = '2031-06-01 08:00:00' WHERE id = $c"
jmerge "$c" "into=$nb&version=$(ver "$c")"
expect "a JSON merge answers 200 with both cases" "$STATUS $(jf '[.Merged.id, .Merged.number, .Merged.into_id, .Merged.into] | map(tostring) | join("|")')" "200 $c|$(num "$c")|$b|$nb"
expect "...the survivor keeps its own next management when it is the earlier" "$(state "$b" | cut -d'|' -f5)" "2030-05-01 15:00:00"

# Out of the agent's scope (Cases.agents_restricted): the target reads as unknown, as a number that does not exist.
restart_screens() {
    "$CTL" screens-restart >/dev/null
    for _ in $(seq 50); do req /health; [ "$STATUS" = 200 ] && return; sleep 0.2; done
}
factur=$(sql "SELECT id FROM areas WHERE name = 'Facturación'")
s=$(newcase "Mio+T113" "$cu1" "$factur" "assignee=$agent") hidden=$(newcase "Ajeno+T113" "$cu1" "$factur")
printf 'Cases {\n  agents_restricted = 1\n}\n' >>"$CONF_FILE"
restart_screens
sign_in agente agente-demo; t=$(csrf)
before=$(fp "$s" "$hidden")
jmerge "$s" "into=$(num "$hidden")&version=$(ver "$s")"
expect "restricted: a case the agent may not see answers 422 like an unknown number" "$STATUS $(jf .error.field) $(jf .error.message)" "422 into $unknown"
expect "...and nothing changed" "$(fp "$s" "$hidden")" "$before"
jmerge "$hidden" "into=$(num "$s")&version=$(ver "$hidden")"
expect "...merging the unseen case itself answers 403" "$STATUS" 403
sed -i '/^Cases {$/,/^}$/d' "$CONF_FILE"
restart_screens
sign_in agente agente-demo; t=$(csrf)

# Two opposite merges at once (p into q, q into p): one 303, one 409, never a 503; one merged, one open.
fails=0
for i in 1 2 3; do
    p=$(newcase "Carrera+$i+T113" "$cu1") q=$(newcase "Carrera+$i+bis+T113" "$cu1")
    curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -d "into=$(num "$q")&version=$(ver "$p")&csrf=$t" "$URL/cases/$p/merge" >"$TMP/race1" &
    curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -d "into=$(num "$p")&version=$(ver "$q")&csrf=$t" "$URL/cases/$q/merge" >"$TMP/race2" &
    wait
    got="$(cat "$TMP/race1" "$TMP/race2" | fold -w3 | sort | tr '\n' ' ')|$(sql "SELECT GROUP_CONCAT(CONCAT(s.code, c.closed) ORDER BY s.code) FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id IN ($p, $q)")"
    [ "$got" = "303 409 |MRG1,NEW0" ] || { fails=$((fails + 1)); echo "#   round $i: $got"; }
done
expect "two opposite merges at once, three rounds: one 303 and one 409 each, one case merged, one open" "$fails" 0

# A merged case is not reactivated: its history lives in the survivor now.
sign_in supervisor supervisor-demo; t=$(csrf)
m=$(sql "SELECT MAX(id) FROM cases WHERE merged_into_id IS NOT NULL")
before=$(sql "SELECT CONCAT_WS('|', status_id, closed, version, episode) FROM cases WHERE id = $m")
post "/cases/$m/reactivate" "note=Volver+a+abrir"
expect "a supervisor reactivating a merged case gets 422 on note" "$STATUS" 422
contains "...saying it was merged" "$BODY" "se combinó en otro"
expect "...and the case is unchanged" "$(sql "SELECT CONCAT_WS('|', status_id, closed, version, episode) FROM cases WHERE id = $m")" "$before"
req "/cases/$m"
lacks "...its view offers no reactivation" "$BODY" "/reactivate\""

# Writes to two cases in the same status do not queue behind each other:
# the case row alone is locked, not its status row.
a=$(newcase "Bloqueo+A+T113" "$cu1") b=$(newcase "Bloqueo+B+T113" "$cu1")
# (the holder is a write to case a in progress: its row locked and changed,
#  which takes a shared lock on its status row through the foreign key)
mariadb --defaults-file="$ATIENDE_VAR/my.cnf" -uroot atiende -e "BEGIN; SELECT id FROM cases WHERE id = $a FOR UPDATE; UPDATE cases SET updated_at = UTC_TIMESTAMP() WHERE id = $a; SELECT SLEEP(6); ROLLBACK;" >/dev/null &
holder=$!
sleep 1
sign_in agente agente-demo; t=$(csrf)
start=$(date +%s)
post "/cases/$b/reassign" "assignee=$(sql "SELECT id FROM users WHERE login = 'agente2'")"
took=$(( $(date +%s) - start ))
wait $holder
expect "a reassign of another case in the same status is not held by a locked case" "$STATUS $([ "$took" -lt 4 ] && echo fast || echo "waited ${took}s")" "303 fast"
