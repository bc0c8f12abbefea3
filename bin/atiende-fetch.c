/* atiende-fetch: reads the support mailbox over IMAP (libcurl) and hands
   each message to lib/inbound.c, which turns it into a case message, a new
   case or a quarantined mail in one transaction with its inbound_mail row.

   Exactly once: a message is looked at while it is unseen or carries our
   keyword $AtiendePending. The keyword goes on before the fetch (a FETCH of
   BODY[] marks the message \Seen, and a crash before the commit must not
   hide it); after the commit the message is marked \Seen (or moved to
   Inbound.move_to) and loses the keyword. A crash before the commit does
   the message again; one after it finds the key taken and only marks it.

   Test-only: with ATIENDE_TEST=1, ATIENDE_FETCH_DIE_AFTER=N makes the run
   _exit(1) right after committing its Nth message, before marking it. */
#include <curl/curl.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "inbound.h"
#include "log.h"
#include "view.h"

#define PENDING "$AtiendePending"   /* taken, not yet marked: look at it again */
#define PER_PASS 500                /* messages per pass; the rest wait for the next */
#define KEEP_MAX (32L << 20)        /* larger messages: only their beginning is fetched */
#define HEAD_BYTES (256L << 10)     /* ...this much of it, for the quarantine */

static const char usage[] =
    "usage: atiende-fetch [--once | --every SECONDS]\n"
    "  --once           take what is in the mailbox, then exit\n"
    "  --every SECONDS  keep taking, a pass every SECONDS, until SIGTERM\n"
    "                   (the default: every 60 s)\n"
    "configuration: $ATIENDE_CONF, else conf/atiende.hdf (Inbound.*)\n";

static volatile sig_atomic_t stopping;
static CURL *curl;          /* kept between commands: one IMAP session serves the pass */
static const char *mailbox; /* Inbound.imap_url with its mailbox (INBOX when it names none) */
static long die_after;      /* ATIENDE_FETCH_DIE_AFTER (tests) */
static long committed;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

#define say(...) log_job("atiende-fetch", __VA_ARGS__)

/* ---- IMAP through libcurl ------------------------------------------------ */

/* What a command answered: grown with realloc, up to max bytes. */
struct buf {
    char *s;
    size_t len, cap, max;
};

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
    struct buf *b = ud;
    size_t add = size * n;
    if (b->len + add > b->max) {
        return 0;       /* more than we asked for: libcurl stops */
    }
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + add + 1) {
            cap *= 2;
        }
        char *s = realloc(b->s, cap);
        if (!s) {
            return 0;
        }
        b->s = s, b->cap = cap;
    }
    memcpy(b->s + b->len, p, add);
    b->len += add;
    b->s[b->len] = '\0';
    return add;
}

/* Runs one IMAP command on the mailbox: command (a custom request such as
   "UID STORE ..."), or NULL to fetch the message the URL suffix names
   (";UID=5"). The answer goes to out (may be NULL). NULL when it went
   through, else the error (static text or curl's). */
static const char *imap(const char *suffix, const char *command, struct buf *out)
{
    static char err[CURL_ERROR_SIZE];
    struct buf sink = { .max = 1 << 20 };
    char url[2048];
    if (!curl && !(curl = curl_easy_init())) {
        return "cannot initialise libcurl";
    }
    snprintf(url, sizeof url, "%s%s", mailbox, suffix);
    err[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out ? out : &sink);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 300L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (*conf.imap_user) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, conf.imap_user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, conf.imap_password);
    }
    if (conf.imap_starttls) {
        curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    }
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
    free(sink.s);
    if (rc == CURLE_OK) {
        return NULL;
    }
    if (rc != CURLE_QUOTE_ERROR) {
        /* the session may be broken mid-command: the next one starts afresh */
        curl_easy_cleanup(curl);
        curl = NULL;
    }
    return *err ? err : curl_easy_strerror(rc);
}

