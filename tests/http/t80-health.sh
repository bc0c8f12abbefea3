#!/bin/bash
# /health follows the database: 503 while MariaDB is down, 200 once it is back,
# without restarting the screens.
. "$(dirname "$0")/../lib.sh"

req /health
expect "/health answers 200 with the database up" "$STATUS" 200
sign_in admin admin-demo
pids_before=$(pgrep -f "$ATIENDE_BUILD/cgi-bin/" | sort | tr '\n' ' ')

"$(dirname "$0")/../../bin/atiende-ctl" db-stop
req /health
expect "/health answers 503 while MariaDB is stopped" "$STATUS" 503
req /admin/users
expect "a screen answers 503 while MariaDB is stopped" "$STATUS" 503
contains "...with a clear page" "$BODY" 'La base de datos no está disponible'
lacks "...that shows no SQL" "$BODY" 'SELECT'
req -H 'Accept: application/json' /admin/users
expect "...and a JSON error" "$(printf '%s' "$BODY" | jq -r .error.code)" db_unavailable

"$(dirname "$0")/../../bin/atiende-ctl" db-start >/dev/null
req /health
expect "/health answers 200 again once MariaDB is back" "$STATUS" 200
req /admin/users
expect "the session still works after the reconnect" "$STATUS" 200
pids_after=$(pgrep -f "$ATIENDE_BUILD/cgi-bin/" | sort | tr '\n' ' ')
expect "...and the screens were not restarted" "$pids_after" "$pids_before"
