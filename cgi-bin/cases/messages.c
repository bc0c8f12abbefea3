/* messages.c: /cases/{id}/messages — a message to the customer from the
   case (S6): by one of the channels of the case's campaign (every active
   one when it has none) to one of the customer's contact data that
   channel reaches. In one transaction: the message, its files as a public
   note of the case (the portal shows them; downloads keep the case's
   rules), a history row and the case's new version; an e-mail is also
   queued in the outbox (the mailer sends it and sets the message's state),
   while the channels without a connector (WhatsApp, SMS, phone) are
   recorded as sent by hand, with what the agent did.
   Fields: channel (id or code), to (a contact datum's id, or for e-mail
   "requester": the case's requester_email when the case has no customer),
   subject (e-mail), body, file (repeated), note (sent by hand). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin.h"
#include "app.h"
#include "catalog.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "messages.h"
#include "outbox.h"
#include "screen.h"
#include "view.h"

#define VIEW "case.cs"
#define BODY_MAX 20000
#define SUBJECT_MAX 300     /* the outbox holds 400 with the "[number] " prefix */
#define NOTE_MAX 2000

static const char *const fields[] = { "channel", "to", "subject", "body", "note" };

/* The locked case: what a message needs from it. */
struct case_now {
    int closed, episode, version;
    long long campaign, customer;
    const char *number, *subject, *requester_email, *requester_name;
};

/* A message being sent. */
struct outgoing {
    const char *subject, *body, *note;
    struct message_channel ch;
    long long datum;            /* 0: the requester's e-mail */
    const char *to_addr;        /* the datum as shown; for e-mail the address */
    const char *to_name;        /* who gets it (the e-mail's To name) */
};

/* The case view again on the conversation tab, with the form as sent and
   its problem (the transaction is over). The case page has other forms
   with fields named body, note and subject: the message's errors get a
   node of their own (MessageErrors) so they show next to this form only;
   JSON clients get the usual error with its field. */
static int refused(struct req *r, long long id, const char *field, const char *key)
{
    db_rollback();
    if (r->want_json) {
        return req_invalid(r, field, key, VIEW);
    }
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        view_str(r, req_str(r, fields[i]), "MessageForm.%s", fields[i]);
    }
    view_str(r, "conversation", "Page.open");
    view_str(r, key, "MessageErrors.%s", field);
    view_str(r, key, "Form.error");
    r->status = 422;
    return view_render(r, VIEW);
}

/* Begins the transaction and locks the case row alone (see write.c).
   1 locked, 0 no such case, <0 db (both rolled back). */
static int lock_case(struct req *r, long long id, struct case_now *c)
{
    struct db_rows row;
    if (db_begin() != DB_OK ||
        db_select(r->a, &row, "SELECT closed, episode, version, COALESCE(campaign_id, 0),"
                  " COALESCE(customer_id, 0), number, subject, COALESCE(requester_email, ''),"
                  " TRIM(CONCAT(COALESCE(requester_first_name, ''), ' ',"
                  " COALESCE(requester_last_name, ''))) FROM cases WHERE id = ? FOR UPDATE",
                  "l", id) != DB_OK) {
        db_rollback();
        return DB_DOWN;
    }
    if (row.n == 0) {
        db_rollback();
        return 0;
    }
    c->closed = *db_cell(&row, 0, 0) == '1';
    c->episode = atoi(db_cell(&row, 0, 1));
    c->version = atoi(db_cell(&row, 0, 2));
    c->campaign = strtoll(db_cell(&row, 0, 3), NULL, 10);
    c->customer = strtoll(db_cell(&row, 0, 4), NULL, 10);
    c->number = db_cell(&row, 0, 5);
    c->subject = db_cell(&row, 0, 6);
    c->requester_email = db_cell(&row, 0, 7);
    c->requester_name = db_cell(&row, 0, 8);
    return 1;
}

/* to: one of the customer's contact data of a type the channel reaches,
   or for e-mail without a customer the case's requester. 1 found (m set),
   0 not, <0 db. */
static int recipient(struct req *r, const struct case_now *c, struct outgoing *m)
{
    const char *to = req_trimmed(r, "to");
    int email = strcmp(m->ch.code, "email") == 0;
    if (!c->customer) {
        if (!email || !*c->requester_email ||
            (strcmp(to, "requester") != 0 && strcasecmp(to, c->requester_email) != 0)) {
            return 0;
        }
        m->to_addr = c->requester_email;
        m->to_name = c->requester_name;
        return 1;
    }
    long long datum;
    struct db_rows d;
    if (req_int(r, "to", 1, 1LL << 62, &datum) != 1) {
        return 0;
    }
    int rc = db_select(r->a, &d, "SELECT d.type, d.value, d.area_code, cu.display_name"
                       " FROM contact_data d JOIN customers cu ON cu.id = d.customer_id"
                       " WHERE d.id = ? AND d.customer_id = ? AND FIND_IN_SET(d.type, ?) > 0",
                       "lls", datum, c->customer, m->ch.contact_types);
    if (rc != DB_OK || d.n == 0) {
        return rc != DB_OK ? rc : 0;
    }
    const char *area = db_cell(&d, 0, 2);
    m->datum = datum;
    m->to_addr = *area ? arena_printf(r->a, "(%s) %s", area, db_cell(&d, 0, 1)) : db_cell(&d, 0, 1);
    m->to_name = db_cell(&d, 0, 3) ? db_cell(&d, 0, 3) : "";
    return 1;
}

