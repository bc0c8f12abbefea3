#!/bin/bash
# t81-mailer.sh: bin/atiende-mailer against a real SMTP server (aiosmtpd):
# the MIME message and its headers, retries while SMTP is down, two mailers
# at once, failed messages and /admin/outbox, header injection, SIGTERM.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/lib.sh"

MAILER=$ATIENDE_BUILD/bin/atiende-mailer
PY=/usr/bin/python3            # Debian's python3-aiosmtpd is for the system Python
SMTP_PORT=$((ATIENDE_PORT + 1045))   # above 19000, and one per test stack
SINK=$TMP/sink
mkdir -p "$SINK"

# The stack's own mailer (bin/atiende-ctl start) would race our --once runs
# for the rows: it is stopped here and started again when the test ends.
check "the stack started the mailer" test -s "$ATIENDE_VAR/run/mailer.pid" -a -n "$(
    kill -0 "$(cat "$ATIENDE_VAR/run/mailer.pid")" 2>/dev/null && echo y)"
"$ROOT/bin/atiende-ctl" mailer-stop
finish() {
    sink_stop
    "$ROOT/bin/atiende-ctl" mailer-restart
    rm -rf "$TMP"
}
trap finish EXIT

. "$(dirname "$0")/../sink.sh"
# mailcheck.py ids: the Message-ID of every message received, one a line.
# mailcheck.py show MID: that message, decoded, as JSON.
cat > "$TMP/mailcheck.py" <<'PY'
import email, email.policy, email.utils, glob, json, os, sys
def messages():
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
        raw = open(path, "rb").read()
        yield path, raw, email.message_from_bytes(raw, policy=email.policy.default)
if sys.argv[2] == "ids":
    for _, _, m in messages():
        print(m["Message-ID"])
    sys.exit(0)
for path, raw, m in messages():
    if m["Message-ID"] != "<%s>" % sys.argv[3]:
        continue
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    text, html = m.get_body(("plain",)), m.get_body(("html",))
    # Text goes in canonical form (CRLF line ends); a reader shows them as \n.
    plain = lambda part: part.get_content().replace("\r\n", "\n") if part else None
    print(json.dumps({
        "subject": str(m["Subject"]), "to": str(m["To"]), "from": str(m["From"]),
        "date_ok": email.utils.parsedate_to_datetime(m["Date"]) is not None,
        "in_reply_to": m.get("In-Reply-To", ""), "references": m.get("References", ""),
        "type": m.get_content_type(), "mime": m.get("MIME-Version", ""),
        "parts": [p.get_content_type() + ";" + p.get_content_charset("") + ";" +
                  p.get("Content-Transfer-Encoding", "") for p in m.iter_parts()],
        "text": plain(text), "html": plain(html),
        "headers": sorted(set(k.lower() for k in m.keys())),
        "crlf": raw.count(b"\n") == raw.count(b"\r\n"),
        "max_line": max(len(l) for l in raw.split(b"\r\n")),
        "head": head, "rcpt": open(path[:-4] + ".rcpt").read(),
    }, ensure_ascii=False))
    break
PY


# The stack's configuration with the sink as the SMTP server; later HDF values win.
CONF=$TMP/mailer.hdf
cp "$ATIENDE_CONF" "$CONF"
printf 'Mail {\n  smtp_url = smtp://127.0.0.1:%s\n}\n' "$SMTP_PORT" >> "$CONF"
mailer() { ATIENDE_CONF=$CONF "$MAILER" "$@" 2>>"$TMP/mailer.log"; }
ids() { "$PY" "$TMP/mailcheck.py" "$SINK" ids; }
times_received() { ids | grep -cxF "<$1>"; }
show() { MSG=$("$PY" "$TMP/mailcheck.py" "$SINK" show "$1"); }
m() { printf '%s' "$MSG" | jq -r "$1"; }
row() { sql "SELECT CONCAT_WS('|', status, attempts, last_error != '', sent_at IS NOT NULL) FROM outbox WHERE message_id = '$1'"; }
# queue MID SUBJECT [TO_NAME] [THREAD]: a pending message (SQL strings, may use CONCAT).
queue() {
    sql "INSERT INTO outbox (to_addr, to_name, subject, body_text, body_html, message_id, thread_id)
         VALUES ('cliente81@example.com', ${3:-'Laura Gómez'}, $2, 'Hola Laura:\nSu caso cambió: señal, acción, ñandú.\n.\nFin — €',
                 '<p>Hola <b>Laura</b>: señal</p>', '$1', '${4:-}')"
}
# wait_due MID: until the message's next attempt is due (test backoffs are seconds).
wait_due() {
    for _ in $(seq 1 60); do
        [ "$(sql "SELECT next_attempt_at <= UTC_TIMESTAMP() FROM outbox WHERE message_id = '$1'")" = 1 ] && return
        sleep 0.2
    done
}

