#!/bin/bash
# /customers and /lookup: create, validate, search, page, edit, delete; contact data, accounts, contacts; the search assistant; permissions.
. "$(dirname "$0")/../lib.sh"

counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM contact_data), (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM contacts), (SELECT COALESCE(SUM(version), 0) FROM customers), (SELECT COALESCE(SUM(version), 0) FROM contact_data), (SELECT COALESCE(SUM(version), 0) FROM accounts), (SELECT COALESCE(SUM(version), 0) FROM contacts), (SELECT COUNT(*) FROM audit_log WHERE action <> 'login'))"; }
q() { jq -rn --arg q "$1" '$q | @uri'; }
found() { jget "/customers?q=$(q "$1")"; jf '[.Customers[].id] | map(tostring) | join(",")'; }
admin=$(uid agente)
cc=$(sql "SELECT id FROM document_types WHERE code = 'CC'") nit=$(sql "SELECT id FROM document_types WHERE code = 'NIT'") pas=$(sql "SELECT id FROM document_types WHERE code = 'PAS'")
tomorrow=$(date -u -d '+1 day' +%F)

sign_in agente agente-demo
t=$(csrf)

# Create: an organization (JSON) and a person of it (form).
jpost /customers "kind=organization&legal_name=Acme+T41+S.A.S.&doc_type=$nit&doc_number=900.123.456-7"
org=$(jf .Customer.id)
expect "a JSON customer create answers 201 with the Location of the customer" "$STATUS $(header Location)" "201 /customers/$org"
expect "...and the Customer in the body" "$(jf '.Customer.kind + "|" + .Customer.display_name + "|" + .Customer.doc_code')" "organization|Acme T41 S.A.S.|NIT"
expect "...stored with the document number normalised" "$(sql "SELECT doc_number FROM customers WHERE id = $org")" "900123456-7"
post /customers "kind=person&first_name=Juan&second_name=Carlos&first_surname=P%C3%A9rez&second_surname=Ruiz&doc_type=$cc&doc_number=1.020.345&birth_date=1980-02-03&sex=M&organization=$org"
expect "a form customer create answers 303" "$STATUS" 303
loc=$(header Location); per=${loc##*/}
check "...to the new customer's page" grep -qxE '/customers/[0-9]+' <<<"$loc"
expect "...stored with all its fields and the dots dropped from the document" "$(sql "SELECT CONCAT_WS('|', kind, display_name, doc_type_id, doc_number, birth_date, sex, organization_id, created_by, version) FROM customers WHERE id = $per")" "person|Juan Carlos Pérez Ruiz|$cc|1020345|1980-02-03|M|$org|$admin|1"
expect "...with an audit row by the agent" "$(audits customer_create "$per")" 1
jpost /customers "kind=person&first_name=Ana&first_surname=G%C3%B3mez&doc_type=$pas&doc_number=pa+12.34.56"
ana=$(jf .Customer.id)
expect "a passport number is stored without spaces or dots, upper case" "$(sql "SELECT doc_number FROM customers WHERE id = $ana")" PA123456
req /customers/new
expect "the new customer form answers 200" "$STATUS" 200
contains "...and offers the document types" "$BODY" 'Cédula de ciudadanía'

# Create: bad input saves nothing.
before=$(counts)
bad "kind=robot" /customers "kind=robot&first_name=A&first_surname=B" kind
bad "a customer without kind" /customers "first_name=A&first_surname=B" kind
bad "a person without first_name" /customers "kind=person&first_surname=B" first_name
bad "a person without first_surname" /customers "kind=person&first_name=A" first_surname
bad "an organization without legal_name" /customers "kind=organization&first_name=A" legal_name
bad "a doc_type without doc_number" /customers "kind=person&first_name=A&first_surname=B&doc_type=$cc" doc_number
expect "...as document_incomplete" "$(jf .error.message)" "Indique el tipo y el número del documento, o ninguno de los dos."
bad "a doc_number without doc_type" /customers "kind=person&first_name=A&first_surname=B&doc_number=123456" doc_type
bad "an unknown doc_type" /customers "kind=person&first_name=A&first_surname=B&doc_type=999&doc_number=123456" doc_type
bad "doc_number=ab" /customers "kind=person&first_name=A&first_surname=B&doc_type=$cc&doc_number=ab" doc_number
bad "doc_number=12#45" /customers "kind=person&first_name=A&first_surname=B&doc_type=$cc&doc_number=12%2345" doc_number
bad "a duplicate document" /customers "kind=person&first_name=A&first_surname=B&doc_type=$cc&doc_number=1020345" doc_number
expect "...with the message for a taken document" "$(jf .error.message)" "Ya hay un cliente con ese tipo y número de documento."
bad "a duplicate document typed with dots and spaces" /customers "kind=person&first_name=A&first_surname=B&doc_type=$cc&doc_number=+1.020+345" doc_number
bad "a birth date of tomorrow" /customers "kind=person&first_name=A&first_surname=B&birth_date=$tomorrow" birth_date
expect "...with the message for a future birth date" "$(jf .error.message)" "La fecha de nacimiento no puede ser futura."
bad "birth_date=03/02/1980" /customers "kind=person&first_name=A&first_surname=B&birth_date=03/02/1980" birth_date
bad "birth_date=1980-13-01" /customers "kind=person&first_name=A&first_surname=B&birth_date=1980-13-01" birth_date
bad "birth_date=2020-02-30 (no such day)" /customers "kind=person&first_name=A&first_surname=B&birth_date=2020-02-30" birth_date
bad "sex=X" /customers "kind=person&first_name=A&first_surname=B&sex=X" sex
bad "an organization that is a person" /customers "kind=person&first_name=A&first_surname=B&organization=$per" organization
bad "an unknown organization" /customers "kind=person&first_name=A&first_surname=B&organization=999999" organization
post /customers "kind=person&first_name=&first_surname=B"
expect "a form create with an error answers 422" "$STATUS" 422
expect "...in one HTML page" "$(grep -c '</html>' <<<"$BODY")" 1
expect "bad customers changed nothing" "$(counts)" "$before"

# Search and paging.
jpost "/customers/$per/contact-data" "type=mobile&value=300+123-4567&preferred=1"
d1=$(jf .Datum.id)
expect "a contact datum create answers 201 with its Location" "$STATUS $(header Location)" "201 /customers/$per/contact-data/$d1"
expect "...and the phone stored as digits" "$(sql "SELECT CONCAT(type, '|', value, '|', preferred) FROM contact_data WHERE id = $d1")" "mobile|3001234567|1"
expect "...with an audit row" "$(audits contact_datum_create "$per")" 1
post "/customers/$per/contact-data" "type=email&value=juan.perez%40example.com"
expect "a form contact datum create answers 303" "$STATUS" 303
check "...to the datum's address" grep -qxE "/customers/$per/contact-data/[0-9]+" <<<"$(header Location)"
expect "searching 'perez' finds Pérez" "$(found perez)" "$per"
expect "searching 'PEREZ' finds Pérez" "$(found PEREZ)" "$per"
expect "searching 'gomez' finds Gómez" "$(found gomez)" "$ana"
expect "searching '1.020.345' finds the document" "$(found 1.020.345)" "$per"
expect "searching '1020345' finds the document" "$(found 1020345)" "$per"
expect "searching '1 020 345' finds the document" "$(found '1 020 345')" "$per"
expect "searching 'pa123456' finds the passport" "$(found pa123456)" "$ana"
expect "searching '900123456-7' finds the NIT as stored" "$(found 900123456-7)" "$org"
expect "searching '900.123.456-7' finds the NIT typed with dots" "$(found 900.123.456-7)" "$org"
expect "searching '300 123 4567' finds the phone" "$(found '300 123 4567')" "$per"
expect "searching '(300) 123-4567' finds the phone" "$(found '(300) 123-4567')" "$per"
expect "searching the e-mail finds it" "$(found juan.perez@example)" "$per"
jget "/customers?q=zzqq"
expect "searching 'zzqq' finds nobody" "$STATUS $(jf '.Pager.total')" "200 0"
sql "INSERT INTO customers (kind, first_name, first_surname) SELECT 'person', 'Página', CONCAT('Lote', LPAD(seq, 2, '0')) FROM seq_1_to_30"
jget "/customers?q=pagina"
expect "a search of 30 shows 25 on page 1" "$(jf '.Customers | length')" 25
expect "...with the Pager" "$(jf '.Pager | "\(.page)|\(.pages)|\(.total)|\(.prev)|\(.next)"')" "1|2|30|0|2"
jget "/customers?q=pagina&page=2"
expect "...and the other 5 on page 2" "$(jf '(.Customers | length | tostring) + "|" + .Customers[0].display_name')" "5|Página Lote26"
expect "...whose Pager points back" "$(jf '.Pager | "\(.page)|\(.prev)|\(.next)"')" "2|1|0"

# View and edit the customer.
jget "/customers/$org"
expect "the organization's JSON page lists its member" "$(jf '[.Members[].id] | map(tostring) | join(",")')" "$per"
jget "/customers/$per"
expect "the person's JSON page has Customer and ContactData" "$(jf '.Customer.organization_name + "|" + (.ContactData | length | tostring)')" "Acme T41 S.A.S.|2"
expect "...and empty Accounts and Contacts" "$(jf '(.Accounts | length | tostring) + (.Contacts | length | tostring)')" 00
before=$(counts)
bad "an edit to a taken document" "/customers/$ana" "kind=person&first_name=Ana&first_surname=G&doc_type=$cc&doc_number=1.020.345&version=1" doc_number
bad "an edit to a future birth date" "/customers/$ana" "kind=person&first_name=Ana&first_surname=G&birth_date=$tomorrow&version=1" birth_date
bad "making a person its own organization" "/customers/$ana" "kind=person&first_name=Ana&first_surname=G&organization=$ana&version=1" organization
expect "bad edits changed nothing" "$(counts)" "$before"
post "/customers/$ana" "kind=person&first_name=Ana&second_name=Mar%C3%ADa&first_surname=G%C3%B3mez&doc_type=$pas&doc_number=PA123456&sex=F&organization=$org&version=1"
expect "saving a customer edit answers 303" "$STATUS" 303
check "...back to the customer's page" grep -qE "^/customers/$ana(\?|$)" <<<"$(header Location)"
expect "...stores it and bumps the version" "$(sql "SELECT CONCAT_WS('|', display_name, sex, organization_id, version) FROM customers WHERE id = $ana")" "Ana María Gómez|F|$org|2"
expect "...with an audit row" "$(audits customer_update "$ana")" 1
post "/customers/$ana" "kind=person&first_name=Pisada&first_surname=X&version=1"
expect "a stale customer edit answers 409" "$STATUS" 409
expect "...and does not overwrite" "$(sql "SELECT first_name FROM customers WHERE id = $ana")" Ana
post /customers/999999 "kind=person&first_name=Nadie&first_surname=X&version=1"
expect "editing an unknown customer answers 404" "$STATUS" 404

# Contact data.
before=$(counts)
bad "an invalid e-mail" "/customers/$per/contact-data" "type=email&value=nope" value
bad "a mobile with letters" "/customers/$per/contact-data" "type=mobile&value=300abc4567" value
bad "a fixed phone without area_code" "/customers/$per/contact-data" "type=phone&value=6012345" area_code
bad "an area code with letters" "/customers/$per/contact-data" "type=phone&value=6012345&area_code=6a" area_code
bad "an address of 2 characters" "/customers/$per/contact-data" "type=address&value=ab" value
bad "a social handle with a space" "/customers/$per/contact-data" "type=social&value=%40juan+perez" value
bad "type=fax" "/customers/$per/contact-data" "type=fax&value=123" type
jpost /customers/999999/contact-data "type=email&value=a%40b.co"
expect "a datum for an unknown customer answers 404" "$STATUS" 404
expect "bad contact data changed nothing" "$(counts)" "$before"
jpost "/customers/$per/contact-data" "type=phone&value=601+234+5678&area_code=1&label=Casa"
expect "a fixed phone with area code is stored as digits" "$(sql "SELECT CONCAT(value, '|', area_code, '|', label) FROM contact_data WHERE id = $(jf .Datum.id)")" "6012345678|1|Casa"
jpost "/customers/$ana/contact-data" "type=mobile&value=311+555+0000&preferred=1"
d3=$(jf .Datum.id)
jpost "/customers/$per/contact-data" "type=mobile&value=%2B57+310+555+1234&preferred=1"
d2=$(jf .Datum.id)
expect "an international mobile keeps its +" "$(sql "SELECT value FROM contact_data WHERE id = $d2")" "+573105551234"
expect "...and being preferred clears the customer's other preferred mobile" "$(sql "SELECT CONCAT(preferred, (SELECT preferred FROM contact_data WHERE id = $d2)) FROM contact_data WHERE id = $d1")" "01"
expect "...but not another customer's" "$(sql "SELECT preferred FROM contact_data WHERE id = $d3")" 1
req "/customers/$per/contact-data/$d1"
expect "a datum's edit page answers 200" "$STATUS" 200
post "/customers/$per/contact-data/$d1" "type=mobile&value=311.000.0000&preferred=1&version=1"
expect "editing a datum answers 303" "$STATUS" 303
expect "...stores it, clears the other preferred and bumps the version" "$(sql "SELECT CONCAT(value, preferred, version, (SELECT preferred FROM contact_data WHERE id = $d2)) FROM contact_data WHERE id = $d1")" "3110000000120"
expect "...with an audit row" "$(audits contact_datum_update "$per")" 1
post "/customers/$per/contact-data/$d1" "type=mobile&value=3119999999&version=1"
expect "a stale datum edit answers 409" "$STATUS" 409
bad "a datum edit to a bad e-mail" "/customers/$per/contact-data/$d1" "type=email&value=x&version=2" value
expect "...both leave the datum" "$(sql "SELECT CONCAT(type, value, version) FROM contact_data WHERE id = $d1")" "mobile31100000002"
req "/customers/$ana/contact-data/$d1"
expect "reading a datum under another customer answers 404" "$STATUS" 404
post "/customers/$ana/contact-data/$d1" "type=mobile&value=3119999999&version=2"
expect "editing a datum under another customer answers 404" "$STATUS" 404
post "/customers/$ana/contact-data/$d1/delete" ""
expect "deleting a datum under another customer answers 404" "$STATUS" 404
expect "...and it stays" "$(sql "SELECT value FROM contact_data WHERE id = $d1")" 3110000000
post "/customers/$per/contact-data/$d2/delete" ""
expect "deleting a datum answers 303 and deletes it" "$STATUS $(sql "SELECT COUNT(*) FROM contact_data WHERE id = $d2")" "303 0"
expect "...with an audit row" "$(audits contact_datum_delete "$per")" 1

# Accounts.
jpost "/customers/$per/accounts" "number=+CTA-T41-1+&product=Plan+Hogar&opened_at=2020-05-01&detail=Fibra"
a1=$(jf .Account.id)
expect "an account create answers 201 with its Location" "$STATUS $(header Location)" "201 /customers/$per/accounts/$a1"
expect "...stored trimmed, active by default" "$(sql "SELECT CONCAT_WS('|', number, product, status, opened_at, detail) FROM accounts WHERE id = $a1")" "CTA-T41-1|Plan Hogar|active|2020-05-01|Fibra"
expect "...with an audit row" "$(audits account_create "$per")" 1
before=$(counts)
bad "an account without number" "/customers/$ana/accounts" "number=&product=x" number
bad "a duplicate account number (other customer)" "/customers/$ana/accounts" "number=CTA-T41-1" number
bad "status=frozen" "/customers/$ana/accounts" "number=CTA-T41-2&status=frozen" status
bad "opened_at=ayer" "/customers/$ana/accounts" "number=CTA-T41-2&opened_at=ayer" opened_at
bad "opened_at=2020-02-30 (no such day)" "/customers/$ana/accounts" "number=CTA-T41-2&opened_at=2020-02-30" opened_at
expect "bad accounts changed nothing" "$(counts)" "$before"
post "/customers/$ana/accounts" "number=CTA-T41-2&status=closed&opened_at="
a2=$(sql "SELECT id FROM accounts WHERE number = 'CTA-T41-2'")
expect "a closed account with no opening date is stored" "$(sql "SELECT CONCAT(customer_id, status, ISNULL(opened_at)) FROM accounts WHERE id = $a2")" "${ana}closed1"
post "/customers/$ana/accounts/$a2" "number=CTA-T41-2&status=suspended&version=1"
expect "editing an account answers 303 and stores it" "$STATUS $(sql "SELECT CONCAT(status, version) FROM accounts WHERE id = $a2")" "303 suspended2"
expect "...with an audit row" "$(audits account_update "$ana")" 1
post "/customers/$ana/accounts/$a2" "number=CTA-T41-2&status=active&version=1"
expect "a stale account edit answers 409" "$STATUS" 409
bad "an account edit to a taken number" "/customers/$ana/accounts/$a2" "number=CTA-T41-1&version=2" number
post "/customers/$per/accounts/$a2" "number=CTA-T41-9&version=2"
expect "editing an account under another customer answers 404" "$STATUS" 404
expect "...all leave the account" "$(sql "SELECT CONCAT(number, status, version) FROM accounts WHERE id = $a2")" CTA-T41-2suspended2
post "/customers/$ana/accounts/$a2/delete" ""
expect "deleting an account answers 303 and deletes it" "$STATUS $(sql "SELECT COUNT(*) FROM accounts WHERE id = $a2")" "303 0"

# Contacts at the organization.
jpost "/customers/$org/contacts" "name=Laura+Rojas&job_title=Compras&email=laura%40acme.co&phone=601+555+1234&mobile=310-555-1234"
c1=$(jf .Contact.id)
expect "a contact create answers 201 with its Location" "$STATUS $(header Location)" "201 /customers/$org/contacts/$c1"
expect "...and the phones stored as digits" "$(sql "SELECT CONCAT_WS('|', name, job_title, email, phone, mobile) FROM contacts WHERE id = $c1")" "Laura Rojas|Compras|laura@acme.co|6015551234|3105551234"
expect "...with an audit row" "$(audits contact_create "$org")" 1
before=$(counts)
bad "a contact without name" "/customers/$org/contacts" "name=&email=a%40b.co" name
bad "a contact with a bad e-mail" "/customers/$org/contacts" "name=X&email=nope" email
bad "a contact phone with letters" "/customers/$org/contacts" "name=X&phone=abc1234" phone
bad "a contact mobile of 2 digits" "/customers/$org/contacts" "name=X&mobile=12" mobile
expect "bad contacts changed nothing" "$(counts)" "$before"
post "/customers/$org/contacts/$c1" "name=Laura+R.&job_title=Gerente&version=1"
expect "editing a contact answers 303 and stores it" "$STATUS $(sql "SELECT CONCAT(name, '|', job_title, '|', version) FROM contacts WHERE id = $c1")" "303 Laura R.|Gerente|2"
post "/customers/$org/contacts/$c1" "name=Pisada&version=1"
expect "a stale contact edit answers 409" "$STATUS" 409

# The search assistant.
req -H 'Accept: application/json' "/lookup/customers?q=acme+t41&kind=organization"
expect "/lookup/customers finds the organization with its document" "$(jf '.Results[] | "\(.id)|\(.label)|\(.detail)"')" "$org|Acme T41 S.A.S.|NIT 900123456-7"
req -H 'Accept: application/json' "/lookup/customers?q=juan&kind=organization"
expect "...and kind=organization leaves persons out" "$(jf '.Results | length')" 0
req -H 'Accept: application/json' "/lookup/customers?q=pagina"
expect "...at most 20 results" "$(jf '.Results | length')" 20
req -H 'Accept: application/json' "/lookup/contacts?q=laura&customer=$org"
expect "/lookup/contacts finds the organization's contact" "$(jf '[.Results[].id] | map(tostring) | join(",")')" "$c1"
req -H 'Accept: application/json' "/lookup/contacts?q=laura&customer=$per"
expect "...but not under another customer" "$(jf '.Results | length')" 0
req -H 'Accept: application/json' "/lookup/users?q=a"
logins=",$(jf '[.Results[].detail] | join(",")'),"
contains "/lookup/users lists staff" "$logins" ",agente,"
contains "...supervisors and admins too" "$logins" ",admin,"
req -H 'Accept: application/json' "/lookup/users?q=cliente"
expect "...and never a customer user" "$(jf '.Results | length')" 0
req "/lookup/customers?q=acme+t41&kind=organization&back=/customers/new&field=organization"
expect "the assistant's page answers 200" "$STATUS" 200
contains "...linking each result back to the form" "$BODY" "href=\"/customers/new?organization=$org\""
for b in //evil.example https://evil.example '/\evil' '/%09/evil.example' '/%0a/evil.example'; do
    req "/lookup/customers?q=a&back=$b&field=organization"
    expect "back=$b answers 400" "$STATUS" 400
done
req "/lookup/customers?q=a&back=/customers/new&field=org-id"
expect "field=org-id answers 400" "$STATUS" 400

# Deleting customers.
post "/customers/$org/delete" ""
expect "an agent deleting a customer answers 403" "$STATUS" 403
sign_in supervisor supervisor-demo; t=$(csrf); admin=$(uid supervisor)
jpost "/customers/$org/delete" ""
expect "deleting an organization with members answers 409 in_use" "$STATUS $(jf .error.code)" "409 in_use"
expect "...and it stays" "$(sql "SELECT COUNT(*) FROM customers WHERE id = $org")" 1
post "/customers/$per/delete" ""
expect "a supervisor deleting a customer answers 303 to the list" "$STATUS $(header Location)" "303 /customers"
expect "...deletes it with its contact data and accounts" "$(sql "SELECT (SELECT COUNT(*) FROM customers WHERE id = $per) + (SELECT COUNT(*) FROM contact_data WHERE customer_id = $per) + (SELECT COUNT(*) FROM accounts WHERE customer_id = $per)")" 0
expect "...with an audit row" "$(audits customer_delete "$per")" 1
post "/customers/$per/delete" ""
expect "deleting a customer that is gone answers 404" "$STATUS" 404
post "/customers/$org" "kind=person&first_name=Acme&first_surname=SAS&version=1"
expect "an organization with members cannot become a person" "$(sql "SELECT kind FROM customers WHERE id = $org")" organization

# Permissions: a customer user gets 403 everywhere; CSRF is required.
before=$(counts)
sign_in cliente cliente-demo; t=$(csrf)
for p in /customers /customers/new "/customers/$ana" "/customers/$ana/contact-data/$d3" /lookup/customers /lookup/users "/lookup/contacts?customer=$org"; do
    req "$p"; expect "GET $p as a customer answers 403" "$STATUS" 403
done
for w in "/customers|kind=person&first_name=A&first_surname=B" "/customers/$ana|kind=person&first_name=A&first_surname=B&version=2" "/customers/$ana/delete|" \
         "/customers/$ana/contact-data|type=email&value=a%40b.co" "/customers/$ana/contact-data/$d3/delete|" "/customers/$org/contacts|name=X"; do
    post "${w%%|*}" "${w#*|}"; expect "POST ${w%%|*} as a customer answers 403" "$STATUS" 403
done
sign_in agente agente-demo
req -d "kind=person&first_name=Sin&first_surname=CSRF" /customers
expect "a customer create without CSRF answers 403" "$STATUS" 403
expect "refused writes changed nothing" "$(counts)" "$before"
