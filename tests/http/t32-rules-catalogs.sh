#!/bin/bash
# /admin/rules and /admin/catalogs: rules in words (es/en), validation, edits, order, catalog items, in-use deletes, permissions.
. "$(dirname "$0")/../lib.sh"

# words RULE [curl args] PATH: the rule's sentence in the JSON list.
words() { local id=$1; shift; req -H 'Accept: application/json' "$@"; jf ".Rules[] | select(.id == $id) | .words"; }
rule() { sql "SELECT CONCAT_WS('|', IFNULL(status_id, '-'), IFNULL(area_id, '-'), IFNULL(type_id, '-'), IFNULL(priority_id, '-'), hours_open, IFNULL(role_id, '-'), CONCAT(alert, task, email), IFNULL(set_status_id, '-'), active) FROM escalation_rules WHERE id = $1"; }
rules_state() { sql "SELECT CONCAT_WS('/', COUNT(*), SUM(version), GROUP_CONCAT(id, ':', position ORDER BY id)) FROM escalation_rules"; }
cat_state() { sql "SELECT CONCAT_WS('/', $(for c in statuses request_types priorities sources stages articles classes departments; do printf "(SELECT CONCAT(COUNT(*), ':', SUM(version)) FROM $c),"; done) (SELECT GROUP_CONCAT(code) FROM statuses WHERE is_initial = 1))"; }
admin=$(sql "SELECT id FROM users WHERE login = 'admin'")
reclamos=$(sql "SELECT id FROM areas WHERE name = 'Reclamos'") supr=$(sql "SELECT id FROM roles WHERE name = 'Supervisores'")
alta=$(sql "SELECT id FROM priorities WHERE name_es = 'Alta'") queja=$(sql "SELECT id FROM request_types WHERE name_es = 'Queja'")
st() { sql "SELECT id FROM statuses WHERE code = '$1'"; }; new=$(st NEW) tra=$(st TRA) pro=$(st PRO)

sign_in admin admin-demo
t=$(csrf)

