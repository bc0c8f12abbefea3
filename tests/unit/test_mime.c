/* test_mime: the e-mail parser in lib/mime.c, on messages shaped like what
   Gmail, Outlook and other mailers really send. Every message is parsed as
   written (CRLF) and again with LF-only line ends, and must give the same.

   `test_mime --corpus DIR` writes the samples into DIR instead (the seeds of
   tests/fuzz/corpus-mime). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "mime.h"
#include "t.h"

static struct arena *A;

/* ---------------------------------------------------------------- samples */

static const char GMAIL[] =
    "Delivered-To: soporte@atiende.example\r\n"
    "Received: by 2002:a05:6a10:8e0c:b0:5a1:ee5c:9f2e with SMTP id k12csp1234;\r\n"
    "        Tue, 4 Jun 2024 10:15:02 -0700 (PDT)\r\n"
    "MIME-Version: 1.0\r\n"
    "References: <case-123.1717520000@atiende.example>\r\n"
    " <CAF=abc123+QW@mail.gmail.com>\r\n"
    "In-Reply-To: <CAF=abc123+QW@mail.gmail.com>\r\n"
    "From: =?UTF-8?Q?Mar=C3=ADa_Jos=C3=A9_P=C3=A9rez?= <Maria.Perez@Gmail.com>\r\n"
    "Date: Tue, 4 Jun 2024 12:14:51 -0500\r\n"
    "Message-ID: <CAH+xyz789-Q@mail.gmail.com>\r\n"
    "Subject: Re: [Caso #123] =?UTF-8?Q?Env=C3=ADo_pendiente?=\r\n"
    "To: Soporte <soporte@atiende.example>\r\n"
    "Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3061a2b3c4d\"\r\n"
    "\r\n"
    "--000000000000a1b2c3061a2b3c4d\r\n"
    "Content-Type: text/plain; charset=\"UTF-8\"\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "=C2=BFCu=C3=A1ndo llega?\r\n"
    "\r\n"
    "El mar, 4 jun 2024 a las 10:00, Soporte (<soporte@atiende.example>) escribi=\r\n"
    "=C3=B3:\r\n"
    "> Hola\r\n"
    "\r\n"
    "--000000000000a1b2c3061a2b3c4d\r\n"
    "Content-Type: text/html; charset=\"UTF-8\"\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "<div dir=3D\"ltr\">=C2=BFCu=C3=A1ndo llega?</div><br><div class=3D\"gmail_quote\"><=\r\n"
    "blockquote>Hola</blockquote></div>\r\n"
    "\r\n"
    "--000000000000a1b2c3061a2b3c4d--\r\n";

static const char OUTLOOK[] =
    "Received: from AM0PR04MB1234.eurprd04.prod.outlook.com ([fe80::1]) by\r\n"
    " AM0PR04MB1234.eurprd04.prod.outlook.com with mapi id 15.20.7633.021;\r\n"
    " Wed, 5 Jun 2024 09:12:33 +0000\r\n"
    "From: \"Gonzalez, Ana\" <ana.gonzalez@empresa.com.pe>\r\n"
    "To: \"soporte@atiende.example\" <soporte@atiende.example>\r\n"
    "Subject: =?windows-1252?Q?RE:_Factura_n=BA_4521_=96_consulta?=\r\n"
    "Thread-Topic: Factura n\xBA 4521 \x96 consulta\r\n"
    "Thread-Index: AQHatxyzAbCdEfGh\r\n"
    "Date: Wed, 5 Jun 2024 09:12:33 +0000\r\n"
    "Message-ID: <AM0PR04MB1234ABCD@AM0PR04MB1234.eurprd04.prod.outlook.com>\r\n"
    "In-Reply-To: <case-77@atiende.example>\r\n"
    "Accept-Language: es-PE, en-US\r\n"
    "Content-Language: es-PE\r\n"
    "X-MS-Has-Attach:\r\n"
    "Content-Type: text/html; charset=\"windows-1252\"\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "MIME-Version: 1.0\r\n"
    "\r\n"
    "<html xmlns:o=3D\"urn:schemas-microsoft-com:office:office\">\r\n"
    "<head>\r\n"
    "<meta http-equiv=3D\"Content-Type\" content=3D\"text/html; charset=3Dwindows-1=\r\n"
    "252\">\r\n"
    "<style><!--\r\n"
    "p.MsoNormal {margin:0cm; font-size:11.0pt;}\r\n"
    "--></style>\r\n"
    "</head>\r\n"
    "<body lang=3D\"ES\">\r\n"
    "<div class=3D\"WordSection1\">\r\n"
    "<p class=3D\"MsoNormal\">Buenos d=EDas:<o:p></o:p></p>\r\n"
    "<p class=3D\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
    "<p class=3D\"MsoNormal\">La factura n=BA 4521 lleg=F3 con el monto =93duplica=\r\n"
    "do=94.<o:p></o:p></p>\r\n"
    "<p class=3D\"MsoNormal\">Saludos &amp; gracias,<o:p></o:p></p>\r\n"
    "</div>\r\n"
    "</body>\r\n"
    "</html>\r\n";

