#!/bin/bash
# Sign-in, sessions, sign-out, throttling, bearer tokens and CSRF.
. "$(dirname "$0")/../lib.sh"

req /login
expect "GET /login answers 200" "$STATUS" 200
contains "the login form has the field login" "$BODY" 'name="login"'
contains "the login form has the field password" "$BODY" 'name="password"'
contains "the page is Spanish by default" "$BODY" 'Iniciar sesión'
expect "pages carry a CSP" "$(header Content-Security-Policy | cut -c1-20)" "default-src 'self'; "
expect "pages carry X-Frame-Options" "$(header X-Frame-Options)" DENY
expect "pages carry nosniff" "$(header X-Content-Type-Options)" nosniff

req -H 'Accept-Language: en-US,en;q=0.9' /login
contains "Accept-Language: en gives English" "$BODY" 'Sign in'
req '/login?lang=en'
contains "?lang=en switches to English" "$BODY" 'Sign in'
contains "?lang=en is remembered in a cookie" "$(header Set-Cookie)" 'atiende_lang=en'

sign_in admin admin-demo
expect "sign-in with the right password answers 303" "$STATUS" 303
expect "sign-in redirects home" "$(header Location)" /
cookie=$(header Set-Cookie)
contains "the session cookie is set" "$cookie" 'atiende_session='
contains "the session cookie is HttpOnly" "$cookie" 'HttpOnly'
contains "the session cookie is SameSite=Lax" "$cookie" 'SameSite=Lax'
first_cookie=$(grep atiende_session "$JAR" | awk '{print $7}')
req /
expect "signed in, / answers 200" "$STATUS" 200
contains "the home page greets the user" "$BODY" 'Ana Administradora'
sid_rows=$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'admin'")
check "the session is stored in the database" test "$sid_rows" -ge 1
lacks "the database keeps a hash, not the cookie" "$(sql "SELECT id FROM sessions")" "$first_cookie"

req -d "login=admin&password=admin-demo" /login
second_cookie=$(grep atiende_session "$JAR" | awk '{print $7}')
check "signing in again gives a new session id" test "$first_cookie" != "$second_cookie"
expect "the old session id is gone" "$(sql "SELECT COUNT(*) FROM sessions WHERE id = SHA2('$first_cookie', 256)")" 0

req -d "login=admin&password=admin-demo&next=/admin/users" /login
expect "sign-in follows a local next" "$(header Location)" /admin/users
req -H "Origin: $URL" -d "login=admin&password=admin-demo&next=//evil.example/" /login
expect "a browser POST with this site's Origin (and port) is accepted" "$STATUS" 303
expect "sign-in ignores a next to another site" "$(header Location)" /

JAR=$(mktemp "$TMP/jar.XXXX")
req /admin/users
expect "signed out, a screen redirects to the login" "$STATUS" 303
expect "...keeping where the user wanted to go" "$(header Location)" '/login?next=/admin/users'
req -H 'Accept: application/json' /admin/users
expect "signed out, JSON gets 401" "$STATUS" 401
expect "...with the JSON error shape" "$(printf '%s' "$BODY" | jq -r .error.code)" unauthorized

req -d "login=admin&password=wrong-password" /login
expect "a wrong password answers 401" "$STATUS" 401
contains "...with a clear message" "$BODY" 'Usuario o contraseña incorrectos.'
lacks "...and no session cookie" "$(header Set-Cookie)" 'atiende_session='
req -d "login=nobody-here&password=whatever1" /login
expect "an unknown login answers 401 the same way" "$STATUS" 401
req -H 'Accept: application/json' -d "login=admin&password=wrong-password" /login
expect "JSON sign-in failure is 401" "$STATUS" 401
expect "...with error.code" "$(printf '%s' "$BODY" | jq -r .error.code)" login_failed
sql "UPDATE users SET active = 0 WHERE login = 'agente2'"
req -d "login=agente2&password=agente-demo" /login
expect "a disabled user cannot sign in" "$STATUS" 401
sql "UPDATE users SET active = 1 WHERE login = 'agente2'"

