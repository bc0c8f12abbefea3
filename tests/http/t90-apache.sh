#!/bin/bash
# t90-apache.sh: Atiende through Apache 2.4 + mod_proxy_fcgi instead of nginx.
# With the test stack running (tests/run.sh: MariaDB, the screens on unix
# sockets in $ATIENDE_VAR/run, nginx), writes a private httpd.conf with
# bin/atiende-apache-conf --standalone, starts Apache on
# 127.0.0.1:$ATIENDE_APACHE_PORT, checks sign-in, sessions, bearer tokens and
# routing through it, and stops it again.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/lib.sh"

VAR=${ATIENDE_VAR:?tests/run.sh sets ATIENDE_VAR}
APORT=${ATIENDE_APACHE_PORT:-18081}
BUILD=${ATIENDE_BUILD:-$ROOT/build-san}
CONF=$VAR/apache.conf
PIDFILE=$VAR/run/apache.pid
ERRLOG=$VAR/log/apache-error.log
APACHE=$(command -v apache2 || echo /usr/sbin/apache2)
# From here on lib.sh's req() goes through Apache.
URL=http://127.0.0.1:$APORT

apache_running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

stop_apache() {
    apache_running || return 0
    kill "$(cat "$PIDFILE")" 2>/dev/null
    for _ in $(seq 1 100); do apache_running || return 0; sleep 0.1; done
    return 1
}
trap 'stop_apache; rm -rf "$TMP"' EXIT

# Lines of Apache's error log from line $1 on, as "#" comments.
show_log() { tail -n +"$1" "$ERRLOG" 2>/dev/null | tail -20 | sed 's/^/#   /'; }

if [ ! -x "$APACHE" ]; then
    not_ok "apache2 is installed (Debian package apache2)"
    exit 0
fi
mkdir -p "$VAR/log" "$VAR/run"
stop_apache # one left over from an interrupted run

# --- the configuration --------------------------------------------------------
if "$ROOT/bin/atiende-apache-conf" --standalone --var "$VAR" --root "$ROOT" --port "$APORT" \
    >"$CONF" 2>"$TMP/conf.err"; then
    ok "bin/atiende-apache-conf writes $CONF"
else
    not_ok "bin/atiende-apache-conf writes $CONF"
    sed 's/^/#   /' "$TMP/conf.err"
    exit 0
fi
n=$(grep -c '^ *ProxyPassMatch "^/.*|fcgi://' "$CONF")
routes=$(grep -vc '^[[:space:]]*\(#\|$\)' "$ROOT/conf/routes")
expect "one ProxyPassMatch per route of conf/routes" "$n" "$routes"
if "$APACHE" -t -f "$CONF" >"$TMP/syntax" 2>&1; then
    ok "apache2 -t accepts the generated configuration"
else
    not_ok "apache2 -t accepts the generated configuration"
    sed 's/^/#   /' "$TMP/syntax"
    exit 0
fi

# --- can the Apache user reach the sockets? ----------------------------------------
# Started as root, Apache serves as www-data (it refuses to serve as root), and
# it is a www-data process that connects to the screens' sockets.
if [ "$(id -u)" = 0 ]; then
    blocked=""
    d=$VAR/run
    while :; do
        runuser -u www-data -- test -x "$d" 2>/dev/null || blocked=$d
        [ "$d" = / ] && break
        d=$(dirname "$d")
    done
    if [ -n "$blocked" ]; then
        not_ok "www-data (Apache's user) can reach the sockets in $VAR/run: NO," \
            "$blocked is mode $(stat -c %a "$blocked") and not searchable by others" \
            "(chmod o+x $blocked, e.g. 711); the Apache checks were not run"
        exit 0
    fi
    if runuser -u www-data -- test -w "$VAR/run/home.sock" 2>/dev/null; then
        ok "www-data (Apache's user) can reach and write the screens' sockets"
    else
        not_ok "www-data (Apache's user) can write $VAR/run/home.sock (spawn-fcgi -M 0666)"
        ls -l "$VAR/run/" | sed 's/^/#   /'
        exit 0
    fi
fi

# --- start ---------------------------------------------------------------------------
from=1 # the first line of the error log that is this run's
[ -f "$ERRLOG" ] && from=$(($(wc -l <"$ERRLOG") + 1))
"$APACHE" -f "$CONF" -k start >"$TMP/start" 2>&1
for _ in $(seq 1 100); do
    curl -s -o /dev/null "$URL/health" && break
    sleep 0.1
done
if apache_running && curl -s -o /dev/null "$URL/health"; then
    ok "Apache starts and answers on $URL (pid $(cat "$PIDFILE"))"
else
    not_ok "Apache starts and answers on $URL"
    sed 's/^/#   /' "$TMP/start"
    show_log "$from"
    exit 0
fi

# --- through Apache ------------------------------------------------------------------
req /health
expect "GET /health is 200" "$STATUS" 200
expect "GET /health answers ok" "$BODY" ok
expect "the answer comes through Apache (Server header)" "$(header Server)" Apache

req /login
expect "GET /login is 200" "$STATUS" 200
contains "GET /login has the sign-in form" "$BODY" 'action="/login"'
contains "GET /login has the password field" "$BODY" 'name="password"'

