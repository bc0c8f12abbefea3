#!/bin/bash
# The contact-center case screen (S1, S2, S4): its tabs and header actions,
# adding a contact datum and an account to the case's customer from the case,
# editing the customer and its data from the case's tabs (and coming back),
# and the header's reassign and close going back to the dashboard.
. "$(dirname "$0")/../lib.sh"

area=$(sql "SELECT MIN(id) FROM areas")
counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM contact_data), (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM case_history))"; }
hist() { sql "SELECT CONCAT_WS('|', kind, field, COALESCE(old_value, '-'), new_value) FROM case_history WHERE case_id = $1 ORDER BY id DESC LIMIT 1"; }

sign_in agente agente-demo; t=$(csrf)
jpost /customers "kind=person&first_name=Lucía&first_surname=Vargas&doc_type=1&doc_number=71234567"
cust=$(jf .Customer.id)
jpost /cases "subject=Pantalla+T114&description=d&area=$area&customer=$cust"
c=$(jf .Case.id)
jpost /cases "subject=Sin+cliente+T114&description=d&area=$area&requester_first_name=Ana"
bare=$(jf .Case.id)

# The view: every tab of the manual as a panel, the header's actions.
req "/cases/$c"
expect "the case view answers 200" "$STATUS" 200
for tab in summary conversation customer contact history script attachments activities notes; do
    contains "...has the $tab tab and its panel" "$BODY" "<div class=\"tab-panel\" id=\"$tab\">"
    contains "...linked from the tab bar ($tab)" "$BODY" "<a href=\"#$tab\">"
done
for target in contact-add account-add attachment-add reassign merge close; do
    contains "...the header offers #$target" "$BODY" "href=\"#$target\""
done
contains "...and 'exit' posts waiting for this case to /presence" "$BODY" '<input type="hidden" name="state" value="waiting"><input type="hidden" name="case" value="'"$c"'">'
contains "...the customer tab edits the customer and comes back to the case" "$BODY" "name=\"return\" value=\"/cases/$c#customer\""
contains "...and searches for matches from this case" "$BODY" "/customers/match?case=$c"
contains "...the header names the customer's document" "$BODY" "71234567"

# Add contact datum from the case: goes to the case's customer, with a history row.
before=$(counts)
post "/cases/$c/contact-data" "type=mobile&value=300+555+1234&label=trabajo&preferred=1"
expect "adding a mobile from the case answers 303 to the contact tab" "$STATUS $(header Location)" "303 /cases/$c#contact"
expect "...it belongs to the case's customer, digits only, preferred" "$(sql "SELECT CONCAT_WS('|', customer_id, type, value, label, preferred) FROM contact_data WHERE customer_id = $cust")" "$cust|mobile|3005551234|trabajo|1"
expect "...and the case's history says so" "$(hist "$c")" "change|contact_datum|-|Celular: 3005551234"
req "/cases/$c"
contains "...the contact tab shows it as a click-to-call link" "$BODY" 'href="tel:3005551234"'
before=$(counts)
post "/cases/$c/contact-data" "type=phone&value=5551234"
expect "a fixed phone without its area code is refused (422)" "$STATUS" 422
contains "...with the message next to the area code" "$BODY" 'id="err-area_code"'
contains "...keeping what was typed" "$BODY" 'value="5551234"'
post "/cases/$c/contact-data" "type=email&value=no-es-correo"
expect "a malformed e-mail is refused (422)" "$STATUS" 422
expect "...and neither changed anything" "$(counts)" "$before"
post "/cases/$bare/contact-data" "type=email&value=ana@example.com"
expect "a case without a customer refuses a contact datum (422)" "$STATUS" 422
contains "...saying to find or register the customer" "$BODY" "Buscar coincidencias"
req -d "type=email&value=ana@example.com" "/cases/$c/contact-data"
expect "...a post without the CSRF token is refused (403)" "$STATUS" 403
expect "...and nothing was saved" "$(counts)" "$before"
jpost "/cases/$c/contact-data" "type=email&value=lucia@example.com"
expect "in JSON it answers 201 with the new datum" "$STATUS $(jf .Datum.customer_id)" "201 $cust"

