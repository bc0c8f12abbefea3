#!/bin/bash
# tests/bench/escalate.sh [CASES]: loads CASES open cases (default 1,000,000)
# into a scratch stack and times one run of bin/atiende-escalate over them
# with a rule that matches every one (the worst case: every case fires), and
# a dry run of a rule that matches none (the usual case: nothing is due).
# Not part of make test. Prints the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-1000000}
export ATIENDE_VAR=${ATIENDE_VAR:-/tmp/atiende-bench-escalate} ATIENDE_PORT=${ATIENDE_PORT:-18990}
export ATIENDE_BUILD=${ATIENDE_BUILD:-$ROOT/build} ATIENDE_TEST=1 ATIENDE_WORKERS=1
export ATIENDE_CONF=$ATIENDE_VAR/atiende.hdf
make -C "$ROOT" -s all
rm -rf "$ATIENDE_VAR"
"$ROOT/bin/atiende-ctl" start --demo >/dev/null
trap '"$ROOT/bin/atiende-ctl" stop >/dev/null' EXIT
sql() { mariadb --defaults-file="$ATIENDE_VAR/my.cnf" -uroot atiende -N -e "$1"; }
ms() { date +%s%3N; }
since() { local d=$(( $(ms) - $1 )); printf "%d.%03d" $((d / 1000)) $((d % 1000)); }
start=$(ms)
sql "INSERT INTO cases (number, subject, description, status_id, closed, area_id, priority_id,
       received_at, requester_first_name, episode_started_at)
     SELECT CONCAT('1997-', LPAD(seq, 7, '0')), CONCAT('Caso ', seq), 'Generado', s.id, 0,
       1 + seq % 3, 1 + seq % 3, '2029-06-01', 'X', '2029-06-01' - INTERVAL seq % 1000 HOUR
     FROM seq_1_to_$N JOIN statuses s ON s.is_initial = 1;
     ANALYZE TABLE cases PERSISTENT FOR ALL"
echo "loaded $N open cases in $(since "$start") s"
sql "UPDATE escalation_rules SET active = 0;
     INSERT INTO escalation_rules (position, hours_open, role_id, alert) SELECT 1000, 999999, id, 1 FROM roles LIMIT 1"
t0=$(ms)
"$ATIENDE_BUILD/bin/atiende-escalate" --once --now "2030-01-01 00:00:00" | tail -1
echo "a rule due for none of them: $(since "$t0") s"
sql "UPDATE escalation_rules SET hours_open = 1 WHERE position = 1000"
t0=$(ms)
"$ATIENDE_BUILD/bin/atiende-escalate" --once --now "2030-01-01 00:00:00" | tail -1
echo "a rule due for all of them (firings, history rows and alerts): $(since "$t0") s"
