/* inbound.c: what an incoming e-mail becomes (see inbound.h). Everything a
   message causes is written in one transaction with its inbound_mail row. */
#include "inbound.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cases.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "mime.h"
#include "notify.h"
#include "outbox.h"
#include "view.h"

#define MERGE_HOPS 5        /* merged into a case merged into another ... */
#define REFS_LOOKED 20      /* the latest References ids looked up */

/* One message being taken. */
struct mail {
    const char *raw;
    size_t len;
    long long size, uid;
    int parsed;
    struct mime_message m;
    const char *why;            /* the parser's reason when it refused */
    const char *key;            /* inbound_mail.message_key */
    const char *from, *subject; /* for the row (and the quarantine list) */
};

/* The case a reply goes to, locked. */
struct target {
    long long id, status, customer, area, assignee;
    int closed, episode, version;
    const char *code, *number, *subject;
};

/* ---- reading the message ---------------------------------------------- */

/* A message id usable as a key and in headers: printable ASCII without
   spaces or angle brackets, up to max bytes. */
static int id_ok(const char *s, size_t max)
{
    if (!s || !*s || strlen(s) > max) {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || *p > 0x7e || *p == '<' || *p == '>') {
            return 0;
        }
    }
    return 1;
}

static const char *sha_key(struct arena *a, const char *data, size_t n)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[sizeof h * 2 + 1];
    crypto_hash_sha256(h, (const unsigned char *)data, n);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return arena_printf(a, "sha256:%s", hex);
}

/* The value of header name in raw's header block, unfolded and decoded, or
   "": a message the parser refused still shows who sent it and what about. */
static const char *raw_header(struct arena *a, const char *raw, size_t len, const char *name)
{
    size_t n = strlen(name);
    const char *end = raw + (len < 65536 ? len : 65536);
    for (const char *p = raw; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        eol = eol ? eol : end;
        if (eol == p || (eol == p + 1 && *p == '\r')) {
            break;      /* the blank line: the header block is over */
        }
        if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
            struct sbuf v;
            sbuf_init(&v, a);
            sbuf_add(&v, p + n + 1, (size_t)(eol - p) - n - 1);
            while (eol + 1 < end && (eol[1] == ' ' || eol[1] == '\t')) {    /* folded */
                const char *next = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
                next = next ? next : end;
                sbuf_add(&v, eol + 1, (size_t)(next - eol - 1));
                eol = next;
            }
            char *d = mime_decode_header(a, v.s + strspn(v.s, " \t"));
            for (size_t k = strlen(d); k && (d[k - 1] == ' ' || d[k - 1] == '\t'); k--) {
                d[k - 1] = '\0';
            }
            return d;
        }
        p = eol + 1;
    }
    return "";
}

