#!/bin/bash
# The customer portal (P1–P5): who sees which case (list, view, print, files, JSON; guessed ids answer 404), opening cases with files (1 MB each), adding information by state, the state mapping, nothing internal shown, the customer's notifications and e-mails, CSRF and roles.
. "$(dirname "$0")/../lib.sh"
ADMIN=$ATIENDE_BUILD/bin/atiende-admin

S=$(date +%s)$$                        # unique names per run: tests share the database
PW="clave-portal-$S"
BASE=$(awk '$1 == "base_url" { print $3; exit }' "$ATIENDE_CONF")
check "setup: the site's base URL read from the configuration" grep -q "^https\?://" <<<"$BASE"
agent2=$(uid agente2)
id() { sql "SELECT id FROM $1 WHERE $2 = '$3'"; }
soporte=$(id areas name 'Soporte técnico') medium=$(id priorities code medium) portal_src=$(id sources code portal)
new=$(id statuses code NEW) pro=$(id statuses code PRO) wrc=$(id statuses code WRC)
pending2=$(sql "SELECT id FROM statuses WHERE portal_state = 'pending' AND is_initial = 0 AND closed = 0 AND active = 1 ORDER BY position LIMIT 1")
loc() { local l; l=$(header Location); l=${l%%\?*}; echo "${l##*/}"; }
mp() { req -H 'Accept: application/json' "$@"; }             # a JSON multipart request: mp -F ... PATH
dl() { req "$1" 2>/dev/null; }                                # a download (binary body)
counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM notes), (SELECT COUNT(*) FROM note_cases), (SELECT COUNT(*) FROM attachments), (SELECT COUNT(*) FROM case_history))"; }
state() { sql "SELECT s.portal_state FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $1"; }
ver() { sql "SELECT version FROM cases WHERE id = $1"; }
nots() { sql "SELECT COUNT(*) FROM notifications WHERE user_id = $1${2:+ AND case_id = $2}"; }
mails() { sql "SELECT COUNT(*) FROM outbox WHERE to_addr = '$1'${2:+ AND case_id = $2}"; }
lastnot() { sql "SELECT CONCAT_WS('|', kind, case_id, text) FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT 1"; }
lastmail() { sql "SELECT CONCAT_WS('|', case_id, subject, body_text, body_html) FROM outbox WHERE to_addr = '$1' ORDER BY id DESC LIMIT 1"; }
ids() { jf '[.Cases[]?.id] | sort | map(tostring) | join(",")'; }
want() { sql "SELECT COALESCE(GROUP_CONCAT(id ORDER BY id), '') FROM cases WHERE customer_id IN ($1)"; }

# Each portal user keeps a session: as NAME switches $JAR and $t to it.
declare -A JARS TOKENS
login_as() { sign_in "$1" "$2"; JARS[$1]=$JAR; TOKENS[$1]=$(csrf); }
as() { JAR=${JARS[$1]}; t=${TOKENS[$1]}; }

# Two organizations; A has a person (A1) and a person who is its portal admin (A2); B has one person.
sign_in agente agente-demo; t=$(csrf)
JARS[agente]=$JAR TOKENS[agente]=$t
jpost /customers "kind=organization&legal_name=Org+A+T100+$S"; orgA=$(jf .Customer.id)
jpost /customers "kind=organization&legal_name=Org+B+T100+$S"; orgB=$(jf .Customer.id)
jpost /customers "kind=person&first_name=Alba&first_surname=Uno$S&organization=$orgA"; pA1=$(jf .Customer.id)
jpost /customers "kind=person&first_name=Abel&first_surname=Dos$S&organization=$orgA"; pA2=$(jf .Customer.id)
jpost /customers "kind=person&first_name=Berta&first_surname=Tres$S&organization=$orgB"; pB=$(jf .Customer.id)
expect "setup: two organizations and three people made" "$(sql "SELECT GROUP_CONCAT(CONCAT(kind, ':', COALESCE(organization_id, '-')) ORDER BY id) FROM customers WHERE id IN ($orgA, $orgB, $pA1, $pA2, $pB)")" \
    "organization:-,organization:-,person:$orgA,person:$orgA,person:$orgB"
mkuser() { echo "$PW" | "$ADMIN" user add "$1" --role customer --name "$2" --email "$1@t100.example" >/dev/null 2>&1; uid "$1"; }
a1=a1-$S a2=a2-$S b1=b1-$S u0=u0-$S
ua1=$(mkuser "$a1" "Alba Uno") ua2=$(mkuser "$a2" "Abel Dos") ub=$(mkuser "$b1" "Berta Tres") u0id=$(mkuser "$u0" "Sin Ficha")
sql "UPDATE users SET customer_id = $pA1, portal_admin = 0 WHERE id = $ua1;
     UPDATE users SET customer_id = $pA2, portal_admin = 1 WHERE id = $ua2;
     UPDATE users SET customer_id = $pB, portal_admin = 0 WHERE id = $ub;
     INSERT INTO teams (name, description) VALUES ('T100 Alfa $S', 'A'), ('T100 Beta $S', 'A bis'), ('T100 Bravo $S', 'B')"
alfa=$(id teams name "T100 Alfa $S") beta=$(id teams name "T100 Beta $S") bravo=$(id teams name "T100 Bravo $S")
sql "INSERT INTO team_members (team_id, user_id) VALUES ($beta, $ua1), ($alfa, $ua1), ($alfa, $ua2), ($bravo, $ub)"
expect "setup: four customer users, three linked (A2 portal admin)" "$(sql "SELECT GROUP_CONCAT(CONCAT_WS(':', role, COALESCE(customer_id, '-'), portal_admin) ORDER BY id) FROM users WHERE id IN ($ua1, $ua2, $ub, $u0id)")" \
    "customer:$pA1:0,customer:$pA2:1,customer:$pB:0,customer:-:0"