# Add account from the case: the customer's, and linked to the case.
v0=$(sql "SELECT version FROM cases WHERE id = $c")
post "/cases/$c/accounts" "number=CTA-114&product=Plan+hogar&opened_at=2025-02-01&detail=Fibra"
expect "adding an account from the case answers 303 to the customer tab" "$STATUS $(header Location)" "303 /cases/$c?saved=1#customer"
acc=$(sql "SELECT id FROM accounts WHERE number = 'CTA-114'")
expect "...the account is the customer's, active by default" "$(sql "SELECT CONCAT_WS('|', customer_id, product, status, opened_at) FROM accounts WHERE id = $acc")" "$cust|Plan hogar|active|2025-02-01"
expect "...and the case's account, a new version" "$(sql "SELECT CONCAT_WS('|', account_id, version) FROM cases WHERE id = $c")" "$acc|$((v0 + 1))"
expect "...with a history row" "$(hist "$c")" "change|account|-|CTA-114"
req "/cases/$c"
contains "...the header shows the account number" "$BODY" "CTA-114"
contains "...and the customer tab its detail" "$BODY" "Fibra"
before=$(counts)
post "/cases/$c/accounts" "number=CTA-114&product=Otra"
expect "an account number already taken is refused (422)" "$STATUS" 422
contains "...next to the number" "$BODY" 'id="err-number"'
post "/cases/$c/accounts" "number=&product=x"
expect "an account without number is refused (422)" "$STATUS" 422
post "/cases/$c/accounts" "number=CTA-999&opened_at=2025-02-30"
expect "an impossible opening date is refused (422)" "$STATUS" 422
expect "...and none changed anything" "$(counts)" "$before"
expect "...nor the case's account" "$(sql "SELECT account_id FROM cases WHERE id = $c")" "$acc"

# Editing the customer and its data from the tabs comes back to the case.
jget "/customers/$cust"; cv=$(jf .Customer.version)
post "/customers/$cust" "version=$cv&kind=person&doc_type=1&doc_number=71234567&first_name=Lucía&second_name=Inés&first_surname=Vargas&birth_date=1990-04-02&sex=F&return=/cases/$c%23customer"
expect "saving the customer from the case's tab comes back to it" "$STATUS $(header Location)" "303 /cases/$c#customer"
expect "...with the customer's new data" "$(sql "SELECT CONCAT_WS('|', second_name, birth_date, sex) FROM customers WHERE id = $cust")" "Inés|1990-04-02|F"
d=$(sql "SELECT id FROM contact_data WHERE customer_id = $cust AND type = 'mobile'")
req "/customers/$cust/contact-data/$d?return=%2Fcases%2F$c%23contact"
contains "the datum's edit page carries the way back" "$BODY" "name=\"return\" value=\"/cases/$c#contact\""
post "/customers/$cust/contact-data/$d/delete" "return=//evil.example/"
expect "a return path off the site is ignored" "$STATUS $(header Location)" "303 /customers/$cust?saved=1#contact-data"
jpost "/cases/$c/contact-data" "type=mobile&value=3110000000"
d2=$(sql "SELECT id FROM contact_data WHERE customer_id = $cust AND value = '3110000000'")
post "/customers/$cust/contact-data/$d2/delete" "return=/cases/$c%23contact"
expect "deleting a datum from the contact tab comes back to it" "$STATUS $(header Location)" "303 /cases/$c#contact"
expect "...and deletes it" "$(sql "SELECT COUNT(*) FROM contact_data WHERE id = $d2")" 0

# Reassign and close from the header go back to the dashboard.
super=$(sql "SELECT id FROM users WHERE login = 'supervisor'")
me=$(sql "SELECT id FROM users WHERE login = 'agente'")
req "/cases/$c"
expect "viewing the case, the agent is working on it" "$(sql "SELECT CONCAT_WS('|', state, case_id) FROM agent_presence WHERE user_id = $me")" "working|$c"
post "/cases/$c/reassign" "assignee=$super&note=Pasa+a+supervisión&return=/"
expect "reassigning from the header goes to the dashboard" "$STATUS $(header Location)" "303 /"
expect "...and the agent is waiting again, without any page script" "$(sql "SELECT CONCAT_WS('|', state, COALESCE(case_id, '-')) FROM agent_presence WHERE user_id = $me")" "waiting|-"
expect "...and reassigns" "$(sql "SELECT assignee_id FROM cases WHERE id = $c")" "$super"
post "/cases/$c/reassign" "assignee=$super&return=https://evil.example/"
expect "...a return off the site goes back to the case instead" "$(header Location)" "/cases/$c?saved=1"
req "/cases/$c"
post "/cases/$c/close" "status=CLO&resolution=Resuelto+por+teléfono&return=/"
expect "closing from the header goes to the dashboard" "$STATUS $(header Location)" "303 /"
expect "...leaving the agent waiting" "$(sql "SELECT state FROM agent_presence WHERE user_id = $me")" "waiting"
expect "...and closes the case" "$(sql "SELECT closed FROM cases WHERE id = $c")" 1
before=$(counts)
post "/cases/$c/contact-data" "type=email&value=tarde@example.com"
expect "an agent cannot add to the customer through a closed case (403)" "$STATUS" 403
post "/cases/$c/accounts" "number=CTA-CERRADO"
expect "...nor an account (403)" "$STATUS" 403
expect "...and nothing changed" "$(counts)" "$before"

# A customer user never reaches these.
sign_in cliente cliente-demo; t=$(csrf)
post "/cases/$c/contact-data" "type=email&value=intruso@example.com"
expect "a customer user gets 403 on the staff case actions" "$STATUS" 403
expect "...and nothing changed" "$(counts)" "$before"
