# tests/lib.sh: helpers for the HTTP tests (bash + curl + jq). Each check
# prints "ok - what" or "not ok - what"; tests/run.sh counts them.
# Needs ATIENDE_URL (e.g. http://127.0.0.1:18080) from tests/run.sh.

URL=${ATIENDE_URL:?tests/run.sh sets ATIENDE_URL}
export ATIENDE_CONF=${ATIENDE_CONF:-$ATIENDE_VAR/atiende.hdf}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
    local desc=$1; shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# expect DESCRIPTION GOT WANT
expect() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; echo "#   got '$2', want '$3'"; fi
}

# contains DESCRIPTION HAYSTACK NEEDLE
contains() {
    case $2 in *"$3"*) ok "$1" ;; *) not_ok "$1"; echo "#   '$3' not found" ;; esac
}

# lacks DESCRIPTION HAYSTACK NEEDLE
lacks() {
    case $2 in *"$3"*) not_ok "$1"; echo "#   '$3' found" ;; *) ok "$1" ;; esac
}

# req [curl args...] PATH: sets STATUS, BODY and HEADERS (raw header text).
# Uses the cookie jar $JAR when set.
req() {
    local args=("$@") path=${*: -1}
    unset 'args[${#args[@]}-1]'
    local jar=()
    [ -n "${JAR:-}" ] && jar=(-b "$JAR" -c "$JAR")
    STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "${jar[@]}" "${args[@]}" "$URL$path")
    BODY=$(cat "$TMP/body")
    HEADERS=$(cat "$TMP/headers")
}

# header NAME: the value of a response header of the last req (first one).
header() {
    printf '%s\n' "$HEADERS" | tr -d '\r' | awk -v n="$(echo "$1" | tr A-Z a-z)" \
        'BEGIN { FS = ": " } tolower($1) == n { sub(/^[^:]*: /, ""); print; exit }'
}

# sign_in LOGIN PASSWORD: a fresh cookie jar in $JAR, signed in.
sign_in() {
    JAR=$(mktemp "$TMP/jar.XXXX")
    req -d "login=$1" --data-urlencode "password=$2" /login
}

# csrf: the CSRF token of the session in $JAR.
csrf() {
    local saved_status=$STATUS saved_body=$BODY
    req -H 'Accept: application/json' /
    CSRF=$(printf '%s' "$BODY" | jq -r '.Session.csrf // empty')
    STATUS=$saved_status BODY=$saved_body
    printf '%s' "$CSRF"
}

# sql STATEMENT: runs SQL on the test database as root, prints tab-separated rows.
sql() {
    mariadb --defaults-file="$ATIENDE_VAR/my.cnf" -uroot -N -B atiende -e "$1"
}

# Form posts with the session's CSRF token ($t), and JSON requests.
post() { req -d "$2&csrf=$t" "$1"; }
jpost() { req -H 'Accept: application/json' -d "$2&csrf=$t" "$1"; }
jget() { req -H 'Accept: application/json' "$1"; }
# jf FILTER: a jq filter over the last response's body.
jf() { printf '%s' "$BODY" | jq -r "$1"; }
# bad DESCRIPTION PATH DATA FIELD: a JSON write that must answer 422 naming FIELD.
bad() { jpost "$2" "$3"; expect "$1 answers 422 naming $4" "$STATUS $(jf .error.field)" "422 $4"; }
# uid LOGIN: the user's id.
uid() { sql "SELECT id FROM users WHERE login = '$1'"; }
# audits ACTION OBJECT_ID [DETAIL]: audit rows of that action by $admin.
audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND object_id = $2 AND user_id = $admin${3:+ AND detail = '$3'}"; }