static const char PDF[] =
    "From: Carlos Ruiz <carlos@ruiz.example>\r\n"
    "To: soporte@atiende.example, otro@atiende.example\r\n"
    "Subject: Factura adjunta\r\n"
    "Date: Thu, 6 Jun 2024 08:00:00 -0500\r\n"
    "Message-ID: <20240606.1@ruiz.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed;\r\n"
    "\tboundary=\"----=_Part_1_2093.1717600000\"\r\n"
    "\r\n"
    "This is a multi-part message in MIME format.\r\n"
    "\r\n"
    "------=_Part_1_2093.1717600000\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Adjunto la factura de mayo, se\xC3\xB1ora.\r\n"
    "------=_Part_1_2093.1717600000\r\n"
    "Content-Type: application/pdf; name=\"factura_n.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Disposition: attachment; filename*=utf-8''factura_%C3%B1.pdf\r\n"
    "\r\n"
    "JVBERi0xLjQKJeLjz9MKMSAwIG9iago8\r\n"
    "PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKJSVFT0YK\r\n"
    "------=_Part_1_2093.1717600000--\r\n"
    "\r\n"
    "epilogue text\r\n";

static const char PDF_BYTES[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog>>\nendobj\n%%EOF\n";

static const char SUBJECT_SPLIT[] =
    "From: pedidos@tienda.example\r\n"
    "Subject: =?UTF-8?B?wr9DdcOhbmRv?=\r\n"
    " =?UTF-8?B?IGxsZWdhIG1pIHBlZGlkbz8=?=\r\n"
    "To: =?utf-8?Q?Se=C3?= =?utf-8?Q?=B1ora?= <a@b.example>\r\n"
    "Message-ID: bare-id-1@tienda.example\r\n"
    "\r\n"
    "Pedido 881.\r\n";

static const char AUTO_REPLY[] =
    "Return-Path: <>\r\n"
    "From: no-reply@tienda.example (Tienda Avisos)\r\n"
    "Reply-To: <Atencion@Tienda.example>\r\n"
    "To: soporte@atiende.example\r\n"
    "Subject: Respuesta autom\xC3\xA1tica: Caso 55\r\n"
    "Auto-Submitted: auto-replied\r\n"
    "Precedence: Bulk\r\n"
    "List-Id: Avisos <avisos.tienda.example>\r\n"
    "Message-ID: <auto-1@tienda.example>\r\n"
    "In-Reply-To: su mensaje del lunes <case-55@atiende.example> y otro <x@y>\r\n"
    "References: <a@x>   <b@y>\r\n"
    "\t<c\r\n"
    " @z>\r\n"
    "\r\n"
    "Estoy fuera de la oficina.\r\n";

/* Thunderbird: RFC 2231 continuations, a forwarded message, an inline image
   with and one without a name in multipart/related, a list's footer part. */
static const char THUNDERBIRD[] =
    "From \"Luis\" <luis@example.org>  Thu Jun  6 08:00:00 2024\r\n"
    "From: \"Luis \\\"Lucho\\\" Soto\" <luis@example.org>\r\n"
    "Subject: Fwd: varios\r\n"
    "Content-Type: multipart/mixed; boundary=\"------------mixed01\"\r\n"
    "\r\n"
    "--------------mixed01\r\n"
    "Content-Type: multipart/alternative; boundary=\"------------alt02\"\r\n"
    "\r\n"
    "--------------alt02\r\n"
    "Content-Type: text/plain; charset=ISO-8859-1; format=flowed\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Ah=ed va el informe y la foto=2e\r\n"
    "\r\n"
    "--------------alt02\r\n"
    "Content-Type: multipart/related; boundary=\"------------rel03\"\r\n"
    "\r\n"
    "--------------rel03\r\n"
    "Content-Type: text/html; charset=ISO-8859-1\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "<p>Ah\xED va el informe y la foto.<img src=\"cid:foto1\"></p>\r\n"
    "--------------rel03\r\n"
    "Content-Type: image/png; name=\"foto.png\"\r\n"
    "Content-Disposition: inline; filename=\"C:\\\\fotos\\\\foto.png\"\r\n"
    "Content-Id: <foto1>\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "iVBORw0KGgoAAAANSUhEUg==\r\n"
    "--------------rel03\r\n"
    "Content-Type: image/gif\r\n"
    "Content-Id: <pixel>\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "R0lGODlhAQABAAAAACw=\r\n"
    "--------------rel03--\r\n"
    "\r\n"
    "--------------alt02--\r\n"
    "\r\n"
    "--------------mixed01\r\n"
    "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;\r\n"
    " name*0*=utf-8''informe_t%C3%A9c;\r\n"
    " name*1*=nico.docx\r\n"
    "Content-Disposition: attachment\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "UEsDBA==\r\n"
    "--------------mixed01\r\n"
    "Content-Type: message/rfc822; name=\"Asunto viejo.eml\"\r\n"
    "Content-Disposition: attachment; filename=\"Asunto viejo.eml\"\r\n"
    "\r\n"
    "From: x@y.example\r\n"
    "Subject: viejo\r\n"
    "Content-Type: multipart/mixed; boundary=never-closed\r\n"
    "\r\n"
    "--never-closed\r\n"
    "\r\n"
    "--------------mixed01\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    "_______________________________________________\r\n"
    "Lista soporte\r\n"
    "--------------mixed01--";

/* Sloppy: a boundary with trailing spaces, a part without headers, lower-case
   QP hex, an unknown and a lying charset, bad UTF-8, base64 with odd spacing. */
static const char SLOPPY[] =
    "From: Name Only\r\n"
    "Subject: =?x-unknown?Q?caf=E9?= and =?utf-8?B?!!!?=\r\n"
    "Content-Type: MULTIPART/Mixed; boundary=b1; charset=foo\r\n"
    "\r\n"
    "--b1   \r\n"
    "\r\n"
    "Sin cabeceras, utf-8: se\xC3\xB1or. =e1\r\n"
    "--b1\t\r\n"
    "Content-Type: text/plain; charset=\"utf-8\"\r\n"
    "Content-Transfer-Encoding: Quoted-Printable\r\n"
    "\r\n"
    "mal: =ff=c3=28 fin=\r\n"
    "al =3d ok=\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=x-klingon\r\n"
    "\r\n"
    "pi\xF1" "a\r\n"
    "--b1\r\n"
    "Content-Type: application/octet-stream; name=\"../../etc/passwd\"\r\n"
    "Content-Transfer-Encoding: BASE64\r\n"
    "\r\n"
    "SG9s YSwg\r\n"
    "  YWRq\tdW50bw==\r\n"
    "--b1--   ";

/* mime_html_text on its own. */
static const char HTML_SNIPPET[] =
    "<!DOCTYPE html><html><head><title>T\xC3\xADtulo</title>"
    "<script>var x = '<p>no</p>';</script></head>"
    "<body><style>p { color: red }</style><!-- comentario <b>no</b> -->"
    "<h1>Hola   &amp;\n adi&oacute;s</h1>"
    "<p>5 &lt; 6 &gt; 4 &quot;ok&quot; &#39;s&#39; &#241; &#xF1; &euro;&nbsp;&iquest;S&iacute;?</p>"
    "<ul><li>uno</li><li> dos </li></ul>"
    "<div>a<br>b<br><br><br><br>c</div>"
    "<table><tr><td>x</td><td>y</td></tr></table>"
    "<pre>  dos\n    espacios</pre>"
    "<p>a < b & c &bogus; &#0; <a href=\"x>y\">enlace</a></p>"
    "</body></html>";

static const char HTML_SNIPPET_TEXT[] =
    "Hola & adiós\n"
    "5 < 6 > 4 \"ok\" 's' ñ ñ € ¿Sí?\n"
    "- uno\n"
    "- dos\n"
    "a\n"
    "b\n"
    "\n"
    "c\n"
    "x y\n"
    "  dos\n"
    "    espacios\n"
    "a < b & c &bogus; \xEF\xBF\xBD enlace";

/* ---------------------------------------------------------------- helpers */

/* s with every CRLF turned into LF. */
static char *lf_only(const char *s, size_t *n)
{
    char *d = arena_alloc(A, strlen(s) + 1);
    size_t o = 0;
    for (const char *c = s; *c; c++) {
        if (!(c[0] == '\r' && c[1] == '\n')) {
            d[o++] = *c;
        }
    }
    *n = o;
    return d;
}

/* A heap copy of exactly len bytes, so ASan sees a read past the end. */
static int parse_n(const char *raw, size_t len, struct mime_message *m, const char **why)
{
    char *copy = malloc(len ? len : 1);
    memcpy(copy, raw, len);
    int r = mime_parse(A, copy, len, m, why);
    free(copy);                 /* nothing of m may point into it */
    return r;
}

/* Everything mime.h promises about the strings, whatever the message. */
static int strings_ok(const struct mime_message *m)
{
    const char *opt[] = { m->message_id, m->in_reply_to, m->references, m->from_addr,
                          m->reply_to, m->date, m->auto_submitted, m->precedence, m->html };
    const char *req[] = { m->from_name, m->to, m->subject, m->text };
    for (size_t i = 0; i < sizeof opt / sizeof *opt; i++) {
        if (opt[i] && !utf8_valid(opt[i], strlen(opt[i]))) return 0;
    }
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        if (!req[i] || !utf8_valid(req[i], strlen(req[i]))) return 0;
    }
    for (int i = 0; i < m->nfiles; i++) {
        const struct mime_file *f = &m->files[i];
        if (!f->name || !utf8_valid(f->name, strlen(f->name)) || strpbrk(f->name, "/\\") ||
            !f->content_type || !strchr(f->content_type, '/') || (f->len && !f->data)) {
            return 0;
        }
    }
    return 1;
}

