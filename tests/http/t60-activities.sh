#!/bin/bash
# Activities of a case (add, validate, edit, 409, delete, history, totals), /tasks and mark done, the next-cases ranking and home Next, /reports/time and its CSV.
. "$(dirname "$0")/../lib.sh"

counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM activities), (SELECT COALESCE(SUM(version), 0) FROM activities), (SELECT COUNT(*) FROM case_history))"; }
hist() { sql "SELECT CONCAT_WS('|', kind, field, COALESCE(old_ref, '-'), COALESCE(new_ref, '-'), user_id) FROM case_history WHERE case_id = $1 AND kind = 'activity' ORDER BY id DESC LIMIT 1"; }
row() { sql "SELECT CONCAT_WS('|', COALESCE(type_id, '-'), description, executor_id, COALESCE(priority_id, '-'), COALESCE(date, '-'), COALESCE(TIME_FORMAT(start_time, '%H:%i'), '-'), COALESCE(TIME_FORMAT(end_time, '%H:%i'), '-'), COALESCE(hours, '-'), COALESCE(start_at, '-'), COALESCE(due_at, '-'), status, COALESCE(completed_at, '-'), percent, billable, COALESCE(article_id, '-'), version) FROM activities WHERE id = $1"; }
newcase() { jpost /cases "subject=T60+$1&description=d&area=$area&requester_first_name=Ana&$2"; jf .Case.id; }
ids() { jf "[$1[]?.id] | map(tostring) | join(\",\")"; }
d() { date -u -d "$1 days" +%F; }
adduser() { printf '%s\n' "$3" | "$ATIENDE_BUILD/bin/atiende-admin" user add "$1" --role agent --name "$2" >/dev/null 2>&1; }
adduser t60a "Teo T60" t60a-pass-1; adduser t60off "Off T60" t60off-pass-1; "$ATIENDE_BUILD/bin/atiende-admin" user disable t60off >/dev/null 2>&1
agent=$(uid agente) agent2=$(uid agente2) super=$(uid supervisor) cuser=$(uid cliente) t60=$(uid t60a) off=$(uid t60off)
area=$(sql "SELECT MIN(id) FROM areas") call=$(sql "SELECT id FROM activity_types WHERE code = 'call'") visit=$(sql "SELECT id FROM activity_types WHERE code = 'visit'")
high=$(sql "SELECT id FROM priorities WHERE code = 'high'") medium=$(sql "SELECT id FROM priorities WHERE code = 'medium'") low=$(sql "SELECT id FROM priorities WHERE code = 'low'")
install=$(sql "SELECT id FROM articles WHERE code = 'install'") maint=$(sql "SELECT id FROM articles WHERE code = 'maint'")
today=$(TZ=America/Bogota date +%F)   # the site's day (Site.timezone), as completed_at uses

sign_in agente agente-demo; t=$(csrf)

