#!/bin/bash
# t121-inbound.sh: bin/atiende-fetch against a real IMAP server (our own
# dovecot on a loopback port, a maildir under $TMP) and the acknowledgements
# through a real SMTP server (aiosmtpd): replies land on their case (by
# In-Reply-To and by the number in the subject) with their files and move a
# waiting case to PRO; new mail opens a case (customer matched by e-mail, or
# the sender kept as requester) and is acknowledged, except automatic mail,
# lists and our own address; malformed, oversized and rate-limited mail is
# quarantined with its bytes; every message is taken exactly once, also
# across a crash between the commit and marking it seen; /admin/quarantine.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/lib.sh"

FETCH=$ATIENDE_BUILD/bin/atiende-fetch
MAILER=$ATIENDE_BUILD/bin/atiende-mailer
PY=/usr/bin/python3                 # Debian's python3-aiosmtpd is for the system Python
SMTP_PORT=$((ATIENDE_PORT + 1049))  # t81 takes +1045, t120 +1047
IMAP_PORT=$((ATIENDE_PORT + 1051))
SINK=$TMP/sink
DV=$TMP/dovecot
MAILDIR=$DV/mail/soporte
IMAP_PW=clave-$RANDOM$RANDOM
RUN=$$.$RANDOM                      # addresses and Message-IDs unique across runs
mkdir -p "$SINK" "$DV/run" "$DV/state" "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"

# The stack's own mailer would race our --once runs for the acknowledgements.
"$ROOT/bin/atiende-ctl" mailer-stop
finish() {
    sink_stop
    dovecot_stop
    cp "$TMP/fetch.log" "$ATIENDE_VAR/log/t121-fetch.log" 2>/dev/null     # for a post-mortem
    "$ROOT/bin/atiende-ctl" mailer-restart
    rm -rf "$TMP"
}
trap finish EXIT

# ---- our own dovecot: loopback only, plaintext login, one passwd-file user.
# imap-login may not run as root: as root the package's dovenull and dovecot
# users serve, and the mailbox belongs to dovecot; otherwise everything is us.
if [ "$(id -u)" = 0 ]; then
    login_user=dovenull internal_user=dovecot mail_user=dovecot
    chmod 755 "$TMP"
else
    login_user=$(id -un) internal_user=$(id -un) mail_user=$(id -un)