/* body with its line ends as LF: stored text is plain, the mailer makes them CRLF. */
static const char *plain_text(struct arena *a, const char *s)
{
    char *out = arena_strdup(a, s), *w = out;
    for (const char *p = s; *p; p++) {
        if (*p != '\r' || p[1] != '\n') {
            *w++ = *p == '\r' ? '\n' : *p;
        }
    }
    *w = '\0';
    return out;
}

/* The text fields; the first problem in fe. */
static void check_text(struct req *r, const struct case_now *c, struct outgoing *m,
                       struct field_error *fe)
{
    const char *body = req_str(r, "body");
    m->subject = req_trimmed(r, "subject");
    m->body = plain_text(r->a, body);
    m->note = req_trimmed(r, "note");
    fe->field = fe->key = NULL;
    if (!body[strspn(body, " \t\r\n")]) {
        fe->field = "body", fe->key = "message_body_required";
    } else if (utf8_chars(m->body) > BODY_MAX) {
        fe->field = "body", fe->key = "too_long";
    } else if (utf8_chars(m->subject) > SUBJECT_MAX) {
        fe->field = "subject", fe->key = "message_subject_long";
    } else if (utf8_chars(m->note) > NOTE_MAX) {
        fe->field = "note", fe->key = "too_long";
    }
    if (m->ch.manual) {
        m->subject = "";        /* only an e-mail has one */
    } else if (!*m->subject) {
        m->subject = message_subject(r, c->number, c->subject);
    }
    if (!m->ch.manual) {
        m->note = "";           /* an e-mail is sent by the system, not by hand */
    }
}

/* A public note of the case holding the request's files; 0 when none came. */
static long long files_note(struct req *r, long long id, const struct outgoing *m)
{
    int any = 0;
    for (int i = 0; i < r->nfiles; i++) {
        any |= strcmp(r->files[i].field, "file") == 0 && *r->files[i].filename;
    }
    if (!any) {
        return 0;
    }
    const char *title = *m->subject ? m->subject
                      : lang_fill(r->a, conf.default_lang, "Cases.Message.note_title", m->ch.name,
                                  NULL, NULL);
    if (db_exec("INSERT INTO notes (title, body, public, author_id) VALUES (?, ?, 1, ?)", "ssl",
                utf8_prefix(r->a, title, 200), m->body, r->user.id) != 1) {
        return DB_ERROR;
    }
    long long note = db_last_id();
    if (db_exec("INSERT INTO note_cases (note_id, case_id, linked_by) VALUES (?, ?, ?)", "lll",
                note, id, r->user.id) != 1) {
        return DB_ERROR;
    }
    for (int i = 0; i < r->nfiles; i++) {
        if (strcmp(r->files[i].field, "file") == 0 && *r->files[i].filename &&
            file_attach(r, &r->files[i], note) < 0) {
            return DB_ERROR;
        }
    }
    return note;
}

/* The e-mail in the outbox: the case number in brackets in the subject
   (replies are matched on it, and on the Message-ID, kept as the
   message's key), in the case's thread, with the note's files. The
   outbox row's id, or <0. */
static long long queue_mail(struct req *r, long long id, const struct case_now *c,
                            const struct outgoing *m, long long note, const char **key,
                            const char **subject)
{
    const char *tag = arena_printf(r->a, "[%s]", c->number);
    *subject = strstr(m->subject, tag) ? m->subject : arena_printf(r->a, "%s %s", tag, m->subject);
    *key = outbox_message_id(r->a, c->number);
    struct outbox_mail mail = {
        .case_id = id, .to_addr = m->to_addr, .to_name = m->to_name, .subject = *subject,
        .body_text = m->body, .body_html = message_html(r->a, m->body), .message_id = *key,
        .thread_id = outbox_case_thread(r->a, id), .note_id = note,
    };
    return outbox_queue(&mail);
}

/* Inside the locked case's transaction: everything the message writes.
   Its id, or <0 (the caller rolls back). */
