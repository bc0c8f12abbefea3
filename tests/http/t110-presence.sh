#!/bin/bash
# Agent presence (EN GESTIÓN / EN ESPERA: the case view, heartbeats, leaving, Salir, the time-out, /supervisor/agents),
# the pending-cases list (/cases/pending: its order, who sees whose) and the staff dashboard.
. "$(dirname "$0")/../lib.sh"
CTL="$(dirname "$0")/../../bin/atiende-ctl"
CONF_FILE=$ATIENDE_VAR/atiende.hdf

restart_screens() {
    "$CTL" screens-restart >/dev/null
    for _ in $(seq 50); do
        req /health
        [ "$STATUS" = 200 ] && return
        sleep 0.2
    done
}
adduser() { printf '%s\n' "$3" | "$ATIENDE_BUILD/bin/atiende-admin" user add "$1" --role agent --name "$2" >/dev/null 2>&1; }
# pres LOGIN: the stored presence row, state|case|page ("-" for NULL).
pres() { sql "SELECT CONCAT_WS('|', p.state, COALESCE(p.case_id, '-'), COALESCE(p.page_id, '-')) FROM agent_presence p JOIN users u ON u.id = p.user_id WHERE u.login = '$1'"; }
# row LOGIN: every column of the stored row (state, case, page, since, seen_at): "changes nothing" compares these.
row() { sql "SELECT CONCAT_WS('|', p.state, COALESCE(p.case_id, '-'), COALESCE(p.page_id, '-'), p.since, p.seen_at) FROM agent_presence p JOIN users u ON u.id = p.user_id WHERE u.login = '$1'"; }
# agent LOGIN: the user's row of the last /supervisor/agents JSON, as state|case_number.
agent() { jf ".Agents[] | select(.login == \"$1\") | [.state, (.case_number // \"-\")] | join(\"|\")"; }
ids() { jf '[.Cases[].id] | map(tostring) | join(",")'; }

adduser t110a "Tomás T110" t110a-pass-1; adduser t110b "Berta T110" t110b-pass-1
a=$(uid t110a) b=$(uid t110b)
# a second run on the same stack starts clean: no earlier sessions, presence or assigned cases
sql "DELETE FROM sessions WHERE user_id IN ($a, $b); DELETE FROM agent_presence WHERE user_id IN ($a, $b); UPDATE cases SET assignee_id = NULL WHERE assignee_id IN ($a, $b)"
area=$(sql "SELECT id FROM areas WHERE name = 'Facturación'")
high=$(sql "SELECT id FROM priorities WHERE code = 'high'") low=$(sql "SELECT id FROM priorities WHERE code = 'low'")

# The supervisor registers the cases: for t110a, seven open ones and a closed one; one of t110b's.
sign_in supervisor supervisor-demo; t=$(csrf)
newcase() { jpost /cases "subject=T110+$1&description=d&area=$area&requester_first_name=Ana&assignee=$2"; jf .Case.id; }
cA=$(newcase A "$a") cB=$(newcase B "$a") cC=$(newcase C "$a") cD=$(newcase D "$a")
cE=$(newcase E "$a") cF=$(newcase F "$a") cG=$(newcase G "$a") cH=$(newcase H "$a") cX=$(newcase X "$b")
at() { sql "UPDATE cases SET next_at = UTC_TIMESTAMP() + INTERVAL $2, created_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = $1"; }
at "$cA" "-2 HOUR"; at "$cB" "-10 MINUTE"; at "$cC" "1 DAY"; at "$cD" "1 HOUR"; at "$cH" "-5 HOUR"; at "$cX" "-3 HOUR"
sql "UPDATE cases SET next_at = NULL, priority_id = $high, created_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE id = $cE"
sql "UPDATE cases SET next_at = NULL, priority_id = $low, created_at = UTC_TIMESTAMP() - INTERVAL 10 DAY WHERE id = $cF"
sql "UPDATE cases SET next_at = NULL, priority_id = $high, created_at = UTC_TIMESTAMP() - INTERVAL 5 DAY WHERE id = $cG"
sql "UPDATE cases SET closed = 1, status_id = (SELECT id FROM statuses WHERE code = 'CLO') WHERE id = $cH"
sql "UPDATE cases SET status_id = (SELECT id FROM statuses WHERE code = 'PRO') WHERE id IN ($cB, $cC)"

