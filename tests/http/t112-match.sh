#!/bin/bash
# /customers/match (S5): customers ranked by similarity to typed data (typos, word order, accents, document, e-mail, phone); moving a case to the chosen one after a confirmation, with its history; refusals and permissions.
. "$(dirname "$0")/../lib.sh"
CTL="$(dirname "$0")/../../bin/atiende-ctl"
CONF_FILE=$ATIENDE_VAR/atiende.hdf

# restart_screens: picks up the configuration, then waits until they answer.
restart_screens() {
    "$CTL" screens-restart >/dev/null
    for _ in $(seq 50); do
        req /health
        [ "$STATUS" = 200 ] && return
        sleep 0.2
    done
}
u() { jq -rn --arg q "$1" '$q | @uri'; }
# match QUERY: the JSON matches; first: the best one's id; pos ID: its place (1 = first, 0 = absent).
match() { jget "/customers/match?$1"; }
first() { jf '.Matches[0].id // empty'; }
pos() { jf "[.Matches[].id] | (index($1) // -1) + 1"; }
field() { jf ".Matches[] | select(.id == $1) | .$2"; }
# state CASE: customer, account, version and history rows of a case.
state() { sql "SELECT CONCAT_WS('|', IFNULL(customer_id, '-'), IFNULL(account_id, '-'), version, (SELECT COUNT(*) FROM case_history h WHERE h.case_id = c.id)) FROM cases c WHERE id = $1"; }
ver() { sql "SELECT version FROM cases WHERE id = $1"; }
agent=$(uid agente) admin=$(uid agente)
soporte=$(sql "SELECT id FROM areas WHERE name = 'Soporte técnico'") factur=$(sql "SELECT id FROM areas WHERE name = 'Facturación'")
cc=$(sql "SELECT id FROM document_types WHERE code = 'CC'")
# A surname of this run only, so earlier data cannot tie with these people.
S=$(tr -dc 'a-z' </dev/urandom | head -c 7); S=${S^}; s=${S,,}
n=$(date +%s%N); doc_d=${n: -10:10}; phone_f="31${n: -8:8}"

sign_in agente agente-demo; t=$(csrf)
person() { jpost /customers "kind=person&$1"; jf .Customer.id; }
A=$(person "first_name=Mar%C3%ADa&second_name=Fernanda&first_surname=L%C3%B3pez&second_surname=$S")
B=$(person "first_name=Jos%C3%A9&first_surname=Ord%C3%B3%C3%B1ez&second_surname=Salcedo+$S")
C=$(person "first_name=Carlos&first_surname=Ram%C3%ADrez&second_surname=D%C3%ADaz+$S")
D=$(person "first_name=Luis&first_surname=Mej%C3%ADa+$S&doc_type=$cc&doc_number=${doc_d:0:3}.${doc_d:3:3}.${doc_d:6}")
E=$(person "first_name=Ana&first_surname=Torres+$S")
F=$(person "first_name=Roc%C3%ADo&first_surname=Vargas+$S")
jpost "/customers/$E/contact-data" "type=email&value=ana.$s%40t112.example"
jpost "/customers/$F/contact-data" "type=mobile&value=$phone_f"
expect "six customers and two contact data were created through the API" "$(sql "SELECT COUNT(*) FROM customers WHERE id IN ($A, $B, $C, $D, $E, $F)")/$(sql "SELECT COUNT(*) FROM contact_data WHERE customer_id IN ($E, $F)")" "6/2"
expect "...and their name words are indexed (migration 0016)" "$(sql "SELECT COUNT(*) FROM customer_name_words WHERE customer_id = $B")" 4