login_as "$a1" "$PW"; login_as "$a2" "$PW"; login_as "$b1" "$PW"; login_as "$u0" "$PW"
expect "setup: the customer users sign in" "$(for u in "$a1" "$a2" "$b1" "$u0"; do as "$u"; test -n "$t" && echo -n y; done)" yyyy

# Files.
head -c 70000 /dev/urandom >"$TMP/a1.bin"; printf 'factura %s\n' "$S" >"$TMP/b.txt"
head -c 1048577 /dev/urandom >"$TMP/big"; head -c 1048576 /dev/urandom >"$TMP/max"
sha() { sha256sum "$1" | cut -d' ' -f1; }

# P1: opening a case. A1 (form, multipart, two files), then JSON.
as "$a1"; before=$(counts)
req -F "title=Impresora T100 $S" -F "description=No imprime desde ayer" -F "file=@$TMP/a1.bin;filename=foto.bin" \
    -F "file=@$TMP/b.txt;filename=factura.txt" -F "csrf=$t" /portal/cases/new
cA1=$(loc)
expect "a portal case by form answers 303 to the case, with created=1" "$STATUS $(header Location)" "303 /portal/cases/$cA1?created=1"
expect "...stored for the user's person, by the user, from the portal, in the portal area, medium, the initial status, the first of their spaces" \
    "$(sql "SELECT CONCAT_WS('|', customer_id, created_by, source_id, area_id, priority_id, status_id, team_id, subject, description) FROM cases WHERE id = $cA1")" \
    "$pA1|$ua1|$portal_src|$soporte|$medium|$new|$alfa|Impresora T100 $S|No imprime desde ayer"
expect "...its files in one public note of the customer" \
    "$(sql "SELECT CONCAT_WS('|', n.public, n.author_id, GROUP_CONCAT(CONCAT(a.name, ':', a.size, ':', a.sha256) ORDER BY a.id)) FROM note_cases nc JOIN notes n ON n.id = nc.note_id JOIN attachments a ON a.note_id = n.id WHERE nc.case_id = $cA1 GROUP BY n.id")" \
    "1|$ua1|foto.bin:70000:$(sha "$TMP/a1.bin"),factura.txt:$(stat -c %s "$TMP/b.txt"):$(sha "$TMP/b.txt")"
expect "...one case, note, link, two attachments and two history rows (create, status) more" "$(counts)" "$(awk -F/ -v OFS=/ '{ print $1+1, $2+1, $3+1, $4+2, $5+2 }' <<<"$before")"
expect "...an audit row" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'portal_case_create' AND object_id = $cA1 AND user_id = $ua1")" 1
req "/portal/cases/$cA1?created=1"
expect "...whose page answers 200 and says the number" "$STATUS $(grep -c "$(sql "SELECT number FROM cases WHERE id = $cA1")" <<<"$BODY" | awk '{ print ($1 > 0) }')" "200 1"
jpost /portal/cases "title=Segundo+T100+$S&description=Otra+cosa&space=$beta"; cA1b=$(jf .Case.id)
expect "a JSON portal case answers 201 with its Location and the case" "$STATUS $(header Location) $(jf '.Case | [.state, .user, .organization, .space, .title] | join("|")')" \
    "201 /portal/cases/$cA1b pending|Alba Uno$S|Org A T100 $S|T100 Beta $S|Segundo T100 $S"
expect "...the space chosen among the user's teams" "$(sql "SELECT team_id FROM cases WHERE id = $cA1b")" "$beta"
post /portal/cases "title=%3Cscript%3Ealert(1)%3C%2Fscript%3E+T100&description=%3Cb%3Ehola%3C%2Fb%3E"; cX=$(loc)
req "/portal/cases/$cX"; v=$BODY; req "/portal/cases/$cX/print"; v="$v$BODY"; req "/portal/cases?q=T100"; v="$v$BODY"
check "the title and description are escaped in the view, print and list" test "$(grep -c '<script>alert\|<b>hola' <<<"$v")" = 0 -a "$(grep -c '&lt;script&gt;alert' <<<"$v")" -ge 3
before=$(counts)
bad "a space of another customer's team" /portal/cases "title=x&description=y&space=$bravo" space
bad "space=abc" /portal/cases "title=x&description=y&space=abc" space
bad "a case without title" /portal/cases "description=y" title
bad "a blank title" /portal/cases "title=+++&description=y" title
bad "a case without description" /portal/cases "title=x" description
bad "a blank description" /portal/cases "title=x&description=%20%0A" description
mp -F "title=Sin descripción" -F "file=@$TMP/b.txt;filename=b.txt" -F "csrf=$t" /portal/cases
expect "a multipart case with a file but no description answers 422 naming description" "$STATUS $(jf .error.field)" "422 description"
post /portal/cases/new "description=sin+titulo"
expect "a form case without title answers 422 in one HTML page with the message" "$STATUS $(grep -c '</html>' <<<"$BODY") $(grep -c 'Escriba un título para el caso.' <<<"$BODY")" "422 1 1"
expect "...none of them saved anything" "$(counts)" "$before"

# The 1 MB limit per file (Limits.max_file_portal = 1048576 bytes).
mp -F "title=Grande" -F "description=d" -F "file=@$TMP/b.txt;filename=ok.txt" -F "file=@$TMP/big;filename=big.bin" -F "csrf=$t" /portal/cases
expect "a case with a file of 1,048,577 bytes answers 413" "$STATUS $(jf .error.message)" "413 Un archivo supera el tamaño permitido; no se guardó nada."
req -F "title=Grande" -F "description=d" -F "file=@$TMP/big;filename=big.bin" -F "csrf=$t" /portal/cases/new
expect "...by form too" "$STATUS" 413
expect "...no case, note or attachment saved" "$(counts)|$(sql "SELECT COUNT(*) FROM file_contents WHERE sha256 = '$(sha "$TMP/big")'")" "$before|0"
mp -F "title=Justo T100" -F "description=d" -F "file=@$TMP/max;filename=max.bin" -F "csrf=$t" /portal/cases; cMax=$(jf .Case.id)
expect "a file of exactly 1,048,576 bytes is accepted" "$STATUS $(sql "SELECT a.size FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = $cMax")" "201 1048576"

