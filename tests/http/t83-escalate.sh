#!/bin/bash
# bin/atiende-escalate: conditions and "any", actions in one transaction, exactly once (also two runs at once), re-armed by reactivation, --dry-run.
. "$(dirname "$0")/../lib.sh"
ESC="$ATIENDE_BUILD/bin/atiende-escalate"
NOW="2030-01-01 12:00:00"
escalate() { "$ESC" --once --now "${1:-$NOW}" 2>>"$ATIENDE_VAR/log/escalate-test.log"; }
firings() { sql "SELECT COUNT(*) FROM escalation_firings WHERE rule_id = $1${2:+ AND case_id = $2}"; }

sign_in admin admin-demo; t=$(csrf)
post /admin/areas "name=Escalar+T83"; area=$(header Location | sed 's#.*/##')
post /admin/areas "name=Otra+T83"; other_area=$(header Location | sed 's#.*/##')
post /admin/roles "name=Jefes+T83"; role=$(header Location | sed 's#.*/##')
super=$(uid supervisor)
post "/admin/roles/$role/participants" "user=$super"
high=$(sql "SELECT id FROM priorities WHERE code = 'high'") medium=$(sql "SELECT id FROM priorities WHERE code = 'medium'")
tra=$(sql "SELECT id FROM statuses WHERE code = 'TRA'")
post /admin/rules "area=$area&priority=$high&hours_open=2&role=$role&alert=1&task=1&email=1&set_status=$tra"
rule=$(header Location | sed 's#.*/##')
expect "the rule is created" "$STATUS" 303
# Only this test's rule is active, so the other rules cannot interfere.
sql "UPDATE escalation_rules SET active = 0 WHERE id <> $rule" >/dev/null

# new_case AREA PRIORITY HOURS_AGO: an open case opened that long before NOW.
new_case() {
    post /cases "subject=Escalar+$RANDOM&description=d&area=$1&priority=$2&requester_first_name=X"
    local id; id=$(header Location | sed 's#.*/##')
    sql "UPDATE cases SET episode_started_at = '$NOW' - INTERVAL $3 HOUR WHERE id = $id" >/dev/null
    echo "$id"
}
match=$(new_case "$area" "$high" 3)
young=$(new_case "$area" "$high" 1)
low=$(new_case "$area" "$medium" 5)
elsewhere=$(new_case "$other_area" "$high" 5)
alerts_before=$(sql "SELECT COUNT(*) FROM notifications WHERE kind = 'escalated'")

out=$("$ESC" --once --dry-run --now "$NOW")
contains "--dry-run says what would fire" "$out" "would fire rule $rule on case"
expect "...and changes nothing" "$(firings "$rule")/$(sql "SELECT COUNT(*) FROM case_history WHERE kind = 'escalate'")" "0/0"

out=$(escalate)
contains "a run prints its firings and a summary" "$out" "1 firings"
expect "the matching case fires once" "$(firings "$rule" "$match")" 1
expect "a case open for less than the hours does not" "$(firings "$rule" "$young")" 0
expect "a case of another priority does not" "$(firings "$rule" "$low")" 0
expect "a case of another area does not" "$(firings "$rule" "$elsewhere")" 0
expect "the status changed to TRA" "$(sql "SELECT s.code FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $match")" TRA
hist=$(sql "SELECT CONCAT(old_value, '>', new_value, '|', note) FROM case_history WHERE case_id = $match AND kind = 'escalate'")
contains "a history row says old and new status" "$hist" "NEW>TRA"
contains "...and which rule, in words" "$hist" "regla $rule: Casos del área Escalar T83 con prioridad Alta abiertos más de 2 h"
expect "the role's participant gets an alert" "$(sql "SELECT COUNT(*) FROM notifications WHERE user_id = $super AND case_id = $match AND kind = 'escalated'")" 1
expect "...a task" "$(sql "SELECT COUNT(*) FROM activities WHERE executor_id = $super AND case_id = $match")" 1
expect "...and an e-mail in the outbox" "$(sql "SELECT COUNT(*) FROM outbox WHERE case_id = $match AND to_addr = 'supervisor@atiende.example' AND message_id LIKE '%.esc%'")" 1

escalate >/dev/null
expect "a second run fires nothing again" "$(firings "$rule")" 1
expect "...and adds no alert" "$(sql "SELECT COUNT(*) FROM notifications WHERE kind = 'escalated'")" "$((alerts_before + 1))"

# "Any": a rule without conditions matches every open case old enough.
sql "UPDATE escalation_rules SET area_id = NULL, priority_id = NULL, set_status_id = NULL WHERE id = $rule" >/dev/null
escalate >/dev/null
expect "with 'any' conditions the other old cases fire too" "$(firings "$rule" "$low")/$(firings "$rule" "$elsewhere")" "1/1"
expect "...still not the young one" "$(firings "$rule" "$young")" 0