# --- Presence ---------------------------------------------------------------------------------------
sign_in t110a t110a-pass-1; t=$(csrf); jar_a=$JAR
expect "signing in makes a staff user EN ESPERA" "$(pres t110a)" "waiting|-|-"
jget "/cases/$cA"
expect "a JSON read of a case does not make the user EN GESTIÓN" "$STATUS $(pres t110a)" "200 waiting|-|-"
token=$("$ATIENDE_BUILD/bin/atiende-admin" token create --user t110a)
req -H "Authorization: Bearer $token" "/cases/$cA"
expect "...nor an API (bearer token) read of its page" "$STATUS $(pres t110a)" "200 waiting|-|-"

req "/cases/$cA"
page=$(grep -o 'data-presence-page="[0-9]*"' <<<"$BODY" | grep -o '[0-9]*')
expect "opening the case view makes the user EN GESTIÓN on that case, from this page" "$STATUS $(pres t110a)" "200 working|$cA|$page"
numA=$(sql "SELECT number FROM cases WHERE id = $cA")
contains "...and the header's badge of that very page says so, with the case number" "$BODY" "EN GESTIÓN · <span class=\"case-number\">$numA</span>"
req /cases/pending
contains "...as does the badge on every other page" "$BODY" "class=\"presence presence-working\" href=\"/cases/$cA\""

sql "UPDATE agent_presence SET since = '2020-01-02 03:04:05', seen_at = UTC_TIMESTAMP() - INTERVAL 40 SECOND WHERE user_id = $a"
jpost /presence "state=working&case=$cA&page=$page"
expect "a heartbeat answers 200 with the presence (JSON)" "$STATUS $(jf '.Presence | [.state, .case_id, .case_number] | map(tostring) | join("|")')" "200 working|$cA|$numA"
expect "...refreshes the last heartbeat and keeps since" "$(sql "SELECT CONCAT(since, '|', seen_at >= UTC_TIMESTAMP() - INTERVAL 5 SECOND) FROM agent_presence WHERE user_id = $a")" "2020-01-02 03:04:05|1"

sql "UPDATE agent_presence SET seen_at = '2020-01-02 03:05:00' WHERE user_id = $a"
before=$(row t110a)
req -H 'Accept: application/json' -d "state=working&case=$cA" /presence
expect "a heartbeat without the CSRF token is refused (403)" "$STATUS $(jf .error.code)" "403 csrf"
req -H 'Accept: application/json' -d "state=waiting&case=$cA&csrf=nope" /presence
expect "...and so is a goodbye with a wrong one" "$STATUS" 403
expect "...and both changed nothing" "$(row t110a)" "$before"
jpost /presence "state=working&case=999999999"
expect "a heartbeat for an unknown case answers 404" "$STATUS" 404
jpost /presence "state=wrkng&case=$cA"
expect "an unknown state answers 400" "$STATUS" 400
jpost /presence "state=working"
expect "a heartbeat without a case answers 400" "$STATUS" 400
jpost /presence "state=working&case=abc"
expect "case=abc answers 400" "$STATUS" 400
expect "...and none of them changed anything" "$(row t110a)" "$before"
req /presence
expect "GET /presence answers 405" "$STATUS $(header Allow)" "405 POST"
sql "UPDATE agent_presence SET seen_at = UTC_TIMESTAMP() WHERE user_id = $a"    # a fresh heartbeat again

jpost /presence "state=waiting&case=$cB"
expect "leaving another case (closing tab B) does not end the work on this one" "$STATUS $(pres t110a)" "200 working|$cA|$page"
post /presence "state=waiting&case=$cA&page=$((page + 1))&beacon=1"
expect "the goodbye of a page that a newer view replaced answers 204 and changes nothing" "$STATUS $(pres t110a)" "204 working|$cA|$page"
jpost /presence "state=working&case=$cB"
expect "a heartbeat from another case's tab keeps the case most recently opened" "$STATUS $(pres t110a)" "200 working|$cA|$page"
expect "...refreshing the last heartbeat" "$(sql "SELECT seen_at >= UTC_TIMESTAMP() - INTERVAL 5 SECOND FROM agent_presence WHERE user_id = $a")" 1