/* imap() with a printf-made command. */
static const char *imapf(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *imapf(struct buf *out, const char *fmt, ...)
{
    char command[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(command, sizeof command, fmt, ap);
    va_end(ap);
    return imap("", command, out);
}

/* The UIDs to look at, ascending (the server's order), at most PER_PASS.
   The count, or -1 when the server could not be asked. */
static int search(long long *uids)
{
    struct buf b = { .max = 8 << 20 };
    const char *e = imapf(&b, "UID SEARCH OR UNSEEN KEYWORD " PENDING);
    int n = 0;
    if (e) {
        say("cannot search the mailbox: %s", e);
        free(b.s);
        return -1;
    }
    for (char *line = b.s; line && *line && n < PER_PASS; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "* SEARCH", 8) != 0) {
            continue;
        }
        for (char *p = line + 8, *end; n < PER_PASS; p = end) {
            long long uid = strtoll(p, &end, 10);
            if (end == p || uid <= 0) {
                break;
            }
            uids[n++] = uid;
        }
    }
    free(b.s);
    return n;
}

/* The message's size (RFC822.SIZE), 0 when the server has no such message. */
static long long size_of(long long uid)
{
    struct buf b = { .max = 1 << 16 };
    const char *e = imapf(&b, "UID FETCH %lld (RFC822.SIZE)", uid);
    const char *p = b.s ? strstr(b.s, "RFC822.SIZE ") : NULL;
    long long size = p && !e ? strtoll(p + 12, NULL, 10) : -1;
    if (e) {
        say("uid %lld: cannot read its size: %s", uid, e);
    }
    free(b.s);
    return size < 0 ? 0 : size;
}

/* The message's bytes (the first HEAD_BYTES only when it is over KEEP_MAX).
   NULL when it could not be fetched. */
static char *fetch(long long uid, long long size, size_t *len)
{
    int whole = size <= KEEP_MAX;
    struct buf b = { .max = whole ? (size_t)size + 65536 : (size_t)HEAD_BYTES };
    char suffix[80];
    if (whole) {
        snprintf(suffix, sizeof suffix, "/;UID=%lld", uid);
    } else {
        snprintf(suffix, sizeof suffix, "/;UID=%lld/;PARTIAL=0.%ld", uid, HEAD_BYTES);
    }
    const char *e = imap(suffix, NULL, &b);
    if (e || !b.s) {
        say("uid %lld: cannot fetch it: %s", uid, e ? e : "empty answer");
        free(b.s);
        return NULL;
    }
    *len = b.len;
    return b.s;
}

/* A folder name as an IMAP quoted string; NULL when it cannot be one. */
static const char *quoted(struct arena *a, const char *s)
{
    struct sbuf b;
    sbuf_init(&b, a);
    sbuf_addc(&b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            return NULL;
        }
        if (*p == '"' || *p == '\\') {
            sbuf_addc(&b, '\\');
        }
        sbuf_addc(&b, (char)*p);
    }
    sbuf_addc(&b, '"');
    return b.s;
}

/* Done with the message: \Seen, or moved to Inbound.move_to (MOVE, else
   COPY, \Deleted and UID EXPUNGE); then our keyword goes. A failure here
   loses nothing: the message comes back next pass, finds its key taken
   and is marked again. */
static void mark(struct arena *a, long long uid)
{
    const char *e = NULL, *folder = *conf.inbound_move_to ? quoted(a, conf.inbound_move_to) : NULL;
    if (folder) {
        e = imapf(NULL, "UID STORE %lld -FLAGS.SILENT (" PENDING ")", uid);
        if (!e && imapf(NULL, "UID MOVE %lld %s", uid, folder)) {     /* no MOVE: by hand */
            e = imapf(NULL, "UID COPY %lld %s", uid, folder);
            e = e ? e : imapf(NULL, "UID STORE %lld +FLAGS.SILENT (\\Seen \\Deleted)", uid);
            e = e ? e : imapf(NULL, "UID EXPUNGE %lld", uid);
        }
    } else {
        e = imapf(NULL, "UID STORE %lld +FLAGS.SILENT (\\Seen)", uid);
        e = e ? e : imapf(NULL, "UID STORE %lld -FLAGS.SILENT (" PENDING ")", uid);
    }
    if (e) {
        say("uid %lld: taken, but cannot mark it (it comes back next pass): %s", uid, e);
    }
}

/* ---- the pass ------------------------------------------------------------ */

/* Takes one message. 0 taken (or nothing to take), -1 when the database
   failed (the pass stops: the message stays for the next one). */