# Ranking.
match "first_name=Maria&second_name=Fernada&first_surname=Lopez&second_surname=$S"
expect "a misspelled name (Fernada for Fernanda) finds María Fernanda López first" "$STATUS $(first)" "200 $A"
nf=$(field "$A" name_score)
check "...with a high name score under 100 ($nf)" test "${nf:-0}" -ge 85 -a "${nf:-100}" -lt 100
check "...and the unrelated Carlos Ramírez Díaz, sharing only the surname, ranks lower" test "$(pos "$C")" -eq 0 -o "$(pos "$C")" -gt 1
match "name=$(u "Maria Fernada Lopez")"
expect "the misspelled name without the rare surname still finds her first (by sound)" "$(first)" "$A"
match "name=$(u "$S Ordóñez Salcedo José")"
expect "surnames first (reordered) finds José Ordóñez Salcedo first" "$(first)" "$B"
expect "...with a name score of 100" "$(field "$B" name_score)" 100
match "name=$(u "Jose Ordonez")"
expect "missing accents and ñ (Jose Ordonez) finds José Ordóñez first" "$(first)" "$B"
match "name=$(u "Pedro Picapiedra")&doc_number=$(u "${doc_d:0:3} ${doc_d:3:3}.${doc_d:6}")"
expect "an exact document with a wrong name finds its owner first" "$(first)" "$D"
expect "...saying the document matched" "$(field "$D" doc)" yes
match "name=$(u "Pedro Picapiedra")&email=ANA.$S%40T112.EXAMPLE"
expect "an e-mail match (any case) with a wrong name finds its owner first" "$(first)" "$E"
expect "...saying the e-mail matched and the document was not asked" "$(field "$E" email)|$(field "$E" doc)" "yes|"
match "phone=$(u "+57 ${phone_f:0:3} ${phone_f:3:3} ${phone_f:6}")"
expect "a phone typed with country code and blanks finds its owner first" "$(first)" "$F"
match "name=$(u "Carlos Ramírez $S")"
expect "a search for Carlos Ramírez finds him first" "$(first)" "$C"
match "name=$(u "María Fernanda López $S")"
sa=$(field "$A" score) sc=$(field "$C" score)
check "...and for María Fernanda López he does not outrank her ($sc < $sa)" test "${sc:-0}" -lt "${sa:-0}"
expect "the matches are sorted by score" "$(jf '[.Matches[].score] | . == (sort | reverse)')" true
req "/customers/match?name=$(u "María Fernanda López $S")"
expect "the HTML page answers 200" "$STATUS" 200
contains "...with the score of the best match" "$BODY" "<strong>$sa %</strong>"
lacks "...and no change button without a case" "$BODY" 'Cambiar cliente'

# Empty criteria, and the path.
req "/customers/match"
expect "/customers/match is the match screen, not a customer id (200 with the form)" "$STATUS" 200
contains "...showing the criteria form" "$BODY" 'name="first_surname"'
jget "/customers/match?first_name=&name=+&doc_number=..&email=&phone="
expect "empty criteria answer 422 naming criteria" "$STATUS $(jf .error.field)" "422 criteria"
req "/customers/match?first_name=&name="
expect "...also as a page" "$STATUS" 422
contains "...with the message next to the form" "$BODY" 'id="err-criteria">Escriba al menos un dato del cliente'
req /customers/match/x
expect "/customers/match/x answers 404" "$STATUS" 404

# Moving a case: a case of María with her account.
jpost "/customers/$A/accounts" "number=CTA-T112-$s"; acc=$(jf .Account.id)
jpost /cases "subject=Coincidencias+T112&description=d&area=$soporte&customer=$A&account=$acc"; k=$(jf .Case.id)
match "case=$k"
expect "with a case and no criteria, the form comes filled from its customer" "$(jf '.Criteria | [.first_name, .first_surname, .second_surname] | join(" ")')" "María López $S"
expect "...and the search ran: the case's customer first, marked current" "$(first)|$(field "$A" current)" "$A|true"
req "/customers/match?case=$k&name=$(u "José Ordóñez $S")"
contains "with a case, each match offers Cambiar cliente" "$BODY" 'Cambiar cliente</button>'
contains "...posting the chosen customer" "$BODY" "name=\"customer\" value=\"$B\""
before=$(state "$k") v=$(ver "$k")
post /customers/match "case=$k&customer=$B"
expect "the first POST answers 200 with the confirmation" "$STATUS" 200
contains "...naming the chosen customer" "$BODY" "José Ordóñez Salcedo $S"
contains "...with an Aceptar button that confirms" "$BODY" 'name="confirm" value="1"'
expect "...and changes nothing" "$(state "$k")" "$before"
jpost /customers/match "case=$k&customer=$B"
expect "in JSON the confirmation has the case, its customer and the chosen one" "$STATUS $(jf '[.Page.confirm, .Case.customer_id, .Chosen.id] | map(tostring) | join("|")')" "200 true|$A|$B"
post /customers/match "case=$k&customer=$B&confirm=1&version=$((v + 5))"
expect "a confirmation with a stale version answers 409" "$STATUS" 409
post /customers/match "case=$k&customer=$B&confirm=1"
expect "a confirmation without version answers 400" "$STATUS" 400
expect "...and neither changed anything" "$(state "$k")" "$before"
post /customers/match "case=$k&customer=$B&confirm=1&version=$v"
expect "Aceptar answers 303 to the case" "$STATUS $(header Location)" "303 /cases/$k?saved=1"
expect "...the case has the new customer, no account of the old one, version + 1, two history rows" "$(state "$k")" "$B|-|$((v + 1))|$(( ${before##*|} + 2 ))"
expect "...a history row customer old -> new by the agent" "$(sql "SELECT CONCAT_WS('|', kind, field, old_value, new_value, old_ref, new_ref, user_id, version) FROM case_history WHERE case_id = $k AND field = 'customer'")" "change|customer|María Fernanda López $S|José Ordóñez Salcedo $S|$A|$B|$agent|$((v + 1))"
expect "...and one for the account removed" "$(sql "SELECT CONCAT_WS('|', kind, old_value, new_value, old_ref, IFNULL(new_ref, '-')) FROM case_history WHERE case_id = $k AND field = 'account'")" "change|CTA-T112-$s||$acc|-"
expect "...and an audit row" "$(audits case_customer "$k")" 1
match "case=$k&name=$(u "José Ordóñez $S")"
expect "afterwards the new customer is the current one" "$(field "$B" current)" true