# CSRF.
before=$(counts)
req -H 'Accept: application/json' -d "title=Sin+CSRF&description=d" /portal/cases
expect "a portal case without the CSRF token answers 403" "$STATUS" 403
mp -F "title=Sin CSRF" -F "description=d" -F "file=@$TMP/b.txt;filename=b.txt" /portal/cases/new
expect "...multipart too" "$STATUS" 403
req -d "body=sin+csrf" "/portal/cases/$cA1/notes"
expect "adding information without the CSRF token answers 403" "$STATUS" 403
req -d "body=csrf+ajeno&csrf=${TOKENS[$b1]}" "/portal/cases/$cA1/notes"
expect "...or with another session's token" "$STATUS" 403
expect "...and nothing was saved" "$(counts)" "$before"

# The other portal users' cases: A2 (portal admin) opens one, B opens two, staff open one for org A, one for A1, one for B.
as "$a2"; jpost /portal/cases "title=Del+admin+T100+$S&description=d"; cA2=$(jf .Case.id)
expect "the portal admin's case is filed for their own person" "$(sql "SELECT customer_id FROM cases WHERE id = $cA2")" "$pA2"
mp -F "title=Adjunto A2" -F "description=d" -F "file=@$TMP/b.txt;filename=a2.txt" -F "csrf=$t" /portal/cases; cA2f=$(jf .Case.id)
as "$b1"; mp -F "title=Caso B T100 $S" -F "description=d" -F "file=@$TMP/b.txt;filename=b.txt" -F "csrf=$t" /portal/cases; cB=$(jf .Case.id)
expect "B's case answers 201, for B's person, in B's space" "$STATUS $(sql "SELECT CONCAT_WS('|', customer_id, team_id) FROM cases WHERE id = $cB")" "201 $pB|$bravo"
as agente
jpost /cases "subject=De+la+empresa+A+T100&description=d&area=$soporte&customer=$orgA"; cOrg=$(jf .Case.id)
jpost /cases "subject=Por+tel%C3%A9fono+T100&description=d&area=$soporte&customer=$pA1"; cA1s=$(jf .Case.id)
jpost /cases "subject=De+B+por+tel%C3%A9fono&description=d&area=$soporte&customer=$pB"; cBs=$(jf .Case.id)
expect "setup: staff cases for org A, A1 and B made" "$(sql "SELECT GROUP_CONCAT(customer_id ORDER BY id) FROM cases WHERE id IN ($cOrg, $cA1s, $cBs)")" "$orgA,$pA1,$pB"