typedef void (*check_fn)(const char *raw, size_t len, const char *how);

/* Runs check on the message as written and with LF-only line ends. */
static void both(check_fn check, const char *raw)
{
    size_t n;
    check(raw, strlen(raw), "CRLF");
    char *lf = lf_only(raw, &n);
    check(lf, n, "LF");
}

static int ok(const char *raw, size_t len, struct mime_message *m, const char *what, const char *how)
{
    const char *why = "?";
    int r = parse_n(raw, len, m, &why);
    T_OK(r == 0, "%s (%s) parses", what, how);
    if (r != 0) {
        printf("#   why: %s\n", why ? why : "(null)");
        return 0;
    }
    T_OK(strings_ok(m), "%s (%s): every string valid UTF-8, files sane", what, how);
    return 1;
}

/* ---------------------------------------------------------------- checks */

static void check_gmail(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "Gmail reply", how)) return;
    T_STR(m.message_id, "CAH+xyz789-Q@mail.gmail.com", "Gmail (%s): Message-ID without <>", how);
    T_STR(m.in_reply_to, "CAF=abc123+QW@mail.gmail.com", "Gmail (%s): In-Reply-To", how);
    T_STR(m.references, "<case-123.1717520000@atiende.example> <CAF=abc123+QW@mail.gmail.com>",
          "Gmail (%s): References unfolded, with <>", how);
    T_STR(m.from_addr, "maria.perez@gmail.com", "Gmail (%s): From address lower-cased", how);
    T_STR(m.from_name, "María José Pérez", "Gmail (%s): From name RFC 2047 Q decoded", how);
    T_STR(m.reply_to, NULL, "Gmail (%s): no Reply-To", how);
    T_STR(m.to, "Soporte <soporte@atiende.example>", "Gmail (%s): To", how);
    T_STR(m.subject, "Re: [Caso #123] Envío pendiente", "Gmail (%s): Subject mixed plain and encoded", how);
    T_STR(m.date, "Tue, 4 Jun 2024 12:14:51 -0500", "Gmail (%s): Date raw", how);
    T_STR(m.text, "¿Cuándo llega?\n\nEl mar, 4 jun 2024 a las 10:00, Soporte "
                  "(<soporte@atiende.example>) escribió:\n> Hola",
          "Gmail (%s): text/plain chosen, QP UTF-8 with soft break decoded", how);
    T_OK(m.html && strstr(m.html, "<div dir=\"ltr\">¿Cuándo llega?</div>") &&
         strstr(m.html, "<blockquote>Hola</blockquote>"), "Gmail (%s): the HTML alternative kept", how);
    T_OK(m.nfiles == 0 && !m.list && !m.auto_submitted && !m.precedence,
         "Gmail (%s): no files, not automatic", how);
}

