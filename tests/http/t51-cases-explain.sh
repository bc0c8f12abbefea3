#!/bin/bash
# /cases at 100,000 rows: the list's queries (as cgi-bin/cases/list.c builds them) use indexes, and the list's total matches a direct count.
. "$(dirname "$0")/../lib.sh"

agent=$(uid agente) area=$(sql "SELECT id FROM areas WHERE name = 'Reclamos'")
ids() { sql "SELECT GROUP_CONCAT(id ORDER BY id) FROM $1"; }
n() { tr ',' '\n' <<<"$1" | wc -l; }
open=$(ids "statuses WHERE closed = 0") closed=$(ids "statuses WHERE closed = 1") areas=$(ids areas) prios=$(ids priorities)
staff=$(ids "users WHERE role <> 'customer' AND active = 1")

# 100,000 cases numbered 1999-NNNNNN (once: a second run finds them), spread over
# statuses (1 in 5 open), areas, priorities (by other steps of the sequence, so that
# open cases fall in every area whatever the number of areas), staff or nobody, and two years.
if [ "$(sql "SELECT COUNT(*) FROM cases WHERE number LIKE '1999-%'")" != 100000 ]; then
    sql "INSERT IGNORE INTO cases (number, subject, description, status_id, closed, area_id, priority_id,
             assignee_id, received_at, requester_first_name, episode_started_at, created_at, updated_at, due_at)
         SELECT CONCAT('1999-', LPAD(q.seq, 6, '0')), CONCAT('Caso masivo ', q.seq), 'Generado por t51',
             s.id, s.closed, ELT(1 + (q.seq DIV 7) % $(n "$areas"), $areas), ELT(1 + (q.seq DIV 3) % $(n "$prios"), $prios),
             ELT(1 + q.seq % ($(n "$staff") + 1), $staff), q.at, 'Masivo', q.at, q.at,
             LEAST(q.at + INTERVAL q.seq % 900 HOUR, UTC_TIMESTAMP()), DATE(q.at + INTERVAL 10 DAY)
         FROM (SELECT seq, UTC_TIMESTAMP() - INTERVAL (seq * 7919) % (730 * 24 * 60) MINUTE AS at,
                      IF(seq % 5 = 0, ELT(1 + seq DIV 5 % $(n "$open"), $open), ELT(1 + seq % $(n "$closed"), $closed)) AS status
               FROM seq_1_to_100000) q
         JOIN statuses s ON s.id = q.status;
         ANALYZE TABLE cases PERSISTENT FOR ALL" >/dev/null
fi
expect "100,000 generated cases are there" "$(sql "SELECT COUNT(*) FROM cases WHERE number LIKE '1999-%'")" 100000
expect "...spread over two years" "$(sql "SELECT DATEDIFF(MAX(created_at), MIN(created_at)) > 700 FROM cases WHERE number LIKE '1999-%'")" 1
expect "...open and closed, in step with their status" "$(sql "SELECT CONCAT(SUM(c.closed = 0) > 10000, SUM(c.closed = 1) > 10000, SUM(c.closed <> s.closed)) FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.number LIKE '1999-%'")" 110

# The list's SELECT (language 'es'), as cgi-bin/cases/list.c builds it.
SELECT="SELECT STRAIGHT_JOIN c.id, c.number, c.subject, s.code AS status_code, IF('es' = 'en' AND s.name_en <> '', s.name_en, s.name_es) AS status,
 s.portal_state, c.closed, p.code AS priority_code, IF('es' = 'en' AND p.name_en <> '', p.name_en, p.name_es) AS priority,
 a.name AS area, u.name AS assignee,
 COALESCE(cu.display_name, NULLIF(TRIM(CONCAT(c.requester_first_name, ' ', c.requester_last_name)), ''), c.requester_email) AS customer,
 c.created_at, c.updated_at, c.due_at, c.closed = 0 AND c.due_at < UTC_DATE() AS overdue
 FROM cases c JOIN statuses s ON s.id = c.status_id
 JOIN priorities p ON p.id = c.priority_id LEFT JOIN areas a ON a.id = c.area_id
 LEFT JOIN users u ON u.id = c.assignee_id
 LEFT JOIN customers cu ON cu.id = c.customer_id WHERE 1 = 1"
