#!/bin/bash
# tests/run.sh: every test, against a private stack built with the sanitizers:
# unit tests, the request-parser fuzzer, HTTP tests through nginx (and one
# through Apache), and browser tests in headless Chromium. Prints every check
# as "ok - …" / "not ok - …" and closes with "N passed, N failed".
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export ATIENDE_VAR=${ATIENDE_TEST_VAR:-$(mktemp -d /tmp/atiende-test.XXXXXX)}
export ATIENDE_PORT=${ATIENDE_TEST_PORT:-18080}
export ATIENDE_APACHE_PORT=${ATIENDE_TEST_APACHE_PORT:-18081}
export ATIENDE_BUILD=$ROOT/build-san
export ATIENDE_TEST=1
export ATIENDE_URL=http://127.0.0.1:$ATIENDE_PORT
export ATIENDE_CONF=$ATIENDE_VAR/atiende.hdf
export ATIENDE_WORKERS=1
mkdir -p "$ATIENDE_VAR/log"
# Apache runs as www-data and must reach the FastCGI sockets in $ATIENDE_VAR/run.
chmod 711 "$ATIENDE_VAR"
# Sanitizer findings go to files, so a finding in a FastCGI worker is not lost.
export ASAN_OPTIONS="log_path=$ATIENDE_VAR/log/asan:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$ATIENDE_VAR/log/ubsan:print_stacktrace=1"
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
OUT=$ATIENDE_VAR/log/results.txt
: > "$OUT"

section() { printf '\n# %s\n' "$*" | tee -a "$OUT"; }
record() { tee -a "$OUT"; }

cleanup() {
    bin/atiende-ctl stop >/dev/null 2>&1 || true
    [ -f "$ATIENDE_VAR/run/apache.pid" ] &&
        kill "$(cat "$ATIENDE_VAR/run/apache.pid")" 2>/dev/null || true
}
trap cleanup EXIT

section "unit tests (sanitizer build)"
for t in build-san/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" 2>&1 | record
    [ "${PIPESTATUS[0]}" = 0 ] || echo "not ok - $(basename "$t") exited non-zero" | record
done
python3 tests/lang_check.py 2>&1 | record

# Runs one fuzzer for $2 seconds: name, seconds, seed corpus, max input length,
# log name. New inputs go to a scratch corpus dir; the seeds stay untouched.
run_fuzzer() {
    local name=$1 secs=$2 seeds=$3 max_len=$4 log=$ATIENDE_VAR/log/$5.log
    mkdir -p "$ATIENDE_VAR/$5-corpus"
    if build/"$name" -max_total_time="$secs" -max_len="$max_len" \
        -artifact_prefix="$ATIENDE_VAR/log/$5-" "$ATIENDE_VAR/$5-corpus" "$seeds" \
        >"$log" 2>&1; then
        echo "ok - $name ran ${secs}s without a crash ($(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#') runs)" | record
    else
        echo "not ok - $name found a crash:" | record
        tail -30 "$log" | sed 's/^/#   /' | record
    fi
}

section "fuzzing the request parsers for ${FUZZ_SECONDS}s"
if make -s fuzz >/dev/null 2>"$ATIENDE_VAR/log/fuzz-build.log"; then
    # The two fuzzers share the time; 1s each at least (0 would mean forever).
    form_secs=$((FUZZ_SECONDS / 2 > 0 ? FUZZ_SECONDS / 2 : 1))
    mp_secs=$((FUZZ_SECONDS - form_secs > 0 ? FUZZ_SECONDS - form_secs : 1))
    run_fuzzer fuzz_form "$form_secs" tests/fuzz/corpus 4096 fuzz
    # Longer inputs, so the 8 KiB part-header limit can be reached.
    run_fuzzer fuzz_multipart "$mp_secs" tests/fuzz/corpus-multipart 12288 fuzz-multipart
    # The e-mail parser (lib/mime.c) gets a share of its own, as long as each of those.
    run_fuzzer fuzz_mime "$form_secs" tests/fuzz/corpus-mime 16384 fuzz-mime
else
    echo "not ok - the fuzzers did not build" | record
    sed 's/^/#   /' "$ATIENDE_VAR/log/fuzz-build.log" | record
fi

section "starting the test stack in $ATIENDE_VAR"
if bin/atiende-ctl start --demo >"$ATIENDE_VAR/log/start.log" 2>&1 &&
    curl -fsS -o /dev/null "$ATIENDE_URL/health"; then
    echo "ok - the stack starts (MariaDB, screens, nginx on $ATIENDE_URL)" | record
    section "HTTP tests"
    for t in tests/http/*.sh; do
        echo "# $t" | record
        bash "$t" 2>&1 | record
    done
    section "browser tests"
    if [ ! -d tests/browser/node_modules/playwright-core ]; then
        (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) >"$ATIENDE_VAR/log/npm.log" 2>&1 ||
            { echo "not ok - npm ci in tests/browser failed"; sed 's/^/#   /' "$ATIENDE_VAR/log/npm.log"; } | record
    fi
    for t in tests/browser/*.mjs; do
        [ -f "$t" ] || continue
        echo "# $t" | record
        node "$t" 2>&1 | record
    done
else
    echo "not ok - the stack starts" | record
    sed 's/^/#   /' "$ATIENDE_VAR/log/start.log" | record
fi

section "stopping, then looking for sanitizer findings"
cleanup
sleep 0.5
findings=$(ls "$ATIENDE_VAR"/log/asan* "$ATIENDE_VAR"/log/ubsan* 2>/dev/null)
if [ -z "$findings" ]; then
    echo "ok - no AddressSanitizer/UndefinedBehaviorSanitizer findings in any process" | record
else
    echo "not ok - sanitizer findings:" | record
    for f in $findings; do sed 's/^/#   /' "$f" | head -40; done | record
fi

passed=$(grep -c '^ok - ' "$OUT")
failed=$(grep -c '^not ok - ' "$OUT")
echo
grep '^not ok - ' "$OUT" | sed 's/^/FAILED: /'
echo "$passed passed, $failed failed"
if [ "$failed" = 0 ] && [ "$passed" -gt 0 ]; then
    # A passing run leaves nothing behind unless asked to keep its directory.
    [ -z "${ATIENDE_TEST_VAR:-}" ] && rm -rf "$ATIENDE_VAR"
    exit 0
fi
echo "logs and data of this run: $ATIENDE_VAR"
exit 1
