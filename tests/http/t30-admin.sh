#!/bin/bash
# /admin/users and /admin/teams: create, validate, edit, stale edits, disable, members.
. "$(dirname "$0")/../lib.sh"

sign_in admin admin-demo
t=$(csrf)
req -d "login=maria.p&name=María+Pérez&email=maria%40cliente.example&role=agent&language=es&password=secreto123&csrf=$t" /admin/users
expect "creating a user answers 303" "$STATUS" 303
loc=$(header Location)
check "...to the new user's page" test -n "$(echo "$loc" | grep -E '^/admin/users/[0-9]+$')"
expect "...stored with its fields" "$(sql "SELECT CONCAT(name, '|', email, '|', role, '|', language) FROM users WHERE login = 'maria.p'")" "María Pérez|maria@cliente.example|agent|es"
check "...with an argon2id password hash" test -n "$(sql "SELECT 1 FROM users WHERE login = 'maria.p' AND password_hash LIKE '\$argon2id\$%'")"
expect "...and an audit row" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'user_create' AND detail = 'maria.p'")" 1
req "$loc"
contains "the user's page shows the name" "$BODY" 'María Pérez'
before=$(sql "SELECT COUNT(*) FROM users")
req -d "login=maria.p&name=Otra&role=agent&csrf=$t" /admin/users
expect "a taken login answers 422" "$STATUS" 422
contains "...with the message next to the field" "$BODY" 'Ya existe un usuario con ese nombre de usuario.'
contains "...keeping what was typed" "$BODY" 'value="Otra"'
req -d "login=x+y&name=Bad&role=agent&csrf=$t" /admin/users
expect "a bad login answers 422" "$STATUS" 422
req -d "login=bademail&name=Bad&email=not-an-email&role=agent&csrf=$t" /admin/users
expect "a bad e-mail answers 422" "$STATUS" 422
contains "...naming the problem" "$BODY" 'El correo electrónico no es válido.'
req -d "login=badrole&name=Bad&role=king&csrf=$t" /admin/users
expect "a bad role answers 422" "$STATUS" 422
req -d "login=shortpw&name=Bad&role=agent&password=short&csrf=$t" /admin/users
expect "a short password answers 422" "$STATUS" 422
req -H 'Accept: application/json' -d "login=&name=Bad&role=agent&csrf=$t" /admin/users
expect "JSON validation errors name the field" "$(printf '%s' "$BODY" | jq -r .error.field)" login
expect "bad input changed nothing" "$(sql "SELECT COUNT(*) FROM users")" "$before"

JAR_ADMIN=$JAR
sign_in maria.p secreto123
expect "the new user can sign in" "$STATUS" 303
JAR=$JAR_ADMIN

id=${loc##*/}
version=$(sql "SELECT version FROM users WHERE id = $id")
req -d "name=María+P.+Gómez&email=maria%40cliente.example&role=supervisor&language=en&version=$version&csrf=$t" "/admin/users/$id"
expect "saving an edit answers 303" "$STATUS" 303
expect "...and stores it" "$(sql "SELECT CONCAT(name, '|', role, '|', language) FROM users WHERE id = $id")" "María P. Gómez|supervisor|en"
req -d "name=Stale+Edit&email=&role=agent&language=&version=$version&csrf=$t" "/admin/users/$id"
expect "an edit from a stale version answers 409" "$STATUS" 409
contains "...with a clear message" "$BODY" 'Otra persona cambió este registro'
expect "...and does not overwrite" "$(sql "SELECT name FROM users WHERE id = $id")" "María P. Gómez"

req -d "csrf=$t" "/admin/users/$id/disable"
expect "disabling answers 303" "$STATUS" 303
expect "...and the user is inactive" "$(sql "SELECT active FROM users WHERE id = $id")" 0
expect "...and their sessions are gone" "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id = $id")" 0
req -d "csrf=$t" "/admin/users/$id/enable"
expect "enabling again works" "$(sql "SELECT active FROM users WHERE id = $id")" 1
self=$(sql "SELECT id FROM users WHERE login = 'admin'")
req -d "csrf=$t" "/admin/users/$self/disable"
expect "an admin cannot disable themselves (422)" "$STATUS" 422
expect "...and stays active" "$(sql "SELECT active FROM users WHERE id = $self")" 1

# Teams.
req -d "name=Soporte+N1&csrf=$t" /admin/teams
expect "a duplicate team name answers 422" "$STATUS" 422
req -d "name=&csrf=$t" /admin/teams
expect "an empty team name answers 422" "$STATUS" 422
req -d "name=Cobranzas&description=Cartera+y+pagos&csrf=$t" /admin/teams
expect "creating a team answers 303" "$STATUS" 303
tid=$(header Location); tid=${tid##*/}
req -d "user=$id&csrf=$t" "/admin/teams/$tid/members"
expect "adding a member answers 303" "$STATUS" 303
expect "...and stores it" "$(sql "SELECT COUNT(*) FROM team_members WHERE team_id = $tid AND user_id = $id")" 1
req -d "user=$id&csrf=$t" "/admin/teams/$tid/members"
expect "adding the same member twice answers 422" "$STATUS" 422
req -d "user=999999&csrf=$t" "/admin/teams/$tid/members"
expect "adding an unknown user answers 422" "$STATUS" 422
req "/admin/teams/$tid"
contains "the team page lists the member" "$BODY" 'María P. Gómez'
req -d "csrf=$t" "/admin/teams/$tid/members/$id/remove"
expect "removing a member answers 303" "$STATUS" 303
expect "...and removes it" "$(sql "SELECT COUNT(*) FROM team_members WHERE team_id = $tid")" 0
tv=$(sql "SELECT version FROM teams WHERE id = $tid")
req -d "name=Cobranza&description=&version=$tv&csrf=$t" "/admin/teams/$tid"
expect "renaming a team answers 303" "$STATUS" 303
req -d "name=Cobranza+vieja&description=&version=$tv&csrf=$t" "/admin/teams/$tid"
expect "a stale team edit answers 409" "$STATUS" 409

# Hostile data is escaped everywhere it is shown.
req -d "login=xss&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&role=agent&csrf=$t" /admin/users
req /admin/users
lacks "a name with <script> is not rendered raw" "$BODY" '<script>alert(1)</script>'
contains "...it is shown escaped" "$BODY" '&lt;script&gt;alert(1)&lt;/script&gt;'