static long long record(struct req *r, long long id, const struct case_now *c,
                        const struct outgoing *m)
{
    long long note = files_note(r, id, m), outbox = 0;
    const char *key = NULL, *subject = m->subject;
    if (note < 0 || (!m->ch.manual && (outbox = queue_mail(r, id, c, m, note, &key, &subject)) < 0)) {
        return DB_ERROR;
    }
    if (db_exec("INSERT INTO messages (case_id, direction, channel_id, from_addr, to_addr, subject,"
                " body, note_id, outbox_id, agent_note, user_id, state, message_key)"
                " VALUES (?, 'out', ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?)",
                "llssssllslss", id, m->ch.id, m->ch.manual ? r->user.name : conf.mail_from,
                m->to_addr, subject, m->body, note, outbox, m->note, r->user.id,
                m->ch.manual ? "manual" : "queued", key) != 1) {
        return DB_ERROR;
    }
    long long mid = db_last_id();
    const char *shown = *subject ? arena_printf(r->a, "%s · %s", m->to_addr, subject) : m->to_addr;
    if (db_exec("UPDATE cases SET version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?",
                "l", id) != 1 ||
        case_history(id, c->episode, r->user.id, c->version + 1, "message",
                     *m->ch.code ? m->ch.code : m->ch.name, NULL, shown, 0, mid,
                     utf8_prefix(r->a, m->body, 200)) < 0) {
        return DB_ERROR;
    }
    return mid;
}

/* The message as its JSON answer and GET /cases/{id}/messages/{mid} show it:
   Message.*. 1, 0 not a message of this case, <0 db. */
static int message_row(struct req *r, long long id, long long mid)
{
    struct db_rows m;
    if (db_select(r->a, &m, "SELECT m.id, m.case_id, m.direction, ch.code AS channel_code,"
                  " " CATALOG_NAME_OF("ch") " AS channel, m.from_addr, m.to_addr, m.subject, m.body, m.at,"
                  " m.state, m.note_id, m.outbox_id, m.agent_note, m.message_key, u.name AS user"
                  " FROM messages m JOIN channels ch ON ch.id = m.channel_id"
                  " LEFT JOIN users u ON u.id = m.user_id WHERE m.id = ? AND m.case_id = ?",
                  "sll", r->lang, mid, id) != DB_OK) {
        return DB_DOWN;
    }
    if (m.n) {
        view_row(r, "Message", &m, 0);
    }
    return m.n;
}

/* GET: the case view on its conversation tab (with the message, for
   /cases/{id}/messages/{mid}). */
static int show(struct req *r, long long id, long long mid)
{
    int found = case_load(r, id);
    if (found > 0 && mid) {
        found = message_row(r, id, mid);
    }
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_str(r, "conversation", "Page.open");
    return view_render(r, VIEW);
}

static int send(struct req *r, long long id)
{
    struct case_now c;
    struct outgoing m = { 0 };
    struct field_error fe;
    int found = lock_case(r, id, &c);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    if (c.closed && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        db_rollback();
        return req_fail(r, 409, "case_closed", "message_case_closed");
    }
    int rc = message_channel(r, c.campaign, req_trimmed(r, "channel"), &m.ch);
    if (rc == 0) {
        return refused(r, id, "channel", "message_channel_unknown");
    }
    if (rc > 0 && (rc = recipient(r, &c, &m)) == 0) {
        return refused(r, id, "to", c.customer || strcmp(m.ch.code, "email") == 0
                                    ? "message_to_unknown" : "message_no_customer");
    }
    if (rc < 0) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    check_text(r, &c, &m, &fe);
    if (fe.field) {
        return refused(r, id, fe.field, fe.key);
    }
    long long mid = record(r, id, &c, &m);
    if (mid <= 0 || db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "message_send", "case", id,
          arena_printf(r->a, "message=%lld channel=%s to=%s", mid, m.ch.code, m.to_addr));
    if (!r->want_json) {    /* back to the conversation, which shows it */
        return resp_redirect(r, arena_printf(r->a, "/cases/%lld?saved=1#conversation", id));
    }
    resp_created(r, arena_printf(r->a, "/cases/%lld/messages/%lld", id, mid));
    return case_brief(r, id) > 0 && message_row(r, id, mid) > 0 ? view_render(r, VIEW)
                                                                 : admin_fail(r, DB_DOWN);
}

int case_messages(struct req *r, long long id, const char *rest)
{
    long long mid = 0;
    if (strncmp(rest, "messages/", 9) == 0) {
        char *end;
        mid = strtoll(rest + 9, &end, 10);
        if (mid <= 0 || *end) {
            return req_fail(r, 404, "not_found", "not_found");
        }
    }
    if (!r->is_post) {
        return show(r, id, mid);
    }
    return mid ? req_fail(r, 405, "method_not_allowed", "method") : send(r, id);
}
