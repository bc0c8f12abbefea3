#!/bin/bash
# t120-messages.sh: messages to the customer from the case (S6) and the
# conversation tab (S4). An e-mail goes through the outbox to a real SMTP
# server (aiosmtpd): case number in the subject, Message-ID kept as the
# message's key, the case's thread, the files attached (RFC 2231 names),
# queued -> sent, nothing lost while SMTP is down, failed after the last
# attempt. Channels and contact data outside the case's are refused with
# nothing saved; WhatsApp, SMS and phone are recorded as sent by hand; the
# tab shows theirs left and ours right; closed case, CSRF and roles.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/lib.sh"

MAILER=$ATIENDE_BUILD/bin/atiende-mailer
PY=/usr/bin/python3                 # Debian's python3-aiosmtpd is for the system Python
SMTP_PORT=$((ATIENDE_PORT + 1047))  # t81 takes +1045
SINK=$TMP/sink
mkdir -p "$SINK"

# The stack's own mailer would race our --once runs: stopped here, started again at the end.
"$ROOT/bin/atiende-ctl" mailer-stop
finish() {
    sink_stop
    "$ROOT/bin/atiende-ctl" mailer-restart
    rm -rf "$TMP"
}
trap finish EXIT

. "$(dirname "$0")/../sink.sh"
# mailcheck.py DIR ids | show MID [SAVEDIR]: the Message-IDs received; one
# message decoded as JSON, its attachments' bytes saved as SAVEDIR/N.
cat > "$TMP/mailcheck.py" <<'PY'
import email, email.policy, glob, hashlib, json, os, sys
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
    text, html = m.get_body(("plain",)), m.get_body(("html",))
    plain = lambda part: part.get_content().replace("\r\n", "\n") if part else None
    files = []
    for i, part in enumerate(m.iter_attachments()):
        data = part.get_payload(decode=True)
        if len(sys.argv) > 4:
            open(os.path.join(sys.argv[4], str(i)), "wb").write(data)
        files.append({"name": part.get_filename(), "type": part.get_content_type(),
                      "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
    print(json.dumps({
        "subject": str(m["Subject"]), "to": str(m["To"]), "rcpt": open(path[:-4] + ".rcpt").read(),
        "in_reply_to": m.get("In-Reply-To", ""), "references": m.get("References", ""),
        "type": m.get_content_type(), "text": plain(text), "html": plain(html), "files": files,
        "headers": sorted(set(k.lower() for k in m.keys())),
        "head": raw.split(b"\r\n\r\n", 1)[0].decode("ascii"),
        "raw_ascii": all(b < 128 for b in raw),
        "crlf": raw.count(b"\n") == raw.count(b"\r\n"),
        "max_line": max(len(l) for l in raw.split(b"\r\n")),
    }, ensure_ascii=False))
    break
PY
CONF=$TMP/mailer.hdf
cp "$ATIENDE_CONF" "$CONF"
printf 'Mail {\n  smtp_url = smtp://127.0.0.1:%s\n}\n' "$SMTP_PORT" >> "$CONF"
mailer() { ATIENDE_CONF=${MAILER_CONF:-$CONF} "$MAILER" --once 2>>"$TMP/mailer.log"; }
received() { "$PY" "$TMP/mailcheck.py" "$SINK" ids | grep -cxF "<$1>"; }
all_received() { "$PY" "$TMP/mailcheck.py" "$SINK" ids | wc -l; }
show() { mkdir -p "$TMP/files"; MSG=$("$PY" "$TMP/mailcheck.py" "$SINK" show "$1" "$TMP/files"); }
m() { printf '%s' "$MSG" | jq -r "$1"; }
raw() { cat "$(grep -l -F "Message-ID: <$1>" "$SINK"/*.eml | head -1)"; }   # the message as received
wait_due() {
    for _ in $(seq 1 60); do
        [ "$(sql "SELECT next_attempt_at <= UTC_TIMESTAMP() FROM outbox WHERE id = $1")" = 1 ] && return
        sleep 0.2
    done
}

counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM notes), (SELECT COUNT(*) FROM attachments), (SELECT COUNT(*) FROM case_history), (SELECT SUM(version) FROM cases))"; }
msg() { sql "SELECT CONCAT_WS('|', $2) FROM messages WHERE id = $1"; }
last_msg() { sql "SELECT MAX(id) FROM messages WHERE case_id = $1"; }
mp() { req -H 'Accept: application/json' "$@"; }   # mp -F ... PATH: a JSON multipart request
sha() { sha256sum "$1" | cut -d' ' -f1; }
# the options of the outbound form's select NAME in the last page, one "value|text" a line
options() { printf '%s' "$BODY" | "$PY" -c '
import html.parser, sys
class P(html.parser.HTMLParser):
    sel = None; opt = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "select": self.sel = a.get("id")
        if tag == "option" and self.sel == sys.argv[1]: self.opt = [a.get("value"), ""]
    def handle_data(self, d):
        if self.opt is not None: self.opt[1] += d
    def handle_endtag(self, tag):
        if tag == "option" and self.opt is not None: print("%s|%s" % tuple(self.opt)); self.opt = None
        if tag == "select": self.sel = None
P().feed(sys.stdin.read())' "$1"; }

agent=$(uid agente)
area=$(sql "SELECT MIN(id) FROM areas")
cobranza=$(sql "SELECT id FROM campaigns WHERE name = 'Cobranza cartera vencida'")
servicio=$(sql "SELECT id FROM campaigns WHERE name = 'Servicio al cliente'")
ch() { sql "SELECT id FROM channels WHERE code = '$1'"; }
email_ch=$(ch email) whatsapp_ch=$(ch whatsapp)
RUN=$$$RANDOM

sign_in agente agente-demo; t=$(csrf)
jpost /customers "kind=person&first_name=Lucía&first_surname=Mensajes&doc_type=1&doc_number=120$RUN"
cust=$(jf .Customer.id)
jpost /customers "kind=person&first_name=Otro&first_surname=Cliente&doc_type=1&doc_number=121$RUN"
other=$(jf .Customer.id)
datum() { jpost "/customers/$1/contact-data" "$2"; sql "SELECT MAX(id) FROM contact_data WHERE customer_id = $1"; }
d_email=$(datum "$cust" "type=email&value=lucia120.$RUN@example.com")
d_mobile=$(datum "$cust" "type=mobile&value=300+120+4567")
d_phone=$(datum "$cust" "type=phone&value=5551234&area_code=601")
d_address=$(datum "$cust" "type=address&value=Calle+120+%23+4-56")
d_other=$(datum "$other" "type=email&value=otro120.$RUN@example.com")
newcase() { jpost /cases "subject=$1&description=d&area=$area&$2"; jf .Case.id; }
ca=$(newcase "Cartera+T120" "customer=$cust&campaign=$cobranza")
cb=$(newcase "Servicio+T120" "customer=$cust&campaign=$servicio")
cc=$(newcase "Solicitante+T120" "requester_first_name=Ana&requester_last_name=Ruiz&requester_email=ana120.$RUN@example.com")
num_a=$(sql "SELECT number FROM cases WHERE id = $ca")
check "the cases exist (campaign, campaign, none)" test -n "$ca" -a -n "$cb" -a -n "$cc"

# 1. The form offers the case's channels and the customer's data those reach.
req "/cases/$ca"
contains "the conversation tab holds the outbound form" "$BODY" "action=\"/cases/$ca/messages\""
expect "...its channels are the campaign's (Cobranza: phone, WhatsApp, SMS, e-mail)" \
    "$(options msg-channel | cut -d'|' -f2 | sort | paste -sd,)" "Correo electrónico,SMS,Teléfono,WhatsApp"
expect "...and the customer's e-mail, mobile and phone, not the address" \
    "$(options msg-to | cut -d'|' -f1 | sort -n | paste -sd,)" "$(printf '%s\n' "$d_email" "$d_mobile" "$d_phone" | sort -n | paste -sd,)"
contains "...the phone shown with its area code" "$(options msg-to)" "$d_phone|Teléfono fijo: (601) 5551234"
contains "...the page says the channels without a connector send nothing" "$BODY" "el sistema no envía nada"
contains "...the subject defaults to the case's" "$BODY" "value=\"Cartera T120\""
req "/cases/$cb"
expect "a case of Servicio al cliente offers e-mail and phone only" \
    "$(options msg-channel | cut -d'|' -f2 | sort | paste -sd,)" "Correo electrónico,Teléfono"
req "/cases/$cc"
expect "a case without campaign offers every active channel that reaches a contact datum" \
    "$(options msg-channel | cut -d'|' -f2 | sort | paste -sd,)" "Correo electrónico,SMS,Teléfono,WhatsApp"
expect "...and, without a customer, the requester's e-mail" "$(options msg-to)" "requester|Solicitante: ana120.$RUN@example.com"
jget "/cases/$ca"
expect "the view in JSON lists the channels with their contact types" \
    "$(jf '[.MessageChannels[] | "\(.code):\(.contact_types):\(.manual)"] | sort | join(" ")')" \
    "email:email:0 phone:mobile,phone:1 sms:mobile:1 whatsapp:mobile:1"

# 2. An e-mail with a file: message, public note with the file, outbox row, history, version.
head -c 50000 /dev/urandom >"$TMP/factura.bin"
printf 'Hola Lucía:\nAdjunto la factura <b>de marzo</b> & el acuerdo.\n\nSaludos — Cobranza\n' >"$TMP/body.txt"
v0=$(sql "SELECT version FROM cases WHERE id = $ca") before=$(counts)
req -F "channel=email" -F "to=$d_email" -F "subject=Factura de marzo: señal ñandú" -F "body=<$TMP/body.txt" \
    -F "file=@$TMP/factura.bin;filename=factura año.pdf;type=application/pdf" -F "csrf=$t" "/cases/$ca/messages"
expect "an e-mail from the case answers 303 back to the conversation" "$STATUS $(header Location)" "303 /cases/$ca?saved=1#conversation"
m1=$(last_msg "$ca")
expect "...one message, outbox row, note, file and history row more, the case a version more" "$(counts)" \
    "$(awk -F/ -v OFS=/ '{ print $1+1, $2+1, $3+1, $4+1, $5+1, $6+1 }' <<<"$before")"
expect "...the message: out, e-mail, from Mail.from, to the address, the case number in the subject, queued, by the agent" \
    "$(msg "$m1" "direction, channel_id, from_addr, to_addr, subject, state, user_id")" \
    "out|$email_ch|atiende@localhost|lucia120.$RUN@example.com|[$num_a] Factura de marzo: señal ñandú|queued|$agent"
expect "...its body as typed (line breaks kept)" "$(sql "SELECT REPLACE(body, '\n', '/') FROM messages WHERE id = $m1")" "$(tr '\n' / <"$TMP/body.txt")"
note1=$(sql "SELECT note_id FROM messages WHERE id = $m1") ob1=$(sql "SELECT outbox_id FROM messages WHERE id = $m1")
key1=$(sql "SELECT message_key FROM messages WHERE id = $m1")
expect "...its files in a public note of the case" "$(sql "SELECT CONCAT_WS('|', public, (SELECT GROUP_CONCAT(case_id) FROM note_cases WHERE note_id = n.id), author_id) FROM notes n WHERE id = $note1")" "1|$ca|$agent"
att1=$(sql "SELECT id FROM attachments WHERE note_id = $note1")
expect "...the file stored with its name, type and sha256" "$(sql "SELECT CONCAT_WS('|', name, content_type, sha256) FROM attachments WHERE id = $att1")" \
    "factura año.pdf|application/pdf|$(sha "$TMP/factura.bin")"
expect "...the outbox row: the address, the case's thread, the note's files, the message's key" \
    "$(sql "SELECT CONCAT_WS('|', to_addr, to_name, thread_id, note_id, message_id = '$key1', status, case_id) FROM outbox WHERE id = $ob1")" \
    "lucia120.$RUN@example.com|Lucía Mensajes|case-$ca@atiende|$note1|1|pending|$ca"
contains "...the HTML part escapes the text and keeps its lines" "$(sql "SELECT body_html FROM outbox WHERE id = $ob1")" \
    "Adjunto la factura &lt;b&gt;de marzo&lt;/b&gt; &amp; el acuerdo.<br>"
expect "...a 'message' history row: channel, to · subject, the body's start, the message" \
    "$(sql "SELECT CONCAT_WS('|', kind, field, new_value, LEFT(note, 11), new_ref, version, user_id) FROM case_history WHERE case_id = $ca ORDER BY id DESC LIMIT 1")" \
    "message|email|lucia120.$RUN@example.com · [$num_a] Factura de marzo: señal ñandú|Hola Lucía:|$m1|$((v0 + 1))|$agent"
expect "...and an audit row" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'message_send' AND object_id = $ca AND user_id = $agent")" 1

# 3. The mailer delivers it: headers, thread, parts, the file; the message is sent.
sink_start
mailer
expect "the mailer delivers it once" "$(received "$key1")" 1
expect "...the message is sent now, and the outbox row too" "$(msg "$m1" state)|$(sql "SELECT status FROM outbox WHERE id = $ob1")" "sent|sent"
show "$key1"
expect "...its Message-ID is the message's key (checked by the lookup), to the customer" "$(m .rcpt)|$(m .to)" \
    "lucia120.$RUN@example.com|Lucía Mensajes <lucia120.$RUN@example.com>"
expect "...the UTF-8 subject decodes, the case number in brackets" "$(m .subject)" "[$num_a] Factura de marzo: señal ñandú"
contains "...sent as encoded-words" "$(m .head)" "Subject: =?UTF-8?B?"
expect "...In-Reply-To and References name the case's thread" "$(m .in_reply_to)|$(m .references)" "<case-$ca@atiende>|<case-$ca@atiende>"
expect "...multipart/mixed" "$(m .type)" "multipart/mixed"
expect "...the text part is the body" "$(m .text)" "$(cat "$TMP/body.txt")"
contains "...the HTML part escapes it" "$(m .html)" "Adjunto la factura &lt;b&gt;de marzo&lt;/b&gt; &amp; el acuerdo.<br>"
expect "...one file: its UTF-8 name (RFC 2231), type and size" "$(m '.files[] | "\(.name)|\(.type)|\(.size)"')" "factura año.pdf|application/pdf|50000"
check "...whose decoded bytes are the uploaded ones" cmp -s "$TMP/files/0" "$TMP/factura.bin"
contains "...the name as RFC 2231 percent-encoded UTF-8" "$(raw "$key1")" " filename*=UTF-8''factura%20a%C3%B1o.pdf"
check "...a person's message is not marked Auto-Submitted" test -z "$(m '.headers[] | select(. == "auto-submitted")')"
expect "...all 7-bit, every line CRLF, none over 78 (RFC 5322)" "$(m .raw_ascii) $(m .crlf) $(( $(m .max_line) <= 78 ))" "true true 1"

# 4. SMTP down: the e-mail waits (queued, nothing lost) and goes when it is back.
sink_stop
name=$(printf 'ñ%.0s' {1..40})
printf 'uno\ndos\n' >"$TMP/two.txt"
mp -F "channel=email" -F "to=$d_email" -F "subject=" -F "body=Segundo envío" \
    -F "file=@$TMP/two.txt;filename=$name.txt;type=text/plain" -F "file=@$TMP/factura.bin;filename=b.bin" -F "csrf=$t" "/cases/$ca/messages"
m2=$(jf .Message.id)
expect "in JSON a message answers 201 with its Location and state" "$STATUS $(header Location) $(jf .Message.state)" "201 /cases/$ca/messages/$m2 queued"
expect "...a blank subject becomes the case's (with its number in brackets)" "$(msg "$m2" subject)" "[$num_a] Cartera T120"
key2=$(msg "$m2" message_key) ob2=$(msg "$m2" outbox_id)
mailer
expect "with SMTP down the outbox row waits with its error" "$(sql "SELECT CONCAT_WS('|', status, attempts, last_error <> '') FROM outbox WHERE id = $ob2")" "pending|1|1"
expect "...and the message stays queued" "$(msg "$m2" state)" "queued"
req "/cases/$ca"
contains "...the conversation shows the attempt and its error" "$BODY" "Intentos: 1 · "
sink_start
wait_due "$ob2"
mailer
expect "when SMTP is back it is delivered once" "$(received "$key2")" 1
expect "...and the message is sent" "$(msg "$m2" state)" "sent"
show "$key2"
expect "...with both files, the long UTF-8 name split into RFC 2231 sections" "$(m '[.files[] | "\(.name)|\(.size)"] | join(",")')" \
    "$name.txt|8,b.bin|50000"
contains "...never cutting a character (filename*0*=UTF-8'', filename*1*=)" "$(raw "$key2")" "$(printf " filename*0*=UTF-8''%s;\r\n filename*1*=%%C3%%B1" "$(printf '%%C3%%B1%.0s' {1..8})")"
check "...whose bytes are the uploaded ones" cmp -s "$TMP/files/0" "$TMP/two.txt"
expect "...no line over 78 even so" "$(( $(m .max_line) <= 78 ))" 1

# 5. The last attempt fails: the message is failed.
sink_stop
MAILER_CONF=$TMP/mailer1.hdf
cp "$CONF" "$MAILER_CONF"; printf 'Mail {\n  max_attempts = 1\n}\n' >> "$MAILER_CONF"
mp -F "channel=email" -F "to=$d_email" -F "body=Tercero" -F "csrf=$t" "/cases/$ca/messages"
m3=$(jf .Message.id)
mailer
expect "after the last attempt fails the message is failed, like its outbox row" \
    "$(msg "$m3" state)|$(sql "SELECT status FROM outbox WHERE id = $(msg "$m3" outbox_id)")" "failed|failed"
unset MAILER_CONF
req "/cases/$ca"
contains "...and the conversation says so" "$BODY" "Falló el envío"
sink_start

# 6. Channels outside the case's, data outside the channel's: 422, nothing saved.
before=$(counts)
bad "WhatsApp on a Servicio al cliente case (not its channel)" "/cases/$cb/messages" "channel=whatsapp&to=$d_mobile&body=x" channel
bad "...nor by the channel's id" "/cases/$cb/messages" "channel=$whatsapp_ch&to=$d_mobile&body=x" channel
bad "the portal channel (it reaches no contact datum)" "/cases/$cc/messages" "channel=portal&to=requester&body=x" channel
bad "an unknown channel" "/cases/$ca/messages" "channel=fax&to=$d_email&body=x" channel
bad "no channel" "/cases/$ca/messages" "to=$d_email&body=x" channel
sql "UPDATE channels SET active = 0 WHERE code = 'sms'"
bad "an inactive channel, even of the campaign" "/cases/$ca/messages" "channel=sms&to=$d_mobile&body=x" channel
sql "UPDATE channels SET active = 1 WHERE code = 'sms'"
bad "another customer's e-mail" "/cases/$ca/messages" "channel=email&to=$d_other&body=x" to
bad "the customer's mobile for e-mail (the wrong type)" "/cases/$ca/messages" "channel=email&to=$d_mobile&body=x" to
bad "the customer's e-mail for WhatsApp" "/cases/$ca/messages" "channel=whatsapp&to=$d_email&body=x" to
bad "an address datum for the phone" "/cases/$ca/messages" "channel=phone&to=$d_address&body=x" to
bad "an address typed instead of a datum" "/cases/$ca/messages" "channel=email&to=lucia120.$RUN@example.com&body=x" to
bad "WhatsApp on a case without customer" "/cases/$cc/messages" "channel=whatsapp&to=requester&body=x" to
bad "e-mail to another address on a case without customer" "/cases/$cc/messages" "channel=email&to=otro@example.com&body=x" to
bad "a blank body" "/cases/$ca/messages" "channel=email&to=$d_email&body=+%0D%0A+" body
bad "a subject of 301 characters" "/cases/$ca/messages" "channel=email&to=$d_email&body=x&subject=$(printf 'x%.0s' {1..301})" subject
mp -F "channel=email" -F "to=$d_other" -F "body=x" -F "file=@$TMP/factura.bin;filename=f.bin" -F "csrf=$t" "/cases/$ca/messages"
expect "a refused multipart message answers 422 naming to" "$STATUS $(jf .error.field)" "422 to"
expect "...and nothing of them was saved (messages, outbox, notes, files, history, versions)" "$(counts)" "$before"
post "/cases/$ca/messages" "channel=email&to=$d_email&subject=Guardado&body=+"
expect "a refused form answers 422 in the case page" "$STATUS $(grep -c '</html>' <<<"$BODY")" "422 1"
contains "...open on the conversation" "$BODY" 'data-tabs="conversation"'
contains "...the message next to the body" "$BODY" '<p class="field-error" id="msg-err-body">Escriba el mensaje.</p>'
contains "...the body marked" "$BODY" 'aria-describedby="msg-err-body"'
lacks "...and not next to the other forms' fields named body or note" "$BODY" 'id="err-body"'
contains "...keeping the subject typed" "$BODY" 'value="Guardado"'
expect "...keeping the channel and contact datum chosen" "$(options msg-channel | grep -c "^$email_ch|")$(options msg-to | head -1 | cut -d'|' -f1)" "1$d_email"
grep -o '<option value="[0-9]*"[^>]* selected>' <<<"$BODY" | grep -q "value=\"$d_email\"" && ok "...the datum selected" || not_ok "...the datum selected"

# 7. Channels without a connector: recorded as sent by hand with the agent's note; nothing is sent.
mails=$(all_received) before=$(counts)
post "/cases/$ca/messages" "channel=whatsapp&to=$d_mobile&subject=ignorado&body=Buenos+d%C3%ADas%2C+su+cuota+vence+hoy.&note=Enviado+desde+el+celular+de+la+campa%C3%B1a"
expect "a WhatsApp message answers 303" "$STATUS" 303
m4=$(last_msg "$ca")
expect "...recorded as manual: channel, from the agent, to the mobile, no subject, the note, no key, no outbox" \
    "$(msg "$m4" "channel_id, from_addr, to_addr, subject = '', state, agent_note, message_key IS NULL, outbox_id IS NULL, note_id IS NULL")" \
    "$whatsapp_ch|Alicia Agente|3001204567|1|manual|Enviado desde el celular de la campaña|1|1|1"
expect "...a message and a history row, no outbox row, no note" "$(counts)" \
    "$(awk -F/ -v OFS=/ '{ print $1+1, $2, $3, $4, $5+1, $6+1 }' <<<"$before")"
expect "...the history row names the channel and the number" \
    "$(sql "SELECT CONCAT_WS('|', kind, field, new_value, note, new_ref) FROM case_history WHERE case_id = $ca ORDER BY id DESC LIMIT 1")" \
    "message|whatsapp|3001204567|Buenos días, su cuota vence hoy.|$m4"
mailer
expect "...and no mail goes out" "$(all_received)" "$mails"
jpost "/cases/$ca/messages" "channel=phone&to=$d_phone&body=Llamada%3A%0D%0Aacord%C3%B3+pagar+el+viernes"
expect "a phone message goes to the fixed phone as shown, with its area code" "$STATUS $(msg "$(jf .Message.id)" "to_addr, state")" "201 (601) 5551234|manual"
expect "...its text keeps its lines, stored with LF ends" "$(msg "$(jf .Message.id)" "REPLACE(body, '\n', '/')")" "Llamada:/acordó pagar el viernes"
mp -F "channel=sms" -F "to=$d_mobile" -F "body=Recordatorio" -F "file=@$TMP/two.txt;filename=recibo.txt" -F "csrf=$t" "/cases/$ca/messages"
m6=$(jf .Message.id)
expect "an SMS with a file keeps it in a public note titled after the channel" \
    "$(sql "SELECT CONCAT_WS('|', n.title, n.public, COUNT(a.id)) FROM messages m JOIN notes n ON n.id = m.note_id JOIN attachments a ON a.note_id = n.id WHERE m.id = $m6")" "Mensaje por SMS|1|1"

# 8. The requester of a case without customer.
jpost "/cases/$cc/messages" "channel=email&to=requester&body=Hola+Ana"
m7=$(jf .Message.id)
expect "an e-mail to the requester of a case without customer answers 201" "$STATUS $(msg "$m7" "to_addr, state")" "201 ana120.$RUN@example.com|queued"
mailer
show "$(msg "$m7" message_key)"
expect "...and reaches the requester, named" "$(m .rcpt)|$(m .to)|$(msg "$m7" state)" "ana120.$RUN@example.com|Ana Ruiz <ana120.$RUN@example.com>|sent"

# 9. The conversation tab: theirs on the left, ours on the right, escaped.
sql "INSERT INTO messages (case_id, direction, channel_id, from_addr, to_addr, subject, body, at, state, message_key)
     VALUES ($ca, 'in', $email_ch, 'lucia120.$RUN@example.com', 'atiende@localhost', 'Re: factura',
             '<script>alert(1)</script>\nYa pagué, gracias.', UTC_TIMESTAMP() - INTERVAL 1 DAY, 'received', 'in120.$RUN@example.com')"
m_in=$(sql "SELECT id FROM messages WHERE message_key = 'in120.$RUN@example.com'")
req "/cases/$ca"
contains "the tab shows the customer's message on the left" "$BODY" "<li class=\"message message-in\" id=\"message-$m_in\">"
contains "...and ours on the right" "$BODY" "<li class=\"message message-out\" id=\"message-$m1\">"
expect "...oldest first: theirs (yesterday) before ours" "$(grep -o 'id="message-[0-9]*"' <<<"$BODY" | head -2 | paste -sd' ')" "id=\"message-$m_in\" id=\"message-$m1\""
contains "...their text escaped, never HTML" "$BODY" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "...no script from a message" "$BODY" "<script>alert(1)"
contains "...who wrote it" "$BODY" "De: <span class=\"addr\">lucia120.$RUN@example.com</span>"
contains "...ours: to whom, by whom" "$BODY" "Para: <span class=\"addr\">lucia120.$RUN@example.com</span> · Enviado por Alicia Agente"
contains "...the channel badge" "$BODY" "<span class=\"chip chip-channel chip-channel-whatsapp\">WhatsApp</span>"
for state in "msg-received\">Recibido" "msg-sent\">Enviado" "msg-manual\">Enviado por fuera del sistema" "msg-failed\">Falló el envío"; do
    contains "...the state ${state#*>}" "$BODY" "badge-$state"
done
contains "...the agent's note" "$BODY" "Enviado desde el celular de la campaña"
contains "...the message's file, a download of the case" "$BODY" "<a href=\"/attachments/$att1\" download>factura año.pdf</a>"
contains "...the subject" "$BODY" "<strong>[$num_a] Factura de marzo: señal ñandú</strong>"
req "/attachments/$att1" 2>/dev/null
expect "...which downloads with the case's rules" "$STATUS $(sha "$TMP/body")" "200 $(sha "$TMP/factura.bin")"
jget "/cases/$ca/messages/$m1"
expect "GET /cases/{id}/messages/{message} answers the message" "$STATUS $(jf .Message.id) $(jf .Message.message_key)" "200 $m1 $key1"
jget "/cases/$cb/messages/$m1"
expect "...a message of another case answers 404" "$STATUS" 404

# 10. Closed case, CSRF, roles.
cd_=$(newcase "Cerrado+T120" "customer=$cust&campaign=$cobranza")
post "/cases/$cd_/close" "status=CLO&resolution=Listo"
before=$(counts)
jpost "/cases/$cd_/messages" "channel=email&to=$d_email&body=x"
expect "a message on a closed case answers 409 to an agent" "$STATUS $(jf .error.code)" "409 case_closed"
req -d "channel=email&to=$d_email&body=x" "/cases/$ca/messages"
expect "a message without the CSRF token is refused (403)" "$STATUS" 403
expect "...and neither saved anything" "$(counts)" "$before"
req -H 'Accept: application/json' -F "channel=email" -F "to=$d_email" -F "body=x" "/cases/$ca/messages"
expect "...nor a multipart one without it (403)" "$STATUS" 403
req "/cases/$cd_"
lacks "a closed case offers an agent no outbound form" "$BODY" "action=\"/cases/$cd_/messages\""
sign_in supervisor supervisor-demo; t=$(csrf)
jpost "/cases/$cd_/messages" "channel=phone&to=$d_mobile&body=Seguimiento"
expect "...a supervisor may still write down a follow-up (201)" "$STATUS" 201
sign_in cliente cliente-demo; t=$(csrf)
before=$(counts)
jpost "/cases/$ca/messages" "channel=email&to=$d_email&body=x"
expect "a customer user gets 403" "$STATUS" 403
expect "...and nothing is saved" "$(counts)" "$before"

# 11. An admin's retry of a failed e-mail's outbox row queues its message again.
sign_in admin admin-demo
req -d "csrf=$(csrf)" "/admin/outbox/$(msg "$m3" outbox_id)/retry"
expect "an admin's retry of a failed message's outbox row queues the message again" "$STATUS $(msg "$m3" state)" "303 queued"
mailer
expect "...and the next pass sends it" "$(msg "$m3" state)|$(received "$(msg "$m3" message_key)")" "sent|1"