# Two runs at the same time: each case fires exactly once.
for _ in 1 2 3 4 5 6; do new_case "$area" "$high" 4 >/dev/null; done
escalate >/dev/null & escalate >/dev/null & wait
expect "two runs at once fire each case exactly once" "$(sql "SELECT COUNT(*) FROM (SELECT case_id FROM escalation_firings GROUP BY rule_id, case_id, episode HAVING COUNT(*) > 1) d")" 0
expect "...with one history row per firing" "$(sql "SELECT COUNT(*) FROM case_history WHERE kind = 'escalate'")" "$(firings "$rule")"
expect "...and one alert per firing" "$(sql "SELECT COUNT(*) FROM notifications WHERE kind = 'escalated' AND case_id IN (SELECT case_id FROM escalation_firings WHERE rule_id = $rule)")" "$(firings "$rule")"

# A reactivated case re-arms the rule (hours count from the reactivation).
sign_in supervisor supervisor-demo; t=$(csrf)
post "/cases/$match/close" "resolution=Listo"
post "/cases/$match/reactivate" "note=Vuelve"
expect "the case is reactivated in episode 2" "$(sql "SELECT episode FROM cases WHERE id = $match")" 2
sql "UPDATE cases SET episode_started_at = '$NOW' - INTERVAL 1 HOUR WHERE id = $match" >/dev/null
escalate >/dev/null
expect "an hour after reactivating it has not fired again" "$(firings "$rule" "$match")" 1
escalate "2030-01-01 14:00:00" >/dev/null
expect "three hours after, it fires again in its new episode" "$(sql "SELECT GROUP_CONCAT(episode ORDER BY episode) FROM escalation_firings WHERE rule_id = $rule AND case_id = $match")" "1,2"

# Where people see it: the case view and the rules screen.
jget "/cases/$match"
expect "the case view lists the rule's firings" "$(jf "[.Escalations[] | select(.rule_id == $rule)] | length")" 2
sign_in admin admin-demo
jget /admin/rules
expect "the rules screen counts the firings of each rule" "$(jf ".Rules[] | select(.id == $rule) | .fired")" "$(firings "$rule")"

# Business hours (Calendar: Monday to Friday, 08:00-18:00 site time, UTC-5).
sign_in admin admin-demo; t=$(csrf)
post /admin/rules "area=$other_area&hours_open=2&business_hours=1&role=$role&alert=1"
brule=$(header Location | sed 's#.*/##')
expect "a business-hours rule is stored as such" "$(sql "SELECT business_hours FROM escalation_rules WHERE id = $brule")" 1
sign_in agente agente-demo; t=$(csrf)
# Friday 2030-01-04 16:30 and 17:30 local; evaluated on Monday 2030-01-07 09:00 local (14:00 UTC).
fri1=$(new_case "$other_area" "$medium" 0); sql "UPDATE cases SET episode_started_at = '2030-01-04 21:30:00' WHERE id = $fri1" >/dev/null
fri2=$(new_case "$other_area" "$medium" 0); sql "UPDATE cases SET episode_started_at = '2030-01-04 22:30:00' WHERE id = $fri2" >/dev/null
escalate "2030-01-07 14:00:00" >/dev/null
expect "over a weekend, 1.5 h on Friday + 1 h on Monday reach 2 business hours" "$(firings "$brule" "$fri1")" 1
expect "...0.5 h + 1 h do not (though 63 clock hours passed)" "$(firings "$brule" "$fri2")" 0

# A run killed mid-way, then run again: every case fires once, and each firing has its history row.
sql "UPDATE escalation_rules SET active = 0" >/dev/null
sign_in admin admin-demo; t=$(csrf)
post /admin/rules "area=$other_area&hours_open=1&role=$role&alert=1"
krule=$(header Location | sed 's#.*/##')
sql "INSERT INTO cases (number, subject, description, status_id, closed, area_id, priority_id, received_at,
       requester_first_name, episode_started_at)
     SELECT CONCAT('1983-', LPAD(seq, 6, '0')), 'Masivo T83', 'd', s.id, 0, $other_area, $medium,
       '2029-12-01', 'X', '2029-12-01' FROM seq_1_to_5000 JOIN statuses s ON s.is_initial = 1" >/dev/null
"$ESC" --once --now "$NOW" >/dev/null 2>&1 &
pid=$!; sleep 0.3; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
mass() { sql "SELECT COUNT(*) FROM escalation_firings f JOIN cases c ON c.id = f.case_id WHERE f.rule_id = $krule AND c.number LIKE '1983-%'"; }
killed=$(mass)
escalate >/dev/null
expect "after a killed run and another, each of the 5000 cases fired exactly once (the killed run had fired $killed)" "$(mass)" 5000
expect "...with exactly one history row per firing" "$(sql "SELECT COUNT(*) FROM case_history h JOIN cases c ON c.id = h.case_id WHERE h.kind = 'escalate' AND c.number LIKE '1983-%'")" 5000
expect "...and one alert per firing" "$(sql "SELECT COUNT(*) FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.kind = 'escalated' AND c.number LIKE '1983-%'")" 5000
