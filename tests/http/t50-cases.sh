#!/bin/bash
# /cases: register, validate, list (filters, views, sort, pages), view, update with history and 409, reassign, close, reactivate, audits, report views, permissions.
. "$(dirname "$0")/../lib.sh"

counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM case_history), (SELECT COALESCE(SUM(version), 0) FROM cases), (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM contact_data), (SELECT COUNT(*) FROM audit_log WHERE action LIKE 'case%'))"; }
ids() { jget "/cases?$1"; jf '[.Cases[]?.id] | map(tostring) | join(",")'; }
hist() { sql "SELECT CONCAT_WS('|', kind, field, old_value, new_value, note) FROM case_history WHERE case_id = $1 AND kind = '$2' ORDER BY id DESC LIMIT 1"; }
ver() { sql "SELECT version FROM cases WHERE id = $1"; }
name() { sql "SELECT name FROM users WHERE id = $1"; }
id() { sql "SELECT id FROM $1 WHERE $2 = '$3'"; }
first() { sql "SELECT MIN(id) FROM $1"; }
agent=$(uid agente) agent2=$(uid agente2) super=$(uid supervisor) cuser=$(uid cliente) admin=$(uid agente)
new=$(id statuses code NEW) pro=$(id statuses code PRO) clo=$(id statuses code CLO) rej=$(id statuses code REJ)
soporte=$(id areas name 'Soporte técnico') reclamos=$(id areas name Reclamos) factur=$(id areas name 'Facturación') n1=$(id teams name 'Soporte N1')
high=$(id priorities code high) medium=$(id priorities code medium) low=$(id priorities code low)
type=$(first request_types) source=$(first sources) stage=$(first stages) article=$(first articles) class=$(first classes) dept=$(first departments)
year=$(date -u +%Y) past=$(TZ=America/Bogota date -d '-3 days' +%F) future=$(TZ=America/Bogota date -d '+1 day' +%FT%H:%M) overdue=$(date -u -d '-2 days' +%F)

sign_in agente agente-demo; t=$(csrf)

# Customers to refer to: an organization with a contact and an account, and a person.
jpost /customers "kind=organization&legal_name=Cliente+T50+S.A.S.&doc_type=$(id document_types code NIT)&doc_number=900.500.500-1"; org=$(jf .Customer.id)
jpost "/customers/$org/contacts" "name=Rosa+T50&email=rosa%40t50.co"; con=$(jf .Contact.id)
jpost "/customers/$org/accounts" "number=CTA-T50-1&product=Plan+T50"; acc=$(jf .Account.id)
jpost /customers "kind=person&first_name=Tom%C3%A1s&first_surname=Quintero+T50"; per=$(jf .Customer.id)
jpost /customers "kind=organization&legal_name=Otra+T50"; jpost "/customers/$(jf .Customer.id)/contacts" "name=Otro+T50"; con2=$(jf .Contact.id)