# Rules: create and say them in words.
req /admin/rules/new
expect "the new-rule form answers 200" "$STATUS" 200
contains "...and asks for the hours" "$BODY" 'name="hours_open"'
post /admin/rules "status=&area=$reclamos&type=0&priority=$alta&hours_open=24&role=$supr&alert=0&task=0&email=0&email=1&set_status=$tra&active=0&active=1"
expect "creating a rule answers 303" "$STATUS" 303
loc=$(header Location); r1=${loc##*/}
check "...to the rule's page" grep -qxE '/admin/rules/[0-9]+' <<<"$loc"
expect "...stored with its conditions and actions" "$(rule "$r1")" "-|$reclamos|-|$alta|24.00|$supr|001|$tra|1"
expect "...with an audit row" "$(audits rule_create "$r1")" 1
es="Casos del área Reclamos con prioridad Alta abiertos más de 24 h: avisar por e-mail al rol Supervisores y cambiar el estado a TRA"
en="Cases in area Reclamos with priority High open for more than 24 h: notify role Supervisores by e-mail and change the status to TRA"
expect "the JSON list says the rule in Spanish" "$(words "$r1" /admin/rules)" "$es"
expect "...in English for Accept-Language: en" "$(words "$r1" -H 'Accept-Language: en' /admin/rules)" "$en"
expect "...in English with ?lang=en" "$(words "$r1" '/admin/rules?lang=en')" "$en"
expect "...and in Spanish again with ?lang=es" "$(words "$r1" '/admin/rules?lang=es')" "$es"
jget "$loc"
expect "the rule's JSON page has the same words" "$(jf .Rule.words)" "$es"
jpost /admin/rules "status=&area=&type=&priority=&hours_open=1,5&role=&set_status=$pro"
expect "a JSON rule create answers 201" "$STATUS" 201
r2=$(sql "SELECT MAX(id) FROM escalation_rules")
expect "...with its Location" "$(header Location)" "/admin/rules/$r2"
expect "...storing 1,5 hours as 1.50 and any condition as NULL" "$(rule "$r2")" "-|-|-|-|1.50|-|000|$pro|1"
expect "...and the rule in the body, with every condition 'any' in words" "$(jf .Rule.words)" "Todos los casos abiertos más de 1,5 h: cambiar el estado a PRO"
expect "1.5 hours read '1.5 h' in English" "$(words "$r2" '/admin/rules?lang=en')" "All cases open for more than 1.5 h: change the status to PRO"
post /admin/rules "status=$new&type=$queja&hours_open=0.25&role=$supr&alert=1&task=on&email=yes"
r3=$(header Location); r3=${r3##*/}
expect "a rule with 0.25 hours and every flag is stored" "$(rule "$r3")" "$new|-|$queja|-|0.25|$supr|111|-|1"
expect "...and said with all three ways to notify" "$(words "$r3" '/admin/rules?lang=es')" "Casos en estado NEW de tipo Queja abiertos más de 0,25 h: avisar por alerta, tarea y e-mail al rol Supervisores"

# Rules: bad input, none of it stored.
before=$(rules_state)
ok="role=$supr&alert=1"
bad "a rule without hours" /admin/rules "$ok" hours_open
bad "negative hours" /admin/rules "$ok&hours_open=-5" hours_open
bad "non-numeric hours" /admin/rules "$ok&hours_open=abc" hours_open
bad "zero hours" /admin/rules "$ok&hours_open=0" hours_open
bad "hours 0,00" /admin/rules "$ok&hours_open=0,00" hours_open
bad "hours with three decimals" /admin/rules "$ok&hours_open=1.234" hours_open
bad "hours followed by text" /admin/rules "$ok&hours_open=24h" hours_open
bad "a rule with no action" /admin/rules "area=$reclamos&hours_open=5" role
bad "a role with no way to notify" /admin/rules "hours_open=5&role=$supr&alert=0" alert
bad "a way to notify without a role" /admin/rules "hours_open=5&email=1&set_status=$tra" role
bad "setting the status the rule looks for" /admin/rules "hours_open=5&status=$tra&set_status=$tra" set_status
bad "an unknown area id" /admin/rules "$ok&hours_open=5&area=999999" area
bad "area=abc" /admin/rules "$ok&hours_open=5&area=abc" area
bad "an unknown status id" /admin/rules "$ok&hours_open=5&status=999999" status
bad "an unknown type id" /admin/rules "$ok&hours_open=5&type=999999" type
bad "priority=abc" /admin/rules "$ok&hours_open=5&priority=abc" priority
bad "an unknown role id" /admin/rules "hours_open=5&role=999999&alert=1" role
bad "an unknown new status" /admin/rules "hours_open=5&set_status=999999" set_status
bad "a rule flag that is not yes/no" /admin/rules "hours_open=5&role=$supr&alert=maybe" alert
post /admin/rules "area=$reclamos&$ok&hours_open=abc"
expect "bad hours in the browser answer 422" "$STATUS" 422
contains "...with the message" "$BODY" 'Escriba las horas abierto'
expect "bad rules inserted nothing" "$(rules_state)" "$before"

# Rules: edit, stale edit, switch off.
v=$(sql "SELECT version FROM escalation_rules WHERE id = $r1")
post "/admin/rules/$r1" "status=&area=$reclamos&type=&priority=$alta&hours_open=48&role=$supr&email=1&set_status=$tra&active=0&version=$v"
expect "saving a rule edit answers 303" "$STATUS" 303
expect "...stores it, switched off" "$(rule "$r1")" "-|$reclamos|-|$alta|48.00|$supr|001|$tra|0"
expect "...bumps the version" "$(sql "SELECT version FROM escalation_rules WHERE id = $r1")" $((v + 1))
expect "...with an audit row" "$(audits rule_update "$r1")" 1
post "/admin/rules/$r1" "area=$reclamos&hours_open=12&role=$supr&alert=1&active=1&version=$v"
expect "a stale rule edit answers 409" "$STATUS" 409
bad "an edit with zero hours" "/admin/rules/$r1" "area=$reclamos&hours_open=0&role=$supr&alert=1&version=$((v + 1))" hours_open
expect "...neither changed the rule" "$(rule "$r1")" "-|$reclamos|-|$alta|48.00|$supr|001|$tra|0"
post "/admin/rules/$r1" "area=$reclamos&priority=$alta&hours_open=24&role=$supr&email=1&set_status=$tra&version=$((v + 1))"
expect "an edit without 'active' keeps the rule off" "$(rule "$r1")" "-|$reclamos|-|$alta|24.00|$supr|001|$tra|0"
post /admin/rules/999999 "hours_open=5&set_status=$tra&version=1"; expect "editing an unknown rule answers 404" "$STATUS" 404
req /admin/rules/999999; expect "reading an unknown rule answers 404" "$STATUS" 404

# Rules: order.
order() { jget /admin/rules; jf "[.Rules[].id | select(. == $r2 or . == $r3) | tostring] | join(\",\")"; }
expect "new rules go last, in the order made" "$(order)" "$r2,$r3"
post "/admin/rules/$r3/up" ""
expect "moving a rule up answers 303" "$STATUS" 303
expect "...and puts it before its neighbour" "$(order)" "$r3,$r2"
check "...in the position column too" test "$(sql "SELECT (SELECT position FROM escalation_rules WHERE id = $r3) < (SELECT position FROM escalation_rules WHERE id = $r2)")" = 1
expect "...with an audit row" "$(audits rule_move "$r3" up)" 1
post "/admin/rules/$r3/down" ""
expect "moving it down puts it back" "$(order)" "$r2,$r3"
jget /admin/rules; first=$(jf '.Rules[0].id')
post "/admin/rules/$first/up" ""
jget /admin/rules
expect "moving the first rule up keeps it first" "$STATUS $(jf '.Rules[0].id')" "200 $first"
post /admin/rules/999999/down ""; expect "moving an unknown rule answers 404" "$STATUS" 404
post "/admin/rules/$r2/delete" ""
expect "deleting a rule answers 303" "$STATUS" 303
expect "...and deletes it" "$(sql "SELECT COUNT(*) FROM escalation_rules WHERE id = $r2")" 0
expect "...with an audit row" "$(audits rule_delete "$r2")" 1
post "/admin/rules/$r2/delete" ""
expect "deleting it again answers 404" "$STATUS" 404

# Catalogs: what is seeded.
jget /admin/catalogs
expect "the catalog index lists every kind" "$(jf '[.Catalogs[].kind] | join(",")')" "statuses,types,priorities,sources,stages,articles,classes,departments,doc_types,activity_types,channels"
expect "...with item counts" "$(jf '.Catalogs[] | select(.kind == "statuses") | .items')" "$(sql "SELECT COUNT(*) FROM statuses")"
jget /admin/catalogs/statuses
expect "statuses are seeded in order (MRG, merged, last)" "$(jf '[.Items[].code] | join(",")')" "NEW,WRC,RIT,PRO,WCE,TRA,REA,REJ,CLO,MRG"
expect "...REJ, CLO and MRG closed" "$(jf '[.Items[] | select(.closed == 1) | .code] | join(",")')" "REJ,CLO,MRG"
expect "...NEW the initial one" "$(jf '[.Items[] | select(.is_initial == 1) | .code] | join(",")')" "NEW"
expect "...with their portal states" "$(jf '[.Items[].portal_state] | join(",")')" "pending,investigating,investigating,investigating,investigating,pending,investigating,finished,finished,finished"
jget /admin/catalogs/priorities
expect "priorities are Alta/Media/Baja with weights" "$(jf '[.Items[] | "\(.name_es):\(.weight)"] | join(",")')" "Alta:30,Media:20,Baja:10"
jget /admin/catalogs/stages
expect "the manual's nine stages are seeded" "$(jf '[.Items[].name_es] | join(",")')" "No iniciada,En progreso,Completada,Pendiente por datos,Retrasada,Planeada,Otros 1,Otros 2,Otros 3"
jget /admin/catalogs/sources
expect "the manual's eight sources are seeded" "$(jf '[.Items[].code] | join(",")')" "internal,idea,social,meeting,email,call,fax,portal"
req /admin/catalogs/planets; expect "an unknown catalog answers 404" "$STATUS" 404
req /admin/catalogs/statuses/999999; expect "an unknown item answers 404" "$STATUS" 404

# Catalogs: create.
post /admin/catalogs/statuses "code=ESC-T32&name_es=Escalado+T32&name_en=Escalated&portal_state=investigating&closed=0&initial=0&active=0&active=1"
expect "creating a status answers 303" "$STATUS" 303
cloc=$(header Location); esc=${cloc##*/}
check "...to the item's page" grep -qxE '/admin/catalogs/statuses/[0-9]+' <<<"$cloc"
expect "...stored with its fields" "$(sql "SELECT CONCAT_WS('|', code, name_es, name_en, closed, portal_state, is_initial, active) FROM statuses WHERE id = $esc")" "ESC-T32|Escalado T32|Escalated|0|investigating|0|1"
expect "...with an audit row" "$(audits catalog_create "$esc" 'Escalado T32')" 1
pmax=$(sql "SELECT MAX(position) FROM sources")
post /admin/catalogs/sources "name_es=Feria+T32"
feria=$(header Location); feria=${feria##*/}
expect "a source needs no code and goes last" "$(sql "SELECT CONCAT(IFNULL(code, 'NULL'), '|', position) FROM sources WHERE id = $feria")" "NULL|$((pmax + 10))"
jpost /admin/catalogs/priorities "code=urgent&name_es=Urgente+T32&weight=40"
expect "a JSON catalog create answers 201" "$STATUS" 201
urg=$(sql "SELECT id FROM priorities WHERE code = 'urgent'")
expect "...with its Location and the item" "$(header Location) $(jf .Item.weight)" "/admin/catalogs/priorities/$urg 40"
post /admin/catalogs/sources "name_es=Visita_code%27"

# Catalogs: bad input.
before=$(cat_state)
bad "a status without code" /admin/catalogs/statuses "name_es=Sin+codigo+T32" code
bad "a code with a space" /admin/catalogs/sources "code=bad+code&name_es=Malo+T32" code
bad "a code of 17 characters" /admin/catalogs/sources "code=abcdefghijklmnopq&name_es=Malo+T32" code
bad "a code with an accent" /admin/catalogs/sources "code=c%C3%B3d&name_es=Malo+T32" code
bad "a duplicate code" /admin/catalogs/statuses "code=NEW&name_es=Nuevo+bis" code
bad "a duplicate Spanish name" /admin/catalogs/statuses "code=NEW2&name_es=Nuevo" name_es
bad "a duplicate source name" /admin/catalogs/sources "name_es=Correo" name_es
bad "a duplicate name that contains _code'" /admin/catalogs/sources "name_es=Visita_code%27" name_es
bad "an empty Spanish name" /admin/catalogs/types "code=x&name_es=" name_es
bad "an unknown portal state" /admin/catalogs/statuses "code=PS&name_es=PS+T32&portal_state=closed" portal_state
bad "a weight that is not a number" /admin/catalogs/priorities "name_es=Peso+T32&weight=abc" weight
bad "a catalog flag that is not yes/no" /admin/catalogs/classes "name_es=Flag+T32&active=maybe" active
jpost /admin/catalogs/statuses "code=IC&name_es=IC+T32&initial=1&closed=1"
expect "a new status both initial and closed answers 422" "$STATUS" 422
expect "bad items changed nothing (NEW is still the initial status)" "$(cat_state)" "$before"

# Statuses: the initial flag moves, never disappears.
post /admin/catalogs/statuses "code=RCV&name_es=Recibido+T32&portal_state=pending&initial=0&initial=1"
rcv=$(header Location); rcv=${rcv##*/}
expect "a new status marked initial takes the flag" "$(sql "SELECT GROUP_CONCAT(code) FROM statuses WHERE is_initial = 1")" RCV
v=$(sql "SELECT version FROM statuses WHERE id = $new")
post "/admin/catalogs/statuses/$new" "code=NEW&name_es=Nuevo&name_en=New&initial=1&version=$v"
expect "marking NEW initial again answers 303" "$STATUS" 303
expect "...and moves the flag back" "$(sql "SELECT GROUP_CONCAT(code) FROM statuses WHERE is_initial = 1")" NEW
bad "unticking initial on the initial status" "/admin/catalogs/statuses/$new" "code=NEW&name_es=Nuevo&initial=0&version=$((v + 1))" initial
jpost "/admin/catalogs/statuses/$new" "code=NEW&name_es=Nuevo&closed=1&version=$((v + 1))"
expect "closing the initial status answers 422" "$STATUS" 422
expect "...NEW stays initial and open" "$(sql "SELECT GROUP_CONCAT(code, closed) FROM statuses WHERE is_initial = 1")" NEW0
jpost "/admin/catalogs/statuses/$new/delete" ""
expect "deleting the initial status answers 409" "$STATUS" 409
expect "...and it stays" "$(sql "SELECT COUNT(*) FROM statuses WHERE id = $new")" 1
wrc=$(st WRC); v=$(sql "SELECT version FROM statuses WHERE id = $wrc")
post "/admin/catalogs/statuses/$wrc" "code=WRC&name_es=En+espera+de+recaudos&active=0&version=$v"
bad "making an inactive status initial (active left out)" "/admin/catalogs/statuses/$wrc" "code=WRC&name_es=En+espera+de+recaudos&initial=1&version=$((v + 1))" active
expect "...leaves NEW the initial status" "$(sql "SELECT GROUP_CONCAT(code) FROM statuses WHERE is_initial = 1")" NEW
sql "UPDATE statuses SET is_initial = 0 WHERE code <> 'NEW'; UPDATE statuses SET is_initial = 1 WHERE code = 'NEW'" # undo, should it fail

# Catalogs: edit.
v=$(sql "SELECT version FROM statuses WHERE id = $esc")
post "/admin/catalogs/statuses/$esc" "code=ESC-T32&name_es=Escalado+v2&name_en=&position=55&closed=0&portal_state=pending&version=$v"
expect "saving an item edit answers 303" "$STATUS" 303
expect "...and stores it" "$(sql "SELECT CONCAT_WS('|', name_es, name_en, position, portal_state, version) FROM statuses WHERE id = $esc")" "Escalado v2||55|pending|$((v + 1))"
expect "...with an audit row" "$(audits catalog_update "$esc" 'Escalado v2')" 1
post "/admin/catalogs/statuses/$esc" "code=ESC-T32&name_es=Pisada&version=$v"
expect "a stale item edit answers 409" "$STATUS" 409
expect "...and does not overwrite" "$(sql "SELECT name_es FROM statuses WHERE id = $esc")" "Escalado v2"
post /admin/catalogs/sources/999999 "name_es=Nada&version=1"
expect "editing an unknown item answers 404" "$STATUS" 404

# Catalogs: deletes, refused while a rule refers to the item.
post /admin/rules "status=$esc&hours_open=3&set_status=$tra"
r4=$(header Location); r4=${r4##*/}
for item in "statuses/$esc" "statuses/$tra" "priorities/$alta" "types/$queja"; do
    jpost "/admin/catalogs/$item/delete" ""
    expect "deleting $item, which a rule uses, answers 409 in_use" "$STATUS $(jf .error.code)" "409 in_use"
done
expect "...and they all stay" "$(sql "SELECT (SELECT COUNT(*) FROM statuses WHERE id IN ($esc, $tra)) + (SELECT COUNT(*) FROM priorities WHERE id = $alta) + (SELECT COUNT(*) FROM request_types WHERE id = $queja)")" 4
post "/admin/rules/$r4/delete" ""
post "/admin/catalogs/statuses/$esc/delete" ""
expect "once unused the status deletes (303)" "$STATUS $(sql "SELECT COUNT(*) FROM statuses WHERE id = $esc")" "303 0"
expect "...with an audit row" "$(audits catalog_delete "$esc")" 1
post "/admin/catalogs/sources/$feria/delete" ""
expect "deleting an unused source answers 303 to its catalog" "$STATUS $(header Location | cut -d'?' -f1)" "303 /admin/catalogs/sources"
post "/admin/catalogs/sources/$feria/delete" ""
expect "deleting it again answers 404" "$STATUS" 404

# Permissions: agents see nothing, supervisors read but cannot write; CSRF is required.
src=$(sql "SELECT id FROM sources WHERE code = 'fax'")
reads=(/admin/rules /admin/rules/new "/admin/rules/$r1" /admin/catalogs /admin/catalogs/statuses "/admin/catalogs/statuses/$tra")
writes=("/admin/rules|hours_open=5&set_status=$tra" "/admin/rules/$r1|hours_open=5&set_status=$tra&version=9"
        "/admin/rules/$r3/up|" "/admin/rules/$r3/down|" "/admin/rules/$r1/delete|" "/admin/catalogs/sources|name_es=Nueva+T32"
        "/admin/catalogs/sources/$src|name_es=Telefax&version=1" "/admin/catalogs/sources/$src/delete|")
before="$(rules_state) $(cat_state)"
for who in agente supervisor; do
    sign_in "$who" "$who-demo"; t=$(csrf)
    for p in "${reads[@]}"; do
        req "$p"
        if [ "$who" = supervisor ]; then want=200; else want=403; fi
        expect "GET $p as $who answers $want" "$STATUS" "$want"
    done
    for w in "${writes[@]}"; do
        post "${w%%|*}" "${w#*|}"
        expect "POST ${w%%|*} as $who answers 403" "$STATUS" 403
    done
done
sign_in cliente cliente-demo; req /admin/rules
expect "a customer cannot read the rules (403)" "$STATUS" 403
expect "refused writes changed nothing" "$(rules_state) $(cat_state)" "$before"
sign_in admin admin-demo
req -d "hours_open=5&set_status=$tra" /admin/rules
expect "a rule create without CSRF answers 403" "$STATUS" 403
req -d "name_es=Sin+token+T32&csrf=wrong" /admin/catalogs/sources
expect "a catalog create with a wrong CSRF token answers 403" "$STATUS" 403
expect "...and neither wrote anything" "$(rules_state) $(cat_state)" "$before"