fi
cat > "$DV/dovecot.conf" <<EOF
base_dir = $DV/run
state_dir = $DV/state
log_path = $DV/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $internal_user
default_internal_group = $(id -gn "$internal_user")
default_login_user = $login_user
first_valid_uid = 1
mail_location = maildir:$DV/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DV/users
}
userdb {
  driver = static
  args = uid=$mail_user gid=$(id -gn "$mail_user") home=$DV/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
EOF
printf 'soporte:{PLAIN}%s\n' "$IMAP_PW" > "$DV/users"
chown -R "$mail_user" "$DV/mail"
dovecot_start() {
    dovecot -c "$DV/dovecot.conf" || { echo "# dovecot did not start"; return 1; }
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "# dovecot is not listening:"; sed 's/^/#   /' "$DV/dovecot.log"
}
dovecot_stop() {
    [ -s "$DV/run/master.pid" ] || return 0
    local pid
    pid=$(cat "$DV/run/master.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$DV/run/master.pid"
}
dovecot_start

# ---- the SMTP sink (tests/sink.sh): N.eml (raw) and N.rcpt (envelope recipients).
. "$(dirname "$0")/../sink.sh"
# mailto.py DIR ADDR: "subject|in-reply-to" of each message received for ADDR.
cat > "$TMP/mailto.py" <<'PY'
import email, email.policy, glob, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
    if sys.argv[2] not in open(path[:-4] + ".rcpt").read().split("\n"):
        continue
    m = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    print("%s|%s" % (m["Subject"], m.get("In-Reply-To", "")))
PY
sink_start
mail_to() { "$PY" "$TMP/mailto.py" "$SINK" "$1"; }

# ---- the fetcher's configuration: the stack's, with the mailbox and the sink.
OURS=soporte.$RUN@atiende.test
CONF=$TMP/fetch.hdf
cp "$ATIENDE_CONF" "$CONF"
cat >> "$CONF" <<EOF
Inbound {
  imap_url = imap://127.0.0.1:$IMAP_PORT/INBOX
  user = soporte
  password = $IMAP_PW
  area = Reclamos
  max_bytes = 60000
  rate_per_hour = 3
}
Limits {
  max_file = 20000
}
Mail {
  smtp_url = smtp://127.0.0.1:$SMTP_PORT
  from = Atiende <$OURS>
}
EOF
fetch() { ATIENDE_CONF=$CONF "$FETCH" "$@" 2>>"$TMP/fetch.log"; }
mailer() { ATIENDE_CONF=$CONF "$MAILER" --once 2>>"$TMP/mailer.log"; }
# imap COMMAND: a command on the mailbox, as the IMAP server answers it.
imap() { curl -s "imap://127.0.0.1:$IMAP_PORT/INBOX" -u "soporte:$IMAP_PW" -X "$1"; }
# count SEARCH-KEYS: how many messages of the mailbox match.
count() { imap "SEARCH $1" | tr -d '\r' | awk '$2 == "SEARCH" { print NF - 2 }'; }
n=0
# deliver FILE: into the mailbox as new (unseen) mail, as a delivery agent does.
deliver() {
    n=$((n + 1))
    cp "$1" "$MAILDIR/tmp/t121.$RUN.$n"
    chown "$mail_user" "$MAILDIR/tmp/t121.$RUN.$n"
    mv "$MAILDIR/tmp/t121.$RUN.$n" "$MAILDIR/new/t121.$RUN.$n"
}
# mail FILE FROM SUBJECT MESSAGE-ID [EXTRA HEADER LINES]: a plain text mail; body on stdin.
mail() {
    { printf 'From: %s\nTo: %s\nSubject: %s\nMessage-ID: <%s>\nDate: %s\nMIME-Version: 1.0\n' \
          "$2" "$OURS" "$3" "$4" "$(LC_ALL=C date -R)"
      [ -n "${5:-}" ] && printf '%s\n' "$5"
      printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
      cat; } > "$1"
}
# row KEY: what became of a message (inbound_mail), "status|case|acknowledged".
row() { sql "SELECT CONCAT_WS('|', status, COALESCE(case_id, ''), acknowledged) FROM inbound_mail WHERE message_key = '$1'"; }
case_of() { sql "SELECT case_id FROM inbound_mail WHERE message_key = '$1'"; }
id_of() { sql "SELECT id FROM $1 WHERE code = '$2'"; }

# ---- a customer, and case A waiting for her documents (WRC), with an
# e-mail we sent about it (outbox and conversation) that she will answer.
sign_in admin admin-demo; t=$(csrf)
jpost /customers "kind=person&first_name=Laura&first_surname=Inbound+$RUN"
cust=$(jf .Customer.id)
jpost "/customers/$cust/contact-data" "type=email&value=laura.$RUN%40example.com"
agente2=$(uid agente2)
jpost /cases "subject=Documentos+pendientes+$RUN&description=Faltan+recaudos&area=$(sql "SELECT id FROM areas WHERE name = 'Soporte técnico'")&customer=$cust&assignee=$agente2"
A=$(jf .Case.id) NUM_A=$(jf .Case.number)
sql "UPDATE cases SET status_id = $(id_of statuses WRC) WHERE id = $A"
sql "INSERT INTO outbox (case_id, to_addr, subject, body_text, body_html, message_id, thread_id, status, sent_at)
     VALUES ($A, 'laura.$RUN@example.com', '[$NUM_A] Envíe sus recaudos', 'Envíe la factura', '', 'out.$RUN@atiende.test', 'case-$A@atiende', 'sent', UTC_TIMESTAMP())"
# Case B, closed, with an e-mail of ours; case M merged into case S.
area_id() { sql "SELECT id FROM areas WHERE name = '$1'"; }
jpost /cases "subject=Caso+cerrado+$RUN&description=x&area=$(area_id Facturación)&customer=$cust&assignee=$agente2"
B=$(jf .Case.id) NUM_B=$(jf .Case.number)
post "/cases/$B/close" "resolution=Resuelto"
sql "INSERT INTO outbox (case_id, to_addr, subject, body_text, body_html, message_id, thread_id, status, sent_at)
     VALUES ($B, 'laura.$RUN@example.com', '[$NUM_B] Resuelto', 'Listo', '', 'outb.$RUN@atiende.test', 'case-$B@atiende', 'sent', UTC_TIMESTAMP())"
jpost /cases "subject=Sobreviviente+$RUN&description=x&area=$(area_id Facturación)&customer=$cust"; S=$(jf .Case.id)
jpost /cases "subject=Combinado+$RUN&description=x&area=$(area_id Facturación)&customer=$cust"; M=$(jf .Case.id) NUM_M=$(jf .Case.number)
sql "UPDATE cases SET merged_into_id = $S, closed = 1, status_id = $(id_of statuses MRG) WHERE id = $M"
# (the reply to M comes from another address of the same customer: a case
#  number in the subject counts only from someone the case knows)
jpost "/customers/$cust/contact-data" "type=email&value=otra.$RUN%40example.com"
check "setup: case B is closed" test "$(sql "SELECT closed FROM cases WHERE id = $B")" = 1
check "setup: case A is waiting on the customer (WRC)" test "$(sql "SELECT s.code FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $A")" = WRC

# 1. A reply by In-Reply-To, with a file and a file over Limits.max_file.
head -c 30000 /dev/urandom > "$TMP/grande.bin"
{ printf 'From: "Laura G" <laura.%s@example.com>\nTo: %s\nSubject: Re: =?UTF-8?B?%s?=\n' "$RUN" "$OURS" "$(printf 'Envíe sus recaudos' | base64 -w0)"
  printf 'Message-ID: <r1.%s@example.com>\nIn-Reply-To: <out.%s@atiende.test>\nMIME-Version: 1.0\n' "$RUN" "$RUN"
  printf 'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
  printf 'Adjunto la factura pedida. Ñandú %s.\n--b1\n' "$RUN"
  printf 'Content-Type: application/pdf; name="factura.pdf"\nContent-Disposition: attachment; filename="factura.pdf"\nContent-Transfer-Encoding: base64\n\n'
  printf '%%PDF-1.4 factura %s\n' "$RUN" | base64
  printf -- '--b1\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="grande.bin"\nContent-Transfer-Encoding: base64\n\n'
  base64 < "$TMP/grande.bin"
  printf -- '--b1--\n'; } > "$TMP/r1.eml"
deliver "$TMP/r1.eml"
# 2. A reply with only the case number in the subject.
mail "$TMP/r2.eml" "laura.$RUN@example.com" "Otra pregunta [$NUM_A]" "r2.$RUN@example.com" <<<"Segunda respuesta $RUN"
deliver "$TMP/r2.eml"
# 3. New mail from the customer, her address in other letter case.
mail "$TMP/n3.eml" "Laura <Laura.$RUN@EXAMPLE.com>" "Nueva solicitud $RUN" "n3.$RUN@example.com" <<<"Quiero cambiar mi plan $RUN"
deliver "$TMP/n3.eml"
# 4. New mail from someone unknown, an encoded name.
mail "$TMP/n4.eml" "=?UTF-8?B?$(printf 'Pedro Páramo' | base64 -w0)?= <pedro.$RUN@example.org>" "Consulta de Pedro $RUN" "n4.$RUN@example.com" <<<"Hola, soy nuevo"
deliver "$TMP/n4.eml"
# 5-9. Automatic mail, lists, our own address and a mailer daemon: cases, no acknowledgement.
mail "$TMP/q5.eml" "auto.$RUN@example.org" "Fuera de la oficina $RUN" "q5.$RUN@example.com" "Auto-Submitted: auto-replied" <<<"Estoy de vacaciones"
mail "$TMP/q6.eml" "bulk.$RUN@example.org" "Boletín $RUN" "q6.$RUN@example.com" "Precedence: bulk" <<<"Novedades"
mail "$TMP/q7.eml" "Atiende <$OURS>" "Copia nuestra $RUN" "q7.$RUN@example.com" <<<"Eco"
mail "$TMP/q8.eml" "lista.$RUN@example.org" "Lista $RUN" "q8.$RUN@example.com" "List-Id: <lista.example.org>" <<<"Mensaje de lista"
mail "$TMP/q9.eml" "MAILER-DAEMON@d$RUN.example.org" "Undelivered Mail $RUN" "q9.$RUN@example.com" <<<"Rebote"
for f in q5 q6 q7 q8 q9; do deliver "$TMP/$f.eml"; done
# 10. Malformed: a multipart whose closing boundary never comes.
printf 'From: rota.%s@example.com\nTo: %s\nSubject: Mensaje roto %s\nMessage-ID: <bad.%s@example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\n<script>alert(1)</script> sin cierre %s\n' \
    "$RUN" "$OURS" "$RUN" "$RUN" "$RUN" > "$TMP/bad.eml"
deliver "$TMP/bad.eml"
# 11. Over Inbound.max_bytes (60000).
{ yes "Línea de relleno para un correo demasiado grande $RUN" | head -n 1500; } |
    mail "$TMP/big.eml" "grande.$RUN@example.com" "Correo enorme $RUN" "big.$RUN@example.com"
deliver "$TMP/big.eml"
# 12. Four new mails from one sender: Inbound.rate_per_hour is 3.
for i in 1 2 3 4; do
    mail "$TMP/f$i.eml" "flood.$RUN@example.net" "Spam $i $RUN" "f$i.$RUN@example.com" <<<"Mensaje $i"
    deliver "$TMP/f$i.eml"
done
# 13. A reply to closed case B; 14. a reply naming merged case M; 15. a copy of our own e-mail.
mail "$TMP/r3.eml" "ana.$RUN@example.com" "Re: [$NUM_B] Resuelto" "r3.$RUN@example.com" "In-Reply-To: <outb.$RUN@atiende.test>" <<<"Volvió a fallar $RUN"
mail "$TMP/r4.eml" "otra.$RUN@example.com" "Sobre [$NUM_M]" "r4.$RUN@example.com" <<<"Sobre el combinado"
mail "$TMP/e1.eml" "Atiende <$OURS>" "[$NUM_A] Envíe sus recaudos $RUN" "out.$RUN@atiende.test" <<<"Envíe la factura"
# 16. A reply naming our e-mail only in References, behind an id we never sent.
mail "$TMP/r5.eml" "otra2.$RUN@example.com" "Re: sin número" "r5.$RUN@example.com" "References: <out.$RUN@atiende.test> <ajeno.$RUN@elsewhere.example>" <<<"Por referencias"
for f in r3 r4 e1 r5; do deliver "$TMP/$f.eml"; done
total=$n

check "the mailbox holds the $total messages, unseen" test "$(count UNSEEN)" = "$total"
fetch --once
expect "atiende-fetch --once exits 0" "$?" 0
expect "every message was taken: one inbound row each" \
    "$(sql "SELECT COUNT(*) FROM inbound_mail WHERE message_key LIKE '%.$RUN@example.com' OR subject LIKE '%$RUN%'")" "$total"
expect "...and all are marked seen" "$(count UNSEEN)" 0
expect "...none left with \$AtiendePending" "$(count 'KEYWORD $AtiendePending')" 0

# The reply by In-Reply-To.
expect "the In-Reply-To reply is processed on case A (status|case|ack)" "$(row "r1.$RUN@example.com")" "processed|$A|0"
expect "...as an inbound e-mail message of A (direction|channel|from|state)" \
    "$(sql "SELECT CONCAT_WS('|', m.direction, ch.code, m.from_addr, m.state) FROM messages m JOIN channels ch ON ch.id = m.channel_id WHERE m.message_key = 'r1.$RUN@example.com' AND m.case_id = $A")" \
    "in|email|laura.$RUN@example.com|received"
contains "...its body the text of the mail" "$(sql "SELECT body FROM messages WHERE message_key = 'r1.$RUN@example.com'")" "Adjunto la factura pedida. Ñandú $RUN."
contains "...and a line for the file over Limits.max_file" "$(sql "SELECT body FROM messages WHERE message_key = 'r1.$RUN@example.com'")" "grande.bin (30000 bytes)"
expect "...the subject decoded" "$(sql "SELECT subject FROM messages WHERE message_key = 'r1.$RUN@example.com'")" "Re: Envíe sus recaudos"
expect "...a history row (message) on A" "$(sql "SELECT COUNT(*) FROM case_history h JOIN messages m ON m.id = h.new_ref WHERE h.case_id = $A AND h.kind = 'message' AND m.message_key = 'r1.$RUN@example.com'")" 1
expect "...its file a case attachment of a public note 'Adjuntos del correo' (name|size|public)" \
    "$(sql "SELECT CONCAT_WS('|', a.name, a.size, n.public, n.title) FROM attachments a JOIN notes n ON n.id = a.note_id JOIN note_cases nc ON nc.note_id = n.id WHERE nc.case_id = $A")" \
    "factura.pdf|$(printf '%%PDF-1.4 factura %s\n' "$RUN" | wc -c)|1|Adjuntos del correo"
expect "...the bytes kept exactly" "$(sql "SELECT SHA2(f.content, 256) FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id JOIN file_contents f ON f.sha256 = a.sha256 WHERE nc.case_id = $A")" \
    "$(printf '%%PDF-1.4 factura %s\n' "$RUN" | sha256sum | cut -d' ' -f1)"
expect "...the message names its note" "$(sql "SELECT m.note_id = a.note_id FROM messages m, attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = $A AND m.message_key = 'r1.$RUN@example.com'")" 1
expect "case A went from WRC to PRO" "$(sql "SELECT s.code FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id = $A")" PRO
expect "...with a status history row WRC -> PRO" "$(sql "SELECT CONCAT(old_value, '>', new_value) FROM case_history WHERE case_id = $A AND kind = 'status' AND field = 'status' ORDER BY id DESC LIMIT 1")" "WRC>PRO"
check "...and its assignee has an alert about it" test "$(sql "SELECT COUNT(*) FROM notifications WHERE user_id = $agente2 AND case_id = $A AND kind = 'message'")" -ge 1
contains "...that says a customer wrote, naming the case" "$(sql "SELECT text FROM notifications WHERE user_id = $agente2 AND case_id = $A AND kind = 'message' ORDER BY id LIMIT 1")" "Mensaje nuevo del cliente en el caso $NUM_A"
req "/cases/$A"
contains "the case page shows the customer's mail in its conversation" "$BODY" "Adjunto la factura pedida. Ñandú $RUN."
expect "a reply gets no acknowledgement" "$(sql "SELECT COUNT(*) FROM outbox WHERE case_id = $A AND subject LIKE 'Hemos recibido%'")" 0

# The reply by the number in the subject.
expect "the reply with only [$NUM_A] in the subject lands on A" "$(row "r2.$RUN@example.com")" "processed|$A|0"
expect "...as a message of A" "$(sql "SELECT COUNT(*) FROM messages WHERE case_id = $A AND direction = 'in' AND message_key = 'r2.$RUN@example.com'")" 1
expect "...A still PRO (one status change in all)" "$(sql "SELECT COUNT(*) FROM case_history WHERE case_id = $A AND kind = 'status' AND new_value = 'PRO'")" 1

# The reply to the closed case: a follow-up case, B stays closed.
f3=$(case_of "r3.$RUN@example.com")
check "a reply to closed case B opens a follow-up case" test -n "$f3" -a "$f3" != "$B"
expect "...B stays closed" "$(sql "SELECT closed FROM cases WHERE id = $B")" 1
expect "...the follow-up keeps B's customer, area and assignee (not Inbound.area)" \
    "$(sql "SELECT CONCAT_WS('|', c.customer_id, a.name, c.assignee_id) FROM cases c JOIN areas a ON a.id = c.area_id WHERE c.id = $f3")" "$cust|Facturación|$agente2"
contains "...its creation names B" "$(sql "SELECT note FROM case_history WHERE case_id = $f3 AND kind = 'create'")" "$NUM_B"
contains "...and B's history names the follow-up" "$(sql "SELECT note FROM case_history WHERE case_id = $B AND kind = 'message' ORDER BY id DESC LIMIT 1")" \
    "$(sql "SELECT number FROM cases WHERE id = $f3")"
expect "...acknowledged" "$(row "r3.$RUN@example.com" | cut -d'|' -f1,3)" "processed|1"
expect "a reply naming our e-mail only in References lands on A" "$(row "r5.$RUN@example.com")" "processed|$A|0"
expect "a reply naming a merged case lands on the case it was merged into" "$(row "r4.$RUN@example.com")" "processed|$S|0"
expect "a copy of a message we sent is ignored: no case, no message" \
    "$(sql "SELECT CONCAT_WS('|', status, COALESCE(case_id, 'none'), (SELECT COUNT(*) FROM messages WHERE direction = 'in' AND message_key = 'out.$RUN@atiende.test')) FROM inbound_mail WHERE message_key = 'out.$RUN@atiende.test'")" \
    "ignored|none|0"

# New mail from the customer.
c3=$(case_of "n3.$RUN@example.com")
expect "new mail opens a case, acknowledged (status|ack)" "$(row "n3.$RUN@example.com" | cut -d'|' -f1,3)" "processed|1"
check "...a case of its own" test -n "$c3" -a "$c3" != "$A"
expect "...in Inbound.area, source e-mail, initial status, the customer matched by e-mail (any case)" \
    "$(sql "SELECT CONCAT_WS('|', a.name, src.code, s.code, c.customer_id, c.subject, c.description, c.created_by IS NULL) FROM cases c JOIN areas a ON a.id = c.area_id JOIN sources src ON src.id = c.source_id JOIN statuses s ON s.id = c.status_id WHERE c.id = $c3")" \
    "Reclamos|email|NEW|$cust|Nueva solicitud $RUN|Quiero cambiar mi plan $RUN|1"
expect "...with the mail as its first message" "$(sql "SELECT COUNT(*) FROM messages WHERE case_id = $c3 AND direction = 'in' AND message_key = 'n3.$RUN@example.com'")" 1
n3=$(sql "SELECT number FROM cases WHERE id = $c3")
expect "...and the acknowledgement queued, in the conversation too" \
    "$(sql "SELECT CONCAT_WS('|', o.to_addr, o.subject, o.thread_id, m.direction, m.state) FROM outbox o JOIN messages m ON m.outbox_id = o.id WHERE o.case_id = $c3")" \
    "laura.$RUN@example.com|Hemos recibido su solicitud [$n3]|n3.$RUN@example.com|out|queued"

# New mail from someone unknown.
c4=$(case_of "n4.$RUN@example.com")
expect "mail from an unknown sender: a case without customer, the sender as requester" \
    "$(sql "SELECT CONCAT_WS('|', COALESCE(customer_id, 'none'), requester_first_name, requester_last_name, requester_email) FROM cases WHERE id = $c4")" \
    "none|Pedro|Páramo|pedro.$RUN@example.org"
expect "...acknowledged" "$(row "n4.$RUN@example.com" | cut -d'|' -f1,3)" "processed|1"

# No acknowledgement to machines, lists or ourselves.
for f in q5:auto-submitted q6:"bulk precedence" q7:"our own address" q8:"mailing list" q9:"automatic sender"; do
    k=${f%%:*} why=${f#*:}
    expect "$why: a case, not acknowledged (status|ack)" "$(row "$k.$RUN@example.com" | cut -d'|' -f1,3)" "processed|0"
    contains "...the row says why" "$(sql "SELECT reason FROM inbound_mail WHERE message_key = '$k.$RUN@example.com'")" "not acknowledged: $why"
done

# The quarantine.
expect "malformed mail is quarantined, no case" "$(row "$(sql "SELECT message_key FROM inbound_mail WHERE subject = 'Mensaje roto $RUN'")")" "quarantined||0"
expect "...with the parser's reason" "$(sql "SELECT reason FROM inbound_mail WHERE subject = 'Mensaje roto $RUN'")" "malformed: unterminated multipart"
expect "...and its raw bytes, as the server gave them" "$(sql "SELECT SHA2(raw, 256) FROM inbound_mail WHERE subject = 'Mensaje roto $RUN'")" \
    "$(sed 's/$/\r/' "$TMP/bad.eml" | sha256sum | cut -d' ' -f1)"
expect "...kept by the sender's address" "$(sql "SELECT from_addr FROM inbound_mail WHERE subject = 'Mensaje roto $RUN'")" "rota.$RUN@example.com"
big=$(sed 's/$/\r/' "$TMP/big.eml" | wc -c)
expect "mail over Inbound.max_bytes is quarantined with its size and bytes (status|size|bytes|reason)" \
    "$(sql "SELECT CONCAT_WS('|', status, size, LENGTH(raw), reason) FROM inbound_mail WHERE subject = 'Correo enorme $RUN'")" \
    "quarantined|$big|$big|too large: $big bytes, over Inbound.max_bytes (60000)"
expect "the sender over Inbound.rate_per_hour: 3 processed, 1 quarantined" \
    "$(sql "SELECT GROUP_CONCAT(status, ':', n ORDER BY status) FROM (SELECT status, COUNT(*) n FROM inbound_mail WHERE from_addr = 'flood.$RUN@example.net' GROUP BY status) x")" \
    "processed:3,quarantined:1"
contains "...for the rate limit" "$(sql "SELECT reason FROM inbound_mail WHERE from_addr = 'flood.$RUN@example.net' AND status = 'quarantined'")" "rate limit"
expect "no quarantined mail became a case or a message" \
    "$(sql "SELECT COUNT(*) FROM inbound_mail i WHERE i.status = 'quarantined' AND (i.case_id IS NOT NULL OR i.message_id IS NOT NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.message_key = i.message_key)) AND i.subject LIKE '%$RUN%'")" 0

# The acknowledgements go out through the outbox, to the sink.
mailer
expect "the customer receives the acknowledgement, answering her mail" "$(mail_to "laura.$RUN@example.com" | grep '^Hemos recibido')" \
    "Hemos recibido su solicitud [$n3]|<n3.$RUN@example.com>"
contains "the unknown sender too" "$(mail_to "pedro.$RUN@example.org")" "Hemos recibido su solicitud ["
for a in auto.$RUN@example.org bulk.$RUN@example.org "$OURS" lista.$RUN@example.org mailer-daemon@d$RUN.example.org; do
    expect "nothing is sent to $a" "$(mail_to "$a" | wc -l)" 0
done

# Twice: the same messages again (unseen once more) are found taken; nothing doubles.
counts() { sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM inbound_mail), (SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM attachments))"; }
before=$(counts)
fetch --once
expect "a second run takes nothing" "$(counts)" "$before"
imap 'UID STORE 1:* -FLAGS.SILENT (\Seen)' >/dev/null
expect "setup: every message unseen again" "$(count UNSEEN)" "$total"
fetch --once
expect "a run over the same messages unseen again writes nothing (keys taken)" "$(counts)" "$before"
expect "...and marks them all seen again" "$(count UNSEEN)" 0
contains "...saying they were taken before" "$(tail -n "$total" "$TMP/fetch.log")" "duplicate"

# A crash between the commit and marking: after the 2nd of 5, the run dies.
for i in 1 2 3 4 5; do
    mail "$TMP/c$i.eml" "crash$i.$RUN@example.com" "Caída $i $RUN" "c$i.$RUN@example.com" <<<"Mensaje $i"
    deliver "$TMP/c$i.eml"
done
crash_rows() { sql "SELECT CONCAT_WS('|', COUNT(*), COUNT(DISTINCT case_id), (SELECT COUNT(*) FROM messages WHERE message_key LIKE 'c_.$RUN@example.com' AND direction = 'in')) FROM inbound_mail WHERE message_key LIKE 'c_.$RUN@example.com'"; }
ATIENDE_FETCH_DIE_AFTER=2 fetch --once
expect "ATIENDE_FETCH_DIE_AFTER=2: the run dies (exit 1)" "$?" 1
expect "...having committed 2 messages (rows|cases|messages)" "$(crash_rows)" "2|2|2"
expect "...the 2nd, seen by its fetch but never marked, still carries \$AtiendePending" "$(count 'KEYWORD $AtiendePending')" 1
expect "...and 3 untouched, unseen" "$(count UNSEEN)" 3
fetch --once
expect "the next run takes each of the 5 exactly once (rows|cases|messages)" "$(crash_rows)" "5|5|5"
expect "...marks them all seen" "$(count UNSEEN)" 0
expect "...and clears \$AtiendePending" "$(count 'KEYWORD $AtiendePending')" 0
expect "...5 acknowledgements, one per case" "$(sql "SELECT COUNT(*) FROM outbox o JOIN inbound_mail i ON i.case_id = o.case_id WHERE i.message_key LIKE 'c_.$RUN@example.com' AND o.subject LIKE 'Hemos recibido%'")" 5

# The mailbox moved elsewhere: Inbound.move_to.
imap "CREATE Procesados$RUN" >/dev/null
printf 'Inbound {\n  move_to = Procesados%s\n}\n' "$RUN" >> "$CONF"
mail "$TMP/m1.eml" "mover.$RUN@example.com" "Para mover $RUN" "m1.$RUN@example.com" <<<"Muévame"
deliver "$TMP/m1.eml"
fetch --once
expect "with Inbound.move_to the message is taken" "$(row "m1.$RUN@example.com" | cut -d'|' -f1)" processed
expect "...and moved out of INBOX" "$(count "HEADER Message-ID m1.$RUN@example.com")" 0
expect "...into the folder" "$(curl -s "imap://127.0.0.1:$IMAP_PORT/Procesados$RUN" -u "soporte:$IMAP_PW" -X "SEARCH HEADER Message-ID m1.$RUN@example.com" | tr -d '\r' | awk '$2 == "SEARCH" { print NF - 2 }')" 1

# /admin/quarantine: admins only.
bad_id=$(sql "SELECT id FROM inbound_mail WHERE subject = 'Mensaje roto $RUN'")
big_id=$(sql "SELECT id FROM inbound_mail WHERE subject = 'Correo enorme $RUN'")
rate_id=$(sql "SELECT id FROM inbound_mail WHERE from_addr = 'flood.$RUN@example.net' AND status = 'quarantined'")
sign_in agente agente-demo
jget /admin/quarantine
expect "an agent gets 403 on /admin/quarantine" "$STATUS" 403
sign_in supervisor supervisor-demo
jget "/admin/quarantine/$bad_id"
expect "...a supervisor too" "$STATUS" 403
req /admin/areas
lacks "...and is not offered the tab" "$BODY" 'href="/admin/quarantine"'
sign_in admin admin-demo; t=$(csrf)
jget /admin/quarantine
expect "GET /admin/quarantine as admin answers 200" "$STATUS" 200
expect "...listing the malformed one (from|subject|size|reason)" \
    "$(jf ".Quarantine[] | select(.id == $bad_id) | \"\\(.from_addr)|\\(.subject)|\\(.size > 0)|\\(.reason)\"")" \
    "rota.$RUN@example.com|Mensaje roto $RUN|true|malformed: unterminated multipart"