# P2: who sees what, by the list (JSON and HTML).
as "$a1"; jget /portal/cases
expect "A1's list (JSON) is exactly A1's cases" "$STATUS $(ids) $(jf .Pager.total)" "200 $(want "$pA1") $(sql "SELECT COUNT(*) FROM cases WHERE customer_id = $pA1")"
expect "...with id, number, opened_at, title, state, user" "$(jf ".Cases[] | select(.id == $cA1) | [.number, (.opened_at | test(\"^[0-9]{4}-\") | tostring), .title, .state, .user] | join(\"|\")")" \
    "$(sql "SELECT number FROM cases WHERE id = $cA1")|true|Impresora T100 $S|pending|Alba Uno$S"
expect "...not org-wide" "$(jf .Portal.org_wide)" false
req /portal/cases
contains "A1's list (HTML) links A1's case" "$BODY" "href=\"/portal/cases/$cA1\""
contains "...and the case A1 opened by phone" "$BODY" "href=\"/portal/cases/$cA1s\""
lacks "...not the portal admin's case" "$BODY" "href=\"/portal/cases/$cA2\""
lacks "...not the organization's case" "$BODY" "href=\"/portal/cases/$cOrg\""
lacks "...not B's" "$BODY" "href=\"/portal/cases/$cB\""
as "$a2"; jget /portal/cases
expect "the portal admin's list is every case of org A and its people" "$STATUS $(ids)" "200 $(want "$orgA, $pA1, $pA2")"
contains "...A1's among them" ",$(ids)," ",$cA1,"
contains "...and the organization's own" ",$(ids)," ",$cOrg,"
lacks "...but none of B's" ",$(ids)," ",$cB,"
expect "...org-wide" "$(jf .Portal.org_wide)" true
req /portal/cases
contains "...the HTML says the company's cases" "$BODY" "Casos de mi empresa"
lacks "...and links none of B's" "$BODY" "href=\"/portal/cases/$cB\""
as "$b1"; jget /portal/cases
expect "B's list is B's two cases only" "$STATUS $(ids)" "200 $(want "$pB")"
expect "...which are these" "$(ids)" "$(printf '%s\n' "$cB" "$cBs" | sort | paste -sd,)"

# Search, state filter and pages.
as "$a1"
numA1=$(sql "SELECT number FROM cases WHERE id = $cA1") numB=$(sql "SELECT number FROM cases WHERE id = $cB")
jget "/portal/cases?q=$numA1"; expect "q=an exact case number finds it" "$STATUS $(ids)" "200 $cA1"
jget "/portal/cases?q=${numA1%?}"; expect "...not a prefix of it" "$(ids)" ""
jget "/portal/cases?q=$numB"; expect "q=another customer's case number finds nothing" "$STATUS $(ids) $(jf .Pager.total)" "200  0"
jget "/portal/cases?q=presora+T100"; expect "q=a part of the title" "$(ids)" "$cA1"
jget "/portal/cases?q=Caso+B+T100"; expect "q=another customer's title finds nothing" "$(ids)" ""
jget "/portal/cases?q=100%25"; expect "q with % is literal" "$STATUS $(ids)" "200 "
jget "/portal/cases?state=pending"; expect "state=pending lists the pending ones" "$(ids)" "$(want "$pA1")"
jget "/portal/cases?state=finished"; expect "state=finished none yet" "$STATUS $(ids)" "200 "
for b in state=closed state=NEW state=PRO page=0 page=abc; do
    jget "/portal/cases?$b"; expect "a bad filter $b answers 400" "$STATUS" 400
done
req "/portal/cases?state=bogus"; expect "...in HTML too" "$STATUS" 400
as "$b1"
for i in $(seq 1 21); do jpost /portal/cases "title=Lote+B+$i&description=d" >/dev/null; done
jget /portal/cases
expect "23 cases of B: page 1 shows 20, newest first" "$(jf '.Cases | length') $(jf '.Pager | "\(.page)|\(.pages)|\(.total)"') $(jf '.Cases[0].title')" "20 1|2|23 Lote B 21"
jget "/portal/cases?page=2"
expect "...page 2 the other 3" "$(jf '.Cases | length') $(jf '.Pager.page')" "3 2"
jget "/portal/cases?page=2&q=Lote+B"
expect "...page 2 of a search counts only the matches" "$(jf '.Cases | length') $(jf '.Pager.total')" "1 21"

# Staff's internal work on A1's case: assignee, an internal note with a file, an internal activity.
MK="INTERNO-$S"
as agente
post "/cases/$cA1/reassign" "assignee=$agent2&note=$MK-reasignado"
expect "setup: A1's case assigned to agente2" "$STATUS $(sql "SELECT assignee_id FROM cases WHERE id = $cA1")" "303 $agent2"
nA1=$(nots "$ua1") mA1=$(mails "$a1@t100.example")
mp -F "title=$MK nota" -F "body=$MK cuerpo" -F "public=0" -F "file=@$TMP/b.txt;filename=$MK.txt" -F "csrf=$t" "/cases/$cA1/notes"; nInt=$(loc)
expect "setup: an internal note with a file" "$STATUS $(sql "SELECT public FROM notes WHERE id = $nInt")" "201 0"
attInt=$(sql "SELECT id FROM attachments WHERE note_id = $nInt")
jpost "/cases/$cA1/activities" "description=$MK+actividad"
expect "setup: an internal activity" "$STATUS" 201
expect "an internal note tells the customer nothing (no alert, no e-mail)" "$(nots "$ua1")|$(mails "$a1@t100.example")" "$nA1|$mA1"
jpost "/cases/$cA1/notes" "title=Respuesta+T100+$S&body=Ya+revisamos&public=1"; nPub=$(loc)
mp -F "title=Manual $S" -F "body=Siga estos pasos" -F "public=1" -F "file=@$TMP/b.txt;filename=manual.txt" -F "csrf=$t" "/cases/$cA1/notes"; nPubF=$(loc)
attPub=$(sql "SELECT id FROM attachments WHERE note_id = $nPubF")
expect "public notes tell A1: one alert each, kind note, on the case" "$(( $(nots "$ua1") - nA1 )) $(lastnot "$ua1" | cut -d'|' -f1,2)" "2 note|$cA1"
contains "...saying the note's title" "$(lastnot "$ua1")" "Manual $S"
expect "...and an e-mail each to A1" "$(( $(mails "$a1@t100.example") - mA1 ))" 2
contains "...linking to the portal case" "$(lastmail "$a1@t100.example")" "$BASE/portal/cases/$cA1"
lacks "...not to the staff case" "$(lastmail "$a1@t100.example")" "$BASE/cases/$cA1"
lacks "...nor naming the internal note" "$(lastmail "$a1@t100.example")" "$MK"
expect "the portal admin is not A1 and is not told" "$(nots "$ua2" "$cA1")|$(mails "$a2@t100.example" "$cA1")" "0|0"

# P3: the case as A1 sees it (JSON, HTML, print): public notes only, nothing internal.
as "$a1"; jget "/portal/cases/$cA1"
expect "A1's case view (JSON) answers 200 with the case" "$STATUS $(jf '.Case | [.id, .number, .title, .description, .state, .user, .organization, .space, .can_add, .can_print] | map(tostring) | join("|")')" \
    "200 $cA1|$numA1|Impresora T100 $S|No imprime desde ayer|pending|Alba Uno$S|Org A T100 $S|T100 Alfa $S|true|true"
expect "...no resolution while pending" "$(jf '.Case.resolution')" null
expect "...the public notes only" "$(jf '[.Notes[].id] | map(tostring) | join(",")')" "$(sql "SELECT GROUP_CONCAT(n.id ORDER BY n.id) FROM note_cases nc JOIN notes n ON n.id = nc.note_id AND n.public = 1 WHERE nc.case_id = $cA1")"
lacks "...not the internal one" ",$(jf '[.Notes[].id] | map(tostring) | join(",")')," ",$nInt,"
expect "...staff notes signed by nobody, the customer's by the customer" "$(jf "[.Notes[] | select(.id == $nPub or .id < $nPub) | \"\(.from_customer):\(.author)\"] | join(\",\")")" "1:Alba Uno,0:"
expect "...the files of public notes only" "$(jf '[.Files[].name] | join(",")')" "foto.bin,factura.txt,manual.txt"
# noleak WHEN: A1's and the portal admin's pages show nothing internal: no internal note or its file,
# activity, reassignment or status note, no assignee's name or e-mail, no internal status.
INTERNAL="$MK|agente2|$(sql "SELECT name FROM users WHERE id = $agent2")|$(sql "SELECT email FROM users WHERE id = $agent2")|En proceso|En espera de recaudos"
noleak() {
    local u page
    for u in "$a1" "$a2"; do
        as "$u"
        for page in "/portal/cases/$cA1" "/portal/cases/$cA1?format=json" "/portal/cases/$cA1/print" "/portal/cases" "/portal/cases?format=json" "/portal/cases?q=T100&format=json" "/notifications" "/notifications?format=json"; do
            req "$page"
            [ "$STATUS" = 409 ] && [ "${page%/print}" != "$page" ] && continue    # print while investigating
            check "$1: ${u%%-*}'s $page ($STATUS) shows nothing internal" test "$STATUS" = 200 -a -z "$(grep -oE "$INTERNAL" <<<"$BODY")"
        done
    done
}
noleak pending
# By direct id: a case outside the user's scope is not there (404, never 403).
pair() { as "$1"; req "/portal/cases/$2"; echo -n "$STATUS"; }
expect "A1 sees A1's cases, not A2's, org A's or B's" "$(pair "$a1" "$cA1") $(pair "$a1" "$cA1s") $(pair "$a1" "$cA2") $(pair "$a1" "$cOrg") $(pair "$a1" "$cB")" "200 200 404 404 404"
expect "the portal admin sees A1's, A2's and org A's, not B's" "$(pair "$a2" "$cA1") $(pair "$a2" "$cA2") $(pair "$a2" "$cOrg") $(pair "$a2" "$cB") $(pair "$a2" "$cBs")" "200 200 200 404 404"
expect "B sees B's, none of A's" "$(pair "$b1" "$cB") $(pair "$b1" "$cA1") $(pair "$b1" "$cA2") $(pair "$b1" "$cOrg")" "200 404 404 404"
as "$b1"; jget "/portal/cases/$cA1"
expect "...in JSON: 404 not_found" "$STATUS $(jf .error.code)" "404 not_found"
for p in "/portal/cases/999999999" "/portal/cases/abc" "/portal/cases/$cB/x" "/portal/cases/$cA1/print" "/portal/cases/$cA1/x"; do
    req "$p"; expect "B: $p answers 404" "$STATUS" 404
done
before=$(counts)
post "/portal/cases/$cA1/notes" "body=intruso"; s1=$STATUS
post "/portal/cases/$cA1" "body=intruso"; s2=$STATUS
mp -F "body=intruso" -F "file=@$TMP/b.txt;filename=x.txt" -F "csrf=$t" "/portal/cases/$cOrg/notes"; s3=$STATUS
expect "B adding information to A's cases gets 404, nothing saved" "$s1 $s2 $s3 $(counts)" "404 404 404 $before"

# By attachment id.
fA1=$(sql "SELECT MIN(a.id) FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = $cA1")
fA2=$(sql "SELECT a.id FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = $cA2f")
fB=$(sql "SELECT a.id FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = $cB")
get() { as "$1"; dl "/attachments/$2"; echo -n "$STATUS"; }
as "$a1"; dl "/attachments/$fA1"
expect "A1 downloads the file of their case, the exact bytes" "$STATUS $(sha "$TMP/body")" "200 $(sha "$TMP/a1.bin")"
expect "A1: staff's public file 200, the internal note's file 404, A2's 404, B's 404" "$(get "$a1" "$attPub") $(get "$a1" "$attInt") $(get "$a1" "$fA2") $(get "$a1" "$fB")" "200 404 404 404"
expect "the portal admin: A1's 200, A2's 200, the internal 404, B's 404" "$(get "$a2" "$fA1") $(get "$a2" "$fA2") $(get "$a2" "$attInt") $(get "$a2" "$fB")" "200 200 404 404"
expect "B: B's 200, A1's 404, A2's 404, the internal 404" "$(get "$b1" "$fB") $(get "$b1" "$fA1") $(get "$b1" "$fA2") $(get "$b1" "$attInt")" "200 404 404 404"
expect "a customer without a linked person: 404 on every file" "$(get "$u0" "$fA1") $(get "$u0" "$fB")" "404 404"
expect "staff still download every one" "$(get agente "$fA1") $(get agente "$attInt") $(get agente "$fB")" "200 200 200"

# Guessing ids, from each portal user's session: every case id 1..max(id)+3 and every
# attachment id 1..max(id)+3. After t51/t83 (105,000 cases generated in bulk: numbers
# 1999-/1983-, no customer, no notes; their ids with gaps) those bulk cases and the gaps
# are asked one in 100; every other case, and every case with a customer, always.
maxc=$(sql "SELECT MAX(id) FROM cases") maxa=$(sql "SELECT MAX(id) + 3 FROM attachments")
CASE_IDS="SELECT s.seq, c.customer_id FROM seq_1_to_$((maxc + 3)) s LEFT JOIN cases c ON c.id = s.seq
          WHERE c.customer_id IS NOT NULL OR NOT (c.number LIKE '1999-%' OR c.number LIKE '1983-%')
             OR s.seq % 100 = 0 OR s.seq > $maxc
             OR (c.id IS NULL AND $(sql "SELECT COUNT(*) FROM cases WHERE number LIKE '1999-%' OR number LIKE '1983-%'") = 0)"
# sweep DESC SQL FMT [curl args]: asks $URL + FMT (printf, %s the id) for each row "id<TAB>wanted status" of SQL, in $JAR's session.
sweep() {
    local desc=$1 q=$2 fmt=$3; shift 3
    sql "$q" | cut -f1,2 >"$TMP/want"
    awk -F'\t' -v u="$URL" -v f="$fmt" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", u, sprintf(f, $1) }' "$TMP/want" >"$TMP/cfg"
    curl -s -b "$JAR" -w '%{http_code}\n' "$@" -K "$TMP/cfg" >"$TMP/got"
    local n wrong
    n=$(wc -l <"$TMP/want")
    wrong=$(paste "$TMP/want" "$TMP/got" | awk -F'\t' '$2 != $3 { print $1 ": " $3 " (want " $2 ")" }')
    if [ "$n" -gt 0 ] && [ "$(wc -l <"$TMP/got")" = "$n" ] && [ -z "$wrong" ]; then ok "$desc ($n ids)"; else not_ok "$desc"; head -5 <<<"$wrong" | sed 's/^/#   /'; fi
}
scope() { sql "SELECT GROUP_CONCAT(id) FROM customers WHERE id = $1 OR (${2:-0} AND organization_id = $1)"; }
visible() { echo "SELECT seq, IF(customer_id IN ($1), 200, 404) FROM ($CASE_IDS) v"; }
as "$b1"; sweep "B: GET /portal/cases/{id} over every id is 404 except B's own (200)" "$(visible "$pB")" "/portal/cases/%s"
sweep "B: GET /portal/cases/{id}/print is 404 except B's own" \
    "SELECT v.seq, IF(v.customer_id = $pB, IF(s.portal_state = 'investigating', 409, 200), 404) FROM ($CASE_IDS) v LEFT JOIN cases c ON c.id = v.seq LEFT JOIN statuses s ON s.id = c.status_id" "/portal/cases/%s/print"
before=$(counts)
sweep "B: POST /portal/cases/{id}/notes on every case not B's is 404" "SELECT seq, 404 FROM ($CASE_IDS) v WHERE customer_id IS NULL OR customer_id <> $pB" "/portal/cases/%s/notes" -d "body=adivinando&csrf=$t"
sweep "B: POST /portal/cases/{id} on every case not B's is 404" "SELECT seq, 404 FROM ($CASE_IDS) v WHERE customer_id IS NULL OR customer_id <> $pB" "/portal/cases/%s" -d "body=adivinando&csrf=$t"
expect "...and nothing was saved" "$(counts)" "$before"
FILES="SELECT s.seq, IF(EXISTS (SELECT 1 FROM attachments a JOIN notes n ON n.id = a.note_id AND n.public = 1
       JOIN note_cases nc ON nc.note_id = n.id JOIN cases c ON c.id = nc.case_id WHERE a.id = s.seq AND c.customer_id IN (%s)), 200, 404) FROM seq_1_to_$maxa s"
