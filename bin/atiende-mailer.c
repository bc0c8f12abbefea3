/* atiende-mailer: delivers the outbox (sql/migrations/0007) over SMTP.
   Each pass claims due rows in batches under a token of its own (host, pid,
   random, batch number), so several mailers never send the same message,
   sends them with libcurl and records the outcome; a failure waits an
   exponential backoff, and after Mail.max_attempts the message is marked
   failed (an admin can retry it at /admin/outbox). A row with a note
   (outbox.note_id) carries the note's files as attachments; a row that
   delivers an agent's message (messages.outbox_id) sets that message's
   state to sent or failed with its own. */
#include <curl/curl.h>
#include <signal.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "log.h"

#define STALE_MINUTES 10    /* a 'sending' row older than this belongs to a dead run */

static const char usage[] =
    "usage: atiende-mailer [--once | --every SECONDS]\n"
    "  --once           deliver what is due, then exit\n"
    "  --every SECONDS  keep delivering, a pass every SECONDS, until SIGTERM\n"
    "                   (the default: every 10 s, as conf/systemd runs it)\n"
    "configuration: $ATIENDE_CONF, else conf/atiende.hdf (Mail.*)\n";

static volatile sig_atomic_t stopping;
static char token[48];      /* this run: host-pid-random */
static char claim[64];      /* claimed_by of the current batch: token-N */
static int test_mode;       /* ATIENDE_TEST=1: short backoffs */
static CURL *curl;          /* kept between messages: one SMTP connection serves many */

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

/* ---- building the message ---------------------------------------------- */

/* Appends data as base64 in lines of 76 characters (57 bytes each), CRLF-ended. */
static void add_base64(struct sbuf *b, const unsigned char *data, size_t len)
{
    char line[80];
    for (size_t off = 0; off < len; off += 57) {
        size_t n = len - off < 57 ? len - off : 57;
        sodium_bin2base64(line, sizeof line, data + off, n, sodium_base64_VARIANT_ORIGINAL);
        sbuf_adds(b, line);
        sbuf_add(b, "\r\n", 2);
    }
}

/* s with every control character (CR and LF above all) turned into a space:
   header values come from the database and must stay on their line. */
static char *one_line(struct arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (char *p = out; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            *p = ' ';
        }
    }
    return out;
}

/* Appends s as RFC 2047 encoded-words (=?UTF-8?B?...?=), one per line,
   folded. A line holding encoded-words may have 76 characters at most: 39
   bytes make a 64-character word, which fits after "Subject: ". A word never
   splits a UTF-8 sequence, as RFC 2047 requires. */
static void add_encoded_words(struct sbuf *b, const char *s)
{
    size_t len = strlen(s);
    for (size_t off = 0; off < len;) {
        size_t n = len - off < 39 ? len - off : 39;
        while (off + n < len && n > 1 && ((unsigned char)s[off + n] & 0xC0) == 0x80) {
            n--;    /* s[off + n] continues a character: end the word before it */
        }
        char enc[64];
        sodium_bin2base64(enc, sizeof enc, (const unsigned char *)s + off, n,
                          sodium_base64_VARIANT_ORIGINAL);
        sbuf_addf(b, "%s=?UTF-8?B?%s?=", off ? "\r\n " : "", enc);
        off += n;
    }
}

/* 1 when s can go into a header as it is: printable ASCII that cannot be
   mistaken for an encoded-word, short enough for one line. */
static int plain_header_text(const char *s, size_t max)
{
    if (strlen(s) > max || strstr(s, "=?")) {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p > 0x7e) {
            return 0;
        }
    }
    return 1;
}

/* A mailbox for From/To: "name" <addr>, the name as encoded-words unless it
   is plain; then the address goes on a continuation line, to keep lines short. */
static void add_mailbox(struct sbuf *b, const char *name, const char *addr)
{
    if (!*name) {
        sbuf_addf(b, "<%s>\r\n", addr);
    } else if (plain_header_text(name, 40) && !strpbrk(name, "\"\\")) {
        sbuf_addf(b, "\"%s\" <%s>\r\n", name, addr);
    } else {
        add_encoded_words(b, name);
        sbuf_addf(b, "\r\n <%s>\r\n", addr);
    }
}

