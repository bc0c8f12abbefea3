#!/bin/bash
# Portal access at /admin/users (P1): a customer user is linked to the person
# they are, may be a portal admin, and belongs to teams (the portal's
# spaces); an invitation e-mails a one-time link to /password to choose the
# password. Runs after other tests on the same database: its logins and
# customers carry this run's suffix.
. "$(dirname "$0")/../lib.sh"

s=$$$RANDOM
sign_in admin admin-demo
t=$(csrf)
admin=$(uid admin)

# Customers of this run: two people and an organization (straight in SQL: the
# customers screen has its own test).
sql "INSERT INTO customers (kind, legal_name) VALUES ('organization', 'Org T101 $s')"
org=$(sql "SELECT id FROM customers WHERE legal_name = 'Org T101 $s'")
sql "INSERT INTO customers (kind, first_name, first_surname, organization_id) VALUES
     ('person', 'Pía', 'Uno$s', $org), ('person', 'Pedro', 'Dos$s', $org),
     ('person', 'Paz', 'Inactiva$s', $org)"
p1=$(sql "SELECT id FROM customers WHERE first_surname = 'Uno$s'")
p2=$(sql "SELECT id FROM customers WHERE first_surname = 'Dos$s'")
p3=$(sql "SELECT id FROM customers WHERE first_surname = 'Inactiva$s'")
sql "UPDATE customers SET active = 0 WHERE id = $p3"
taken=$(sql "SELECT customer_id FROM users WHERE customer_id IS NOT NULL LIMIT 1")
sql "INSERT INTO teams (name) VALUES ('Espacio A $s'), ('Espacio B $s')"
ta=$(sql "SELECT id FROM teams WHERE name = 'Espacio A $s'")
tb=$(sql "SELECT id FROM teams WHERE name = 'Espacio B $s'")

# The rules of the customer link.
u1=pc1_$s
users_before=$(sql "SELECT COUNT(*) FROM users")
new="login=$u1&name=Pía+Uno&email=$u1%40cliente.example&role=customer&language=es"
bad "a customer user without a customer" /admin/users "$new" customer
expect "...saying the customer is needed" "$(jf .error.message)" \
    "Un usuario con rol Cliente necesita el cliente (la persona) que es."
bad "a customer user linked to an organization" /admin/users "$new&customer=$org" customer
contains "...says a person is needed" "$(jf .error.message)" "Elija una persona"
bad "a customer user linked to an unknown customer" /admin/users "$new&customer=99999999" customer
bad "a customer user linked to an inactive customer" /admin/users "$new&customer=$p3" customer
if [ -n "$taken" ]; then
    bad "a customer user linked to a person another user is" /admin/users "$new&customer=$taken" customer
fi
bad "a staff user given a customer" /admin/users "login=$u1&name=X&role=agent&customer=$p1" customer
expect "...says only customers are linked" "$(jf .error.message | cut -c1-45)" "Solo los usuarios con rol Cliente se vinculan"
bad "an unknown team" /admin/users "$new&customer=$p1&teams_sent=1&team=99999999" team
bad "a password and an invitation at once" /admin/users "$new&customer=$p1&password=secreto123&invite=1" invite
bad "an invitation without an e-mail" /admin/users "login=$u1&name=X&role=customer&customer=$p1&invite=1" email
expect "refused users were not created" "$(sql "SELECT COUNT(*) FROM users")" "$users_before"
req -d "$new&csrf=$t" /admin/users
expect "the browser form gets the 422 page" "$STATUS" 422
contains "...with the message next to the customer field" "$BODY" 'id="err-customer"'