# shellcheck disable=SC2059
sweep "B: GET /attachments/{id} over every id is 404 except the files of B's public notes" "$(printf "$FILES" "$pB")" "/attachments/%s"
as "$a1"; sweep "A1: GET /portal/cases/{id} over every id is 404 except A1's own" "$(visible "$pA1")" "/portal/cases/%s"
# shellcheck disable=SC2059
sweep "A1: GET /attachments/{id} over every id is 404 except the public files of A1's cases" "$(printf "$FILES" "$pA1")" "/attachments/%s"
as "$a2"; sweep "A2 (portal admin): GET /portal/cases/{id} is 200 exactly on org A's and its people's cases" "$(visible "$(scope "$orgA" 1)")" "/portal/cases/%s"
# shellcheck disable=SC2059
sweep "A2: GET /attachments/{id} is 200 exactly on the public files of org A's cases" "$(printf "$FILES" "$(scope "$orgA" 1)")" "/attachments/%s"

# P4: adding information in each state, and the state mapping (P2/P3) as the status moves.
addinfo() { as "$a1"; jpost "/portal/cases/$cA1/notes" "body=$1"; }
seen() { as "$a1"; jget "/portal/cases/$cA1"; local v; v=$(jf '.Case | "\(.state)|\(.can_add)|\(.can_print)"'); jget "/portal/cases?q=$numA1"; echo "$v|$(jf '.Cases[0].state')"; }
nAg=$(nots "$agent2" "$cA1") hist0=$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $cA1 AND kind = 'note'")
as "$a1"; post "/portal/cases/$cA1/notes" "body=Info+pendiente+$S"
expect "pending: adding information (form) answers 303 to the case's notes" "$STATUS $(header Location)" "303 /portal/cases/$cA1?saved=1#notes"
pn=$(sql "SELECT MAX(n.id) FROM notes n JOIN note_cases nc ON nc.note_id = n.id WHERE nc.case_id = $cA1")
expect "...a public note by A1 with the text" "$(sql "SELECT CONCAT_WS('|', public, author_id, body) FROM notes WHERE id = $pn")" "1|$ua1|Info pendiente $S"
expect "...a note history row by A1" "$(( $(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $cA1 AND kind = 'note'") - hist0 )) $(sql "SELECT CONCAT_WS('|', user_id, new_ref) FROM case_history WHERE case_id = $cA1 AND kind = 'note' ORDER BY id DESC LIMIT 1")" "1 $ua1|$pn"
expect "...an alert for the assignee (kind note)" "$(( $(nots "$agent2" "$cA1") - nAg )) $(sql "SELECT kind FROM notifications WHERE user_id = $agent2 AND case_id = $cA1 ORDER BY id DESC LIMIT 1")" "1 note"
req "/portal/cases/$cA1?saved=1"
contains "...and the page shows it" "$BODY" "Info pendiente $S"
as "$a1"; jpost "/portal/cases/$cA1/notes" "body=%20%0A"
expect "empty information (no body, no file) answers 422 naming body" "$STATUS $(jf .error.field)" "422 body"
before=$(counts)
mp -F "body=grande" -F "file=@$TMP/big;filename=big.bin" -F "csrf=$t" "/portal/cases/$cA1/notes"
expect "information with a file of 1,048,577 bytes answers 413" "$STATUS" 413
expect "...nothing saved" "$(counts)" "$before"
mp -F "file=@$TMP/max;filename=justo.bin" -F "csrf=$t" "/portal/cases/$cA1/notes"
expect "information that is only a file of exactly 1 MB answers 201 to the case's notes" "$STATUS $(header Location)" "201 /portal/cases/$cA1?saved=1#notes"
expect "...the file saved in a public note" "$(sql "SELECT CONCAT_WS('|', n.public, a.size) FROM attachments a JOIN notes n ON n.id = a.note_id WHERE a.name = 'justo.bin' AND n.author_id = $ua1")" "1|1048576"
expect "pending: the view and the list show pending, can add and print" "$(seen)" "pending|true|true|pending"
forms() { as "$a1"; req "/portal/cases/$cA1"; echo "$(grep -c "action=\"/portal/cases/$cA1/notes\"" <<<"$BODY") $(grep -c "href=\"/portal/cases/$cA1/print\"" <<<"$BODY")"; }
expect "...the HTML offers adding information and printing" "$(forms)" "1 1"
as "$a1"; req "/portal/cases/$cA1/print"
expect "...the printable page answers 200 with the case" "$STATUS $(grep -c "Impresora T100 $S" <<<"$BODY" | awk '{ print ($1 > 0) }')" "200 1"