/* The address of a From value ("Name <addr>" or "addr"), lower case; "" when none. */
static const char *addr_of(struct arena *a, const char *v)
{
    const char *lt = strrchr(v, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    const char *s = lt && gt ? lt + 1 : v;
    size_t n = lt && gt ? (size_t)(gt - lt - 1) : strlen(v);
    while (n && *s == ' ') {
        s++, n--;
    }
    while (n && s[n - 1] == ' ') {
        n--;
    }
    char *out = arena_strndup(a, s, n);
    for (char *p = out; *p; p++) {
        if (*p == ' ') {
            return "";
        }
        *p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    }
    return strchr(out, '@') ? out : "";
}

/* The key, sender and subject of the message, parsed or not. */
static void describe(struct req *r, struct mail *ml)
{
    const char *from = ml->parsed ? ml->m.from_addr : addr_of(r->a, raw_header(r->a, ml->raw, ml->len, "From"));
    const char *subject = ml->parsed ? ml->m.subject : raw_header(r->a, ml->raw, ml->len, "Subject");
    ml->key = ml->parsed && id_ok(ml->m.message_id, 255) ? ml->m.message_id
                                                          : sha_key(r->a, ml->raw, ml->len);
    ml->from = utf8_prefix(r->a, from ? from : "", 320);
    ml->subject = utf8_prefix(r->a, subject ? subject : "", 500);
}

/* The address part of Mail.from ("addr" or "Name <addr>"). */
static const char *our_address(struct arena *a)
{
    return addr_of(a, conf.mail_from);
}

/* Why no acknowledgement may go to this sender (RFC 3834 and the usual
   signs of a machine or a list), or NULL when one may. */
static const char *no_ack(struct req *r, const struct mime_message *m)
{
    static const char *const machines[] = {
        "mailer-daemon", "postmaster", "noreply", "no-reply", "do-not-reply", "donotreply",
    };
    if (m->auto_submitted) {
        const char *v = m->auto_submitted + strspn(m->auto_submitted, " \t");
        size_t n = strcspn(v, " \t;(");
        if (n != 2 || strncasecmp(v, "no", 2) != 0) {
            return "auto-submitted";
        }
    }
    if (m->precedence) {
        const char *v = m->precedence + strspn(m->precedence, " \t");
        if (strncasecmp(v, "bulk", 4) == 0 || strncasecmp(v, "list", 4) == 0 ||
            strncasecmp(v, "junk", 4) == 0) {
            return "bulk precedence";
        }
    }
    if (m->list) {
        return "mailing list";
    }
    if (strcasecmp(m->from_addr, our_address(r->a)) == 0) {
        return "our own address";
    }
    size_t local = strcspn(m->from_addr, "@");
    for (size_t i = 0; i < sizeof machines / sizeof *machines; i++) {
        if (strlen(machines[i]) == local && strncasecmp(m->from_addr, machines[i], local) == 0) {
            return "automatic sender";
        }
    }
    return NULL;
}

/* ---- finding the case a reply belongs to -------------------------------- */

/* The case a message id of ours names: a message of the conversation, an
   e-mail of the outbox, or the thread id every case e-mail carries. */
static long long case_of_id(struct req *r, const char *mid)
{
    char *found = NULL, *end;
    if (strncmp(mid, "case-", 5) == 0) {
        long long id = strtoll(mid + 5, &end, 10);
        if (id > 0 && strcmp(end, "@atiende") == 0 &&
            db_value(r->a, &found, "SELECT id FROM cases WHERE id = ?", "l", id) != DB_OK) {
            return DB_DOWN;
        }
        return found ? strtoll(found, NULL, 10) : 0;
    }
    if (db_value(r->a, &found, "SELECT case_id FROM messages WHERE message_key IN (?, CONCAT('<', ?, '>'))"
                 " UNION ALL SELECT case_id FROM outbox WHERE message_id = ? AND case_id IS NOT NULL"
                 " LIMIT 1", "sss", mid, mid, mid) != DB_OK) {
        return DB_DOWN;
    }
    return found ? strtoll(found, NULL, 10) : 0;
}

/* In-Reply-To, then the References ids from the latest back (the last
   REFS_LOOKED of them: a long thread's old ids name the same case). */
static long long case_of_thread(struct req *r, const struct mime_message *m)
{
    long long id = m->in_reply_to && id_ok(m->in_reply_to, 255) ? case_of_id(r, m->in_reply_to) : 0;
    const char *refs = m->references ? m->references : "", *end = refs + strlen(refs);
    for (int looked = 0; id == 0 && looked < REFS_LOOKED; looked++) {
        const char *gt = memrchr(refs, '>', (size_t)(end - refs));
        const char *lt = gt ? memrchr(refs, '<', (size_t)(gt - refs)) : NULL;
        if (!lt) {
            break;
        }
        const char *ref = arena_strndup(r->a, lt + 1, (size_t)(gt - lt - 1));
        id = id_ok(ref, 255) ? case_of_id(r, ref) : 0;
        end = lt;
    }
    return id;
}

/* A case number (2026-000123, in brackets or not) in the subject that names
   an existing case the sender already belongs to: its requester, an e-mail
   of its customer, or an address of its conversation. Numbers are
   sequential, so a stranger's mail naming one opens a case of its own
   instead of writing into someone else's. */
static long long case_of_subject(struct req *r, const char *s, const char *from)
{
    if (!from) {
        return 0;
    }
    for (const char *p = s; *p; p++) {
        if ((p > s && p[-1] >= '0' && p[-1] <= '9') || strspn(p, "0123456789") != 4 || p[4] != '-' ||
            strspn(p + 5, "0123456789") != 6) {
            continue;
        }
        char *found = NULL;
        if (db_value(r->a, &found, "SELECT c.id FROM cases c WHERE c.number = ? AND"
                     " (LOWER(c.requester_email) = ? OR EXISTS (SELECT 1 FROM contact_data d"
                     "  WHERE d.customer_id = c.customer_id AND d.type = 'email' AND LOWER(d.value) = ?)"
                     " OR EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id"
                     "  AND (LOWER(m.from_addr) = ? OR LOWER(m.to_addr) = ?)))", "sssss",
                     arena_strndup(r->a, p, 11), from, from, from, from) != DB_OK) {
            return DB_DOWN;
        }
        if (found) {
            return strtoll(found, NULL, 10);
        }
    }
    return 0;
}

/* A merged case's messages go to the case it was merged into. */
static long long survivor(struct req *r, long long id)
{
    for (int hop = 0; hop < MERGE_HOPS; hop++) {
        char *into = NULL;
        if (db_value(r->a, &into, "SELECT merged_into_id FROM cases WHERE id = ?", "l", id) != DB_OK) {
            return DB_DOWN;
        }
        if (!into) {
            break;
        }
        id = strtoll(into, NULL, 10);
    }
    return id;
}

/* Locks case id for the reply. DB_OK, or a negative db status. */
static int lock_case(struct req *r, long long id, struct target *t)
{
    struct db_rows c;
    char *code = NULL;
    if (db_select(r->a, &c, "SELECT status_id, closed, episode, version, number, COALESCE(customer_id, 0),"
                  " COALESCE(area_id, 0), COALESCE(assignee_id, 0), subject FROM cases WHERE id = ?"
                  " FOR UPDATE", "l", id) != DB_OK || c.n == 0 ||
        db_value(r->a, &code, "SELECT code FROM statuses WHERE id = ?", "s", db_cell(&c, 0, 0)) != DB_OK) {
        return DB_DOWN;
    }
    *t = (struct target) {
        .id = id, .status = strtoll(db_cell(&c, 0, 0), NULL, 10), .closed = *db_cell(&c, 0, 1) == '1',
        .episode = atoi(db_cell(&c, 0, 2)), .version = atoi(db_cell(&c, 0, 3)),
        .number = db_cell(&c, 0, 4), .customer = strtoll(db_cell(&c, 0, 5), NULL, 10),
        .area = strtoll(db_cell(&c, 0, 6), NULL, 10), .assignee = strtoll(db_cell(&c, 0, 7), NULL, 10),
        .subject = db_cell(&c, 0, 8), .code = code ? code : "",
    };
    return DB_OK;
}

/* ---- what the message writes -------------------------------------------- */

/* The message's files as a public note of the case ("Adjuntos del correo":
   the customer sent them, so the portal shows them). A file over
   Limits.max_file is left out and a line in dropped says so. The note's
   id, 0 when no file was kept, or <0. */
static long long files_note(struct req *r, const struct mime_message *m, const struct target *t,
                            struct sbuf *dropped)
{
    long long note = 0;
    const char *lang = conf.default_lang;
    for (int i = 0; i < m->nfiles; i++) {
        const struct mime_file *f = &m->files[i];
        const char *name = *f->name ? f->name : lang_fill(r->a, lang, "Inbound.unnamed_file", NULL, NULL, NULL);
        if ((long long)f->len > conf.max_file) {
            sbuf_addf(dropped, "\n%s", lang_fill(r->a, lang, "Inbound.file_dropped", name,
                                                 arena_printf(r->a, "%zu", f->len),
                                                 arena_printf(r->a, "%ld", conf.max_file)));
            continue;
        }
        if (!note) {
            const char *title = lang_fill(r->a, lang, "Inbound.files_title", NULL, NULL, NULL);
            if (db_exec("INSERT INTO notes (title, body, public, author_id) VALUES (?, '', 1, NULLIF(?, 0))",
                        "sl", title, r->user.id) != 1) {
                return DB_ERROR;
            }
            note = db_last_id();
            if (db_exec("INSERT INTO note_cases (note_id, case_id, linked_by) VALUES (?, ?, NULLIF(?, 0))",
                        "lll", note, t->id, r->user.id) != 1 ||
                case_history(t->id, t->episode, r->user.id, t->version, "note", "added", NULL, title,
                             note, note, "") < 0) {
                return DB_ERROR;
            }
        }
        struct upload u = { "file", name, f->content_type ? f->content_type : "", f->data, f->len };
        if (file_attach(r, &u, note) < 0) {
            return DB_ERROR;
        }
    }
    return note;
}

/* The conversation's message (in, by e-mail), with the history row. Its id, or <0. */
static long long add_message(struct req *r, const struct mail *ml, const struct target *t, long long note,
                             const char *body)
{
    const struct mime_message *m = &ml->m;
    const char *key = id_ok(m->message_id, 255) ? m->message_id : NULL;
    long long n;
    for (;;) {
        n = db_exec("INSERT INTO messages (case_id, direction, channel_id, from_addr, to_addr, subject, body,"
                    " body_html, note_id, state, message_key) VALUES (?, 'in',"
                    " (SELECT id FROM channels WHERE code = 'email'), ?, ?, ?, ?, ?, NULLIF(?, 0), 'received', ?)",
                    "lsssssls", t->id, ml->from, utf8_prefix(r->a, m->to, 320), ml->subject, body,
                    m->html, note, key);
        if (n != DB_DUPLICATE || !key) {
            break;
        }
        key = NULL;     /* a forged id some message already has: keep this one without it */
    }
    if (n != 1) {
        return n < 0 ? n : DB_ERROR;
    }
    long long mid = db_last_id();
    const char *shown = *ml->subject ? arena_printf(r->a, "%s · %s", ml->from, ml->subject) : ml->from;
    if (case_history(t->id, t->episode, r->user.id, t->version, "message", "email", NULL, shown, 0, mid,
                     utf8_prefix(r->a, body, 200)) < 0) {
        return DB_ERROR;
    }
    return mid;
}

/* The message with its files: note, message row, history. The message's
   id, or <0. */
static long long record(struct req *r, const struct mail *ml, const struct target *t)
{
    struct sbuf dropped;
    sbuf_init(&dropped, r->a);
    dropped.s[0] = '\0';
    long long note = files_note(r, &ml->m, t, &dropped);
    if (note < 0) {
        return note;
    }
    const char *body = dropped.len ? arena_printf(r->a, "%s\n%s", ml->m.text, dropped.s) : ml->m.text;
    return add_message(r, ml, t, note, body);
}

/* A reply to an open case: the message, and a case that waited on the
   customer (WRC En espera de recaudos, RIT Con recaudos en tránsito) is
   worked again (PRO). The assignee and the area hear of it. */
static int reply(struct req *r, const struct mail *ml, struct target *t, struct inbound_outcome *out)
{
    t->version++;       /* the message is a change of the case: a stale editor hears of it */
    if (db_exec("UPDATE cases SET version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?",
                "l", t->id) != 1) {
        return DB_ERROR;
    }
    long long mid = record(r, ml, t);
    if (mid < 0) {
        return (int)mid;
    }
    if (strcmp(t->code, "WRC") == 0 || strcmp(t->code, "RIT") == 0) {
        char *pro = NULL;
        if (db_value(r->a, &pro, "SELECT id FROM statuses WHERE code = 'PRO' AND active = 1", "") != DB_OK) {
            return DB_DOWN;
        }
        if (pro && (db_exec("UPDATE cases SET status_id = ?, version = version + 1 WHERE id = ?", "sl",
                            pro, t->id) != 1 ||
                    case_history(t->id, t->episode, r->user.id, t->version + 1, "status", "status", t->code,
                                 "PRO", t->status, strtoll(pro, NULL, 10),
                                 lang_fill(r->a, conf.default_lang, "Inbound.status_note", NULL, NULL,
                                           NULL)) < 0)) {
            return DB_ERROR;
        }
    }
    if (notify_case(r, t->id, NOTIFY_MESSAGE, *ml->subject ? ml->subject : ml->from, 0) < 0) {
        return DB_ERROR;
    }
    out->case_id = t->id, out->number = t->number, out->message_id = mid;
    out->reason = arena_printf(r->a, "reply to %s", t->number);
    return 0;
}

static void put(struct case_values *cv, const char *field, const char *value)
{
    int i = case_field_index(field);
    if (value && *value) {
        cv->v[i] = value, cv->given[i] = 1;
    }
}

/* The customer whose e-mail the sender's is (contact data; the case-
   insensitive collation compares), or NULL. */
static int customer_of(struct req *r, const char *addr, char **id)
{
    return db_value(r->a, id, "SELECT d.customer_id FROM contact_data d JOIN customers cu"
                    " ON cu.id = d.customer_id AND cu.active = 1 WHERE d.type = 'email' AND d.value = ?"
                    " ORDER BY d.preferred DESC, d.id LIMIT 1", "s", addr);
}

/* The sender as the case's requester: first name and surname from the
   display name (else the address's local part), and the address. */
static void requester(struct req *r, struct case_values *cv, const struct mime_message *m)
{
    const char *name = m->from_name && *m->from_name ? m->from_name : m->from_addr;
    size_t first = m->from_name && *m->from_name ? strcspn(name, " ") : strcspn(name, "@");
    const char *rest = name + first + strspn(name + first, " ");
    put(cv, "requester_first_name", utf8_prefix(r->a, arena_strndup(r->a, name, first), 60));
    if (m->from_name && *m->from_name) {
        put(cv, "requester_last_name", utf8_prefix(r->a, rest, 60));
    }
    put(cv, "requester_email", utf8_prefix(r->a, m->from_addr, 254));
}

/* The fields of a case opened by mail. prev: the closed case a follow-up
   continues (its customer, area and assignee), else NULL. */
static int fill(struct req *r, struct case_values *cv, const struct mail *ml, const struct target *prev)
{
    const struct mime_message *m = &ml->m;
    char *area = NULL, *priority = NULL, *source = NULL, *customer = NULL, *assignee = NULL, now[20];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    if (db_value(r->a, &area, "SELECT id FROM areas WHERE name = ? AND active = 1", "s",
                 conf.inbound_area) != DB_OK ||
        db_value(r->a, &priority, "SELECT id FROM priorities WHERE code = 'medium'", "") != DB_OK ||
        db_value(r->a, &source, "SELECT id FROM sources WHERE code = 'email'", "") != DB_OK ||
        (prev && prev->assignee &&
         db_value(r->a, &assignee, "SELECT id FROM users WHERE id = ? AND active = 1 AND role <> 'customer'",
                  "l", prev->assignee) != DB_OK) ||
        (!(prev && prev->customer) && customer_of(r, m->from_addr, &customer) != DB_OK)) {
        return DB_DOWN;
    }
    if (prev && prev->customer) {
        customer = arena_printf(r->a, "%lld", prev->customer);
    }
    if (prev && prev->area) {
        area = arena_printf(r->a, "%lld", prev->area);
    }
    const char *subject = utf8_prefix(r->a, ml->subject + strspn(ml->subject, " \t"), 200);
    const char *text = m->text + strspn(m->text, " \t\n");
    memset(cv, 0, sizeof *cv);
    put(cv, "subject", *subject ? subject : lang_fill(r->a, conf.default_lang, "Inbound.no_subject",
                                                      NULL, NULL, NULL));
    put(cv, "description", *text ? utf8_prefix(r->a, m->text, 20000) : cv->v[case_field_index("subject")]);
    put(cv, "area", area);
    put(cv, "priority", priority);
    put(cv, "received_at", arena_strdup(r->a, now));
    put(cv, "source", source);
    put(cv, "assignee", assignee);
    put(cv, "customer", customer);
    if (!customer) {
        requester(r, cv, m);
    }
    return 0;
}

/* The acknowledgement (in the site's language) through the outbox, as a
   message of the conversation; it answers the customer's own message so
   their mail program threads it. 0 or <0. */
static int acknowledge(struct req *r, const struct mail *ml, long long id, const char *number,
                       const char *subject)
{
    const char *lang = conf.default_lang, *name = ml->m.from_name;
    view_str(r, *name ? lang_fill(r->a, lang, "Mail.greeting", name, NULL, NULL)
                      : lang_fill(r->a, lang, "Inbound.ack_hello", NULL, NULL, NULL), "Mail.greeting");
    view_str(r, lang_fill(r->a, lang, "Inbound.ack_body", number, NULL, NULL), "Mail.body");
    view_str(r, lang, "Mail.lang");
    view_str(r, number, "Mail.number");
    view_str(r, subject, "Mail.subject");
    view_str(r, conf.site_name, "Mail.site");
    const char *html = view_render_text(r, "mail_ack.cs", lang);
    const char *text = view_render_text(r, "mail_ack_text.cs", lang);
    hdf_remove_tree(r->hdf, "Mail");
    if (!html || !text) {
        return DB_ERROR;
    }
    struct outbox_mail o = {
        .case_id = id, .to_addr = ml->m.from_addr, .to_name = ml->m.from_name,
        .subject = lang_fill(r->a, lang, "Inbound.ack_subject", number, subject, NULL),
        .body_text = text, .body_html = html, .message_id = outbox_message_id(r->a, number),
        .thread_id = id_ok(ml->m.message_id, 200) ? ml->m.message_id : outbox_case_thread(r->a, id),
    };
    long long queued = outbox_queue(&o);
    if (queued < 0 ||
        db_exec("INSERT INTO messages (case_id, direction, channel_id, from_addr, to_addr, subject, body,"
                " outbox_id, state, message_key) VALUES (?, 'out', (SELECT id FROM channels WHERE code = 'email'),"
                " ?, ?, ?, ?, ?, 'queued', ?)", "lssssls", id, our_address(r->a), o.to_addr, o.subject,
                text, queued, o.message_id) != 1) {
        return DB_ERROR;
    }
    return 0;
}

/* A new case from the mail, or a follow-up of closed case prev. */
static int open_case(struct req *r, const struct mail *ml, const struct target *prev,
                     struct inbound_outcome *out)
{
    struct case_values cv;
    const char *number, *lang = conf.default_lang;
    if (fill(r, &cv, ml, prev) < 0) {
        return DB_DOWN;
    }
    const char *note = prev ? lang_fill(r->a, lang, "Inbound.follow_up_note", prev->number, NULL, NULL)
                            : lang_fill(r->a, lang, "Inbound.created_note", ml->from, NULL, NULL);
    long long id = case_register(r, &cv, note, 0, &number);
    if (id <= 0) {
        return id < 0 ? (int)id : DB_ERROR;
    }
    struct target t = { .id = id, .episode = 1, .version = 1, .number = number };
    const char *subject = cv.v[case_field_index("subject")];
    if ((out->message_id = record(r, ml, &t)) < 0 ||
        (prev && case_history(prev->id, prev->episode, r->user.id, prev->version, "message", "email", NULL,
                              arena_printf(r->a, "%s · %s", ml->from, ml->subject), 0, 0,
                              lang_fill(r->a, lang, "Inbound.after_close", number, NULL, NULL)) < 0)) {
        return DB_ERROR;
    }
    const char *quiet = no_ack(r, &ml->m);
    if (!quiet && acknowledge(r, ml, id, number, subject) < 0) {
        return DB_ERROR;
    }
    out->case_id = id, out->number = number, out->acknowledged = !quiet;
    out->reason = arena_printf(r->a, "%s %s%s%s", prev ? "follow-up of a closed case:" : "new case", number,
                               quiet ? "; not acknowledged: " : "", quiet ? quiet : "");
    return 0;
}

/* A reply when the message names a case of ours; else (or when that case
   is closed) a new case. */
static int deliver(struct req *r, const struct mail *ml, struct inbound_outcome *out)
{
    long long id = case_of_thread(r, &ml->m);
    if (id == 0) {
        id = case_of_subject(r, ml->m.subject, ml->m.from_addr);
    }
    if (id > 0) {
        id = survivor(r, id);
    }
    if (id < 0) {
        return (int)id;
    }
    struct target t;
    if (id > 0 && lock_case(r, id, &t) != DB_OK) {
        return DB_DOWN;
    }
    if (id > 0 && !t.closed) {
        return reply(r, ml, &t, out);
    }
    return open_case(r, ml, id > 0 ? &t : NULL, out);
}

/* ---- the row of inbound_mail -------------------------------------------- */

const char *inbound_reason_kind(const char *reason)
{
    static const char *const kinds[][2] = {     /* how quarantine() reasons begin, below */
        { "too large", "too_large" }, { "malformed", "malformed" }, { "no From", "no_from" },
        { "rate limit", "rate_limit" }, { "cannot store", "cannot_store" },
    };
    for (size_t i = 0; reason && i < sizeof kinds / sizeof *kinds; i++) {
        if (strncmp(reason, kinds[i][0], strlen(kinds[i][0])) == 0) {
            return kinds[i][1];
        }
    }
    return "other";
}

static int quarantine(struct req *r, const struct mail *ml, const char *why, struct inbound_outcome *out)
{
    out->status = "quarantined", out->reason = why;
    return db_exec("UPDATE inbound_mail SET status = 'quarantined', reason = LEFT(?, 500), raw = ?,"
                   " truncated = ? WHERE id = ?", "sbil", why, ml->raw, ml->len,
                   (int)((long long)ml->len < ml->size), out->row) == 1 ? 0 : DB_ERROR;
}

static int settle(struct req *r, const char *status, struct inbound_outcome *out)
{
    out->status = status;
    return db_exec("UPDATE inbound_mail SET status = ?, reason = LEFT(?, 500), case_id = NULLIF(?, 0),"
                   " message_id = NULLIF(?, 0), acknowledged = ?, raw = NULL, truncated = 0,"
                   " processed_at = IF(? = 'processed', UTC_TIMESTAMP(), NULL), decided_by = NULLIF(?, 0)"
                   " WHERE id = ?", "ssllisll", status, out->reason ? out->reason : "", out->case_id,
                   out->message_id, out->acknowledged, status, r->user.id, out->row) == 1 ? 0 : DB_ERROR;
}

/* 1 when the message is one we sent (its Message-ID is ours): a copy that
   came back to the mailbox is no reply of the customer. */
static int ours(struct req *r, const struct mail *ml)
{
    char *n = NULL;
    if (!id_ok(ml->m.message_id, 255)) {
        return 0;
    }
    if (db_value(r->a, &n, "SELECT (SELECT COUNT(*) FROM outbox WHERE message_id = ?) +"
                 " (SELECT COUNT(*) FROM messages WHERE message_key = ? AND direction = 'out')",
                 "ss", ml->m.message_id, ml->m.message_id) != DB_OK) {
        return DB_DOWN;
    }
    return n && strcmp(n, "0") != 0;
}

/* 1 when the sender already sent Inbound.rate_per_hour messages that were
   processed in the last hour. */
static int over_rate(struct req *r, const struct mail *ml, long long row)
{
    char *n = NULL;
    if (conf.inbound_rate_per_hour <= 0) {
        return 0;
    }
    if (db_value(r->a, &n, "SELECT COUNT(*) FROM inbound_mail WHERE from_addr = ? AND status = 'processed'"
                 " AND received_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR AND id <> ?", "sl", ml->from,
                 row) != DB_OK) {
        return DB_DOWN;
    }
    return n && strtoll(n, NULL, 10) >= conf.inbound_rate_per_hour;
}

/* What becomes of the message whose row (out->row) is written. released:
   an admin let it out of the quarantine (no size or rate limit). */
static int decide(struct req *r, const struct mail *ml, int released, struct inbound_outcome *out)
{
    int rc;
    if (!released && ml->size > conf.inbound_max_bytes) {
        return quarantine(r, ml, arena_printf(r->a, "too large: %lld bytes, over Inbound.max_bytes (%ld)",
                                              ml->size, conf.inbound_max_bytes), out);
    }
    if (!ml->parsed) {
        return quarantine(r, ml, arena_printf(r->a, "malformed: %s", ml->why ? ml->why : "unreadable"), out);
    }
    if (!ml->m.from_addr || !*ml->m.from_addr) {
        return quarantine(r, ml, "no From address", out);
    }
    if ((rc = ours(r, ml)) != 0) {
        out->reason = "a copy of a message we sent";
        return rc < 0 ? rc : settle(r, "ignored", out);
    }
    if (!released && (rc = over_rate(r, ml, out->row)) != 0) {
        return rc < 0 ? rc : quarantine(r, ml, arena_printf(r->a, "rate limit: %d messages in an hour from %s",
                                                          conf.inbound_rate_per_hour, ml->from), out);
    }
    if (!released && r->user.id == 0) {
        r->user.name = *ml->m.from_name ? ml->m.from_name : ml->from;   /* "X registró el caso ..." */
    }
    rc = deliver(r, ml, out);
    return rc < 0 ? rc : settle(r, "processed", out);
}

/* The first take: the row claims the key (a second fetcher waits on it,
   then finds it taken), then what the message causes, then the commit. */
static int take(struct req *r, const struct mail *ml, struct inbound_outcome *out, const char **error)
{
    if (db_begin() != DB_OK) {
        return DB_DOWN;
    }
    long long n = db_exec("INSERT INTO inbound_mail (message_key, uid, from_addr, subject, size, status)"
                          " VALUES (?, NULLIF(?, 0), ?, ?, ?, 'processed')", "slssl", ml->key, ml->uid,
                          ml->from, ml->subject, ml->size);
    if (n == DB_DUPLICATE) {
        db_rollback();
        out->status = "duplicate";
        return 0;
    }
    int rc = n == 1 ? 0 : n < 0 ? (int)n : DB_ERROR;
    if (rc == 0) {
        out->row = db_last_id();
        rc = decide(r, ml, 0, out);
    }
    if (rc == 0) {
        rc = db_commit();
    }
    if (rc < 0) {
        *error = arena_strdup(r->a, db_errmsg());
        db_rollback();
    }
    return rc;
}

/* A message the database refuses for what it holds (not for its weather:
   it would be refused on every pass) is kept in the quarantine with the
   error, so it stops coming back and an admin sees it. */
static int keep_refused(struct req *r, struct mail *ml, const char *error, struct inbound_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (db_begin() != DB_OK) {
        return DB_DOWN;
    }
    long long n = db_exec("INSERT INTO inbound_mail (message_key, uid, from_addr, subject, size, status)"
                          " VALUES (?, NULLIF(?, 0), ?, ?, ?, 'quarantined')", "slssl", ml->key, ml->uid,
                          ml->from, ml->subject, ml->size);
    int rc = n == 1 ? 0 : n < 0 ? (int)n : DB_ERROR;
    if (rc == 0) {
        out->row = db_last_id();
        rc = quarantine(r, ml, arena_printf(r->a, "cannot store: %s", error), out);
    }
    if (rc == 0) {
        rc = db_commit();
    }
    if (rc < 0) {
        db_rollback();
    }
    return rc;
}

int inbound_take(struct req *r, const char *raw, size_t len, long long size, long long uid,
                 struct inbound_outcome *out)
{
    struct mail ml = { .raw = raw, .len = len, .size = size, .uid = uid };
    memset(out, 0, sizeof *out);
    if ((long long)len >= size && size <= conf.inbound_max_bytes) {
        ml.parsed = mime_parse(r->a, raw, len, &ml.m, &ml.why) == 0;
    }
    describe(r, &ml);
    const char *error = "";
    int rc = take(r, &ml, out, &error);
    if (rc == DB_ERROR || rc == DB_CONSTRAINT) {
        rc = keep_refused(r, &ml, error, out);
    }
    return rc;
}

int inbound_release(struct req *r, long long id, struct inbound_outcome *out)
{
    struct db_rows row;
    memset(out, 0, sizeof *out);
    out->row = id;
    if (db_begin() != DB_OK) {
        return DB_DOWN;
    }
    if (db_select(r->a, &row, "SELECT status, raw, truncated, size, COALESCE(uid, 0), message_key"
                  " FROM inbound_mail WHERE id = ? FOR UPDATE", "l", id) != DB_OK) {
        db_rollback();
        return DB_DOWN;
    }
    if (row.n == 0 || strcmp(db_cell(&row, 0, 0), "quarantined") != 0 || !db_cell(&row, 0, 1) ||
        *db_cell(&row, 0, 2) == '1') {
        db_rollback();
        out->reason = row.n == 0 ? "" : *db_cell(&row, 0, 2) == '1' ? "truncated" : "not_quarantined";
        return row.n == 0 ? 0 : -1;
    }
    struct mail ml = { .raw = db_cell(&row, 0, 1), .len = row.lens[1],
                       .size = strtoll(db_cell(&row, 0, 3), NULL, 10),
                       .uid = strtoll(db_cell(&row, 0, 4), NULL, 10) };
    ml.parsed = mime_parse(r->a, ml.raw, ml.len, &ml.m, &ml.why) == 0;
    describe(r, &ml);
    int rc = decide(r, &ml, 1, out);
    if (rc == 0 && strcmp(out->status, "quarantined") == 0) {
        db_rollback();      /* still not fit to take: it stays as it was */
        return -1;
    }
    if (rc == 0) {
        rc = db_commit();
    }
    if (rc < 0) {
        db_rollback();
        return rc;
    }
    return 1;
}

void inbound_job_req(struct req *r, struct arena *a)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->method = "GET";
    r->path = "";
    r->query = "";
    r->lang = conf.default_lang;
    r->status = 200;
    sbuf_init(&r->body, a);
    hdf_init(&r->hdf);
}