/* An address or message id is safe between <> when it is printable ASCII
   without spaces or angle brackets (and, for addresses, has an @). */
static int safe_token(const char *s, int need_at)
{
    if (!*s || strlen(s) > 254) {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || *p > 0x7e || *p == '<' || *p == '>') {
            return 0;
        }
    }
    return !need_at || strchr(s, '@');
}

/* A text part: the body with line ends made CRLF (canonical form for text),
   then base64. */
static void add_part(struct sbuf *b, struct arena *a, const char *type, const char *text)
{
    struct sbuf canon;
    sbuf_init(&canon, a);
    for (const char *p = text; *p; p++) {
        if (*p == '\n' && (p == text || p[-1] != '\r')) {
            sbuf_addc(&canon, '\r');
        }
        sbuf_addc(&canon, *p);
    }
    sbuf_addf(b, "Content-Type: text/%s; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: base64\r\n\r\n", type);
    add_base64(b, (const unsigned char *)(canon.s ? canon.s : ""), canon.len);
}

/* A file sent with a message (outbox.note_id: the note's attachments). */
struct file {
    const char *name, *type;
    const unsigned char *data;
    size_t len;
};

struct mail {
    const char *to_addr, *to_name, *subject, *text, *html, *message_id, *thread_id;
    const struct file *files;
    int nfiles;
    int personal;       /* an agent's message to a customer, not an automatic notice */
};

/* A fresh boundary: "=_" and 24 hex digits. Base64 lines never start with
   "--", and no text part is sent unencoded, so it cannot clash. */
static const char *new_boundary(struct arena *a)
{
    unsigned char rnd[12];
    char hex[25];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    return arena_printf(a, "=_%s", hex);
}

/* The readable body: the text part alone, or text and HTML as
   multipart/alternative. preamble: the line for programs that do not read
   MIME (top level only). */
static void add_body(struct sbuf *b, struct arena *a, const struct mail *m, int preamble)
{
    if (!*m->html) {
        add_part(b, a, "plain", m->text);
        return;
    }
    const char *boundary = new_boundary(a);
    sbuf_addf(b, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n%s--%s\r\n",
              boundary, preamble ? "This is a MIME message.\r\n" : "", boundary);
    add_part(b, a, "plain", m->text);
    sbuf_addf(b, "--%s\r\n", boundary);
    add_part(b, a, "html", m->html);
    sbuf_addf(b, "--%s--\r\n", boundary);
}

/* type when it is a plain media type (letters, digits, . + - around one
   slash), else application/octet-stream: it goes into a header. */
static const char *media_type(const char *type)
{
    const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-";
    size_t n = strlen(type), left = strspn(type, ok);
    if (n == 0 || n > 100 || left == 0 || type[left] != '/' || left + 1 == n ||
        strspn(type + left + 1, ok) != n - left - 1) {
        return "application/octet-stream";
    }
    return type;
}

/* The file name parameter of Content-Disposition: filename="name" for a
   short plain ASCII name, else RFC 2231's UTF-8 percent-encoding, split
   into numbered sections (filename*0*, filename*1* ...) so no line passes
   76 characters; a section never ends inside a %XX nor inside a character
   (some programs decode each section alone). */
static void add_filename(struct sbuf *b, struct arena *a, const char *name)
{
    if (!*name) {
        name = "file";
    }
    if (plain_header_text(name, 50) && !strpbrk(name, "\"\\")) {
        sbuf_addf(b, ";\r\n filename=\"%s\"", name);
        return;
    }
    struct sbuf enc;
    sbuf_init(&enc, a);
    sbuf_adds(&enc, "UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("!#$&+-.^_`|~", *p)) {
            sbuf_addc(&enc, (char)*p);
        } else {
            sbuf_addf(&enc, "%%%02X", *p);
        }
    }
    if (enc.len <= 60) {
        sbuf_addf(b, ";\r\n filename*=%s", enc.s);
        return;
    }
    int section = 0;
    for (size_t off = 0; off < enc.len; section++) {
        size_t n = enc.len - off < 60 ? enc.len - off : 60;
        if (off + n < enc.len && enc.s[off + n - 1] == '%') {
            n -= 1;     /* never cut %XX */
        } else if (off + n < enc.len && enc.s[off + n - 2] == '%') {
            n -= 2;
        }
        /* nor before a UTF-8 continuation byte (%80-%BF) */
        while (off + n < enc.len && n > 12 && enc.s[off + n] == '%' && enc.s[off + n + 1] &&
               strchr("89AB", enc.s[off + n + 1])) {
            n -= 3;
        }
        sbuf_addf(b, ";\r\n filename*%d*=%.*s", section, (int)n, enc.s + off);
        off += n;
    }
}

