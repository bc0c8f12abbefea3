#!/bin/bash
# Campaigns, channels and scripts (/admin/campaigns), the typification tree
# (/admin/typifications), the case's campaign field, and the management form
# (POST /cases/{id}/manage): validation, nothing saved on a refusal, the
# management with the next time and its history row, a closing outcome.
. "$(dirname "$0")/../lib.sh"

admin=$(uid admin) super=$(uid supervisor) agent=$(uid agente)
audits_by() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND object_id = $2 AND user_id = $3"; }
camps() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM campaigns), (SELECT COUNT(*) FROM campaign_channels), (SELECT COALESCE(SUM(version), 0) FROM campaigns))"; }
typs() { sql "SELECT CONCAT_WS('/', COUNT(*), COALESCE(SUM(version), 0)) FROM typifications"; }
chan() { sql "SELECT id FROM channels WHERE code = '$1'"; }
email=$(chan email) phone=$(chan phone) sms=$(chan sms)
tz=$(sed -n 's/^ *timezone *= *//p' "$ATIENDE_CONF" | head -1); tz=${tz:-America/Bogota}

sign_in supervisor supervisor-demo
t=$(csrf)

# --- Channels are a catalog; the home page links to campaigns.
jget /admin/catalogs/channels
expect "the channels catalog lists the seeded channels" "$(jf '[.Items[].code] | sort | join(",")' | grep -o 'email,phone,portal,sms,whatsapp')" "email,phone,portal,sms,whatsapp"
jget /
expect "the supervisor's home links to the campaigns" "$(jf '.Links[] | select(.key == "campaigns") | .href')" "/admin/campaigns"
sign_in admin admin-demo
t=$(csrf)
post /admin/catalogs/channels "code=telegram&name_es=Telegram+T111&name_en=Telegram"
expect "an admin adds a channel in the catalogs screen" "$STATUS|$(sql "SELECT CONCAT(name_es, '|', contact_types, '|', active) FROM channels WHERE code = 'telegram'")" "303|Telegram T111||1"
sign_in supervisor supervisor-demo
t=$(csrf)