RUN=$$.$RANDOM      # Message-IDs are unique across runs on the same database
sink_start

# 1. One message, delivered once, every header and part readable.
subject='Caso 2031-000081: ¿Dónde está mi factura? Ñandú, acción y pingüino — un asunto largo que ocupa varias palabras codificadas'
queue "m1.$RUN@atiende.test" "'$subject'" "" "case81.$RUN@atiende.test"
mailer --once
expect "--once exits 0 after delivering" "$?" 0
expect "the message arrives once" "$(times_received "m1.$RUN@atiende.test")" 1
expect "...and its row is sent (status|attempts|error|sent_at)" "$(row "m1.$RUN@atiende.test")" "sent|0|0|1"
show "m1.$RUN@atiende.test"
expect "the Subject (accents, ñ, ¿, —) decodes to the original" "$(m .subject)" "$subject"
contains "...sent as RFC 2047 encoded-words" "$(m .head)" 'Subject: =?UTF-8?B?'
expect "To carries the encoded name" "$(m .to)" "Laura Gómez <cliente81@example.com>"
expect "From is Mail.from, named after the site" "$(m .from)" 'Atiende <atiende@localhost>'
expect "the envelope recipient is the address" "$(m .rcpt)" "cliente81@example.com"
expect "Date parses (RFC 5322)" "$(m .date_ok)" true
expect "In-Reply-To names the case thread" "$(m .in_reply_to)" "<case81.$RUN@atiende.test>"
expect "References names the case thread" "$(m .references)" "<case81.$RUN@atiende.test>"
expect "MIME-Version 1.0, multipart/alternative" "$(m .mime) $(m .type)" "1.0 multipart/alternative"
expect "...with a plain and an HTML part, UTF-8, base64" "$(m '.parts | join(" ")')" \
    "text/plain;utf-8;base64 text/html;utf-8;base64"
expect "the text part keeps the UTF-8 text (and a lone dot line)" "$(m .text)" \
    "$(printf 'Hola Laura:\nSu caso cambió: señal, acción, ñandú.\n.\nFin — €\n')"
expect "the HTML part arrives intact" "$(m .html)" "$(printf '<p>Hola <b>Laura</b>: señal</p>\n')"
expect "every line ends in CRLF" "$(m .crlf)" true
check "no line is longer than 76 characters" test "$(m .max_line)" -le 76
mailer --once
expect "a second pass sends nothing again" "$(times_received "m1.$RUN@atiende.test")" 1
queue "m1b.$RUN@atiende.test" "'Plain ASCII subject'" "''"
mailer --once
show "m1b.$RUN@atiende.test"
expect "a plain subject and no name come through as they are" "$(m .subject)|$(m .to)" \
    "Plain ASCII subject|cliente81@example.com"
check "...without In-Reply-To or References when there is no thread" \
    test -z "$(m '.headers | map(select(. == "in-reply-to" or . == "references")) | .[]')"
sql "INSERT INTO outbox (to_addr, subject, body_text, body_html, message_id)
     VALUES ('cliente81@example.com', 'Solo texto', 'Línea uno\nLínea dos', '', 'm1c.$RUN@atiende.test')"
mailer --once
show "m1c.$RUN@atiende.test"
expect "without an HTML body the message is a single text/plain part" "$(m .type)|$(m .text)" \
    "text/plain|$(printf 'Línea uno\nLínea dos')"