/* One attached file: its type, the name (RFC 2231) and the bytes in base64. */
static void add_file(struct sbuf *b, struct arena *a, const struct file *f)
{
    sbuf_addf(b, "Content-Type: %s\r\nContent-Transfer-Encoding: base64\r\n"
                 "Content-Disposition: attachment", media_type(f->type));
    add_filename(b, a, f->name);
    sbuf_adds(b, "\r\n\r\n");
    add_base64(b, f->data, f->len);
}

/* The whole message (headers and MIME body, CRLF line ends), or NULL with
   *why set when a field cannot be sent at all. */
static char *build_message(struct arena *a, const struct mail *m, const char *from_name,
                           const char *from_addr, size_t *len, const char **why)
{
    if (!safe_token(m->to_addr, 1)) {
        *why = "invalid recipient address";
        return NULL;
    }
    if (!safe_token(m->message_id, 0) || (*m->thread_id && !safe_token(m->thread_id, 0))) {
        *why = "invalid Message-ID or thread id";
        return NULL;
    }
    struct sbuf b;
    sbuf_init(&b, a);
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    /* The C locale's day and month names are the English ones RFC 5322 wants. */
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);

    sbuf_adds(&b, "From: ");
    add_mailbox(&b, from_name, from_addr);
    sbuf_adds(&b, "To: ");
    add_mailbox(&b, one_line(a, m->to_name), m->to_addr);
    sbuf_adds(&b, "Subject: ");
    const char *subject = one_line(a, m->subject);
    if (plain_header_text(subject, 66)) {
        sbuf_adds(&b, subject);
    } else {
        add_encoded_words(&b, subject);
    }
    sbuf_addf(&b, "\r\nDate: %s\r\nMessage-ID: <%s>\r\n", date, m->message_id);
    if (*m->thread_id) {
        sbuf_addf(&b, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", m->thread_id, m->thread_id);
    }
    /* Tells autoresponders not to answer notices (RFC 3834); an agent's
       message is written by a person and says nothing. */
    if (!m->personal) {
        sbuf_adds(&b, "Auto-Submitted: auto-generated\r\n");
    }
    sbuf_adds(&b, "MIME-Version: 1.0\r\n");
    if (m->nfiles == 0) {
        add_body(&b, a, m, 1);
    } else {
        /* files: multipart/mixed, the readable body first, then each file */
        const char *boundary = new_boundary(a);
        sbuf_addf(&b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
                      "This is a MIME message.\r\n--%s\r\n", boundary, boundary);
        add_body(&b, a, m, 0);
        for (int i = 0; i < m->nfiles; i++) {
            sbuf_addf(&b, "--%s\r\n", boundary);
            add_file(&b, a, &m->files[i]);
        }
        sbuf_addf(&b, "--%s--\r\n", boundary);
    }
    *len = b.len;
    return b.s;
}

/* ---- sending ------------------------------------------------------------- */

struct reader {
    const char *data;
    size_t len, off;
};

static size_t read_message(char *buf, size_t size, size_t nmemb, void *p)
{
    struct reader *r = p;
    size_t n = size * nmemb;
    if (n > r->len - r->off) {
        n = r->len - r->off;
    }
    memcpy(buf, r->data + r->off, n);
    r->off += n;
    return n;
}