req '/login?lang=en'
contains "the query string reaches the screen (/login?lang=en is in English)" "$BODY" "Sign in"

# Earlier tests may have left failed sign-ins from this address that would
# throttle the ones below.
sql "DELETE FROM login_attempts WHERE success = 0 AND (ip = '127.0.0.1' OR login = 'admin')"

UA="atiende-t90-apache/$$"
JAR=$(mktemp "$TMP/jar.XXXX")
req -A "$UA" -d login=admin --data-urlencode password=admin-demo /login
expect "POST /login with the right password is 303" "$STATUS" 303
if printf '%s\n' "$HEADERS" | grep -qi '^set-cookie: atiende_session=[^;]'; then
    ok "POST /login sets the atiende_session cookie"
else
    not_ok "POST /login sets the atiende_session cookie"
    printf '%s\n' "$HEADERS" | sed 's/^/#   /'
fi
expect "the session records the client's address (REMOTE_ADDR)" \
    "$(sql "SELECT ip FROM sessions WHERE user_agent = '$UA' ORDER BY created_at DESC LIMIT 1")" 127.0.0.1

req /
expect "GET / with the session cookie is 200" "$STATUS" 200
contains "GET / with the session cookie shows the user's name" "$BODY" "Ana Administradora"

req /admin/users
expect "the prefix route /admin/users reaches its screen (200 for an admin)" "$STATUS" 200
req /admin/usersx
expect "/admin/usersx is not under /admin/users: the home screen's 404" "$STATUS" 404
req /no-such-page
expect "an unknown path is 404" "$STATUS" 404
contains "the 404 is the home screen's page, not Apache's" "$BODY" "error-page"
JAR=""

req -H "Origin: http://evil.example" -d login=admin --data-urlencode password=admin-demo /login
expect "a POST from another origin is refused (HTTP_ORIGIN reaches the screen)" "$STATUS" 403
req -H "Origin: http://127.0.0.1:$APORT" -d login=admin --data-urlencode password=admin-demo /login
expect "a POST from this origin is accepted (HTTP_ORIGIN matches HTTP_HOST)" "$STATUS" 303
req -H "Transfer-Encoding: chunked" -d login=admin --data-urlencode password=admin-demo /login
expect "a chunked POST body reaches the screen (Apache sets CONTENT_LENGTH)" "$STATUS" 303

req -d login=admin --data-urlencode password=wrong-password /login
expect "POST /login with a wrong password is 401" "$STATUS" 401
lacks "a wrong password sets no session cookie" "$HEADERS" "atiende_session="
sql "DELETE FROM login_attempts WHERE success = 0 AND login = 'admin'"

token=$(ATIENDE_CONF=$VAR/atiende.hdf "$BUILD/bin/atiende-admin" token create --user admin 2>"$TMP/token.err" | tail -1)
if [ -n "$token" ]; then
    req -H "Authorization: Bearer $token" -H 'Accept: application/json' /
    expect "GET / with a bearer token is 200 (HTTP_AUTHORIZATION reaches the screen)" "$STATUS" 200
    expect "the JSON names the token's user" "$(printf '%s' "$BODY" | jq -r '.User.login // empty' 2>/dev/null)" admin
    req -H "Authorization: Bearer $token" -H 'Accept: application/json' /admin/users
    expect "GET /admin/users with the bearer token is 200" "$STATUS" 200
    req -H 'Accept: application/json' /admin/users
    expect "GET /admin/users without a token is 401" "$STATUS" 401
    req -H "Authorization: Bearer ${token}x" -H 'Accept: application/json' /admin/users
    expect "GET /admin/users with a wrong bearer token is 401" "$STATUS" 401
else
    not_ok "atiende-admin token create prints a token"
    sed 's/^/#   /' "$TMP/token.err"
fi

if [ -f "$ROOT/htdocs/atiende.css" ]; then
    req /static/atiende.css
    expect "GET /static/atiende.css is 200 (the /static/ alias)" "$STATUS" 200
    contains "/static/atiende.css is text/css" "$(header Content-Type)" "text/css"
else
    echo "# skip - GET /static/atiende.css: htdocs/atiende.css does not exist yet"
fi
if [ -f "$ROOT/htdocs/favicon.svg" ]; then
    req /favicon.ico
    expect "GET /favicon.ico is 200 (htdocs/favicon.svg)" "$STATUS" 200
    contains "/favicon.ico is image/svg+xml" "$(header Content-Type)" "image/svg+xml"
else
    echo "# skip - GET /favicon.ico: htdocs/favicon.svg does not exist yet"
fi

# --- stop ----------------------------------------------------------------------------
if stop_apache; then
    ok "Apache stops"
else
    not_ok "Apache stops (pid $(cat "$PIDFILE"))"
fi
errors=$(tail -n +"$from" "$ERRLOG" 2>/dev/null | grep -E '\[[a-z_]+:(error|crit|alert|emerg)\]')
if [ -z "$errors" ]; then
    ok "Apache logged no errors"
else
    not_ok "Apache logged no errors"
    printf '%s\n' "$errors" | tail -20 | sed 's/^/#   /'
fi