# 2. SMTP down: the row waits with its error; once the server is back it goes, once.
sink_stop
queue "m2.$RUN@atiende.test" "'Reintento: ¿llegó?'"
mailer --once
expect "with SMTP down --once still exits 0" "$?" 0
expect "...the row stays pending with 1 attempt and its error" "$(row "m2.$RUN@atiende.test")" "pending|1|1|0"
contains "...the error is curl's" "$(sql "SELECT last_error FROM outbox WHERE message_id = 'm2.$RUN@atiende.test'")" "onnect"
expect "...and the next attempt is later" "$(sql "SELECT next_attempt_at > created_at FROM outbox WHERE message_id = 'm2.$RUN@atiende.test'")" 1
contains "the mailer says so on stderr" "$(cat "$TMP/mailer.log")" "deferred"
sink_start
wait_due "m2.$RUN@atiende.test"
mailer --once
expect "when due, it is delivered" "$(times_received "m2.$RUN@atiende.test")" 1
expect "...and marked sent, keeping its attempt count" "$(row "m2.$RUN@atiende.test" | cut -d'|' -f1,2,4)" "sent|1|1"

# 3. Two mailers at once over 30 messages: each goes exactly once.
for i in $(seq 1 30); do
    queue "m3-$i.$RUN@atiende.test" "'Lote $i: acción'"
done
mailer --once & p1=$!
mailer --once & p2=$!
wait "$p1" "$p2"
got=$(ids | grep -c "^<m3-.*\.$RUN@atiende.test>$")
dups=$(ids | grep "^<m3-.*\.$RUN@atiende.test>$" | sort | uniq -d | wc -l)
expect "two mailers at once deliver all 30 messages" "$got" 30
expect "...none of them twice" "$dups" 0
expect "...and all 30 rows are sent" "$(sql "SELECT COUNT(*) FROM outbox WHERE message_id LIKE 'm3-%.$RUN@atiende.test' AND status = 'sent'")" 30
# claimed_by is host-pid-random-batch: how many runs took part (1 or 2: both may not get rows).
echo "# the 30 were sent by $(sql "SELECT COUNT(DISTINCT LEFT(claimed_by, LENGTH(claimed_by) - LENGTH(SUBSTRING_INDEX(claimed_by, '-', -1)) - 1)) FROM outbox WHERE message_id LIKE 'm3-%.$RUN@atiende.test'") run(s)"
# A run that died while sending leaves rows 'sending': after 10 minutes they go again.
queue "m3s.$RUN@atiende.test" "'Huérfano'"
sql "UPDATE outbox SET status = 'sending', claimed_by = 'dead-run', claimed_at = UTC_TIMESTAMP() - INTERVAL 11 MINUTE WHERE message_id = 'm3s.$RUN@atiende.test'"
mailer --once
expect "a row left 'sending' by a dead run is sent after 10 minutes" "$(times_received "m3s.$RUN@atiende.test")|$(row "m3s.$RUN@atiende.test" | cut -d'|' -f1)" "1|sent"

# 4. Max attempts: failed, shown at /admin/outbox, retried by an admin.
sink_stop
CONF2=$TMP/mailer2.hdf
cp "$CONF" "$CONF2"
printf 'Mail {\n  max_attempts = 2\n}\n' >> "$CONF2"
queue "m4.$RUN@atiende.test" "'Falla: ¿y ahora?'"
ATIENDE_CONF=$CONF2 "$MAILER" --once 2>>"$TMP/mailer.log"
wait_due "m4.$RUN@atiende.test"
ATIENDE_CONF=$CONF2 "$MAILER" --once 2>>"$TMP/mailer.log"
expect "after Mail.max_attempts failures the row is failed, with its error" "$(row "m4.$RUN@atiende.test")" "failed|2|1|0"
id4=$(sql "SELECT id FROM outbox WHERE message_id = 'm4.$RUN@atiende.test'")
sign_in admin admin-demo
t=$(csrf)
jget "/admin/outbox?status=failed"
expect "GET /admin/outbox?status=failed as admin answers 200" "$STATUS" 200
expect "...listing the failed message with attempts and last_error" \
    "$(jf ".Outbox[] | select(.id == $id4) | \"\\(.status)|\\(.attempts)|\\(.last_error != \"\")|\\(.to_addr)\"")" \
    "failed|2|true|cliente81@example.com"