# Register with every field (JSON).
all="subject=Sin+internet+T50&description=No+hay+conexi%C3%B3n+desde+ayer&area=$soporte&type=$type&priority=$high&assignee=$agent2&received_at=${past}T09:30&source=$source&customer=$org&contact=$con&account=$acc&requester_first_name=Rosa&requester_last_name=Rey&requester_title=Jefa&requester_phone=3001112233&requester_email=rosa%40t50.co&due_at=2030-01-15&start_at=2030-01-02&close_at=2030-01-10&stage=$stage&progress=40&article=$article&class=$class&internal=1&team=$n1&department=$dept&coordinator=$super&comment=Urgente&estimate_hours=1,5&complexity=high&level=7&billable=1&note=Nota+inicial"
jpost /cases "$all"
c=$(jf .Case.id) num=$(jf .Case.number)
expect "a JSON case create answers 201 with the Location of the case" "$STATUS $(header Location)" "201 /cases/$c"
check "...numbered YYYY-NNNNNN of this year" grep -qxE "$year-[0-9]{6}" <<<"$num"
expect "...with the Case and its names in the body" "$(jf '.Case | [.status_code, .priority_code, .area, .assignee, .customer, .contact, .account, .doc_type, .doc_number, .coordinator] | join("|")')" "NEW|high|Soporte técnico|$(name "$agent2")|Cliente T50 S.A.S.|Rosa T50|CTA-T50-1|NIT|900500500-1|$(name "$super")"
expect "...stored with every field" "$(sql "SELECT CONCAT_WS('|', area_id, type_id, priority_id, assignee_id, source_id, customer_id, contact_id, account_id, requester_first_name, requester_last_name, requester_title, requester_phone, requester_email, due_at, start_at, close_at, stage_id, progress, article_id, class_id, internal, team_id, department_id, coordinator_id, comment, estimate_hours, complexity, level, billable, created_by, version, closed, episode) FROM cases WHERE id = $c")" "$soporte|$type|$high|$agent2|$source|$org|$con|$acc|Rosa|Rey|Jefa|3001112233|rosa@t50.co|2030-01-15|2030-01-02|2030-01-10|$stage|40|$article|$class|1|$n1|$dept|$super|Urgente|1.50|high|7|1|$agent|1|0|1"
expect "...with received_at (Bogotá) stored in UTC" "$(sql "SELECT received_at FROM cases WHERE id = $c")" "$past 14:30:00"
expect "...in the initial status NEW" "$(sql "SELECT s.code FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $c")" NEW
expect "...with a create history row carrying the note" "$(hist "$c" create)" "create||$num|Nota inicial"
expect "...and a status history row to NEW" "$(hist "$c" status)" "status|status|NEW|"
expect "...and an audit row" "$(audits case_create "$c")" 1
post /cases/new "subject=Por+formulario&description=Sin+prioridad&area=$reclamos&requester_email=x%40t50.co"
loc=$(header Location); f=${loc##*/}
expect "a form create on /cases/new answers 303" "$STATUS" 303
check "...to the new case" grep -qxE '/cases/[0-9]+' <<<"$loc"
expect "...numbered next in the year's sequence" "$(sql "SELECT number FROM cases WHERE id = $f")" "$(printf '%s-%06d' "$year" $((10#${num#*-} + 1)))"
expect "...with the medium priority by default" "$(sql "SELECT priority_id FROM cases WHERE id = $f")" "$medium"
expect "...received now by default" "$(sql "SELECT ABS(TIMESTAMPDIFF(SECOND, received_at, UTC_TIMESTAMP())) < 120 FROM cases WHERE id = $f")" 1
jpost /cases "subject=Con+solicitante&description=x&area=$soporte&requester_first_name=Luisa&requester_last_name=Mora+T50&requester_email=luisa%40t50.co&requester_phone=310+222+3344&save_requester=1"
sr=$(jf .Case.id)
expect "save_requester=1 links a new person customer" "$(sql "SELECT CONCAT_WS('|', cu.kind, cu.display_name) FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $sr")" "person|Luisa Mora T50"
expect "...with the requester's e-mail and phone as contact data" "$(sql "SELECT GROUP_CONCAT(CONCAT(d.type, '=', d.value) ORDER BY d.type) FROM cases c JOIN contact_data d ON d.customer_id = c.customer_id WHERE c.id = $sr")" "email=luisa@t50.co,mobile=3102223344"
req /cases/new
expect "the new case form answers 200" "$STATUS" 200

# Bad input saves nothing.
ok="description=d&requester_first_name=Ana&area=$soporte&priority=$medium"
before=$(counts)
bad "an unknown area" /cases "subject=s&description=d&requester_first_name=Ana&area=999999" area
bad "area=abc" /cases "subject=s&description=d&requester_first_name=Ana&area=abc" area
bad "no area" /cases "subject=s&description=d&requester_first_name=Ana" area
bad "an unknown type" /cases "subject=s&$ok&type=999999" type
bad "an unknown priority" /cases "subject=s&description=d&requester_first_name=Ana&area=$soporte&priority=999999" priority
bad "priority=abc" /cases "subject=s&description=d&requester_first_name=Ana&area=$soporte&priority=abc" priority
bad "an unknown assignee" /cases "subject=s&$ok&assignee=999999" assignee
bad "a customer user as assignee" /cases "subject=s&$ok&assignee=$cuser" assignee
bad "a customer user as coordinator" /cases "subject=s&$ok&coordinator=$cuser" coordinator
bad "an unknown stage" /cases "subject=s&$ok&stage=999999" stage
bad "an unknown team" /cases "subject=s&$ok&team=999999" team
bad "an unknown customer" /cases "subject=s&$ok&customer=999999" customer
bad "progress=101" /cases "subject=s&$ok&progress=101" progress
bad "progress=-1" /cases "subject=s&$ok&progress=-1" progress
bad "progress=abc" /cases "subject=s&$ok&progress=abc" progress
bad "level=1001" /cases "subject=s&$ok&level=1001" level
bad "a subject of 201 characters" /cases "subject=$(printf 'a%.0s' {1..201})&$ok" subject
bad "an empty subject" /cases "subject=&$ok" subject
bad "an empty description" /cases "subject=s&description=&requester_first_name=Ana&area=$soporte" description
bad "start_at after close_at" /cases "subject=s&$ok&start_at=2030-02-01&close_at=2030-01-01" close_at
bad "due_at=2026-02-30" /cases "subject=s&$ok&due_at=2026-02-30" due_at
bad "start_at=2026-13-01" /cases "subject=s&$ok&start_at=2026-13-01" start_at
bad "complexity=extreme" /cases "subject=s&$ok&complexity=extreme" complexity
bad "internal=maybe" /cases "subject=s&$ok&internal=maybe" internal
bad "estimate_hours=-1" /cases "subject=s&$ok&estimate_hours=-1" estimate_hours
bad "a contact of another customer" /cases "subject=s&$ok&customer=$org&contact=$con2" contact
bad "a contact without customer" /cases "subject=s&$ok&contact=$con" contact
bad "an account of another customer" /cases "subject=s&$ok&customer=$per&account=$acc" account
bad "a future received_at" /cases "subject=s&$ok&received_at=$future" received_at
bad "received_at=ayer" /cases "subject=s&$ok&received_at=ayer" received_at
bad "received_at=2026-02-30T10:00 (no such day)" /cases "subject=s&$ok&received_at=2026-02-30T10:00" received_at
bad "an invalid requester e-mail" /cases "subject=s&$ok&requester_email=nope" requester_email
bad "no customer, first name or e-mail" /cases "subject=s&description=d&area=$soporte&requester_last_name=Rey" customer
bad "an unknown assignee when the priority is left to its default" /cases "subject=s&description=d&requester_first_name=Ana&area=$soporte&assignee=999999" assignee
bad "progress=abc when the priority is left to its default" /cases "subject=s&description=d&requester_first_name=Ana&area=$soporte&progress=abc" progress
post /cases "subject=&$ok"
expect "a form create with an error answers 422 in one HTML page" "$STATUS $(grep -c '</html>' <<<"$BODY")" "422 1"
expect "bad cases changed nothing" "$(counts)" "$before"
jpost /cases "subject=$(printf '%.0sé' {1..200})&$ok"
expect "a subject of 200 accented characters is accepted" "$STATUS" 201

# List: filters, views, sort and pages over three cases of the person.
mk() { jpost /cases "customer=$per&description=Lista+T50&$1"; jf .Case.id; }
l1=$(mk "subject=Impresora+atascada&area=$soporte&priority=$high&assignee=$agent&team=$n1&type=$type&stage=$stage&due_at=$overdue")
l2=$(mk "subject=Factura+duplicada&area=$reclamos&priority=$low")
l3=$(mk "subject=Cobro+indebido&area=$factur&assignee=$agent2")
post "/cases/$l3/close" "resolution=Anulado&status=REJ"
sql "UPDATE cases SET updated_at = UTC_TIMESTAMP() - INTERVAL CASE id WHEN $l1 THEN 3 WHEN $l2 THEN 1 ELSE 2 END HOUR, created_at = created_at - INTERVAL (id = $l2) * 10 DAY WHERE id IN ($l1, $l2, $l3)"
P="customer=$per"
jget "/cases?$P"
expect "the list shows the person's cases, last updated first" "$(jf '[.Cases[].id] | map(tostring) | join(",")')" "$l2,$l3,$l1"
expect "...with every column" "$(jf '.Cases[0] | ["id","number","subject","status_code","status","priority_code","area","assignee","customer","created_at","updated_at","due_at","overdue"] - keys | length')" 0
expect "...the customer's name and the statuses" "$(jf '[.Cases[] | .customer + ":" + .status_code] | join(",")')" "Tomás Quintero T50:NEW,Tomás Quintero T50:REJ,Tomás Quintero T50:NEW"
expect "...and a Pager" "$(jf '.Pager | "\(.page)|\(.pages)|\(.total)|\(.prev)|\(.next)"')" "1|1|3|0|0"
expect "status=open" "$(ids "$P&status=open")" "$l2,$l1"
expect "status=closed" "$(ids "$P&status=closed")" "$l3"
expect "status=NEW's id" "$(ids "$P&status=$new")" "$l2,$l1"
expect "status repeated (NEW and REJ)" "$(ids "$P&status=$new&status=$rej")" "$l2,$l3,$l1"
expect "area" "$(ids "$P&area=$reclamos")" "$l2"
expect "type" "$(ids "$P&type=$type")" "$l1"
expect "priority" "$(ids "$P&priority=$low")" "$l2"
expect "assignee=id" "$(ids "$P&assignee=$agent2")" "$l3"
expect "assignee=me" "$(ids "$P&assignee=me")" "$l1"
expect "assignee=none" "$(ids "$P&assignee=none")" "$l2"
expect "stage" "$(ids "$P&stage=$stage")" "$l1"
expect "team" "$(ids "$P&team=$n1")" "$l1"
expect "created_from today" "$(ids "$P&created_from=$(date -u +%F)")" "$l3,$l1"
expect "created_to 5 days ago" "$(ids "$P&created_to=$(date -u -d '-5 days' +%F)")" "$l2"
expect "q=a case number" "$(ids "q=$(sql "SELECT number FROM cases WHERE id = $l1")")" "$l1"
expect "q=a number prefix" "$(ids "$P&q=$year-")" "$l2,$l3,$l1"
expect "q=a word of the subject (full text)" "$(ids "$P&q=impresora")" "$l1"
expect "q=the start of a word" "$(ids "$P&q=atasc")" "$l1"
expect "q=a word of the description" "$(ids "customer=$org&q=ayer")" "$c"
expect "q=the customer's name" "$(ids "$P&q=quintero")" "$l2,$l3,$l1"
expect "q=an accented customer name" "$(ids "$P&q=Tom%C3%A1s")" "$l2,$l3,$l1"
expect "view=mine" "$(ids "$P&view=mine")" "$l1"
expect "view=unassigned" "$(ids "$P&view=unassigned")" "$l2"
expect "view=team" "$(ids "$P&view=team")" "$l1"
jget "/cases?$P&view=overdue"
expect "view=overdue" "$(jf '[.Cases[] | "\(.id):\(.overdue)"] | join(",")')" "$l1:1"
expect "sort=number" "$(ids "$P&sort=number&dir=asc")" "$l1,$l2,$l3"
expect "sort=subject" "$(ids "$P&sort=subject&dir=asc")" "$l3,$l2,$l1"
expect "sort=priority desc" "$(ids "$P&sort=priority&dir=desc")" "$l1,$l3,$l2"
expect "sort=area" "$(ids "$P&sort=area&dir=asc")" "$l3,$l2,$l1"
expect "sort=status" "$(ids "$P&sort=status&dir=desc")" "$l3,$l2,$l1"
expect "sort=created asc" "$(ids "$P&sort=created&dir=asc")" "$l2,$l1,$l3"
for b in area=abc area=0 status=xyz status=0 created_from=2026-13-01 created_to=ayer view=foo assignee=abc page=0; do
    jget "/cases?$b"; expect "a malformed filter $b answers 400" "$STATUS" 400
done
jpost /customers "kind=person&first_name=Lote&first_surname=T50"; lot=$(jf .Customer.id)
sql "INSERT INTO cases (number, subject, description, status_id, priority_id, received_at, episode_started_at, customer_id) SELECT CONCAT('1998-', LPAD(seq, 6, '0')), CONCAT('Lote ', seq), 'x', $new, $medium, UTC_TIMESTAMP(), UTC_TIMESTAMP(), $lot FROM seq_1_to_55"
jget "/cases?customer=$lot"
expect "55 cases show 50 on page 1" "$(jf '.Cases | length')" 50
expect "...with the Pager" "$(jf '.Pager | "\(.page)|\(.pages)|\(.total)|\(.prev)|\(.next)"')" "1|2|55|0|2"
jget "/cases?customer=$lot&page=2&sort=number&dir=asc"
expect "...and 5 on page 2" "$(jf '(.Cases | length | tostring) + "|" + .Cases[0].subject + "|" + (.Pager | "\(.page)|\(.prev)|\(.next)")')" "5|Lote 51|2|1|0"
req "/cases?$P&status=open&sort=subject"
expect "the HTML list answers 200" "$STATUS" 200
contains "...and shows the case" "$BODY" "Impresora atascada"

# View.
jget "/cases/$c"
expect "the JSON view has History newest first" "$(jf '[.History[].kind] | join(",")')" "status,create"
expect "...StatusHistory" "$(jf '[.StatusHistory[].new_value] | join(",")')" NEW
expect "...and the Form's raw values, received_at in local time" "$(jf '.Form | [.area, .priority, .assignee, .received_at, .estimate_hours] | join("|")')" "$soporte|$high|$agent2|${past}T09:30|1.50"
req /cases/999999; expect "an unknown case answers 404" "$STATUS" 404
req /cases/abc; expect "/cases/abc answers 404" "$STATUS" 404
req "/cases/$c"; expect "the HTML view answers 200" "$STATUS" 200

# Update.
jpost "/cases/$c" "subject=Nuevo"
expect "an update without version answers 400" "$STATUS" 400
post "/cases/$c" "subject=Sin+internet+T50+(fibra)&description=No+hay+conexi%C3%B3n+desde+ayer&area=$reclamos&assignee=$agent&progress=60&version=1"
expect "an update answers 303 to the case" "$STATUS $(header Location)" "303 /cases/$c?saved=1"
expect "...bumps the version once" "$(ver "$c")" 2
expect "...with one change row per changed field" "$(sql "SELECT GROUP_CONCAT(field ORDER BY field) FROM case_history WHERE case_id = $c AND kind = 'change'")" "area,assignee,progress,subject"
expect "...old -> new as shown (names for refs and people) in the new version" "$(sql "SELECT GROUP_CONCAT(CONCAT_WS('|', field, old_value, new_value, version) ORDER BY field SEPARATOR ';') FROM case_history WHERE case_id = $c AND kind = 'change' AND field <> 'subject'")" "area|Soporte técnico|Reclamos|2;assignee|$(name "$agent2")|$(name "$agent")|2;progress|40|60|2"
expect "...and an audit row" "$(audits case_update "$c")" 1
before=$(counts)
bad "a status change without note" "/cases/$c" "status=$pro&version=2" note
bad "a closed status by update" "/cases/$c" "status=$clo&note=x&version=2" status
bad "an unknown status" "/cases/$c" "status=999999&note=x&version=2" status
bad "an update with progress=101" "/cases/$c" "progress=101&version=2" progress
bad "an update with close_at before start_at" "/cases/$c" "close_at=2030-01-01&version=2" close_at
bad "an update to a contact of another customer" "/cases/$c" "contact=$con2&version=2" contact
expect "bad updates changed nothing" "$(counts)" "$before"
post "/cases/$c" "status=$pro&note=Tomado+por+N2&version=2"
expect "a status change with a note answers 303" "$STATUS $(sql "SELECT CONCAT(status_id, '|', version) FROM cases WHERE id = $c")" "303 $pro|3"
expect "...as a status history row" "$(hist "$c" status)" "status|status|NEW|PRO|Tomado por N2"
jpost "/cases/$c" "subject=Pisada&version=2"
expect "a stale JSON update answers 409 conflict" "$STATUS $(jf .error.code)" "409 conflict"
post "/cases/$c" "subject=Pisada&version=2"
expect "a stale form update answers 409" "$STATUS" 409
expect "...and neither overwrites" "$(sql "SELECT CONCAT(subject, '|', version) FROM cases WHERE id = $c")" "Sin internet T50 (fibra)|3"
for i in 1 2; do
    curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -d "subject=Carrera+$i&version=3&csrf=$t" "$URL/cases/$c" >"$TMP/race$i" &
done
wait
expect "two concurrent updates of one version: one 303, one 409" "$(cat "$TMP/race1" "$TMP/race2" | fold -w3 | sort | tr '\n' ' ')" "303 409 "
expect "...and the version went up by one" "$(ver "$c")" 4
jget "/cases/$f"
form=$(jf '.Form | del(.customer_name, .contact_name) | to_entries | map("\(.key)=\(.value | @uri)") | join("&")')
post "/cases/$f" "$form&version=1"
expect "re-posting the unchanged edit form answers 303 and changes nothing" "$STATUS $(ver "$f") $(sql "SELECT GROUP_CONCAT(field) FROM case_history WHERE case_id = $f AND kind = 'change'")" "303 1 NULL"

# Reassign.
before=$(counts)
bad "reassigning to an unknown user" "/cases/$c/reassign" "assignee=999999" assignee
bad "reassigning to a customer user" "/cases/$c/reassign" "assignee=$cuser" assignee
expect "bad reassignments changed nothing" "$(counts)" "$before"
post "/cases/$c/reassign" "assignee=$agent2&note=Turno+de+tarde"
expect "reassigning answers 303" "$STATUS $(sql "SELECT assignee_id FROM cases WHERE id = $c")" "303 $agent2"
expect "...with an assign history row" "$(hist "$c" assign)" "assign|assignee|$(name "$agent")|$(name "$agent2")|Turno de tarde"
expect "...and an audit row" "$(audits case_reassign "$c")" 1

# Close.
bad "closing without resolution" "/cases/$c/close" "resolution=+++" resolution
v=$(ver "$c")
post "/cases/$c/close" "resolution=Se+cambi%C3%B3+el+router"
expect "closing answers 303" "$STATUS" 303
expect "...stores CLO, closed, closed_at, closed_by and the resolution" "$(sql "SELECT CONCAT_WS('|', status_id, closed, closed_at IS NOT NULL, closed_by, resolution, version) FROM cases WHERE id = $c")" "$clo|1|1|$agent|Se cambió el router|$((v + 1))"
expect "...with a close history row" "$(hist "$c" close)" "close|status|PRO|CLO|Se cambió el router"
expect "...and an audit row" "$(audits case_close "$c")" 1
expect "closing with status=REJ stores REJ" "$(sql "SELECT CONCAT(status_id, closed) FROM cases WHERE id = $l3")" "${rej}1"
jpost "/cases/$c/close" "resolution=otra"; expect "closing a closed case answers 409" "$STATUS" 409
jpost "/cases/$c/reassign" "assignee=$agent"; expect "reassigning a closed case answers 409" "$STATUS" 409
jpost "/cases/$c" "subject=Cerrado&version=$((v + 1))"; expect "an agent editing a closed case answers 403" "$STATUS" 403
jpost "/cases/$c/reactivate" "note=x"; expect "an agent reactivating answers 403" "$STATUS" 403

# Reactivate (supervisor).
sign_in supervisor supervisor-demo; t=$(csrf); admin=$super
post "/cases/$c" "comment=Revisado&version=$((v + 1))"
expect "a supervisor may edit a closed case" "$STATUS $(sql "SELECT comment FROM cases WHERE id = $c")" "303 Revisado"
bad "reactivating without a note" "/cases/$c/reactivate" "note=+" note
jpost "/cases/$l1/reactivate" "note=x"; expect "reactivating an open case answers 409" "$STATUS" 409
sql "UPDATE cases SET episode_started_at = episode_started_at - INTERVAL 1 DAY WHERE id = $c"
post "/cases/$c/reactivate" "note=El+cliente+insiste"
expect "reactivating answers 303" "$STATUS" 303
expect "...reopens as REA in episode 2 from now" "$(sql "SELECT CONCAT_WS('|', s.code, c.closed, c.episode, c.episode_started_at >= UTC_TIMESTAMP() - INTERVAL 1 MINUTE) FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $c")" "REA|0|2|1"
expect "...with a reactivate history row" "$(hist "$c" reactivate)" "reactivate|status|CLO|REA|El cliente insiste"
expect "...and an audit row" "$(audits case_reactivate "$c")" 1
post "/cases/$l3" "status=$pro&note=Reabrir+por+edici%C3%B3n&version=$(ver "$l3")"
expect "a supervisor's status edit of a closed case keeps closed in step with the status" "$(sql "SELECT c.closed = s.closed FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $l3")" 1

# Report views.
expect "report_cases has the case" "$(sql "SELECT CONCAT_WS('|', number, status_code, area, age_hours, is_closed) FROM report_cases WHERE id = $c")" "$num|REA|Reclamos|0|0"
expect "report_case_status_history has its status changes in order" "$(sql "SELECT GROUP_CONCAT(new_status ORDER BY id) FROM report_case_status_history WHERE case_id = $c")" "NEW,PRO,CLO,REA"
expect "...with who changed it" "$(sql "SELECT changed_by FROM report_case_status_history WHERE case_id = $c ORDER BY id DESC LIMIT 1")" "$(name "$super")"

# Permissions: a customer user gets 403 everywhere; CSRF is required.
before=$(counts)
sign_in cliente cliente-demo; t=$(csrf)
for p in /cases /cases/new "/cases/$c" /cases/999999; do
    req "$p"; expect "GET $p as a customer answers 403" "$STATUS" 403
done
for p in /cases /cases/new "/cases/$c" "/cases/$c/reassign" "/cases/$c/close" "/cases/$c/reactivate"; do
    post "$p" "subject=x&description=y&area=$soporte&requester_first_name=A&assignee=$agent&resolution=r&note=n&version=9"
    expect "POST $p as a customer answers 403" "$STATUS" 403
done
sign_in agente agente-demo
req -d "subject=s&$ok" /cases
expect "a case create without CSRF answers 403" "$STATUS" 403
expect "refused writes changed nothing" "$(counts)" "$before"