static void check_outlook(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "Outlook HTML-only", how)) return;
    T_STR(m.from_addr, "ana.gonzalez@empresa.com.pe", "Outlook (%s): From", how);
    T_STR(m.from_name, "Gonzalez, Ana", "Outlook (%s): quoted name with a comma", how);
    T_STR(m.subject, "RE: Factura nº 4521 – consulta", "Outlook (%s): windows-1252 Q subject", how);
    T_STR(m.message_id, "AM0PR04MB1234ABCD@AM0PR04MB1234.eurprd04.prod.outlook.com",
          "Outlook (%s): Message-ID", how);
    T_STR(m.in_reply_to, "case-77@atiende.example", "Outlook (%s): In-Reply-To", how);
    T_STR(m.references, NULL, "Outlook (%s): no References", how);
    T_STR(m.text, "Buenos días:\n\nLa factura nº 4521 llegó con el monto “duplicado”.\n"
                  "Saludos & gracias,",
          "Outlook (%s): text from the windows-1252 HTML (head and style dropped)", how);
    T_OK(m.html && strstr(m.html, "Buenos días:") && strstr(m.html, "“duplicado”"),
         "Outlook (%s): the HTML kept, in UTF-8", how);
    T_OK(m.nfiles == 0, "Outlook (%s): no files", how);
}