post /presence "state=waiting&case=$cA"
expect "Salir answers 303 to the dashboard" "$STATUS $(header Location)" "303 /"
expect "...and the user is EN ESPERA" "$(pres t110a)" "waiting|-|-"
req /
contains "...which the header shows" "$BODY" "class=\"presence presence-waiting\" href=\"/cases/pending\""
req "/cases/$cB"; pageB=$(grep -o 'data-presence-page="[0-9]*"' <<<"$BODY" | grep -o '[0-9]*')
req "/cases/$cA"; pageA=$(grep -o 'data-presence-page="[0-9]*"' <<<"$BODY" | grep -o '[0-9]*')
expect "opening another case moves the work to it, from a new page" "$(pres t110a)" "working|$cA|$pageA"
check "...each view has its own page number" test "$pageA" != "$pageB" -a "$pageA" != "$page"
post /presence "state=waiting&case=$cA&page=$pageA&beacon=1"
expect "the page's own goodbye (the beacon) answers 204 and the user is EN ESPERA" "$STATUS $(pres t110a)" "204 waiting|-|-"
expect "...with an empty body" "${#BODY}" 0
post /presence "state=working&case=$cA&page=$pageA"
expect "a heartbeat after that (back from the page cache) is EN GESTIÓN again" "$STATUS $(header Location) $(pres t110a)" "303 /cases/$cA working|$cA|$pageA"

# Cases.agents_restricted: a case out of the agent's scope is refused and changes nothing.
printf 'Cases {\n  agents_restricted = 1\n}\n' >> "$CONF_FILE"
restart_screens
before=$(row t110a)
jpost /presence "state=working&case=$cX"
expect "restricted: a heartbeat for a case the agent may not see answers 403" "$STATUS" 403
expect "...and changes nothing" "$(row t110a)" "$before"
sed -i '/^Cases {$/,/^}$/d' "$CONF_FILE"
restart_screens

# The supervisors' list, and the time-out.
jget /supervisor/agents
expect "an agent gets 403 on /supervisor/agents (JSON)" "$STATUS" 403
req /supervisor/agents
expect "...and on the page" "$STATUS" 403
sign_in t110b t110b-pass-1
sign_in supervisor supervisor-demo; t=$(csrf)
jget /supervisor/agents
expect "a supervisor sees the agent EN GESTIÓN on the case" "$STATUS $(agent t110a)" "200 working|$numA"
expect "...with the case's subject, since and last heartbeat" "$(jf ".Agents[] | select(.login == \"t110a\") | [.case_subject, (.since | length), (.seen_at | length), (.for_seconds >= 0)] | map(tostring) | join(\"|\")")" "T110 A|19|19|true"
expect "...a signed-in agent who opened no case EN ESPERA" "$(agent t110b)" "waiting|-"
expect "...and the counts on top add up" "$(jf '[.Counts.working, .Counts.waiting, .Counts.offline] | add')" "$(jf '.Agents | length')"
expect "...working counted as such" "$(jf .Counts.working)" "$(jf '[.Agents[] | select(.state == "working")] | length')"
lacks "...no portal customer is listed" "$(jf '[.Agents[].role] | join(",")')" "customer"
req /supervisor/agents
contains "the page shows the agent's state as a badge" "$BODY" "presence-badge presence-working\">EN GESTIÓN"
contains "...linking the case" "$BODY" "<a href=\"/cases/$cA\"><span class=\"case-number\">$numA</span> T110 A</a>"
contains "...and refreshes itself" "$BODY" 'data-refresh="15"'
seen=$(sql "SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 120 SECOND, '%Y-%m-%d %H:%i:%s')")
sql "UPDATE agent_presence SET seen_at = '$seen' WHERE user_id = $a"
jget /supervisor/agents
expect "time-out: 120 s without a heartbeat reads as EN ESPERA" "$(agent t110a)" "waiting|-"
expect "...since the last heartbeat" "$(jf ".Agents[] | select(.login == \"t110a\") | .since")" "$seen"
sql "UPDATE agent_presence SET seen_at = UTC_TIMESTAMP() - INTERVAL 60 SECOND WHERE user_id = $a"
jget /supervisor/agents
expect "...while 60 s is still EN GESTIÓN" "$(agent t110a)" "working|$numA"
sign_in admin admin-demo
jget /supervisor/agents
expect "an admin sees the list too" "$STATUS $(agent t110a)" "200 working|$numA"