static int take_one(struct req *r, long long uid)
{
    const char *e = imapf(NULL, "UID STORE %lld +FLAGS.SILENT (" PENDING ")", uid);
    if (e) {
        say("uid %lld: cannot set " PENDING " (a crash now would leave it seen but not taken): %s", uid, e);
    }
    long long size = size_of(uid);
    size_t len = 0;
    char *raw = size > 0 ? fetch(uid, size, &len) : NULL;
    if (!raw) {
        return 0;
    }
    struct inbound_outcome out;
    r->user.name = NULL;
    int rc = inbound_take(r, raw, len, size > (long long)len ? size : (long long)len, uid, &out);
    free(raw);
    if (rc < 0) {
        say("uid %lld: the database failed (%s); it stays for the next pass", uid, db_errmsg());
        return -1;
    }
    say("uid %lld: %s%s%s", uid, out.status, out.reason ? ": " : "", out.reason ? out.reason : "");
    if (strcmp(out.status, "duplicate") != 0 && ++committed == die_after) {
        say("ATIENDE_FETCH_DIE_AFTER=%ld: dying before marking uid %lld", die_after, uid);
        _exit(1);
    }
    mark(r->a, uid);
    return 0;
}

/* One pass over the mailbox. 0, or -1 when the server or the database failed. */
static int pass(struct arena *a)
{
    long long *uids = calloc(PER_PASS, sizeof *uids);
    int n = uids ? search(uids) : -1, rc = n < 0 ? -1 : 0;
    for (int i = 0; i < n && !stopping && rc == 0; i++) {
        struct req r;
        inbound_job_req(&r, a);
        rc = take_one(&r, uids[i]);
        hdf_destroy(&r.hdf);
        db_request_end();
        arena_reset(a);
    }
    free(uids);
    /* a fresh session each pass: an idle one would have been logged out meanwhile */
    curl_easy_cleanup(curl);
    curl = NULL;
    return rc;
}

/* Inbound.imap_url with a mailbox: INBOX when the URL names none. */
static const char *mailbox_url(struct arena *a)
{
    const char *u = conf.imap_url, *host = strstr(u, "://");
    const char *path = host ? strchr(host + 3, '/') : NULL;
    if (!path || !path[1]) {
        return arena_printf(a, "%.*s/INBOX", (int)(path ? path - u : (long)strlen(u)), u);
    }
    size_t n = strlen(u);
    return n && u[n - 1] == '/' ? arena_strndup(a, u, n - 1) : u;
}

static int parse_args(int argc, char **argv, long *every)
{
    *every = 60;
    if (argc == 2 && strcmp(argv[1], "--once") == 0) {
        *every = 0;
    } else if (argc == 3 && strcmp(argv[1], "--every") == 0) {
        char *end;
        *every = strtol(argv[2], &end, 10);
        return *end || *every < 1 || *every > 86400 ? -1 : 0;
    } else if (argc != 1) {
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long every;
    const char *err;
    if (parse_args(argc, argv, &every) < 0) {
        fputs(usage, stderr);
        return 2;
    }
    if (conf_load(NULL, &err) < 0) {
        fprintf(stderr, "atiende-fetch: configuration: %s\n", err);
        return 1;
    }
    if (!*conf.imap_url) {
        fprintf(stderr, "atiende-fetch: Inbound.imap_url is not set: there is no mailbox to read\n");
        return 1;
    }
    if (sodium_init() < 0 || view_init() != 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        return 1;
    }
    const char *t = getenv("ATIENDE_TEST"), *die = getenv("ATIENDE_FETCH_DIE_AFTER");
    die_after = t && strcmp(t, "1") == 0 && die ? atol(die) : 0;
    struct sigaction sa = { .sa_handler = on_signal };   /* no SA_RESTART: sleep ends early */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    struct arena *a = arena_new(), *keep = arena_new();
    mailbox = mailbox_url(keep);
    int rc = 0;
    if (every == 0) {
        rc = pass(a) == 0 ? 0 : 1;
    } else {
        say("started: a pass every %ld s", every);
        while (!stopping) {
            pass(a);
            for (long s = 0; s < every && !stopping; s++) {
                sleep(1);
            }
        }
        say("stopped");
    }
    curl_easy_cleanup(curl);
    arena_free(a);
    arena_free(keep);
    db_close();
    curl_global_cleanup();
    return rc;
}