/* Sends one message; NULL on success, else the error text (in a). */
static const char *smtp_send(struct arena *a, const char *from_addr, const char *to_addr,
                             const char *msg, size_t len)
{
    if (!curl && !(curl = curl_easy_init())) {
        return "cannot initialise libcurl";
    }
    char err[CURL_ERROR_SIZE] = "";
    struct reader rd = { msg, len, 0 };
    struct curl_slist *rcpt = curl_slist_append(NULL, arena_printf(a, "<%s>", to_addr));
    curl_easy_setopt(curl, CURLOPT_URL, conf.smtp_url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, arena_printf(a, "<%s>", from_addr));
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &rd);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (*conf.smtp_user) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, conf.smtp_user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, conf.smtp_password);
    }
    if (conf.smtp_starttls) {
        curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    }
    CURLcode rc = curl_easy_perform(curl);
    /* The options point at this message's memory: forget them. */
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, NULL);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK) {
        return NULL;
    }
    /* A failure can leave the kept connection mid-transaction (the next MAIL
       would get "503 bad sequence"): the next message starts afresh. */
    curl_easy_cleanup(curl);
    curl = NULL;
    return arena_strdup(a, *err ? err : curl_easy_strerror(rc));
}

/* ---- the outbox ------------------------------------------------------------ */

#define say(...) log_job("atiende-mailer", __VA_ARGS__)

/* Seconds before the next attempt after `attempts` failures: 30 s doubling
   up to an hour (tests: 1 s up to 4 s). */
static long backoff(long attempts)
{
    long s = test_mode ? 1 : 30, cap = test_mode ? 4 : 3600;
    for (long i = 1; i < attempts && s < cap; i++) {
        s *= 2;
    }
    return s < cap ? s : cap;
}

/* Mailers side by side lock the same index ranges; InnoDB breaks a deadlock
   by failing one statement, which is simply run again. 1: run it again. */
static int again(long long rc, int *tries)
{
    if (rc != DB_DEADLOCK || ++*tries > 5) {
        return 0;
    }
    usleep(10000 * *tries);
    return 1;
}

static void record_sent(long long id, const char *to_addr, const char *message_id)
{
    long long n;
    int tries = 0;
    do {
        /* the message to a customer this row delivers (if any) is sent too */
        n = db_exec("UPDATE outbox o LEFT JOIN messages m ON m.outbox_id = o.id"
                    " SET o.status = 'sent', o.sent_at = UTC_TIMESTAMP(), m.state = 'sent'"
                    " WHERE o.id = ? AND o.claimed_by = ?", "ls", id, claim);
    } while (again(n, &tries));
    if (n < 0) {
        /* Sent but not recorded: after STALE_MINUTES it goes out again.
           Nothing better is possible without the database. */
        LOG_ERROR("outbox %lld: sent, but cannot record it: %s", id, db_errmsg());
    }
    say("sent %lld to <%s>, Message-ID <%s>", id, to_addr, message_id);
}

static void record_failure(long long id, long attempts, const char *error, int permanent)
{
    attempts++;
    int failed = permanent || attempts >= conf.mail_max_attempts;
    long long n;
    int tries = 0;
    do {
        /* a message that will not go is failed; while retries remain it stays queued */
        n = db_exec("UPDATE outbox o LEFT JOIN messages m ON m.outbox_id = o.id"
                    " SET o.status = ?, o.attempts = ?, o.last_error = LEFT(?, 1000),"
                    " o.next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND,"
                    " o.claimed_by = NULL, o.claimed_at = NULL, m.state = IF(?, 'failed', m.state)"
                    " WHERE o.id = ? AND o.claimed_by = ?",
                    "slslils", failed ? "failed" : "pending", (long long)attempts, error,
                    (long long)backoff(attempts), failed, id, claim);
    } while (again(n, &tries));
    if (n < 0) {
        LOG_ERROR("outbox %lld: cannot record the failure: %s", id, db_errmsg());
    }
    say("%s %lld (attempt %ld): %s", failed ? "failed" : "deferred", id, attempts, error);
}

