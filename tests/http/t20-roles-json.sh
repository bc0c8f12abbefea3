#!/bin/bash
# Who may see what, JSON renderings, error pages and request limits.
. "$(dirname "$0")/../lib.sh"

sign_in agente agente-demo
req /admin/users
expect "an agent gets 403 on /admin/users" "$STATUS" 403
contains "...with a clear page" "$BODY" 'No tiene permiso'
req /admin/teams
expect "an agent gets 403 on /admin/teams" "$STATUS" 403
req -H 'Accept: application/json' /admin/users
expect "...and 403 in JSON" "$(printf '%s' "$BODY" | jq -r .error.code)" forbidden
req /
lacks "an agent's home has no link to /admin/users" "$BODY" 'href="/admin/users"'

sign_in cliente cliente-demo
req /admin/users
expect "a customer gets 403 on /admin/users" "$STATUS" 403

sign_in supervisor supervisor-demo
req /admin/users
expect "a supervisor may read /admin/users" "$STATUS" 200
lacks "...without the new-user button" "$BODY" 'href="/admin/users/new"'
req /admin/users/new
expect "a supervisor gets 403 on the new-user form" "$STATUS" 403
req -d "login=nuevo&name=Nuevo&role=agent&csrf=$(csrf)" /admin/users
expect "a supervisor cannot create users (403)" "$STATUS" 403
expect "...and nothing was created" "$(sql "SELECT COUNT(*) FROM users WHERE login = 'nuevo'")" 0

sign_in admin admin-demo
req -H 'Accept: application/json' /admin/users
expect "JSON: Accept: application/json gives JSON" "$(header Content-Type)" 'application/json; charset=utf-8'
check "JSON: the users list is an array" test "$(printf '%s' "$BODY" | jq -r '.Users | type')" = array
check "JSON: ids are numbers" test "$(printf '%s' "$BODY" | jq -r '.Users[0].id | type')" = number
expect "JSON: pager total matches the database" "$(printf '%s' "$BODY" | jq -r .Pager.total)" "$(sql 'SELECT COUNT(*) FROM users')"
req '/admin/users?format=json&q=agente'
expect "JSON: ?format=json works too and filters" "$(printf '%s' "$BODY" | jq -r '[.Users[].login] | join(",")')" "agente,agente2"
req '/admin/users?q=zzz%25'
contains "a search with % is literal (no results)" "$BODY" 'No hay resultados'
req '/admin/users?role=agent&active=1'
lacks "filtering by role leaves the others out" "$BODY" '>admin</a>'
contains "...and keeps the matching ones" "$BODY" '>agente</a>'

req /no/such/page
expect "an unknown path answers 404" "$STATUS" 404
contains "...with a proper page" "$BODY" 'No encontramos'
req -H 'Accept: application/json' /admin/users/999999
expect "a missing user answers 404 in JSON" "$STATUS" 404
expect "...with the error shape" "$(printf '%s' "$BODY" | jq -r '.error | has("code") and has("message")')" true

req '/admin/users?q=%zz'
expect "bad percent-encoding answers 400" "$STATUS" 400
req '/admin/users?q=%C3%28'
expect "invalid UTF-8 answers 400" "$STATUS" 400
req -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @<(head -c 1100000 /dev/zero | tr '\0' 'a') /login
expect "a body over the limit answers 413" "$STATUS" 413
req -H 'Content-Type: text/xml' -d '<x/>' /login
expect "an unsupported body type answers 415" "$STATUS" 415
req -X DELETE /admin/users
expect "DELETE answers 405" "$STATUS" 405
check "...with Allow" test -n "$(header Allow)"
JAR=
req -H 'Cookie: atiende_session="unterminated; ;;=; x' /login
expect "a malformed cookie is ignored, not fatal" "$STATUS" 200