JAR=$jar_a
sql "UPDATE agent_presence SET seen_at = '$seen' WHERE user_id = $a"
jget /
expect "the agent's own header reads the time-out the same way" "$(jf .User.presence)" waiting
req -d "" /logout
sign_in supervisor supervisor-demo
jget /supervisor/agents
expect "signed out: sin conexión" "$(agent t110a)" "offline|-"
expect "...stored as EN ESPERA" "$(pres t110a)" "waiting|-|-"
expect "a user never seen: sin conexión" "$(jf '.Agents[] | select(.login == "agente2") | .state')" offline

# --- The pending list -------------------------------------------------------------------------------
sign_in t110a t110a-pass-1; t=$(csrf)
jget /cases/pending
expect "pending: due first (oldest first), then scheduled by time, then by priority and age" "$STATUS $(ids)" "200 $cA,$cB,$cD,$cC,$cG,$cE,$cF"
expect "...the due ones flagged" "$(jf '[.Cases[].due] | map(tostring) | join(",")')" "1,1,0,0,0,0,0"
expect "...the total and the due count" "$(jf '[.Pager.total, .Pager.pages, .Pending.due] | map(tostring) | join("|")')" "7|1|2"
lacks "...a closed case never appears" ",$(ids)," ",$cH,"
lacks "...nor another agent's case" ",$(ids)," ",$cX,"
req /cases/pending
expect "the page lists the rows in that order" "$(grep -o 'data-case="[0-9]*"' <<<"$BODY" | grep -o '[0-9]*' | paste -sd,)" "$cA,$cB,$cD,$cC,$cG,$cE,$cF"
expect "...with the due ones highlighted" "$(grep -c 'class="due"' <<<"$BODY")" 2
contains "...the next management in the user's locale" "$BODY" "$(TZ=America/Bogota date -d "$(sql "SELECT next_at FROM cases WHERE id = $cC") UTC" '+%d/%m/%Y %H:%M')"
contains "...and the age" "$BODY" "10 d"
contains "the top navigation reaches it" "$BODY" '<a href="/cases/pending" aria-current="page">Pendientes</a>'
jget "/cases/pending?user=$b"
expect "an agent may not look at another agent's list" "$STATUS" 403
jget "/cases/pending?page=2"
expect "page 2 of one page is empty, with the total" "$STATUS $(jf '.Cases | length') $(jf .Pager.total)" "200 0 7"

# --- The dashboard ----------------------------------------------------------------------------------
jget /
expect "dashboard: my open cases per status, in the statuses' order" "$(jf '[.Dashboard.by_status[] | "\(.code):\(.count)"] | join(",")')" "NEW:5,PRO:2"
expect "...the bars' lengths relative to the largest" "$(jf '[.Dashboard.by_status[].pct] | map(tostring) | join(",")')" "100,40"
expect "...open and due counts" "$(jf '[.Dashboard.open, .Dashboard.due] | map(tostring) | join("|")')" "7|2"
expect "...and the next case to work is the pending list's first" "$(jf .Dashboard.next.id)" "$cA"
req /
contains "the page has the Trabajar button to it" "$BODY" "href=\"/cases/$cA\">Trabajar</a>"
contains "...the chart as SVG" "$BODY" '<rect class="bar bar-investigating" x="0" y="58" width="35%"'
contains "...and keeps the next-cases ranking" "$BODY" 'class="panel next-cases"'
sql "UPDATE cases SET next_at = NULL WHERE id IN ($cA, $cB)"
jget /
expect "with nothing due, the next case is the soonest scheduled" "$(jf .Dashboard.next.id) $(jf .Dashboard.due)" "$cD 0"

sign_in supervisor supervisor-demo
jget "/cases/pending?user=$a"
expect "a supervisor sees an agent's pending list with ?user= (A and B now unscheduled, Media)" "$STATUS $(ids)" "200 $cD,$cC,$cG,$cE,$cA,$cB,$cF"
expect "...named" "$(jf .Who.name)" "Tomás T110"
jget "/cases/pending?user=abc"
expect "?user=abc answers 400" "$STATUS" 400