/* A claimed row that was not tried goes back to the queue at once. */
static void release(long long id)
{
    long long n;
    int tries = 0;
    do {
        n = db_exec("UPDATE outbox SET status = 'pending', claimed_by = NULL, claimed_at = NULL"
                    " WHERE id = ? AND claimed_by = ?", "ls", id, claim);
    } while (again(n, &tries));
}

/* The files of note (0: none) into m, with their bytes. 0, or <0 when the
   database failed. */
static int load_files(struct arena *a, long long note, struct mail *m)
{
    struct db_rows f;
    if (!note) {
        return 0;
    }
    if (db_select(a, &f, "SELECT a.name, a.content_type, c.content FROM attachments a"
                  " JOIN file_contents c ON c.sha256 = a.sha256 WHERE a.note_id = ? ORDER BY a.id",
                  "l", note) != DB_OK) {
        LOG_ERROR("outbox: cannot read the files of note %lld: %s", note, db_errmsg());
        return -1;
    }
    struct file *files = arena_alloc(a, (size_t)(f.n + 1) * sizeof *files);
    for (int i = 0; i < f.n; i++) {
        const char *data = db_cell(&f, i, 2);
        files[i] = (struct file){ db_cell(&f, i, 0), db_cell(&f, i, 1),
                                  (const unsigned char *)(data ? data : ""), f.lens[i * f.ncols + 2] };
    }
    m->files = files;
    m->nfiles = f.n;
    return 0;
}

enum { BATCH_SMTP_TROUBLE = -1, BATCH_DB_DOWN = -2 };

/* Claims up to 20 due rows and sends them. Returns how many it claimed (0:
   nothing was due), BATCH_SMTP_TROUBLE when a message could not be sent (the
   rest of the pass waits for the next one), or BATCH_DB_DOWN.
   Each batch has its own claim token: a row whose outcome could not be
   written stays 'sending' under it and is never read again by this run. */
static int deliver_batch(struct arena *a, const char *from_name, const char *from_addr)
{
    static unsigned batches;
    snprintf(claim, sizeof claim, "%s-%u", token, ++batches);
    long long claimed;
    int tries = 0;
    do {
        claimed = db_exec("UPDATE outbox SET status = 'sending', claimed_by = ?,"
                          " claimed_at = UTC_TIMESTAMP() WHERE status = 'pending'"
                          " AND next_attempt_at <= UTC_TIMESTAMP() ORDER BY id LIMIT 20",
                          "s", claim);
    } while (again(claimed, &tries));
    if (claimed <= 0) {
        if (claimed < 0) {
            LOG_ERROR("cannot claim outbox rows: %s", db_errmsg());
        }
        return claimed < 0 ? BATCH_DB_DOWN : 0;
    }
    struct db_rows rows;
    if (db_select(a, &rows,
                  "SELECT o.id, o.attempts, o.to_addr, o.to_name, o.subject, o.body_text, o.body_html,"
                  " o.message_id, o.thread_id, COALESCE(o.note_id, 0),"
                  " EXISTS (SELECT 1 FROM messages m WHERE m.outbox_id = o.id)"
                  " FROM outbox o WHERE o.claimed_by = ? ORDER BY o.id",
                  "s", claim) != DB_OK) {
        LOG_ERROR("cannot read the claimed outbox rows: %s", db_errmsg());
        return BATCH_DB_DOWN;   /* they go back after STALE_MINUTES */
    }
    int trouble = 0;
    for (int i = 0; i < rows.n; i++) {
        long long id = strtoll(db_cell(&rows, i, 0), NULL, 10);
        if (stopping) {
            release(id);
            continue;
        }
        long attempts = strtol(db_cell(&rows, i, 1), NULL, 10);
        struct mail m = { db_cell(&rows, i, 2), db_cell(&rows, i, 3), db_cell(&rows, i, 4),
                          db_cell(&rows, i, 5), db_cell(&rows, i, 6), db_cell(&rows, i, 7),
                          db_cell(&rows, i, 8), NULL, 0, *db_cell(&rows, i, 10) == '1' };
        size_t len;
        const char *why = NULL;
        if (load_files(a, strtoll(db_cell(&rows, i, 9), NULL, 10), &m) < 0) {
            release(id);        /* the database is gone: the next pass tries again */
            trouble = 1;
            continue;
        }
        char *msg = build_message(a, &m, from_name, from_addr, &len, &why);
        if (!msg) {
            record_failure(id, attempts, why, 1);   /* retrying cannot help */
            continue;
        }
        const char *error = smtp_send(a, from_addr, m.to_addr, msg, len);
        if (error) {
            record_failure(id, attempts, error, 0);
            trouble = 1;
        } else {
            record_sent(id, m.to_addr, m.message_id);
        }
    }
    return trouble ? BATCH_SMTP_TROUBLE : (int)claimed;
}