# A person: created and linked, with teams and the portal admin flag.
outbox_before=$(sql "SELECT COUNT(*) FROM outbox")
req -d "$new&customer=$p1&portal_admin=0&portal_admin=1&teams_sent=1&team=$ta&team=$tb&invite=0&invite=1&csrf=$t" /admin/users
expect "creating a customer user linked to a person answers 303" "$STATUS" 303
id1=$(uid "$u1")
expect "...to the user's page" "$(header Location)" "/admin/users/$id1"
expect "...linked to the person, a portal admin" "$(sql "SELECT CONCAT(customer_id, '|', portal_admin) FROM users WHERE id = $id1")" "$p1|1"
expect "...in both teams" "$(sql "SELECT GROUP_CONCAT(team_id ORDER BY team_id) FROM team_members WHERE user_id = $id1")" "$ta,$tb"
expect "...without a password yet" "$(sql "SELECT password_hash IS NULL FROM users WHERE id = $id1")" 1
expect "...audited" "$(audits user_create "$id1")" 1
expect "invite=1 queued exactly one e-mail" "$(sql "SELECT COUNT(*) FROM outbox")" $((outbox_before + 1))
expect "...to the user's address" "$(sql "SELECT COUNT(*) FROM outbox WHERE to_addr = '$u1@cliente.example'")" 1
body=$(sql "SELECT body_text FROM outbox WHERE to_addr = '$u1@cliente.example'")
contains "...whose text carries a /password?token= link" "$body" "/password?token="
contains "...and the login" "$body" "$u1"
contains "...and how long the link works" "$body" "El enlace vale por $(sql "SELECT TIMESTAMPDIFF(HOUR, created_at, expires_at) FROM password_tokens WHERE user_id = $id1") horas"
html=$(sql "SELECT body_html FROM outbox WHERE to_addr = '$u1@cliente.example'")
contains "...and whose HTML links to it too" "$html" 'href="http'
expect "...not tied to a case" "$(sql "SELECT CONCAT(IFNULL(case_id, 'null'), '|', thread_id, '|') FROM outbox WHERE to_addr = '$u1@cliente.example'")" "null||"
token=$(printf '%s\n' "$body" | grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
check "...a 43-character token" test "${#token}" = 43
expect "the database keeps only the token's hash" \
    "$(sql "SELECT COUNT(*) FROM password_tokens WHERE user_id = $id1 AND token_hash = SHA2('$token', 256)")" 1
expect "...never the token" "$(sql "SELECT COUNT(*) FROM password_tokens WHERE token_hash = '$token'")" 0
expect "the invitation is audited" "$(audits user_invite "$id1")" 1

req /admin/users/$id1
contains "the user's page shows the linked customer" "$BODY" "Pía Uno$s"
contains "...the pending invitation" "$BODY" "Invitación enviada; el enlace vale hasta"
jget /admin/users/$id1
expect "the user's JSON has Form.customer, customer_name and portal_admin" \
    "$(jf '[.Form.customer, .Form.customer_name, .Form.portal_admin] | map(tostring) | join("|")')" "$p1|Pía Uno$s|1"
expect "...and its Teams" "$(jf '[.Teams[].id] | sort | map(tostring) | join(",")')" "$ta,$tb"
req "/admin/users?q=$u1"
contains "the list shows the linked customer" "$BODY" "Pía Uno$s"
contains "...and the portal admin badge" "$BODY" "Admin. del portal"

# The same person cannot be two users.
u2=pc2_$s
bad "a second user for the same person" /admin/users "login=$u2&name=Otro&role=customer&customer=$p1" customer
expect "...answers customer_linked" "$(jf .error.message)" "Ese cliente ya tiene otro usuario del portal."
jpost /admin/users "login=$u2&name=Pedro+Dos&email=$u2%40cliente.example&role=customer&customer=$p2"
expect "another person is fine (201 in JSON)" "$STATUS" 201
id2=$(uid "$u2")
expect "...not a portal admin, in no team, no e-mail queued" \
    "$(sql "SELECT CONCAT(portal_admin, '|', (SELECT COUNT(*) FROM team_members WHERE user_id = $id2), '|', (SELECT COUNT(*) FROM outbox WHERE to_addr = '$u2@cliente.example')) FROM users WHERE id = $id2")" "0|0|0"

# Editing: teams only change when the form says it sent them.
v=$(sql "SELECT version FROM users WHERE id = $id1")
req -d "name=Pía+Uno&email=$u1%40cliente.example&role=customer&language=es&customer=$p1&portal_admin=0&version=$v&csrf=$t" /admin/users/$id1
expect "an edit without teams_sent answers 303" "$STATUS" 303
expect "...and leaves the teams alone" "$(sql "SELECT COUNT(*) FROM team_members WHERE user_id = $id1")" 2
expect "...while the portal admin flag goes off" "$(sql "SELECT portal_admin FROM users WHERE id = $id1")" 0
v=$(sql "SELECT version FROM users WHERE id = $id1")
req -d "name=Pía+Uno&email=$u1%40cliente.example&role=customer&customer=$p1&teams_sent=1&team=$tb&version=$v&csrf=$t" /admin/users/$id1
expect "an edit with teams_sent=1 and one box answers 303" "$STATUS" 303
expect "...leaves only that team" "$(sql "SELECT GROUP_CONCAT(team_id) FROM team_members WHERE user_id = $id1")" "$tb"
expect "...the customer kept" "$(sql "SELECT customer_id FROM users WHERE id = $id1")" "$p1"
req -d "name=Pía+Uno&role=customer&customer=$p1&teams_sent=1&version=$v&csrf=$t" /admin/users/$id1
expect "a stale version still answers 409" "$STATUS" 409
expect "...changing nothing" "$(sql "SELECT COUNT(*) FROM team_members WHERE user_id = $id1")" 1
v=$(sql "SELECT version FROM users WHERE id = $id1")
bad "moving the user to a person someone else is" /admin/users/$id1 "name=Pía&role=customer&customer=$p2&version=$v" customer
bad "clearing the customer of a customer user" /admin/users/$id1 "name=Pía&role=customer&customer=&version=$v" customer
req -d "name=Pedro+Dos&role=agent&version=$(sql "SELECT version FROM users WHERE id = $id2")&csrf=$t" /admin/users/$id2
expect "turning a customer user into an agent answers 303" "$STATUS" 303
expect "...and unlinks the customer" "$(sql "SELECT CONCAT(role, '|', IFNULL(customer_id, 'null'), '|', portal_admin) FROM users WHERE id = $id2")" "agent|null|0"

# The link: shows whom it is for; refuses a mismatch; works once.
JAR_ADMIN=$JAR
JAR=
req "/password?token=$token"
expect "the invitation's link answers 200" "$STATUS" 200
contains "...showing the login" "$BODY" "value=\"$u1\""
contains "...and the name" "$BODY" "Pía Uno"
req -d "token=$token&password=nueva-clave-1&password2=otra-clave-1" /password
expect "mismatched passwords answer 422" "$STATUS" 422
contains "...saying so" "$BODY" "Las dos contraseñas no coinciden."
req -d "token=$token&password=corta&password2=corta" /password
expect "a short password answers 422" "$STATUS" 422
expect "...and no password was set" "$(sql "SELECT password_hash IS NULL FROM users WHERE id = $id1")" 1
req "/password?token=$token"
expect "...and the link still works" "$STATUS" 200
sql "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES (SHA2('t101-$s', 256), $id1, 'x', UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY)"
req -d "token=$token&password=nueva-clave-1&password2=nueva-clave-1" /password
expect "a good password answers 303" "$STATUS" 303
expect "...to the sign-in page with a notice" "$(header Location)" "/login?password_set=1"
expect "...the link is used" "$(sql "SELECT used_at IS NOT NULL FROM password_tokens WHERE token_hash = SHA2('$token', 256)")" 1
expect "...audited" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'password_set' AND object_id = $id1")" 1
expect "...and the user's sessions are gone" "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id = $id1")" 0
req "/login?password_set=1"
contains "the sign-in page shows the notice" "$BODY" "Su contraseña quedó guardada"
sign_in "$u1" nueva-clave-1
expect "the user signs in with the new password" "$STATUS" 303
JAR=
req "/password?token=$token"
expect "the same link again answers 410" "$STATUS" 410
contains "...with a clear page" "$BODY" "Este enlace ya no es válido"
req -d "token=$token&password=otra-clave-2&password2=otra-clave-2" /password
expect "...and posting it again answers 410" "$STATUS" 410
req -d "login=$u1" --data-urlencode "password=nueva-clave-1" /login
expect "...leaving the password as it was" "$STATUS" 303
req -H 'Accept: application/json' "/password?token=nonsense"
expect "an unknown token answers 410 in JSON too" "$STATUS $(jf .error.code)" "410 link_invalid"