static void check_pdf(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "PDF attachment", how)) return;
    T_STR(m.text, "Adjunto la factura de mayo, señora.", "PDF (%s): the 8bit UTF-8 body", how);
    T_STR(m.html, NULL, "PDF (%s): no HTML", how);
    T_STR(m.to, "soporte@atiende.example, otro@atiende.example", "PDF (%s): To raw", how);
    T_OK(m.nfiles == 1, "PDF (%s): one file", how);
    if (m.nfiles != 1) return;
    T_STR(m.files[0].name, "factura_ñ.pdf", "PDF (%s): RFC 2231 filename* wins over name", how);
    T_STR(m.files[0].content_type, "application/pdf", "PDF (%s): the file's type", how);
    T_OK(m.files[0].len == sizeof PDF_BYTES - 1 &&
         memcmp(m.files[0].data, PDF_BYTES, sizeof PDF_BYTES - 1) == 0,
         "PDF (%s): base64 decoded to the exact bytes", how);
}

static void check_subject_split(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "split subject", how)) return;
    T_STR(m.subject, "¿Cuándo llega mi pedido?", "split subject (%s): two B words joined, folding gone", how);
    T_STR(m.to, "Señora <a@b.example>", "split subject (%s): a character split over two Q words", how);
    T_STR(m.message_id, "bare-id-1@tienda.example", "split subject (%s): a Message-ID without <>", how);
    T_STR(m.from_addr, "pedidos@tienda.example", "split subject (%s): a bare From address", how);
    T_STR(m.from_name, "", "split subject (%s): no name", how);
    T_STR(m.text, "Pedido 881.", "split subject (%s): no Content-Type is text/plain", how);
}

static void check_auto(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "auto-reply", how)) return;
    T_STR(m.auto_submitted, "auto-replied", "auto-reply (%s): Auto-Submitted", how);
    T_STR(m.precedence, "bulk", "auto-reply (%s): Precedence lower-cased", how);
    T_OK(m.list == 1, "auto-reply (%s): List-Id seen", how);
    T_STR(m.from_addr, "no-reply@tienda.example", "auto-reply (%s): addr (comment) form", how);
    T_STR(m.from_name, "Tienda Avisos", "auto-reply (%s): the comment is the name", how);
    T_STR(m.reply_to, "atencion@tienda.example", "auto-reply (%s): Reply-To", how);
    T_STR(m.subject, "Respuesta automática: Caso 55", "auto-reply (%s): raw UTF-8 subject kept", how);
    T_STR(m.in_reply_to, "case-55@atiende.example", "auto-reply (%s): first msg-id among words", how);
    T_STR(m.references, "<a@x> <b@y> <c@z>", "auto-reply (%s): References, a folded id rejoined", how);
    T_STR(m.text, "Estoy fuera de la oficina.", "auto-reply (%s): body", how);
}

static void check_thunderbird(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "Thunderbird mix", how)) return;
    T_STR(m.from_addr, "luis@example.org", "Thunderbird (%s): the mbox From line skipped", how);
    T_STR(m.from_name, "Luis \"Lucho\" Soto", "Thunderbird (%s): quoted-pairs in the name", how);
    T_STR(m.text, "Ahí va el informe y la foto.\n\n"
                  "_______________________________________________\nLista soporte",
          "Thunderbird (%s): Latin-1 plain alternative, then the list footer", how);
    T_OK(m.html && strstr(m.html, "<p>Ahí va el informe"), "Thunderbird (%s): the related HTML", how);
    T_OK(m.nfiles == 3, "Thunderbird (%s): three files (the unnamed pixel dropped)", how);
    if (m.nfiles != 3) {
        for (int i = 0; i < m.nfiles; i++) printf("#   file %s %s\n", m.files[i].name, m.files[i].content_type);
        return;
    }
    T_STR(m.files[0].name, "foto.png", "Thunderbird (%s): the named inline image, Windows path stripped", how);
    T_STR(m.files[0].content_type, "image/png", "Thunderbird (%s): its type", how);
    T_OK(m.files[0].len == 16 && memcmp(m.files[0].data, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) == 0,
         "Thunderbird (%s): its bytes, NULs and all", how);
    T_STR(m.files[1].name, "informe_técnico.docx", "Thunderbird (%s): RFC 2231 continuations name*0* name*1*", how);
    T_STR(m.files[1].content_type,
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "Thunderbird (%s): a type folded over lines", how);
    T_STR(m.files[2].name, "mensaje.eml", "Thunderbird (%s): message/rfc822 as mensaje.eml", how);
    T_STR(m.files[2].content_type, "message/rfc822", "Thunderbird (%s): its type", how);
    T_OK(m.files[2].len > 0 && strncmp(m.files[2].data, "From: x@y.example", 17) == 0 &&
         strstr(m.files[2].data, "--never-closed"),
         "Thunderbird (%s): the forwarded message kept whole, not read into", how);
}