check "...the oversized and the rate-limited ones" test "$(jf "[.Quarantine[] | select(.id == $big_id or .id == $rate_id)] | length")" = 2
check "...and no processed one" test "$(jf '[.Quarantine[] | select(.reason | startswith("new case"))] | length')" = 0
req /admin/quarantine
contains "the HTML list links the message" "$BODY" "href=\"/admin/quarantine/$bad_id\""
contains "...offers release and delete" "$BODY" "action=\"/admin/quarantine/$rate_id/release\""
contains "...and the admin tabs show it" "$BODY" '>Cuarentena de correo</a>'
contains "...each reason in the admin's language, the parser's words after it" "$BODY" "Mal formado <span class=\"muted small\">(malformed: "
contains "...the sender over the hourly limit named so" "$BODY" "Remitente sobre el límite por hora"
expect "...and in JSON each row carries its reason's kind" "$(jget /admin/quarantine; jf "[.Quarantine[] | select(.id == $bad_id or .id == $rate_id or .id == $big_id) | .kind] | sort | join(\",\")")" "malformed,rate_limit,too_large"
jget "/admin/quarantine/$bad_id"
expect "one message: its headers" "$(jf .Mail.headers | grep -c "^Subject: Mensaje roto $RUN$")" 1
contains "...and the start of its body" "$(jf .Mail.body_start)" "sin cierre $RUN"
req "/admin/quarantine/$bad_id"
contains "...escaped in the page" "$BODY" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "...never raw" "$BODY" "<script>alert(1)"
jget "/admin/quarantine/$big_id"
check "...at most 1 KB of the body" test "$(jf '.Mail.body_start | length')" -le 1024
req -d "csrf=bad" "/admin/quarantine/$rate_id/release"
expect "a release without the CSRF token is refused" "$STATUS" 403
req "/admin/quarantine/$rate_id/release"
expect "GET on release answers 405" "$STATUS" 405
post "/admin/quarantine/$bad_id/release" ""
expect "releasing the malformed one answers 409" "$STATUS" 409
expect "...and it stays quarantined with its bytes" "$(sql "SELECT CONCAT(status, '|', raw IS NOT NULL) FROM inbound_mail WHERE id = $bad_id")" "quarantined|1"
post "/admin/quarantine/$rate_id/release" ""
expect "releasing the rate-limited one answers 303" "$STATUS" 303
contains "...back to the list" "$(header Location)" "/admin/quarantine?released=$rate_id"
expect "...it is processed now into a case, its bytes gone (status|case|raw|by)" \
    "$(sql "SELECT CONCAT_WS('|', status, case_id IS NOT NULL, raw IS NULL, decided_by = $(uid admin)) FROM inbound_mail WHERE id = $rate_id")" "processed|1|1|1"