# --- Campaigns: a supervisor creates one, with channels and a script.
script='## Saludo%0ABuenos+d%C3%ADas%2C+**negrita**%0A%0A<script>alert(1)</script>%0A%0A[x](javascript:alert(1))+<img+src%3Dx+onerror%3Dalert(2)>'
post /admin/campaigns "name=Cobranza+T111&description=Cartera+T111&form_title=Gesti%C3%B3n+T111&channels_sent=1&channel=$email&channel=$phone&script=$script&active=0&active=1"
expect "a supervisor creating a campaign answers 303" "$STATUS" 303
loc=$(header Location); cid=${loc##*/}
check "...to the new campaign's page" grep -qxE '/admin/campaigns/[0-9]+' <<<"$loc"
expect "...stored with its fields" "$(sql "SELECT CONCAT_WS('|', name, description, form_title, active, version) FROM campaigns WHERE id = $cid")" "Cobranza T111|Cartera T111|Gestión T111|1|1"
expect "...and its two channels" "$(sql "SELECT GROUP_CONCAT(channel_id ORDER BY channel_id) FROM campaign_channels WHERE campaign_id = $cid")" "$(sql "SELECT GROUP_CONCAT(id ORDER BY id) FROM channels WHERE code IN ('email', 'phone')")"
expect "...with an audit row by the supervisor" "$(audits_by campaign_create "$cid" "$super")" 1
jget "$loc"
html=$(jf .Campaign.script_html)
contains "the script is rendered from Markdown" "$html" "<strong>negrita</strong>"
contains "...with its heading" "$html" "<h2>Saludo</h2>"
lacks "...without the raw <script> element" "$html" "<script"
lacks "...without the raw <img onerror>" "$html" "onerror"
lacks "...and the javascript: link loses its address" "$html" "javascript:"
expect "the campaign's JSON lists the channels checked" "$(jf '[.Options.channels[] | select(.checked == 1) | .code] | sort | join(",")')" "email,phone"
req "$loc"
expect "the campaign's page answers 200" "$STATUS" 200
contains "...showing the script rendered" "$BODY" "<strong>negrita</strong>"
lacks "...with no script element from the text" "$BODY" "<script>alert"
lacks "...and no javascript: link" "$BODY" 'href="javascript:'
contains "...the source escaped in its textarea" "$BODY" "&lt;script&gt;alert(1)&lt;/script&gt;"
jget /admin/campaigns
expect "the JSON list has the campaign with its channels" "$(jf ".Campaigns[] | select(.id == $cid) | .channels")" "Correo electrónico, Teléfono"
jpost /admin/campaigns "name=Otra+T111"
expect "a JSON create answers 201" "$STATUS" 201
cid2=$(sql "SELECT id FROM campaigns WHERE name = 'Otra T111'")
expect "...with its Location and the campaign" "$(header Location)|$(jf .Campaign.id)" "/admin/campaigns/$cid2|$cid2"
expect "...active and without channels" "$(sql "SELECT CONCAT(active, (SELECT COUNT(*) FROM campaign_channels WHERE campaign_id = $cid2)) FROM campaigns WHERE id = $cid2")" 10

# --- Campaigns: bad input changes nothing.
before=$(camps)
bad "an empty campaign name" /admin/campaigns "name=+&description=x" name
bad "a duplicate campaign name" /admin/campaigns "name=Cobranza+T111" name
expect "...with a clear message" "$(jf .error.message)" "Ya existe una campaña con ese nombre."
bad "a campaign name of 101 characters" /admin/campaigns "name=$(printf 'a%.0s' {1..101})" name
bad "a description of 501 characters" /admin/campaigns "name=Larga+T111&description=$(printf 'd%.0s' {1..501})" description
bad "a form title of 201 characters" /admin/campaigns "name=Larga+T111&form_title=$(printf 't%.0s' {1..201})" form_title
bad "a script over 50,000 characters" /admin/campaigns "name=Larga+T111&script=$(head -c 50001 /dev/zero | tr '\0' s)" script
bad "an unknown channel" /admin/campaigns "name=Canal+T111&channel=999999" channel
bad "channel=abc" /admin/campaigns "name=Canal+T111&channel=abc" channel
bad "an active flag that is not yes/no" /admin/campaigns "name=Flag+T111&active=maybe" active
post /admin/campaigns "name=Cobranza+T111&channels_sent=1&channel=$sms"
expect "a duplicate name in the browser answers 422" "$STATUS" 422
contains "...with the message next to the field" "$BODY" 'Ya existe una campaña con ese nombre.'
check "...keeping the box that was ticked" grep -qE "name=\"channel\" value=\"$sms\" checked" <<<"$BODY"
expect "bad campaign input changed nothing" "$(camps)" "$before"

# --- Campaigns: edit, stale edit, what an API edit leaves out.
post "$loc" "name=Cobranza+vencida+T111&description=Cartera+vencida&form_title=&script=Hola&channels_sent=1&channel=$sms&active=1&version=1"
expect "saving a campaign edit answers 303" "$STATUS" 303
check "...back to the campaign's page" grep -qE "^/admin/campaigns/$cid\?saved=1$" <<<"$(header Location)"
expect "...stores it and bumps the version" "$(sql "SELECT CONCAT_WS('|', name, description, form_title, script, version) FROM campaigns WHERE id = $cid")" "Cobranza vencida T111|Cartera vencida||Hola|2"
expect "...and replaces the channels" "$(sql "SELECT GROUP_CONCAT(channel_id) FROM campaign_channels WHERE campaign_id = $cid")" "$sms"
expect "...with an audit row" "$(audits_by campaign_update "$cid" "$super")" 1
post "$loc" "name=Pisada&version=1"
expect "a campaign edit from a stale version answers 409" "$STATUS" 409
expect "...and does not overwrite" "$(sql "SELECT CONCAT(name, version) FROM campaigns WHERE id = $cid")" "Cobranza vencida T1112"
bad "renaming a campaign to a taken name" "$loc" "name=Otra+T111&version=2" name
jpost "$loc" "name=Cobranza+vencida+T111&version=2"
expect "an API edit with only the name keeps the rest" "$(sql "SELECT CONCAT_WS('|', description, script, active, version, (SELECT COUNT(*) FROM campaign_channels WHERE campaign_id = $cid)) FROM campaigns WHERE id = $cid")" "Cartera vencida|Hola|1|3|1"
post "$loc" "name=Cobranza+vencida+T111&channels_sent=1&version=3"
expect "a browser edit with no box ticked clears the channels" "$(sql "SELECT COUNT(*) FROM campaign_channels WHERE campaign_id = $cid")" 0
post "/admin/campaigns/$cid2" "name=Otra+T111&active=0&version=1"
expect "a campaign is deactivated with active=0" "$(sql "SELECT active FROM campaigns WHERE id = $cid2")" 0
post /admin/campaigns/999999 "name=Nadie&version=1"
expect "editing an unknown campaign answers 404" "$STATUS" 404
req /admin/campaigns/999999
expect "reading an unknown campaign answers 404" "$STATUS" 404

# --- Who may: admins and supervisors write, agents may not even read.
sign_in admin admin-demo
t=$(csrf)
post /admin/campaigns "name=Del+admin+T111"
expect "an admin creates campaigns too" "$STATUS" 303
cid3=$(sql "SELECT id FROM campaigns WHERE name = 'Del admin T111'")
sign_in agente agente-demo
t=$(csrf)
before=$(camps)
req /admin/campaigns
expect "an agent reading campaigns gets 403" "$STATUS" 403
req /admin/typifications
expect "an agent reading typifications gets 403" "$STATUS" 403
post /admin/campaigns "name=Agente+T111"
expect "an agent creating a campaign gets 403" "$STATUS" 403
post "/admin/campaigns/$cid" "name=Agente+T111&version=3"
expect "an agent editing a campaign gets 403" "$STATUS" 403
post "/admin/typifications/$cid" "name=Agente"
expect "an agent adding a typification gets 403" "$STATUS" 403
expect "...and nothing changed" "$(camps)|$(sql "SELECT COUNT(*) FROM typifications WHERE name = 'Agente'")" "$before|0"

# --- The typification tree.
sign_in supervisor supervisor-demo
t=$(csrf)
tid() { sql "SELECT id FROM typifications WHERE campaign_id = $1 AND name = '$2'"; }
post "/admin/typifications/$cid" "name=Contactado"
expect "adding a first-level outcome answers 303" "$STATUS" 303
tloc=$(header Location); contactado=${tloc##*/}
check "...to the outcome's page" grep -qxE "/admin/typifications/$cid/[0-9]+" <<<"$tloc"
expect "...stored first-level, active, last (position 10)" "$(sql "SELECT CONCAT_WS('|', campaign_id, COALESCE(parent_id, '-'), name, position, active, closes_case, requires_next) FROM typifications WHERE id = $contactado")" "$cid|-|Contactado|10|1|0|0"
expect "...with an audit row" "$(audits_by typification_create "$contactado" "$super")" 1
post "/admin/typifications/$cid" "name=No+contactado"
nocontactado=$(tid "$cid" 'No contactado')
expect "a second one goes after it (position 20)" "$(sql "SELECT position FROM typifications WHERE id = $nocontactado")" 20
post "/admin/typifications/$cid" "name=Promesa+de+pago&parent=$contactado&requires_next=0&requires_next=1"
promesa=$(tid "$cid" 'Promesa de pago')
expect "a child that asks for a next management" "$(sql "SELECT CONCAT_WS('|', parent_id, position, closes_case, requires_next) FROM typifications WHERE id = $promesa")" "$contactado|10|0|1"
jpost "/admin/typifications/$cid" "name=Acuerdo+de+pago&parent=$contactado&closes_case=1&position=5"
expect "a JSON add answers 201" "$STATUS" 201
acuerdo=$(tid "$cid" 'Acuerdo de pago')
expect "...with the outcome and its path" "$(header Location)|$(jf .Typification.path)" "/admin/typifications/$cid/$acuerdo|Contactado › Acuerdo de pago"
expect "...stored as a closing leaf at position 5" "$(sql "SELECT CONCAT_WS('|', position, closes_case, requires_next) FROM typifications WHERE id = $acuerdo")" "5|1|0"
post "/admin/typifications/$cid" "name=Cuelga&parent=$nocontactado"
cuelga=$(tid "$cid" Cuelga)
post "/admin/typifications/$cid" "name=Promesa+de+pago&parent=$nocontactado"
expect "the same name under another parent is fine" "$STATUS" 303
post "/admin/typifications/$cid2" "name=Contactado"
ajeno=$(tid "$cid2" Contactado)
post "/admin/typifications/$cid2" "name=Hoja+ajena&parent=$ajeno"
ajena=$(tid "$cid2" 'Hoja ajena')
check "...and in another campaign" test -n "$ajena"
jget "/admin/typifications/$cid"
expect "the tree comes in tree order with its paths" "$(jf '[.Tree[].path] | join(";")')" "Contactado;Contactado › Acuerdo de pago;Contactado › Promesa de pago;No contactado;No contactado › Cuelga;No contactado › Promesa de pago"
expect "...depths and leaves" "$(jf '[.Tree[] | "\(.depth)\(.leaf)"] | join(",")')" "0false,1true,1true,0false,1true,1true"
before=$(typs)
bad "a duplicate name among siblings" "/admin/typifications/$cid" "name=Contactado" name
expect "...with a clear message" "$(jf .error.message)" "Ya hay una opción con ese nombre en el mismo nivel (quizá desactivada)."
bad "a duplicate name among siblings, other case" "/admin/typifications/$cid" "name=promesa+de+pago&parent=$contactado" name
bad "an outcome that closes and asks for a next management" "/admin/typifications/$cid" "name=Ambas&parent=$contactado&closes_case=1&requires_next=1" closes_case
bad "a parent of another campaign" "/admin/typifications/$cid" "name=Cruzada&parent=$ajeno" parent
bad "a child under a closing outcome" "/admin/typifications/$cid" "name=Debajo&parent=$acuerdo" parent
expect "...says why" "$(jf .error.message)" "Esa opción cierra el caso o pide una próxima gestión: quítele esa marca antes de agregarle subniveles."
bad "a child under an outcome that asks for a next management" "/admin/typifications/$cid" "name=Debajo&parent=$promesa" parent
bad "an unknown parent" "/admin/typifications/$cid" "name=Debajo&parent=999999" parent
bad "parent=abc" "/admin/typifications/$cid" "name=Debajo&parent=abc" parent
bad "an empty outcome name" "/admin/typifications/$cid" "name=+" name
bad "a name with the path sign ›" "/admin/typifications/$cid" "name=A+%E2%80%BA+B" name
bad "position=abc" "/admin/typifications/$cid" "name=Pos&position=abc" position
bad "a flag that is not yes/no" "/admin/typifications/$cid" "name=Flag&closes_case=maybe" closes_case
expect "bad outcomes changed nothing" "$(typs)" "$before"
post "/admin/typifications/$cid" "name=Contactado"
expect "a refused outcome in the browser answers 422" "$STATUS" 422
contains "...with the message next to the field" "$BODY" "Ya hay una opción con ese nombre en el mismo nivel"
post /admin/typifications/999999 "name=X"
expect "adding to an unknown campaign answers 404" "$STATUS" 404
req "/admin/typifications/$cid2/$promesa"
expect "an outcome read under another campaign answers 404" "$STATUS" 404

# Edits of the tree.
v=$(sql "SELECT version FROM typifications WHERE id = $contactado")
bad "flags on an outcome with active children" "/admin/typifications/$cid/$contactado" "name=Contactado&closes_case=1&version=$v" closes_case
bad "moving an outcome under itself" "/admin/typifications/$cid/$nocontactado" "name=No+contactado&parent=$nocontactado&version=1" parent
bad "moving an outcome under its own child" "/admin/typifications/$cid/$nocontactado" "name=No+contactado&parent=$cuelga&version=1" parent
expect "...says why" "$(jf .error.message)" "Una opción no puede quedar debajo de sí misma ni de una de sus subopciones."
bad "moving an outcome to another campaign's parent" "/admin/typifications/$cid/$cuelga" "name=Cuelga&parent=$ajeno&version=1" parent
bad "renaming onto a sibling's name" "/admin/typifications/$cid/$cuelga" "name=Promesa+de+pago&version=1" name
post "/admin/typifications/$cid/$cuelga" "name=Cuelga+la+llamada&parent=$nocontactado&position=30&closes_case=0&requires_next=0&requires_next=1&active=1&version=1"
expect "saving an outcome edit answers 303" "$STATUS" 303
expect "...stores it and bumps the version" "$(sql "SELECT CONCAT_WS('|', name, parent_id, position, requires_next, version) FROM typifications WHERE id = $cuelga")" "Cuelga la llamada|$nocontactado|30|1|2"
expect "...with an audit row" "$(audits_by typification_update "$cuelga" "$super")" 1
post "/admin/typifications/$cid/$cuelga" "name=Pisada&version=1"
expect "a stale outcome edit answers 409" "$STATUS" 409
expect "...and does not overwrite" "$(sql "SELECT name FROM typifications WHERE id = $cuelga")" "Cuelga la llamada"
jpost "/admin/typifications/$cid/$contactado" "name=Contactado&version=$v"
expect "an API edit with only the name keeps parent, flags and active" "$(sql "SELECT CONCAT_WS('|', COALESCE(parent_id, '-'), active, closes_case, requires_next, version) FROM typifications WHERE id = $contactado")" "-|1|0|0|$((v + 1))"
post "/admin/typifications/$cid" "name=Temporal&parent=$nocontactado"
temporal=$(tid "$cid" Temporal)
post "/admin/typifications/$cid/$temporal/delete" ""
expect "deleting an unused leaf answers 303" "$STATUS" 303
expect "...and deletes it" "$(sql "SELECT COUNT(*) FROM typifications WHERE id = $temporal")" 0
expect "...with an audit row" "$(audits_by typification_delete "$temporal" "$super")" 1
jpost "/admin/typifications/$cid/$nocontactado/delete" ""
expect "deleting an outcome with sub-levels answers 409" "$STATUS" 409
expect "...saying to delete them first" "$(jf .error.message)" "La opción tiene subniveles: bórrelos primero, o desactive la opción."
expect "...and keeps it" "$(sql "SELECT COUNT(*) FROM typifications WHERE id = $nocontactado")" 1

# --- The case's campaign field.
soporte=$(sql "SELECT id FROM areas WHERE name = 'Soporte técnico'")
post /cases "subject=Cobro+T111&description=Mora+de+dos+cuotas&area=$soporte&requester_first_name=Rita&campaign=$cid"
expect "registering a case with a campaign answers 303" "$STATUS" 303
case1=$(header Location); case1=${case1##*/}
expect "...and stores the campaign" "$(sql "SELECT campaign_id FROM cases WHERE id = $case1")" "$cid"
jget "/cases/$case1"
expect "the case's JSON carries the campaign in its form" "$(jf .Form.campaign)" "$cid"
post /cases "subject=Sin+campa%C3%B1a+T111&description=x&area=$soporte&requester_first_name=Rita"
case0=$(header Location); case0=${case0##*/}
expect "a case registered without one has none" "$(sql "SELECT COALESCE(campaign_id, '-') FROM cases WHERE id = $case0")" "-"
bad "registering a case in an inactive campaign" /cases "subject=s&description=d&requester_first_name=Ana&area=$soporte&campaign=$cid2" campaign
bad "registering a case in an unknown campaign" /cases "subject=s&description=d&requester_first_name=Ana&area=$soporte&campaign=999999" campaign
post "/admin/campaigns/$cid2" "name=Otra+T111&active=1&version=2"
v=$(sql "SELECT version FROM cases WHERE id = $case0")
post "/cases/$case0" "campaign=$cid2&version=$v"
expect "giving a case a campaign answers 303" "$STATUS" 303
expect "...stores it" "$(sql "SELECT CONCAT(campaign_id, '|', version) FROM cases WHERE id = $case0")" "$cid2|$((v + 1))"
expect "...with a history row" "$(sql "SELECT CONCAT_WS('|', kind, field, old_value, new_value, new_ref) FROM case_history WHERE case_id = $case0 AND field = 'campaign'")" "change|campaign||Otra T111|$cid2"
post "/cases/$case0" "campaign=$cid&version=$((v + 1))"
expect "changing it writes another history row, old → new" "$(sql "SELECT CONCAT_WS('|', old_value, new_value, old_ref, new_ref) FROM case_history WHERE case_id = $case0 AND field = 'campaign' ORDER BY id DESC LIMIT 1")" "Otra T111|Cobranza vencida T111|$cid2|$cid"
post "/admin/campaigns/$cid" "name=Cobranza+vencida+T111&active=0&version=$(sql "SELECT version FROM campaigns WHERE id = $cid")"
v=$(sql "SELECT version FROM cases WHERE id = $case0")
post "/cases/$case0" "campaign=$cid&subject=Sin+campa%C3%B1a+T111+bis&version=$v"
expect "a case keeps its campaign once it is inactive" "$STATUS|$(sql "SELECT CONCAT(campaign_id, subject) FROM cases WHERE id = $case0")" "303|${cid}Sin campaña T111 bis"
post "/admin/campaigns/$cid" "name=Cobranza+vencida+T111&active=1&version=$(sql "SELECT version FROM campaigns WHERE id = $cid")"
jget "/cases?campaign=$cid&status=open"
expect "the case list filters by campaign" "$(jf '[.Cases[].id] | sort | map(tostring) | join(",")')" "$(sql "SELECT GROUP_CONCAT(id ORDER BY id) FROM cases WHERE campaign_id = $cid AND closed = 0")"
check "...and the filtered list is not empty" test "$(jf '.Cases | length')" -ge 2
req "/cases?campaign=$cid&status=open"
contains "...the list page offers the campaign filter, the chosen one selected" "$BODY" "<option value=\"$cid\" selected>Cobranza vencida T111</option>"
jget "/cases?campaign=abc"
expect "campaign=abc in the list answers 400" "$STATUS" 400

# --- The management form.
sign_in agente agente-demo
t=$(csrf)
managed() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM managements WHERE case_id = $1), (SELECT COUNT(*) FROM case_history WHERE case_id = $1), (SELECT CONCAT(version, COALESCE(next_at, '-'), closed) FROM cases WHERE id = $1))"; }
future=$(TZ=$tz date -d '+2 days' '+%Y-%m-%dT10:30')
future_utc=$(date -u -d "TZ=\"$tz\" ${future/T/ }" '+%Y-%m-%d %H:%M:%S')
past=$(TZ=$tz date -d '-1 hour' '+%Y-%m-%dT%H:%M')
before=$(managed "$case1")
bad "managing with a branch (not a final outcome)" "/cases/$case1/manage" "typification=$contactado" typification
bad "managing with another campaign's outcome" "/cases/$case1/manage" "typification=$ajena" typification
bad "managing without an outcome" "/cases/$case1/manage" "observations=x" typification
bad "managing with typification=abc" "/cases/$case1/manage" "typification=abc" typification
bad "an outcome that needs a next management, without one" "/cases/$case1/manage" "typification=$promesa&observations=Promete+pagar" next_at
expect "...says so" "$(jf .error.message)" "Este resultado necesita la fecha y hora de la próxima gestión."
bad "a next management in the past" "/cases/$case1/manage" "typification=$promesa&next_at=$past" next_at
bad "a malformed next management" "/cases/$case1/manage" "typification=$promesa&next_at=ma%C3%B1ana" next_at
bad "observations over 10,000 characters" "/cases/$case1/manage" "typification=$promesa&next_at=$future&observations=$(printf 'o%.0s' {1..10001})" observations
post "/cases/$case1/manage" "typification=$promesa&observations=Sin+fecha"
expect "a refused management in the browser answers 422" "$STATUS" 422
req -d "typification=$promesa&next_at=$future" "/cases/$case1/manage"
expect "a management without the CSRF token answers 403" "$STATUS" 403
expect "refused managements saved nothing (management, history, version, next time)" "$(managed "$case1")" "$before"
v=$(sql "SELECT version FROM cases WHERE id = $case1")
post "/cases/$case1/manage" "typification=$promesa&next_at=$future&observations=Promete+pagar+el+viernes"
expect "a good management answers 303" "$STATUS" 303
expect "...back to the case's history" "$(header Location)" "/cases/$case1?saved=1#history"
expect "...stores the management with its path, in UTC" "$(sql "SELECT CONCAT_WS('|', user_id, campaign_id, typification_id, path, observations, next_at) FROM managements WHERE case_id = $case1")" "$agent|$cid|$promesa|Contactado › Promesa de pago|Promete pagar el viernes|$future_utc"
expect "...sets the case's next time and bumps its version" "$(sql "SELECT CONCAT(next_at, '|', version, '|', closed) FROM cases WHERE id = $case1")" "$future_utc|$((v + 1))|0"
expect "...with a history row" "$(sql "SELECT CONCAT_WS('|', kind, field, new_value, note, user_id, version) FROM case_history WHERE case_id = $case1 AND kind = 'manage'")" "manage|typification|Contactado › Promesa de pago|Promete pagar el viernes|$agent|$((v + 1))"
expect "...and an audit row" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'case_manage' AND object_id = $case1 AND user_id = $agent")" 1
jpost "/cases/$case1/manage" "typification=$cuelga&next_at=$future"
expect "a JSON management answers 201" "$STATUS" 201
expect "...with the case's Location and the management" "$(header Location)|$(jf .Management.path)|$(jf .Management.requires_next)" "/cases/$case1|No contactado › Cuelga la llamada|1"
promesa2=$(sql "SELECT id FROM typifications WHERE campaign_id = $cid AND parent_id = $nocontactado AND name = 'Promesa de pago'")
post "/cases/$case1/manage" "typification=$promesa2&observations=Sin+cita"
expect "an outcome that asks for nothing clears the next time" "$STATUS|$(sql "SELECT COALESCE(next_at, '-') FROM cases WHERE id = $case1")" "303|-"
post "/admin/typifications/$cid/$promesa/delete" ""
expect "an agent deleting an outcome gets 403" "$STATUS" 403
sign_in supervisor supervisor-demo
t=$(csrf)
post "/admin/typifications/$cid/$promesa/delete" ""
expect "deleting an outcome a management chose answers 409" "$STATUS" 409
contains "...saying to deactivate it" "$BODY" "Desactívela"
expect "...and keeps it" "$(sql "SELECT COUNT(*) FROM typifications WHERE id = $promesa")" 1
post "/admin/campaigns/$cid/delete" ""
expect "deleting a campaign with cases answers 409" "$STATUS" 409
expect "...and keeps it with its tree" "$(sql "SELECT COUNT(*) FROM typifications WHERE campaign_id = $cid")" 6
post "/admin/typifications/$cid/$promesa2" "name=Promesa+de+pago&active=0&version=1"
sign_in agente agente-demo
t=$(csrf)
bad "managing with a deactivated outcome" "/cases/$case1/manage" "typification=$promesa2" typification
post /cases "subject=Otra+T111&description=x&area=$soporte&requester_first_name=Rita"
case2=$(header Location); case2=${case2##*/}
bad "managing a case without a campaign" "/cases/$case2/manage" "typification=$promesa&next_at=$future" typification
expect "...says so" "$(jf .error.message)" "El caso no pertenece a una campaña: asígnele una en los datos del caso antes de registrar la gestión."
req -H 'Accept: application/json' "/cases/$case1/manage"
expect "GET of the management address answers 404" "$STATUS" 404

# A closing outcome closes the case.
before_hist=$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $case1")
post "/cases/$case1/manage" "typification=$acuerdo&observations=Paga+en+3+cuotas&next_at=$future"
expect "a closing outcome answers 303" "$STATUS" 303
expect "...and closes the case as CLO with the path and observations as resolution" "$(sql "SELECT CONCAT_WS('|', c.closed, s.code, REPLACE(c.resolution, '\n', '/'), c.closed_by, COALESCE(c.next_at, '-')) FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $case1")" "1|CLO|Contactado › Acuerdo de pago//Paga en 3 cuotas|$agent|-"
expect "...with the management" "$(sql "SELECT COUNT(*) FROM managements WHERE case_id = $case1 AND typification_id = $acuerdo")" 1
expect "...and two history rows: the management, then the close" "$(sql "SELECT GROUP_CONCAT(kind ORDER BY id) FROM (SELECT id, kind FROM case_history WHERE case_id = $case1 ORDER BY id DESC LIMIT 2) x")|$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $case1")" "manage,close|$((before_hist + 2))"
before=$(managed "$case1")
post "/cases/$case1/manage" "typification=$cuelga&next_at=$future"
expect "managing a closed case answers 409" "$STATUS" 409
expect "...and saves nothing" "$(managed "$case1")" "$before"

# An unused campaign goes with its tree.
sign_in admin admin-demo
t=$(csrf)
post "/admin/typifications/$cid3" "name=Nivel"
post "/admin/typifications/$cid3" "name=Hoja&parent=$(tid "$cid3" Nivel)"
post "/admin/campaigns/$cid3/delete" ""
expect "deleting an unused campaign answers 303" "$STATUS" 303
expect "...and removes it with its tree" "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM campaigns WHERE id = $cid3), (SELECT COUNT(*) FROM typifications WHERE campaign_id = $cid3))")" 00
expect "...with an audit row" "$(audits_by campaign_delete "$cid3" "$admin")" 1