# Add: JSON with every field, a form one with the defaults, and the case's planned dates as bounds.
c=$(newcase Actividades "assignee=$agent2&start_at=2026-03-01&close_at=2026-03-31")
c2=$(newcase Otro "assignee=$agent2")
jpost "/cases/$c/activities" "type=$call&description=Llamar+al+cliente&priority=$high&date=2026-03-02&start_time=09:00&end_time=10:30&start_at=2026-03-02&due_at=2026-03-05&status=in_progress&percent=40&billable=1&article=$install"
a1=$(header Location); a1=${a1##*/}
expect "a JSON activity create answers 201 with the Location of the activity" "$STATUS $(header Location)" "201 /cases/$c/activities/$a1"
expect "...stored with every field, the case's assignee as executor, 1.5 hours" "$(row "$a1")" "$call|Llamar al cliente|$agent2|$high|2026-03-02|09:00|10:30|1.50|2026-03-02|2026-03-05|in_progress|-|40|1|$install|1"
expect "...with an activity 'added' history row by the agent" "$(hist "$c")" "activity|added|-|$a1|$agent"
post "/cases/$c/activities" "type=$visit&description=Visita+t%C3%A9cnica&executor=$agent&date=2026-03-31&start_time=14:00&end_time=16:15&status=done"
a2=$(header Location); a2=${a2##*/}
expect "a form activity create answers 303 to the activity" "$STATUS $(header Location)" "303 /cases/$c/activities/$a2"
expect "...done: completed today, 100 %, 2.25 hours, not billable" "$(row "$a2")" "$visit|Visita técnica|$agent|-|2026-03-31|14:00|16:15|2.25|-|-|done|$today|100|0|-|1"
jpost "/cases/$c/activities" "description=Investigar+sin+horas&date=2026-03-01&billable=1"
a3=$(header Location); a3=${a3##*/}
expect "an activity on the planned start day without times is pending, 0 %, no hours" "$STATUS $(row "$a3")" "201 -|Investigar sin horas|$agent2|-|2026-03-01|-|-|-|-|-|pending|-|0|1|-|1"
jpost "/cases/$c2/activities" "description=Del+otro+caso&start_time=08:00&end_time=09:00"; o1=$(header Location); o1=${o1##*/}
jpost "/cases/$c/activities" "description=$(printf '%%C3%%B1%.0s' {1..1000})"
expect "a description of 1000 characters (2000 bytes) is accepted" "$STATUS" 201
jpost "/cases/$c2/activities" "description=$(printf 'a%.0s' {1..79})%C3%B1+m%C3%A1s"
expect "a description with an accent across byte 80 is saved (not a 5xx)" "$STATUS" 201
sql "DELETE FROM activities WHERE description LIKE 'ñññ%' OR description LIKE 'aaaaaaaaaa%'"

# Bad input saves nothing: no activity, no history.
before=$(counts) A="/cases/$c/activities" D="description=x"
bad "an unknown type" "$A" "$D&type=999999" type
bad "type=abc" "$A" "$D&type=abc" type
bad "an unknown executor" "$A" "$D&executor=999999" executor
bad "a customer as executor" "$A" "$D&executor=$cuser" executor
bad "a disabled user as executor" "$A" "$D&executor=$off" executor
bad "an unknown priority" "$A" "$D&priority=999999" priority
bad "an unknown article" "$A" "$D&article=999999" article
bad "date=2026-02-30 (no such day)" "$A" "$D&date=2026-02-30" date
bad "a date before the case's planned start" "$A" "$D&date=2026-02-28" date
bad "a date after the case's planned close" "$A" "$D&date=2026-04-01" date
bad "start_time=25:00" "$A" "$D&start_time=25:00" start_time
bad "end_time=9h" "$A" "$D&end_time=9h" end_time
bad "an end time before the start" "$A" "$D&start_time=10:00&end_time=09:30" end_time
bad "an end time equal to the start" "$A" "$D&start_time=10:00&end_time=10:00" end_time
bad "a due date before the start date" "$A" "$D&start_at=2026-03-10&due_at=2026-03-09" due_at
bad "start_at=ayer" "$A" "$D&start_at=ayer" start_at
bad "completed_at=2026-13-01" "$A" "$D&completed_at=2026-13-01" completed_at
bad "percent=101" "$A" "$D&percent=101" percent
bad "percent=-1" "$A" "$D&percent=-1" percent
bad "percent=abc" "$A" "$D&percent=abc" percent
bad "status=maybe" "$A" "$D&status=maybe" status
bad "billable=maybe" "$A" "$D&billable=maybe" billable
bad "an empty description" "$A" "description=&type=$call" description
bad "a description of 1001 characters" "$A" "description=$(printf 'x%.0s' {1..1001})" description
post "$A" "description=&type=$call"
expect "a form activity with an error answers 422 in one HTML page" "$STATUS $(grep -c '</html>' <<<"$BODY")" "422 1"
expect "bad activities changed nothing" "$(counts)" "$before"
bad "start_time=09:3 (not HH:MM)" "$A" "description=hhmm&start_time=09:3" start_time; sql "DELETE FROM activities WHERE description = 'hhmm'"

# The case view: Activities with derived hours, and the totals.
jget "/cases/$c"
expect "the case JSON lists its activities by date" "$(ids .Activities)" "$a3,$a1,$a2"
expect "...each with its hours" "$(jf '[.Activities[] | .hours // "-" | tostring] | join(",")')" "-,1.5,2.25"
expect "...and the totals: count, hours, billable hours, done, open" "$(jf '.ActivityTotals | [.count, .hours, .billable_hours, .done, .open] | map(tostring) | join("|")')" "3|3.75|1.5|1|2"

# Edit, 409, another case's activity, delete.
jget "/cases/$c/activities/$a1"
expect "the activity's JSON edit page answers 200 with the Activity" "$STATUS $(jf '.Activity | [.id, .type, .executor, .start_time, .end_time, .hours, .version] | map(tostring) | join("|")')" "200 $a1|$call|$agent2|09:00|10:30|1.5|1"
before=$(counts)
bad "an edit to an end time before the start" "/cases/$c/activities/$a1" "description=x&start_time=11:00&end_time=10:00&version=1" end_time
expect "...changes nothing" "$(counts)" "$before"
post "/cases/$c/activities/$a1" "type=$call&description=Llamar+otra+vez&executor=$agent&date=2026-03-03&start_time=08:00&end_time=08:45&status=in_progress&percent=60&billable=1&version=1"
expect "editing an activity answers 303 back to the case" "$STATUS $(header Location)" "303 /cases/$c?saved=1#activities"
expect "...stores it and bumps the version" "$(row "$a1")" "$call|Llamar otra vez|$agent|-|2026-03-03|08:00|08:45|0.75|-|-|in_progress|-|60|1|-|2"
expect "...with an activity 'changed' history row" "$(hist "$c")" "activity|changed|$a1|$a1|$agent"
expect "...saying what it was and what it is" "$(sql "SELECT CONCAT(old_value, ' -> ', new_value) FROM case_history WHERE case_id = $c AND kind = 'activity' ORDER BY id DESC LIMIT 1")" "Llamar al cliente (En curso) -> Llamar otra vez (En curso)"
before=$(counts)
post "/cases/$c/activities/$a1" "description=Pisada&version=1"
expect "a stale activity edit answers 409" "$STATUS" 409
post "/cases/$c/activities/$a1" "description=Pisada"
expect "an edit without version answers 400" "$STATUS" 400
expect "...neither changes anything" "$(counts)" "$before"
req "/cases/$c/activities/$o1"
expect "reading another case's activity answers 404" "$STATUS" 404
post "/cases/$c/activities/$o1" "description=Ajena&version=1"
expect "editing another case's activity answers 404" "$STATUS" 404
jpost "/cases/$c/activities/$o1" "description=&version=1"; expect "an invalid edit of another case's activity answers 404, not 422" "$STATUS" 404
post "/cases/$c/activities/$o1/delete" ""
expect "deleting another case's activity answers 404" "$STATUS" 404
expect "...all leave it and write no history" "$(counts)|$(sql "SELECT description FROM activities WHERE id = $o1")" "$before|Del otro caso"
jget "/cases/$c/activities/999999"
expect "an unknown activity answers 404" "$STATUS" 404
post "/cases/$c2/activities/$o1/delete" ""
expect "deleting an activity answers 303 to its case and removes it" "$STATUS $(header Location) $(sql "SELECT COUNT(*) FROM activities WHERE id = $o1")" "303 /cases/$c2?saved=1#activities 0"
expect "...with an activity 'removed' history row" "$(hist "$c2")" "activity|removed|$o1|-|$agent"
jget "/cases/$c"
expect "after the edit the totals follow" "$(jf '.ActivityTotals | [.count, .hours, .billable_hours, .done, .open] | map(tostring) | join("|")')" "3|3|0.75|1|2"

# /tasks: the open activities of the executor, due date ascending, no due date last.
k=$(newcase Tareas "assignee=$agent2")
task() { jpost "/cases/$k/activities" "description=$1&executor=${3:-$t60}&status=${2:-pending}${4:+&due_at=$4}"; h=$(header Location); echo "${h##*/}"; }
k1=$(task Vencida10 pending "" "$(d -10)") k2=$(task Cinco in_progress "" "$(d +5)") k3=$(task SinFecha) k4=$(task Vencida3 pending "" "$(d -3)")
k5=$(task Manana pending "" "$(d +1)") k6=$(task Hecha done "" "$(d -20)") k7=$(task Anulada cancelled "" "$(d -15)") k8=$(task Ajena pending "$agent2" "$(d -30)")
sign_in t60a t60a-pass-1; t=$(csrf)
jget /tasks
expect "/tasks lists my open activities: overdue first, by due date, undated last" "$STATUS $(ids .Tasks)" "200 $k1,$k4,$k5,$k2,$k3"
expect "...flagging the overdue ones" "$(jf '[.Tasks[] | .overdue // 0 | tostring] | join(",")')" "1,1,0,0,0"
jget "/tasks?user=$agent2"
expect "an agent asking for another user's tasks gets 403" "$STATUS" 403
jget "/tasks?user=$t60"
expect "...but may name themself" "$STATUS $(ids .Tasks)" "200 $k1,$k4,$k5,$k2,$k3"
before=$(counts)
sign_in agente agente-demo; t=$(csrf)
post "/tasks/$k1/done" ""
expect "marking done another agent's task answers 403" "$STATUS $(counts)" "403 $before"
sign_in t60a t60a-pass-1; t=$(csrf)
post "/tasks/$k1/done" ""
expect "the executor marking a task done answers 303 to /tasks" "$STATUS $(header Location)" "303 /tasks?saved=1"
expect "...done today at 100 %" "$(sql "SELECT CONCAT_WS('|', status, completed_at, percent, version) FROM activities WHERE id = $k1")" "done|$today|100|2"
expect "...with a history row on its case" "$(hist "$k")" "activity|changed|$k1|$k1|$t60"
post /tasks/999999/done ""
expect "marking an unknown task done answers 404" "$STATUS" 404
sign_in supervisor supervisor-demo; t=$(csrf)
jget "/tasks?user=$t60"
expect "a supervisor sees anyone's tasks with ?user" "$STATUS $(ids .Tasks) $(jf .Who.name)" "200 $k4,$k5,$k2,$k3 Teo T60"
post "/tasks/$k4/done" ""
expect "...and may mark them done" "$STATUS $(sql "SELECT status FROM activities WHERE id = $k4")" "303 done"
sign_in cliente cliente-demo; t=$(csrf)
req /tasks
expect "a customer gets 403 on /tasks" "$STATUS" 403
before=$(counts)
post "/cases/$c/activities" "description=Cliente"
expect "a customer adding an activity gets 403" "$STATUS" 403
req "/cases/$c/activities/$a1"
expect "...and reading one too" "$STATUS" 403
sign_in agente agente-demo
req -d "description=Sin+CSRF" "/cases/$c/activities"
expect "adding an activity without CSRF answers 403" "$STATUS" 403
expect "...refused writes changed nothing" "$(counts)" "$before"

# Next cases: score = 10 x level + priority weight + 2 x clamp(14 - days to due, 0, 28).
sign_in agente agente-demo; t=$(csrf)
ra=$(newcase RA "assignee=$t60&level=2&priority=$low")                 # 20 + 10 + 0 = 30, no due date
rb=$(newcase RB "assignee=$t60&level=0&priority=$high")                # 0 + 30 + 2 x 11 = 52
rc=$(newcase RC "assignee=$t60&level=5&priority=$medium")              # 50 + 20 + 0 (due in 20 days) = 70
rd=$(newcase RD "assignee=$t60&level=1&priority=$low")                 # 10 + 10 + 56 (20 days overdue) = 76
re=$(newcase RE "assignee=$t60&level=3&priority=$medium")              # 30 + 20 + 0 (due in 14 days) = 50
rg=$(newcase RG "assignee=$t60&level=0&priority=$medium")              # 0 + 20 + 2 x 5 = 30, ties RA: earlier due date first
rz=$(newcase RZ "assignee=$t60&level=9&priority=$high")                # would lead, but closed
sql "UPDATE cases SET due_at = CASE id WHEN $rb THEN '$(d +3)' WHEN $rc THEN '$(d +20)' WHEN $rd THEN '$(d -20)' WHEN $re THEN '$(d +14)' WHEN $rg THEN '$(d +9)' WHEN $rz THEN '$(d -1)' END WHERE id IN ($rb, $rc, $rd, $re, $rg, $rz)"
jpost "/cases/$rz/activities" "description=Antes+de+cerrar"; za=$(header Location); za=${za##*/}
post "/cases/$rz/close" "resolution=Cerrado+T60"
expect "closing the would-be first case answers 303" "$STATUS" 303
before=$(counts)
jpost "/cases/$rz/activities" "description=Tras+cerrar"
expect "an agent adding an activity to a closed case gets 403 case_closed" "$STATUS $(jf .error.code)" "403 case_closed"
post "/cases/$rz/activities/$za/delete" ""
expect "an agent removing an activity of a closed case gets 403 too" "$STATUS $(counts)" "403 $before"
rt=$(newcase RT "assignee=$agent2&team=$(sql "SELECT id FROM teams WHERE name = 'Reclamos'")&level=9")
sign_in t60a t60a-pass-1
jget "/cases?view=next"
expect "view=next ranks my open cases by score" "$(ids .Cases)" "$rd,$rc,$rb,$re,$rg,$ra"
expect "...with the scores" "$(jf '[.Cases[].score | tostring] | join(",")')" "76,70,52,50,30,30"
jget /
expect "the home page's Next has the top 5 in the same order" "$(ids .Next)" "$rd,$rc,$rb,$re,$rg"
sign_in supervisor supervisor-demo
jget "/cases?view=next"
contains "a supervisor's next cases include their team's" ",$(ids .Cases)," ",$rt,"
lacks "...not closed ones" ",$(ids .Cases)," ",$rz,"
sign_in agente agente-demo
jget "/cases?view=next"
lacks "an agent's next cases leave out a team case of another" ",$(ids .Cases)," ",$rt,"

# /reports/time over May 2021, by executor, customer and article; cancelled and timeless ones not counted.
t=$(csrf)
jpost /customers "kind=organization&legal_name=Cliente+T60"; cu=$(jf .Customer.id)
r1=$(newcase R1 "assignee=$t60&customer=$cu") r2=$(newcase R2 "assignee=$agent2")
jpost "/cases/$r1/activities" "description=r1&executor=$t60&date=2021-05-10&start_time=08:00&end_time=10:00&billable=1&article=$install"
jpost "/cases/$r1/activities" "description=r2&executor=$t60&date=2021-05-11&start_time=13:00&end_time=13:45&article=$maint&status=done"
jpost "/cases/$r2/activities" "description=r3&executor=$agent2&date=2021-05-12&start_time=09:00&end_time=12:30&billable=1"
jpost "/cases/$r2/activities" "description=r4&executor=$agent2&date=2021-05-12&start_time=14:00&end_time=15:00&billable=1&status=cancelled"
jpost "/cases/$r1/activities" "description=r5&executor=$t60&date=2021-05-13&billable=1"
jpost "/cases/$r1/activities" "description=r6&executor=$t60&date=2021-06-01&start_time=10:00&end_time=11:00"
req /reports/time
expect "an agent gets 403 on /reports/time" "$STATUS" 403
sign_in supervisor supervisor-demo
R="/reports/time?from=2021-05-01&to=2021-05-31"
rows() { jget "$R&by=$1"; jf '[.Rows[] | [.name, .hours, .billable_hours, .activities] | map(tostring) | join("|")] | join(";")'; }
expect "by executor: hours, billable hours and activities per executor" "$(rows executor)" "Andrés Agente|3.5|3.5|1;Teo T60|2.75|2|2"
jget "$R&by=executor"; expect "...and the Total" "$(jf '.Total | [.hours, .billable_hours, .activities] | map(tostring) | join("|")')" "6.25|5.5|3"
expect "by customer (none: —)" "$(rows customer)" "—|3.5|3.5|1;Cliente T60|2.75|2|2"
expect "by article" "$(rows article)" "—|3.5|3.5|1;$(sql "SELECT name_es FROM articles WHERE id = $install")|2|2|1;$(sql "SELECT name_es FROM articles WHERE id = $maint")|0.75|0|1"
req "$R&by=executor&format=csv"
expect "format=csv answers text/csv" "$STATUS $(header Content-Type)" "200 text/csv; charset=utf-8"
expect "...with the header and a row per executor" "$(tr -d '\r' <<<"$BODY" | paste -sd';')" '"name","hours","billable_hours","activities";"Andrés Agente",3.50,3.50,1;"Teo T60",2.75,2.00,2'
for q in "from=2021-05-01&to=2021-05-31&by=team" "from=2021-02-30&to=2021-05-31" "from=2021-05-01&to=mayo" "from=2021-06-01&to=2021-05-01"; do
    req "/reports/time?$q"; expect "/reports/time with $q answers 400" "$STATUS" 400
done
expect "the view report_activity_hours sums the same" "$(sql "SELECT CONCAT_WS('|', SUM(hours), SUM(billable_hours), COUNT(*)) FROM report_activity_hours WHERE date BETWEEN '2021-05-01' AND '2021-05-31' AND status <> 'cancelled' AND hours IS NOT NULL")" "6.25|5.50|3"
expect "...per executor, with the cancelled and timeless rows in it" "$(sql "SELECT GROUP_CONCAT(CONCAT_WS('=', executor, COALESCE(SUM_h, '-')) ORDER BY executor SEPARATOR ';') FROM (SELECT executor, SUM(hours) AS SUM_h FROM report_activity_hours WHERE date BETWEEN '2021-05-01' AND '2021-05-31' GROUP BY executor) x")" "Andrés Agente=4.50;Teo T60=2.75"