# Refusals change nothing.
before=$(state "$k") v=$(ver "$k")
bad "the same customer again" /customers/match "case=$k&customer=$B&confirm=1&version=$v" customer
expect "...says so" "$(jf .error.message)" "El caso ya es de ese cliente."
bad "an unknown customer" /customers/match "case=$k&customer=999999999&confirm=1&version=$v" customer
sql "UPDATE customers SET active = 0 WHERE id = $C"
bad "an inactive customer" /customers/match "case=$k&customer=$C&confirm=1&version=$v" customer
bad "a POST without a case" /customers/match "customer=$A&confirm=1&version=$v" case
post /customers/match "case=$k&customer=$B&confirm=1&version=$v"
expect "...(as a page too: 422)" "$STATUS" 422
contains "...with the message" "$BODY" "El caso ya es de ese cliente."
req -d "case=$k&customer=$A&confirm=1&version=$v" /customers/match
expect "a change without the CSRF token answers 403" "$STATUS" 403
expect "...and none of these changed the case" "$(state "$k")" "$before"
jget "/customers/match?case=999999999&name=x"
expect "an unknown case answers 404" "$STATUS" 404
jget "/customers/match?case=abc&name=x"
expect "a malformed case answers 400" "$STATUS" 400

jpost /cases "subject=Cerrado+T112&description=d&area=$soporte&customer=$A"; k2=$(jf .Case.id)
post "/cases/$k2/close" "resolution=Listo"
closed=$(state "$k2")
jpost /customers/match "case=$k2&customer=$B&confirm=1&version=$(ver "$k2")"
expect "a closed case answers 409" "$STATUS $(jf .error.code)" "409 case_closed"
jpost /customers/match "case=$k2&customer=$B"
expect "...also before the confirmation" "$STATUS" 409
expect "...and keeps its customer" "$(state "$k2")" "$closed"
req "/customers/match?case=$k2&name=$(u "José Ordóñez $S")"
expect "its matches still show (200)" "$STATUS" 200
lacks "...without change buttons" "$BODY" 'Cambiar cliente</button>'

sign_in cliente cliente-demo; t=$(csrf)
req "/customers/match?name=$(u "José Ordóñez")"
expect "a portal customer gets 403 on the match screen" "$STATUS" 403
post /customers/match "case=$k&customer=$A&confirm=1&version=$v"
expect "...and on the change" "$STATUS" 403
expect "...which changed nothing" "$(state "$k")" "$before"

# Agents restricted to their areas: a case of another area is not theirs to move.
sign_in supervisor supervisor-demo; t=$(csrf)
jpost /cases "subject=Ajeno+T112&description=d&area=$factur&customer=$A"; k3=$(jf .Case.id)
printf 'Cases {\n  agents_restricted = 1\n}\n' >> "$CONF_FILE"
restart_screens
sign_in agente agente-demo; t=$(csrf)
other=$(state "$k3")
jget "/customers/match?case=$k3&name=x"
expect "restricted: an agent cannot open the matches of a case not theirs (403)" "$STATUS" 403
post /customers/match "case=$k3&customer=$B&confirm=1&version=$(ver "$k3")"
expect "...nor move it (403)" "$STATUS" 403
expect "...which stays as it was" "$(state "$k3")" "$other"
sign_in supervisor supervisor-demo; t=$(csrf)
post /customers/match "case=$k3&customer=$B&confirm=1&version=$(ver "$k3")"
expect "...while a supervisor moves it (303)" "$STATUS $(sql "SELECT customer_id FROM cases WHERE id = $k3")" "303 $B"
sed -i '/^Cases {$/,/^}$/d' "$CONF_FILE"
restart_screens