/* One pass: frees what dead runs left claimed, then delivers batches until
   nothing is due or sending fails. Returns 0, or -1 when the database failed. */
static int pass(struct arena *a, const char *from_name, const char *from_addr)
{
    long long freed;
    int tries = 0;
    do {
        freed = db_exec("UPDATE outbox SET status = 'pending', claimed_by = NULL, claimed_at = NULL"
                        " WHERE status = 'sending'"
                        " AND claimed_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE",
                        "i", STALE_MINUTES);
    } while (again(freed, &tries));
    if (freed < 0) {
        LOG_ERROR("cannot reach the outbox: %s", db_errmsg());
        return -1;
    }
    int n = 0;
    while (!stopping && (n = deliver_batch(a, from_name, from_addr)) > 0) {
        arena_reset(a);
    }
    arena_reset(a);
    return n == BATCH_DB_DOWN ? -1 : 0;
}

/* Mail.from is "addr" or "Name <addr>": the envelope wants the address; the
   From header shows the name, else Site.name. */
static void split_from(struct arena *a, const char **name, const char **addr)
{
    const char *lt = strchr(conf.mail_from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    *name = conf.site_name;
    *addr = conf.mail_from;
    if (lt && gt) {
        *addr = arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
        const char *s = conf.mail_from, *e = lt;
        while (s < e && (*s == ' ' || *s == '"')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '"')) e--;
        *name = arena_strndup(a, s, (size_t)(e - s));
    }
    *name = one_line(a, *name);
}

int main(int argc, char **argv)
{
    long every = 10;     /* 0: --once */
    if (argc == 2 && strcmp(argv[1], "--once") == 0) {
        every = 0;
    } else if (argc == 3 && strcmp(argv[1], "--every") == 0) {
        char *end;
        every = strtol(argv[2], &end, 10);
        if (*end || every < 1 || every > 86400) {
            fputs(usage, stderr);
            return 2;
        }
    } else if (argc != 1) {
        fputs(usage, stderr);
        return 2;
    }
    const char *err;
    if (conf_load(NULL, &err) < 0) {
        fprintf(stderr, "atiende-mailer: configuration: %s\n", err);
        return 1;
    }
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        return 1;
    }
    const char *t = getenv("ATIENDE_TEST");
    test_mode = t && strcmp(t, "1") == 0;
    char host[32] = "";
    gethostname(host, sizeof host - 1);
    snprintf(token, sizeof token, "%.24s-%d-%08x", host, (int)getpid(), randombytes_random());

    struct sigaction sa = { .sa_handler = on_signal };   /* no SA_RESTART: sleep ends early */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    struct arena *a = arena_new(), *keep = arena_new();
    const char *from_name, *from_addr;
    split_from(keep, &from_name, &from_addr);
    int rc = 0;
    if (!safe_token(from_addr, 1)) {
        fprintf(stderr, "atiende-mailer: Mail.from is not a valid address: %s\n", conf.mail_from);
        rc = 1;
    } else if (every == 0) {
        rc = pass(a, from_name, from_addr) == 0 ? 0 : 1;
    } else {
        say("started (%s): a pass every %ld s through %s", token, every, conf.smtp_url);
        while (!stopping) {
            pass(a, from_name, from_addr);
            for (long s = 0; s < every && !stopping; s++) {
                sleep(1);
            }
        }
        say("stopped");
    }
    curl_easy_cleanup(curl);     /* NULL is fine */
    arena_free(a);
    arena_free(keep);
    db_close();
    curl_global_cleanup();
    return rc;
}