static void check_sloppy(const char *raw, size_t len, const char *how)
{
    struct mime_message m;
    if (!ok(raw, len, &m, "sloppy", how)) return;
    T_STR(m.from_addr, NULL, "sloppy (%s): a From without address", how);
    T_STR(m.subject, "café and =?utf-8?B?!!!?=", "sloppy (%s): unknown charset as Latin-1, bad word kept", how);
    T_STR(m.text, "Sin cabeceras, utf-8: señor. =e1\n\n"
                  "mal: \xEF\xBF\xBD\xEF\xBF\xBD( final = ok\n\n"
                  "piña",
          "sloppy (%s): headerless part, lower-case QP, bad UTF-8 as U+FFFD, unknown charset", how);
    T_OK(m.nfiles == 1, "sloppy (%s): one file", how);
    if (m.nfiles != 1) return;
    T_STR(m.files[0].name, "passwd", "sloppy (%s): ../ stripped from the name", how);
    T_OK(m.files[0].len == 13 && memcmp(m.files[0].data, "Hola, adjunto", 13) == 0,
         "sloppy (%s): base64 with spaces and tabs inside", how);
}

/* A message that must be refused with why. */
static void refused(const char *what, const char *raw, size_t len, const char *want)
{
    struct mime_message m;
    const char *why = NULL;
    int r = parse_n(raw, len, &m, &why);
    T_OK(r == -1 && why && strcmp(why, want) == 0, "%s -> -1 \"%s\"", what, want);
    if (r != -1 || !why || strcmp(why, want) != 0) printf("#   got %d \"%s\"\n", r, why ? why : "(null)");
    T_OK(m.text == NULL && m.nfiles == 0 && m.subject == NULL, "%s: m left zeroed", what);
}

static void refused_both(const char *what, const char *raw, const char *want)
{
    size_t n;
    char *lf = lf_only(raw, &n);
    refused(what, raw, strlen(raw), want);
    refused(arena_printf(A, "%s (LF)", what), lf, n, want);
}

/* n multiparts one inside the other, each with a text part inside the innermost. */
static char *nested(int n)
{
    struct sbuf b;
    sbuf_init(&b, A);
    sbuf_adds(&b, "Subject: deep\r\n");
    for (int i = 0; i < n; i++) {
        sbuf_addf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i);
    }
    sbuf_adds(&b, "Content-Type: text/plain\r\n\r\nfondo\r\n");
    for (int i = n - 1; i >= 0; i--) {
        sbuf_addf(&b, "--b%d--\r\n", i);
    }
    return b.s;
}

static char *many_parts(int n)
{
    struct sbuf b;
    sbuf_init(&b, A);
    sbuf_adds(&b, "Content-Type: multipart/mixed; boundary=p\r\n\r\n");
    for (int i = 0; i < n; i++) {
        sbuf_addf(&b, "--p\r\nContent-Type: text/plain; name=\"f%d.txt\"\r\n\r\n%d\r\n", i, i);
    }
    sbuf_adds(&b, "--p--\r\n");
    return b.s;
}

static void test_malformed(void)
{
    refused("an empty message", "", 0, "empty message");
    refused_both("body text with no blank line before it",
                 "From: a@b.example\r\nSubject: x\r\nHola, esto no tiene separador\r\n",
                 "no header/body separator");
    refused_both("a multipart without boundary",
                 "Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhola\r\n--x--\r\n",
                 "multipart without boundary");
    refused_both("a multipart with an empty boundary",
                 "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n\r\nhola\r\n----\r\n",
                 "multipart without boundary");
    refused_both("a multipart never closed",
                 "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                 "Content-Type: text/plain\r\n\r\nhola\r\n",
                 "unterminated multipart");
    refused_both("a multipart whose boundary never comes",
                 "Content-Type: multipart/alternative; boundary=b\r\n\r\nsolo texto\r\n",
                 "unterminated multipart");
    refused_both("an inner multipart never closed",
                 "Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\n"
                 "Content-Type: multipart/alternative; boundary=in\r\n\r\n--in\r\n\r\nx\r\n"
                 "--out--\r\n",
                 "unterminated multipart");
    refused_both("11 nested multiparts", nested(11), "nesting too deep");
    refused_both("a base64 part with '*'",
                 "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                 "Content-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                 "SGVsbG8*!\r\n--b--\r\n",
                 "bad base64");
    refused_both("201 parts", many_parts(201), "too many parts");

    struct sbuf big;
    sbuf_init(&big, A);
    sbuf_adds(&big, "Subject: ");
    for (int i = 0; i < MIME_MAX_HEADER_BYTES; i++) sbuf_addc(&big, 'x');
    sbuf_adds(&big, "\r\n\r\nbody\r\n");
    refused_both("a 64 KiB header", big.s, "header too long");
    big.len = 0;
    sbuf_adds(&big, "Subject: x\r\n");
    while (big.len < MIME_MAX_HEADER_BYTES + 4096) sbuf_adds(&big, "X-Filler: 0123456789012345678901234567890123456789\r\n");
    sbuf_adds(&big, "\r\nbody\r\n");
    refused_both("headers over 64 KiB in many lines", big.s, "header too long");
    big.len = 0;
    sbuf_adds(&big, "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nX-Long: ");
    for (int i = 0; i < MIME_MAX_HEADER_BYTES; i++) sbuf_addc(&big, 'y');
    sbuf_adds(&big, "\r\n\r\nx\r\n--b--\r\n");
    refused_both("a part's header over 64 KiB", big.s, "header too long");
}