expect "...and only failed ones" "$(jf '[.Outbox[].status] | unique | join(",")')" failed
check "...with the count per status" test "$(jf .Counts.failed)" -ge 1
jget "/admin/outbox"
expect "the unfiltered list is newest first" "$(jf '[.Outbox[].id] == ([.Outbox[].id] | sort | reverse)')" true
req "/admin/outbox?status=failed"
contains "the HTML page offers the retry" "$BODY" "action=\"/admin/outbox/$id4/retry\""
contains "...and shows the error" "$BODY" "onnect"
contains "the admin tabs link the outbox" "$BODY" 'href="/admin/outbox"'
admin_jar=$JAR
sign_in agente agente-demo
jget /admin/outbox
expect "an agent gets 403 on /admin/outbox" "$STATUS" 403
sign_in supervisor supervisor-demo
ts=$(csrf)
req /admin/outbox
expect "a supervisor may read the outbox" "$STATUS" 200
lacks "...without the retry button" "$BODY" "/retry\""
req -d "csrf=$ts" "/admin/outbox/$id4/retry"
expect "...but gets 403 on the retry" "$STATUS" 403
expect "...which changes nothing" "$(row "m4.$RUN@atiende.test" | cut -d'|' -f1)" failed
JAR=$admin_jar
req -d "csrf=bad" "/admin/outbox/$id4/retry"
expect "a retry without the CSRF token is refused" "$STATUS" 403
req "/admin/outbox/$id4/retry"
expect "GET on the retry answers 405" "$STATUS" 405
post "/admin/outbox/$id4/retry" ""
expect "POST /admin/outbox/{id}/retry answers 303" "$STATUS" 303
contains "...back to the outbox" "$(header Location)" "/admin/outbox"
expect "...and the message is pending with 0 attempts, due now" \
    "$(sql "SELECT CONCAT(status, '|', attempts, '|', next_attempt_at <= UTC_TIMESTAMP()) FROM outbox WHERE id = $id4")" "pending|0|1"
expect "...with an audit row" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox_retry' AND object_id = $id4")" 1
post "/admin/outbox/$id4/retry" ""
expect "retrying a message that is not failed answers 409" "$STATUS" 409
post "/admin/outbox/99999999/retry" ""
expect "retrying an unknown message answers 404" "$STATUS" 404
sink_start
mailer --once
expect "the retried message is delivered" "$(times_received "m4.$RUN@atiende.test")|$(row "m4.$RUN@atiende.test" | cut -d'|' -f1)" "1|sent"

# 5. CR/LF in the subject or the name cannot add headers; a bad address is failed at once.
queue "m5.$RUN@atiende.test" "CONCAT('Hola', CHAR(13, 10), 'Bcc: intruso@example.com', CHAR(10), 'X-Injected: 1')" \
    "CONCAT('Eve', CHAR(13, 10), 'X-Evil: yes', CHAR(13), CHAR(10), CHAR(10), 'body?')"
sql "INSERT INTO outbox (to_addr, subject, body_text, body_html, message_id) VALUES
     (CONCAT('x@example.com', CHAR(13, 10), 'Bcc: intruso@example.com'), 'Hola', 'x', '', 'm5b.$RUN@atiende.test')"
mailer --once
show "m5.$RUN@atiende.test"
expect "CR/LF in subject and name: delivered once" "$(times_received "m5.$RUN@atiende.test")" 1
check "...adding no header" test -z "$(m '.headers | map(select(. == "bcc" or . == "x-injected" or . == "x-evil")) | .[]')"
expect "...to the one recipient" "$(m .rcpt)" "cliente81@example.com"
expect "...the subject stays one line" "$(m .subject)" "Hola  Bcc: intruso@example.com X-Injected: 1"
contains "...and the name too" "$(m .to)" "X-Evil: yes"
expect "an address with CR/LF is never sent: failed at once" "$(row "m5b.$RUN@atiende.test")" "failed|1|1|0"
check "...and nobody got mail at intruso@" test -z "$(grep -l intruso "$SINK"/*.rcpt)"

# --every: keeps delivering, and SIGTERM ends it cleanly.
ATIENDE_CONF=$CONF "$MAILER" --every 1 2>>"$TMP/mailer.log" &
every_pid=$!
queue "m6.$RUN@atiende.test" "'Cada segundo'"
for _ in $(seq 1 50); do [ "$(times_received "m6.$RUN@atiende.test")" = 1 ] && break; sleep 0.1; done
expect "--every delivers what comes in" "$(times_received "m6.$RUN@atiende.test")" 1
kill -TERM "$every_pid"
wait "$every_pid"
expect "...and exits 0 on SIGTERM" "$?" 0
expect "...leaving no row claimed" "$(sql "SELECT COUNT(*) FROM outbox WHERE status = 'sending'")" 0