# Re-sending: the earlier link stops working; an expired one never works.
JAR=$JAR_ADMIN
u3=pn_$s
jpost /admin/users "login=$u3&name=Sin+Correo&role=agent"
req -d "csrf=$t" /admin/users/$(uid "$u3")/invite
expect "inviting a user without an e-mail answers 422" "$STATUS" 422
contains "...saying why" "$BODY" "el usuario necesita un correo electrónico"
req -d "csrf=$t" /admin/users/$id1/invite
expect "re-sending an invitation answers 303" "$STATUS" 303
expect "...back to the user's page" "$(header Location)" "/admin/users/$id1?invited=1"
first=$(sql "SELECT body_text FROM outbox WHERE to_addr = '$u1@cliente.example' ORDER BY id DESC LIMIT 1" |
    grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
req -d "csrf=$t" /admin/users/$id1/invite
second=$(sql "SELECT body_text FROM outbox WHERE to_addr = '$u1@cliente.example' ORDER BY id DESC LIMIT 1" |
    grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
check "...each time with a new token" test -n "$first" -a "$first" != "$second"
expect "...one e-mail each" "$(sql "SELECT COUNT(*) FROM outbox WHERE to_addr = '$u1@cliente.example'")" 3
expect "...one live link left" "$(sql "SELECT COUNT(*) FROM password_tokens WHERE user_id = $id1 AND used_at IS NULL")" 1
JAR=
req "/password?token=$first"
expect "a re-sent invitation invalidates the earlier link (410)" "$STATUS" 410
req "/password?token=$second"
expect "...while the newest one works" "$STATUS" 200
sql "UPDATE password_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE token_hash = SHA2('$second', 256)"
req "/password?token=$second"
expect "an expired link answers 410" "$STATUS" 410
req -d "token=$second&password=expirada-1&password2=expirada-1" /password
expect "...and cannot set the password" "$STATUS" 410

# Two posts of one link at once: exactly one sets the password.
JAR=$JAR_ADMIN
req -d "csrf=$t" /admin/users/$id1/invite
race=$(sql "SELECT body_text FROM outbox WHERE to_addr = '$u1@cliente.example' ORDER BY id DESC LIMIT 1" |
    grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
for i in 1 2; do
    curl -s -o /dev/null -w '%{http_code}\n' -d "token=$race&password=carrera-$i-ok&password2=carrera-$i-ok" \
        "$URL/password" >"$TMP/race$i" &
done
wait
expect "two posts of one link at once: one 303, one 410" "$(sort "$TMP/race1" "$TMP/race2" | tr '\n' ' ')" "303 410 "

# A disabled user is not invited.
req -d "csrf=$t" /admin/users/$id1/disable
req -d "csrf=$t" /admin/users/$id1/invite
expect "inviting a disabled user answers 422" "$STATUS" 422
req -d "csrf=$t" /admin/users/$id1/enable

# Only admins invite.
for who in agente:agente-demo supervisor:supervisor-demo; do
    sign_in "${who%%:*}" "${who#*:}"
    req -d "csrf=$(csrf)" /admin/users/$id1/invite
    expect "${who%%:*} gets 403 on POST /admin/users/{id}/invite" "$STATUS" 403
done
expect "...and nothing was queued for them" "$(sql "SELECT COUNT(*) FROM outbox WHERE to_addr = '$u1@cliente.example'")" 4