as agente; jpost "/cases/$cA1/notes" "title=$MK+antes+de+PRO&body=x&public=0"    # the latest note is internal
nA1=$(nots "$ua1") mA1=$(mails "$a1@t100.example")
post "/cases/$cA1" "status=$pro&note=$MK+a+proceso&version=$(ver "$cA1")"
expect "an agent moves the case to PRO" "$STATUS $(sql "SELECT status_id FROM cases WHERE id = $cA1")" "303 $pro"
expect "investigating: the view and list show investigating; can add, not print" "$(seen)" "investigating|true|false|investigating"
expect "...the HTML offers adding information, not printing" "$(forms)" "1 0"
as "$a1"; jget "/portal/cases?state=investigating"
contains "...state=investigating lists it" ",$(ids)," ",$cA1,"
jget "/portal/cases?state=pending"
lacks "...state=pending no longer" ",$(ids)," ",$cA1,"
req "/portal/cases/$cA1/print"; expect "...print answers 409" "$STATUS" 409
expect "the status change alerted A1 once (kind status) with the portal state, not the internal status" "$(( $(nots "$ua1") - nA1 )) $(lastnot "$ua1" | cut -d'|' -f1,2)" "1 status|$cA1"
contains "...saying En investigación" "$(lastnot "$ua1")" "En investigación"
lacks "...not the code PRO" "$(lastnot "$ua1")" "PRO"
lacks "...nor its name" "$(lastnot "$ua1")" "En proceso"
lacks "...nor the agent's note" "$(lastnot "$ua1")" "$MK"
expect "...and e-mailed A1 once" "$(( $(mails "$a1@t100.example") - mA1 ))" 1
m=$(lastmail "$a1@t100.example")
contains "...an e-mail saying En investigación" "$m" "En investigación"
contains "...linking to the portal case" "$m" "$BASE/portal/cases/$cA1"
lacks "...never the internal status code" "$m" "PRO ·"
lacks "...or name" "$m" "En proceso"
lacks "...or the internal notes" "$m" "$MK"
addinfo "Info+investigando+$S"
expect "investigating: adding information (JSON) answers 201" "$STATUS $(sql "SELECT COUNT(*) FROM notes WHERE body = 'Info investigando $S' AND public = 1 AND author_id = $ua1")" "201 1"
expect "...the JSON shows the note" "$(jf "[.Notes[] | select(.body == \"Info investigando $S\") | .from_customer] | join(\",\")")" 1

as agente; nA1=$(nots "$ua1") mA1=$(mails "$a1@t100.example")
post "/cases/$cA1" "status=$wrc&note=Espera&version=$(ver "$cA1")"
expect "an agent moves it PRO → WRC (both investigating)" "$STATUS $(state "$cA1")" "303 investigating"
expect "...which tells the customer nothing" "$(nots "$ua1")|$(mails "$a1@t100.example")" "$nA1|$mA1"
if [ -n "$pending2" ]; then
    post "/cases/$cA1" "status=$pending2&note=Transferido&version=$(ver "$cA1")"
    expect "a non-initial status mapped to pending shows pending again" "$STATUS $(seen)" "303 pending|true|true|pending"
    expect "...and alerts and e-mails A1" "$(( $(nots "$ua1") - nA1 ))|$(( $(mails "$a1@t100.example") - mA1 ))" "1|1"
    contains "...saying Pendiente" "$(lastnot "$ua1")" "Pendiente"
fi

as agente; nA1=$(nots "$ua1") mA1=$(mails "$a1@t100.example")
RES="Solucion-$S: cambiamos el cartucho"
post "/cases/$cA1/close" "resolution=$RES"
expect "an agent closes the case" "$STATUS $(state "$cA1")" "303 finished"
expect "finished: the view and list show finished; cannot add, can print" "$(seen)" "finished|false|true|finished"
expect "...the HTML offers printing, not adding information" "$(forms)" "0 1"
as "$a1"; jget "/portal/cases/$cA1"
expect "...with the resolution and when it finished" "$(jf '.Case.resolution') $(jf '.Case.finished_at | test("^[0-9]{4}-")')" "$RES true"
req "/portal/cases/$cA1"; contains "...the HTML shows the resolution" "$BODY" "$RES"
req "/portal/cases/$cA1/print"
expect "...and the printable page (200) too" "$STATUS $(grep -c "Solucion-$S" <<<"$BODY" | awk '{ print ($1 > 0) }')" "200 1"
jget "/portal/cases?state=finished"; contains "...state=finished lists it" ",$(ids)," ",$cA1,"
expect "closing alerted and e-mailed A1 (finished)" "$(( $(nots "$ua1") - nA1 ))|$(( $(mails "$a1@t100.example") - mA1 ))" "1|1"
contains "...saying Finalizado" "$(lastnot "$ua1")" "Finalizado"
lacks "...not CLO" "$(lastnot "$ua1") $(lastmail "$a1@t100.example")" "CLO"
before=$(counts) nAg=$(nots "$agent2")
addinfo "Tarde+$S"
expect "finished: adding information answers 409 case_finished" "$STATUS $(jf .error.code)" "409 case_finished"
as "$a1"; post "/portal/cases/$cA1/notes" "body=Tarde+$S"; s1=$STATUS
post "/portal/cases/$cA1" "body=Tarde+$S"; s2=$STATUS
mp -F "body=Tarde" -F "file=@$TMP/b.txt;filename=tarde.txt" -F "csrf=$t" "/portal/cases/$cA1/notes"; s3=$STATUS
expect "...by form, on the case path and with a file: 409" "$s1 $s2 $s3" "409 409 409"
expect "...nothing saved, nobody alerted" "$(counts)|$(nots "$agent2")" "$before|$nAg"
sign_in supervisor supervisor-demo; t=$(csrf)
post "/cases/$cA1/reactivate" "note=Reabierto"
expect "a supervisor reactivates it" "$STATUS $(state "$cA1")" "303 investigating"
expect "...the resolution is hidden again (only when finished)" "$(seen) $(as "$a1"; jget "/portal/cases/$cA1"; jf '.Case.resolution')" "investigating|true|false|investigating null"
as "$a1"; req "/portal/cases/$cA1"; lacks "...in the HTML too" "$BODY" "Solucion-$S"

noleak "after the status changes"

# The bell: customers read their alerts, linking to the portal.
as "$a1"; req /notifications
expect "a customer's /notifications answers 200" "$STATUS" 200
contains "...linking their case in the portal" "$BODY" "href=\"/portal/cases/$cA1\""
lacks "...never the staff case" "$BODY" "href=\"/cases/$cA1\""
jget /notifications
expect "...and in JSON lists their alerts" "$(jf '.Notifications | length')" "$(sql "SELECT LEAST(COUNT(*), 200) FROM notifications WHERE user_id = $ua1")"

# A public note linked (enlazar) to A1's case is news for A1; an internal one is not.
as agente
jpost /cases "subject=Otro+T100+$S&description=x&area=$soporte&priority=$medium&requester_first_name=Otro"; other=$(jf .Case.id)
jpost "/cases/$other/notes" "title=Nota+compartida+T100+$S&body=x&public=1"; shared=$(sql "SELECT MAX(id) FROM notes WHERE title = 'Nota compartida T100 $S'")
jpost "/cases/$other/notes" "title=Nota+interna+compartida+$S&body=x&public=0"; hidden=$(sql "SELECT MAX(id) FROM notes WHERE title = 'Nota interna compartida $S'")
n0=$(nots "$ua1" "$cA1")
post "/cases/$cA1/notes" "note=$hidden"
expect "linking an internal note to A1's case tells A1 nothing" "$STATUS $(nots "$ua1" "$cA1")" "303 $n0"
post "/cases/$cA1/notes" "note=$shared"
expect "linking a public note to A1's case gives A1 one alert" "$STATUS $(nots "$ua1" "$cA1")" "303 $((n0 + 1))"
contains "...naming the note" "$(lastnot "$ua1")" "Nota compartida T100 $S"

# A case of organization A itself: its portal admin (A2) hears of its state changes, A1 does not.
jpost /cases "subject=De+la+empresa+T100+$S&description=x&area=$soporte&priority=$medium&customer=$orgA"; cOrg=$(jf .Case.id)
n1=$(nots "$ua1") n2=$(nots "$ua2" "$cOrg")
post "/cases/$cOrg" "version=$(ver "$cOrg")&status=$pro&note=Revisando"
expect "an organization's case moving to En investigación alerts its portal admin" "$STATUS $(nots "$ua2" "$cOrg")" "303 $((n2 + 1))"
expect "...and not A1" "$(nots "$ua1")" "$n1"
contains "...with a mail linking the portal" "$(lastmail "$a2@t100.example")" "/portal/cases/$cOrg"

# A requester with no portal account gets the e-mail without a portal link.
jpost /cases "subject=Sin+portal+T100+$S&description=x&area=$soporte&priority=$medium&requester_first_name=Rita&requester_email=rita-$S%40t100.example"; cReq=$(jf .Case.id)
post "/cases/$cReq" "version=$(ver "$cReq")&status=$pro&note=Revisando"
expect "a requester without a portal account is e-mailed the new state" "$(mails "rita-$S@t100.example" "$cReq")" 1
lacks "...without a link to a portal page they cannot open" "$(lastmail "rita-$S@t100.example")" "/portal/cases/"
contains "...naming the state they see" "$(lastmail "rita-$S@t100.example")" "En investigación"

# Roles: staff have no portal; customers no staff screen; an unlinked customer no portal.
for u in agente supervisor admin; do
    sign_in "$u" "$([ "$u" = agente ] && echo agente-demo || echo "$u-demo")"; t=$(csrf)
    req /portal/cases; s1=$STATUS; req "/portal/cases/$cA1"; s2=$STATUS; jpost /portal/cases "title=x&description=y"; s3=$STATUS
    expect "$u gets 403 on the portal (list, case, create)" "$s1 $s2 $s3" "403 403 403"
done
as "$a1"
for p in /cases "/cases/$cA1" /cases/new "/cases/$cA1/notes" /customers "/customers/$pA1" /tasks /solutions /admin/users /admin/teams /admin/areas /admin/roles /admin/rules /admin/catalogs /admin/outbox /reports/time /lookup/customers; do
    req "$p"; expect "a portal customer gets 403 on $p" "$STATUS" 403
done
before=$(counts)
post /cases "subject=x&description=y&area=$soporte&customer=$pA1"
expect "...and on POST /cases, nothing saved" "$STATUS $(counts)" "403 $before"
JAR=; req "/portal/cases/$cA1"
check "an anonymous visitor gets no portal page (sent to sign in)" test "$STATUS" != 200 -a -z "$(grep -o "Impresora T100 $S" <<<"$BODY")"
as "$u0"
for p in /portal/cases /portal/cases/new "/portal/cases/$cA1"; do
    req "$p"; expect "a customer user with no linked person gets 403 on $p" "$STATUS" 403
done
jpost /portal/cases "title=x&description=y"
expect "...and may not open a case" "$STATUS $(counts)" "403 $before"
