#!/bin/bash
# Cases.agents_restricted = 1: agents see and work only the cases of their areas, teams or their own; supervisors all.
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

sign_in supervisor supervisor-demo; t=$(csrf)
area() { sql "SELECT id FROM areas WHERE name = '$1'"; }
agente=$(uid agente)
# new_case AREA [ASSIGNEE]: a case registered by the supervisor; prints its id.
new_case() {
    post /cases "subject=Alcance+$1&description=d&area=$(area "$1")&requester_first_name=X${2:+&assignee=$2}"
    header Location | sed 's#.*/##'
}
own=$(new_case "Soporte técnico")          # agente is subscribed to this area
other=$(new_case "Facturación")            # nobody of the agents is
mine=$(new_case "Facturación" "$agente")   # ...but this one is assigned to agente

printf 'Cases {\n  agents_restricted = 1\n}\n' >> "$CONF_FILE"
restart_screens

sign_in agente agente-demo; t=$(csrf)
req "/cases/$own"
expect "restricted: an agent opens a case of their area" "$STATUS" 200
req "/cases/$mine"
expect "...and a case assigned to them in another area" "$STATUS" 200
req "/cases/$other"
expect "...but not a case of an area, team and assignee not theirs (403)" "$STATUS" 403
v=$(sql "SELECT version FROM cases WHERE id = $other")
post "/cases/$other" "version=$v&progress=40"
expect "...nor change it (403)" "$STATUS" 403
expect "...and it stays as it was" "$(sql "SELECT CONCAT(version, '/', progress) FROM cases WHERE id = $other")" "$v/0"
post "/cases/$other/close" "resolution=no"
expect "...nor close it" "$STATUS" 403
jget "/cases?q=Alcance&status=open"
ids=",$(jf '[.Cases[].id] | map(tostring) | join(",")'),"
contains "the list shows the agent's area's case" "$ids" ",$own,"
contains "...and their own" "$ids" ",$mine,"
lacks "...but not the other one" "$ids" ",$other,"
expect "...and the total counts only what they may see" "$(jf .Pager.total)" "$(jf '.Cases | length')"

sign_in supervisor supervisor-demo
req "/cases/$other"
expect "restricted: a supervisor still opens every case" "$STATUS" 200

sed -i '/^Cases {$/,/^}$/d' "$CONF_FILE"
restart_screens
sign_in agente agente-demo
req "/cases/$other"
expect "with the option off again, the agent opens every case" "$STATUS" 200