COUNT="SELECT 1 FROM cases c WHERE 1 = 1"     # inside the capped count: COUNT(*) FROM (… LIMIT 1001)
LAST=" ORDER BY c.updated_at DESC, c.id DESC LIMIT 50 OFFSET 0"

# plan DESCRIPTION QUERY: the plan's row for cases c uses an index (type not ALL, a key),
# and cases is the first table of the plan (it drives the join, so LIMIT stops early).
plan() {
    local rows c
    rows=$(sql "EXPLAIN $2")
    c=$(awk -F'\t' '$3 == "c" { print $4 "|" $6; exit }' <<<"$rows")
    check "$1: cases is read through an index (type|key = $c)" test -n "$c" -a "${c%%|*}" != ALL -a "${c#*|}" != NULL
    expect "$1: ...and cases drives the plan" "$(awk -F'\t' 'NR == 1 { print $3 }' <<<"$rows")" c
}
plan "the default list (status=open, updated desc)" "$SELECT AND c.closed = 0$LAST"
plan "status=open&area=X (updated desc)" "$SELECT AND c.closed = 0 AND c.area_id = $area$LAST"
plan "area=X (updated desc)" "$SELECT AND c.area_id = $area$LAST"
plan "assignee=me&status=open" "$SELECT AND c.closed = 0 AND c.assignee_id = $agent$LAST"
plan "view=mine" "$SELECT AND c.closed = 0 AND c.assignee_id = $agent$LAST"
plan "view=overdue" "$SELECT AND c.closed = 0 AND c.due_at < UTC_DATE()$LAST"
plan "the count of status=open&area=X" "$COUNT AND c.closed = 0 AND c.area_id = $area"
plan "the count of assignee=me&status=open" "$COUNT AND c.closed = 0 AND c.assignee_id = $agent"
plan "the count of status=open" "$COUNT AND c.closed = 0"

# The screen answers with the right total, quickly.
sign_in agente agente-demo
start=$(date +%s%N)
jget "/cases?status=open&area=$area"
ms=$((($(date +%s%N) - start) / 1000000))
want=$(sql "SELECT COUNT(*) FROM cases WHERE closed = 0 AND area_id = $area")
capped() { echo $(($1 > 1000 ? 1000 : $1)); }
expect "GET /cases?status=open&area=X answers 200 with Pager.total = a direct COUNT (up to 1,000)" "$STATUS $(jf .Pager.total)" "200 $(capped "$want")"
expect "...and 50 cases of that area, all open" "$(jf '[.Cases[] | select(.area == "Reclamos" and .closed == 0)] | length')" 50
expect "...newest change first" "$(jf '[.Cases[].updated_at] | . == (sort | reverse)')" true
check "...in under 2 s (took $ms ms)" test "$ms" -lt 2000
start=$(date +%s%N)
jget "/cases?status=open"
ms=$((($(date +%s%N) - start) / 1000000))
open=$(sql "SELECT COUNT(*) FROM cases WHERE closed = 0")
expect "the default list (status=open) answers 200 with its total, counted up to 1,000 (then 1000+)" \
    "$STATUS $(jf .Pager.total) $(jf .Pager.more)" "200 $((open > 1000 ? 1000 : open)) $([ "$open" -gt 1000 ] && echo true || echo false)"
check "...in under 2 s (took $ms ms)" test "$ms" -lt 2000
jget "/cases?assignee=me&status=open&page=3"
expect "assignee=me&status=open page 3 answers with its total" "$STATUS $(jf .Pager.total) $(jf .Pager.page)" "200 $(capped "$(sql "SELECT COUNT(*) FROM cases WHERE closed = 0 AND assignee_id = $agent")") 3"
