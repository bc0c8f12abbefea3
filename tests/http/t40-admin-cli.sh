#!/bin/bash
# atiende-admin: users and tokens from the shell; the screens as plain CGI.
. "$(dirname "$0")/../lib.sh"
ADMIN=$ATIENDE_BUILD/bin/atiende-admin

out=$(echo 'clave-de-prueba-1' | "$ADMIN" user add pedro.cli --role agent --name "Pedro Línea" --email pedro@example.com 2>&1)
contains "user add creates a user" "$out" 'user pedro.cli created'
expect "...stored with its role" "$(sql "SELECT role FROM users WHERE login = 'pedro.cli'")" agent
sign_in pedro.cli clave-de-prueba-1
expect "...who can sign in with the password read from standard input" "$STATUS" 303
out=$(echo 'otra-clave' | "$ADMIN" user add pedro.cli --role agent --name "Otro" 2>&1)
check "user add refuses a taken login" test $? -ne 0 -a -n "$(echo "$out" | grep 'exists already')"
echo 'clave-larga-1' | "$ADMIN" user add mala --role king --name "Mala" >/dev/null 2>&1
check "user add refuses an unknown role" test $? -ne 0
echo 'corta' | "$ADMIN" user add corta --role agent --name "Corta" >/dev/null 2>&1
check "user add refuses a short password" test $? -ne 0
expect "...and creates nothing" "$(sql "SELECT COUNT(*) FROM users WHERE login IN ('mala', 'corta')")" 0
contains "user list shows the user" "$("$ADMIN" user list)" 'pedro.cli'
echo 'clave-nueva-22' | "$ADMIN" user passwd pedro.cli >/dev/null
sign_in pedro.cli clave-de-prueba-1
expect "after user passwd the old password fails" "$STATUS" 401
sign_in pedro.cli clave-nueva-22
expect "...and the new one works" "$STATUS" 303
token=$("$ADMIN" token create --user pedro.cli)
"$ADMIN" user disable pedro.cli >/dev/null
req /
expect "user disable ends the user's sessions" "$STATUS" 303
JAR=
req -H "Authorization: Bearer $token" -H 'Accept: application/json' /
expect "...and their tokens stop working (401, even on a public screen)" "$STATUS" 401
"$ADMIN" token create --user nadie >/dev/null 2>&1
check "token create for an unknown user fails" test $? -ne 0
"$ADMIN" migrate >/dev/null
expect "migrate twice applies nothing new" "$("$ADMIN" migrate | tail -1 | cut -d' ' -f2)" 0

# The same binaries work as plain CGI programs.
cgi=$(REQUEST_METHOD=GET REQUEST_URI=/login QUERY_STRING=lang=en "$ATIENDE_BUILD/cgi-bin/login" </dev/null)
contains "a screen runs as plain CGI (status line)" "$cgi" 'Status: 200 OK'
contains "...and renders its page" "$cgi" 'Sign in'
cgi=$(REQUEST_METHOD=GET REQUEST_URI=/health "$ATIENDE_BUILD/cgi-bin/health" </dev/null)
contains "/health as plain CGI reaches the database" "$cgi" 'ok'