static void test_limits_ok(void)
{
    struct mime_message m;
    const char *why;
    char *s = nested(10);
    T_OK(mime_parse(A, s, strlen(s), &m, &why) == 0 && strcmp(m.text, "fondo") == 0,
         "10 nested multiparts are fine");
    s = many_parts(200);
    T_OK(mime_parse(A, s, strlen(s), &m, &why) == 0 && m.nfiles == 200 &&
         strcmp(m.files[199].name, "f199.txt") == 0 && strcmp(m.files[199].data, "199") == 0,
         "200 parts are fine (named text parts are files)");
    static const char hdr_only[] = "From: a@b.example\r\nSubject: solo cabeceras";
    T_OK(mime_parse(A, hdr_only, sizeof hdr_only - 1, &m, &why) == 0 && strcmp(m.text, "") == 0 &&
         strcmp(m.subject, "solo cabeceras") == 0, "headers only, no final line end: fine");
    static const char nul[] = "Subject: a\0b\r\n\r\nuno\0dos\r\n";
    T_OK(mime_parse(A, nul, sizeof nul - 1, &m, &why) == 0 && strcmp(m.subject, "a b") == 0 &&
         strcmp(m.text, "unodos") == 0, "NUL in a header becomes a space, in the text it goes");
    static const char no_close_crlf[] =
        "Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/html\n\n"
        "<p>Hola</p>\n--z--";
    T_OK(mime_parse(A, no_close_crlf, sizeof no_close_crlf - 1, &m, &why) == 0 &&
         strcmp(m.text, "Hola") == 0 && m.html && strcmp(m.html, "<p>Hola</p>") == 0,
         "an HTML-only multipart ending without a line end");
    static const char empty_plain[] =
        "Content-Type: multipart/alternative; boundary=q\r\n\r\n--q\r\n\r\n \r\n--q\r\n"
        "Content-Type: text/html\r\n\r\n<b>real</b>\r\n--q--\r\n";
    T_OK(mime_parse(A, empty_plain, sizeof empty_plain - 1, &m, &why) == 0 &&
         strcmp(m.text, "real") == 0, "an empty text/plain alternative gives way to the HTML");
    static const char attach_txt[] =
        "Content-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\nnotas\r\n";
    T_OK(mime_parse(A, attach_txt, sizeof attach_txt - 1, &m, &why) == 0 && m.nfiles == 1 &&
         strcmp(m.files[0].name, "") == 0 && strcmp(m.files[0].content_type, "text/plain") == 0 &&
         strcmp(m.text, "") == 0, "a text attachment without a name: a file named \"\"");
    static const char group[] =
        "From: Equipo: \"Ana\" <ana@x.example>, bob@x.example;\r\nTo: undisclosed-recipients:;\r\n\r\nx";
    T_OK(mime_parse(A, group, sizeof group - 1, &m, &why) == 0 && m.from_addr &&
         strcmp(m.from_addr, "ana@x.example") == 0 && strcmp(m.from_name, "Ana") == 0,
         "a group's first mailbox");
    static const char enc_name[] =
        "Content-Type: image/jpeg; name=\"=?UTF-8?B?aW5mb3JtZV90w6ljbmljby5kb2N4?=\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n/9j/\r\n";
    T_OK(mime_parse(A, enc_name, sizeof enc_name - 1, &m, &why) == 0 && m.nfiles == 1 &&
         strcmp(m.files[0].name, "informe_técnico.docx") == 0 && m.files[0].len == 3,
         "an RFC 2047 file name (Outlook's way), single-part message");
}