# Throttling per login: 5 failures in the window, then even the right password is refused.
sql "DELETE FROM login_attempts"
for i in 1 2 3 4 5; do req -d "login=agente&password=bad-$i" /login; done
req -d "login=agente&password=agente-demo" /login
expect "after 5 failures the login is throttled (429)" "$STATUS" 429
contains "...with a clear message" "$BODY" 'Demasiados intentos'
check "...and a Retry-After header" test -n "$(header Retry-After)"
lacks "...and no session" "$(header Set-Cookie)" 'atiende_session='
sign_in supervisor supervisor-demo
expect "another login from the same address still signs in" "$STATUS" 303
# Throttling per address: 20 failures with any logins block the address.
sql "DELETE FROM login_attempts"
for i in $(seq 1 20); do req -d "login=someone$i&password=bad" /login; done
req -d "login=admin&password=admin-demo" /login
expect "after 20 failures from one address it is throttled" "$STATUS" 429
sql "DELETE FROM login_attempts"
sign_in agente agente-demo
expect "once the window is over (attempts cleared) sign-in works" "$STATUS" 303

# CSRF: a state-changing POST without the token changes nothing.
sign_in admin admin-demo
before=$(sql "SELECT COUNT(*) FROM teams")
req -d "name=Equipo+sin+token" /admin/teams
expect "a POST without CSRF token gets 403" "$STATUS" 403
contains "...with a clear message" "$BODY" 'El formulario caducó'
req -d "name=Equipo+sin+token&csrf=not-the-token" /admin/teams
expect "a POST with a wrong CSRF token gets 403" "$STATUS" 403
expect "...and nothing was created" "$(sql "SELECT COUNT(*) FROM teams")" "$before"
req -H "Origin: http://evil.example" -d "name=Equipo+ajeno&csrf=$(csrf)" /admin/teams
expect "a POST from another origin gets 403 even with the token" "$STATUS" 403
expect "...and nothing was created" "$(sql "SELECT COUNT(*) FROM teams")" "$before"
req -H "Origin: $URL" -d "name=Equipo+con+token&csrf=$(csrf)" /admin/teams
expect "the same POST with the token is accepted (303)" "$STATUS" 303
expect "...and created the team" "$(sql "SELECT COUNT(*) FROM teams WHERE name = 'Equipo con token'")" 1

# Bearer tokens.
token=$("$ATIENDE_BUILD/bin/atiende-admin" token create --user supervisor)
check "atiende-admin token create prints a token" test -n "$token"
JAR=
req -H "Authorization: Bearer $token" -H 'Accept: application/json' /
expect "a bearer token reaches / (200)" "$STATUS" 200
expect "...as its user" "$(printf '%s' "$BODY" | jq -r .User.login)" supervisor
req -H "Authorization: Bearer $token" -d "name=Equipo+por+API" /admin/teams
expect "token requests need no CSRF token, but roles still apply (403 for a supervisor)" "$STATUS" 403
req -H "Authorization: Bearer not-a-token" -H 'Accept: application/json' /admin/users
expect "a wrong bearer token gets 401" "$STATUS" 401
admintoken=$("$ATIENDE_BUILD/bin/atiende-admin" token create --user admin)
req -H "Authorization: Bearer $admintoken" -H 'Accept: application/json' -d "name=Equipo+por+API" /admin/teams
expect "an admin token creates with POST and no CSRF token (201)" "$STATUS" 201
check "...with Location: the new team" test -n "$(header Location | grep -E '^/admin/teams/[0-9]+$')"
expect "...and the team in JSON" "$(printf '%s' "$BODY" | jq -r .Team.name)" "Equipo por API"

# Idle and absolute expiry.
sign_in agente agente-demo
sql "UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.last_seen_at = UTC_TIMESTAMP() - INTERVAL 121 MINUTE WHERE u.login = 'agente'"
req /
expect "a session idle for longer than Session.idle_minutes is over (back to sign-in)" "$STATUS $(header Location)" "303 /login"
sign_in agente agente-demo
sql "UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE u.login = 'agente'"
req /
expect "a session past its absolute expiry is over, however active" "$STATUS $(header Location)" "303 /login"
sign_in agente agente-demo
req -H 'Accept: application/json' /
expect "a fresh session works" "$(printf '%s' "$BODY" | jq -r '.User.login // "nobody"')" agente

# Sign-out.
sign_in agente agente-demo
req -d "" /logout
expect "POST /logout answers 303" "$STATUS" 303
contains "...and clears the cookie" "$(header Set-Cookie)" 'Max-Age=0'
req /admin/users
expect "after sign-out the session no longer works" "$STATUS" 303
req /logout
expect "GET /logout changes nothing (redirects to login when signed out)" "$STATUS" 303