expect "...a case with the mail as its message" "$(sql "SELECT COUNT(*) FROM messages m JOIN inbound_mail i ON i.case_id = m.case_id AND i.message_key = m.message_key WHERE i.id = $rate_id")" 1
expect "...audited" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine_release' AND object_id = $rate_id")" 1
req "/admin/quarantine?released=$rate_id"
contains "...and the list names the case" "$BODY" "/cases/$(sql "SELECT case_id FROM inbound_mail WHERE id = $rate_id")"
post "/admin/quarantine/$rate_id/release" ""
expect "releasing it again answers 409" "$STATUS" 409
post "/admin/quarantine/$big_id/delete" ""
expect "deleting the oversized one answers 303" "$STATUS" 303
expect "...its bytes go, its row stays (status|raw)" "$(sql "SELECT CONCAT(status, '|', raw IS NULL) FROM inbound_mail WHERE id = $big_id")" "deleted|1"
jget /admin/quarantine
expect "...out of the list" "$(jf "[.Quarantine[] | select(.id == $big_id)] | length")" 0
post "/admin/quarantine/$big_id/delete" ""
expect "deleting it again answers 409" "$STATUS" 409
post "/admin/quarantine/99999999/delete" ""
expect "an unknown message answers 404" "$STATUS" 404
imap 'UID STORE 1:* -FLAGS.SILENT (\Seen)' >/dev/null
before=$(counts)
fetch --once
expect "released and deleted messages, unseen again, are still never taken twice" "$(counts)" "$before"

# A stranger's mail naming A's number does not write into A: a case of its own.
imap 'UID STORE 1:* +FLAGS.SILENT (\Seen)' >/dev/null
mail "$TMP/s1.eml" "intruso.$RUN@example.org" "Re: [$NUM_A] cambio de titular" "s1.$RUN@example.com" <<<"Cambien el titular de la cuenta $RUN"
deliver "$TMP/s1.eml"
before_a=$(sql "SELECT COUNT(*) FROM messages WHERE case_id = $A")
fetch --once
s1=$(case_of "s1.$RUN@example.com")
check "a stranger naming case A's number in the subject gets a case of their own" test -n "$s1" -a "$s1" != "$A"
expect "...and A's conversation is unchanged" "$(sql "SELECT COUNT(*) FROM messages WHERE case_id = $A")" "$before_a"
expect "...the new case keeps the stranger as its requester" "$(sql "SELECT requester_email FROM cases WHERE id = $s1")" "intruso.$RUN@example.org"

check "no sanitizer finding in the fetcher's log" test -z "$(grep -E 'AddressSanitizer|runtime error|LeakSanitizer' "$TMP/fetch.log")"