static void test_decode_header(void)
{
    T_STR(mime_decode_header(A, "=?ISO-8859-1?Q?Jos=E9?= =?ISO-8859-1?Q?_P=E9rez?="), "José Pérez",
          "decode_header: Latin-1 Q words, space between them dropped");
    T_STR(mime_decode_header(A, "=?UTF-8?B?wr9DdcOhbmRv?= llega"), "¿Cuándo llega",
          "decode_header: B word then plain text keeps the space");
    T_STR(mime_decode_header(A, "a =?utf-8*es?q?=C3=B1?= b"), "a ñ b",
          "decode_header: RFC 2231 language in the charset");
    T_STR(mime_decode_header(A, "=?koi8-r?B?8NLJ18XU?="), "Привет",
          "decode_header: KOI8-R through iconv");
    T_STR(mime_decode_header(A, "=?utf-8?q?a=0Ab?="), "a b",
          "decode_header: an encoded line break becomes a space");
    T_STR(mime_decode_header(A, "caf\xE9"), "café", "decode_header: raw Latin-1 read as windows-1252");
    T_STR(mime_decode_header(A, "=?utf-8?Q?no end"), "=?utf-8?Q?no end", "decode_header: an open word stays");
    T_STR(mime_decode_header(A, NULL), "", "decode_header: NULL gives \"\"");
}

static void test_html(void)
{
    T_STR(mime_html_text(A, HTML_SNIPPET, sizeof HTML_SNIPPET - 1), HTML_SNIPPET_TEXT,
          "html_text: script/style/head/comments dropped, blocks, lists, entities, pre");
    T_STR(mime_html_text(A, "<p>x</p><script>never closed", 28), "x", "html_text: an open <script> drops the rest");
    T_STR(mime_html_text(A, "<head><p>no head end", 20), "no head end",
          "html_text: a <head> that never ends is no head");
    T_STR(mime_html_text(A, "a\xFF" "b<b", 5), "a\xEF\xBF\xBD" "b", "html_text: a bad byte is U+FFFD, a tag cut by the end goes");
    T_STR(mime_html_text(A, "", 0), "", "html_text: nothing in, nothing out");
    T_STR(mime_html_text(A, "&#150;&#x1F600;&#xD800;&#99999999;", 34), "–😀\xEF\xBF\xBD\xEF\xBF\xBD",
          "html_text: numeric entities, cp1252 range, astral, surrogates and too big");
}

struct sample {
    const char *file, *text;
};

static const struct sample SAMPLES[] = {
    { "gmail-alternative-qp", GMAIL }, { "outlook-html-1252", OUTLOOK },
    { "pdf-rfc2231", PDF }, { "subject-split", SUBJECT_SPLIT }, { "auto-reply", AUTO_REPLY },
    { "thunderbird-mixed", THUNDERBIRD }, { "sloppy", SLOPPY }, { "html-snippet", HTML_SNIPPET },
    { "bad-no-separator", "From: a@b.example\r\nSubject: x\r\nHola sin separador\r\n" },
    { "bad-unterminated", "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhola\r\n" },
    { "bad-no-boundary", "Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhola\r\n--x--\r\n" },
    { "bad-base64", "Content-Transfer-Encoding: base64\r\nContent-Type: image/png; name=a.png\r\n\r\nSGVsbG8*!\r\n" },
};

static int write_seed(const char *dir, const char *name, const char *text)
{
    char *path = arena_printf(A, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, strlen(text), f) != strlen(text) || fclose(f) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}

static char *nested(int n);
static char *many_parts(int n);

static int write_corpus(const char *dir)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof SAMPLES / sizeof *SAMPLES; i++) {
        bad |= write_seed(dir, SAMPLES[i].file, SAMPLES[i].text);
    }
    /* Shapes the fuzzer is slow to build by itself. */
    bad |= write_seed(dir, "bad-nesting-too-deep", nested(11));
    bad |= write_seed(dir, "bad-too-many-parts", many_parts(201));
    return bad;
}

int main(int argc, char **argv)
{
    A = arena_new();
    if (argc == 3 && strcmp(argv[1], "--corpus") == 0) {
        int r = write_corpus(argv[2]);
        arena_free(A);
        return r;
    }
    both(check_gmail, GMAIL);
    both(check_outlook, OUTLOOK);
    both(check_pdf, PDF);
    both(check_subject_split, SUBJECT_SPLIT);
    both(check_auto, AUTO_REPLY);
    both(check_thunderbird, THUNDERBIRD);
    both(check_sloppy, SLOPPY);
    test_malformed();
    test_limits_ok();
    test_decode_header();
    test_html();
    arena_free(A);
    return t_done();
}
