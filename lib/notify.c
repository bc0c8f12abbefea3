/* notify.c: alerts, tasks and e-mails for a case's event, written in the
   transaction of the change. E-mails are rendered here from ClearSilver
   templates (mail_case.cs, mail_case_text.cs) in the recipient's language
   and queued in the outbox; bin/atiende-mailer sends them. */
#include "notify.h"

#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "outbox.h"
#include "view.h"

static const char *const kinds[] = { "created", "changed", "assigned", "status", "note", "message" };

/* The case as the messages show it. */
struct case_info {
    const char *number, *subject, *description, *status, *area, *requester, *email, *note;
    long long area_id, assignee, customer;
    const char *portal_state, *public_note;     /* what the customer may see instead */
};

static int load(struct req *r, long long id, struct case_info *c)
{
    struct db_rows row;
    if (db_select(r->a, &row,
                  "SELECT c.number, c.subject, c.description, CONCAT(s.code, ' · ', s.name_es),"
                  " a.name, COALESCE(cu.display_name, TRIM(CONCAT(c.requester_first_name, ' ',"
                  " c.requester_last_name))), COALESCE(NULLIF(c.requester_email, ''),"
                  " (SELECT d.value FROM contact_data d WHERE d.customer_id = c.customer_id"
                  "  AND d.type = 'email' ORDER BY d.preferred DESC, d.id LIMIT 1)),"
                  " (SELECT n.title FROM note_cases nc JOIN notes n ON n.id = nc.note_id"
                  "  WHERE nc.case_id = c.id ORDER BY n.id DESC LIMIT 1),"
                  " COALESCE(c.area_id, 0), COALESCE(c.assignee_id, 0), COALESCE(c.customer_id, 0),"
                  " s.portal_state, (SELECT n.title FROM note_cases nc JOIN notes n ON n.id = nc.note_id"
                  "  AND n.public = 1 WHERE nc.case_id = c.id ORDER BY n.id DESC LIMIT 1)"
                  " FROM cases c JOIN statuses s ON s.id = c.status_id"
                  " LEFT JOIN areas a ON a.id = c.area_id LEFT JOIN customers cu ON cu.id = c.customer_id"
                  " WHERE c.id = ?", "l", id) != DB_OK || row.n == 0) {
        return DB_ERROR;
    }
    const char **v[] = { &c->number, &c->subject, &c->description, &c->status, &c->area,
                         &c->requester, &c->email, &c->note };
    for (int i = 0; i < 8; i++) {
        *v[i] = db_cell(&row, 0, i) ? db_cell(&row, 0, i) : "";
    }
    c->area_id = strtoll(db_cell(&row, 0, 8), NULL, 10);
    c->assignee = strtoll(db_cell(&row, 0, 9), NULL, 10);
    c->customer = strtoll(db_cell(&row, 0, 10), NULL, 10);
    c->portal_state = db_cell(&row, 0, 11);
    c->public_note = db_cell(&row, 0, 12) ? db_cell(&row, 0, 12) : "";
    return DB_OK;
}

static const char *lang_of(const char *l)
{
    return l && strcmp(l, "en") == 0 ? "en" : conf.default_lang;
}

/* Queues the case e-mail to one recipient, in their language. customer: 0
   staff (link to the case), 1 a portal user (link to the portal's page),
   2 a requester without a portal account (no link). */
static int mail(struct req *r, long long id, const struct case_info *c, const char *to,
                const char *name, const char *lang, const char *what, int customer)
{
    if (!to || !strchr(to, '@')) {
        return 0;
    }
    view_str(r, name, "Mail.name");
    view_str(r, c->number, "Mail.number");
    view_str(r, c->subject, "Mail.subject");
    view_str(r, c->description, "Mail.description");
    /* a customer never reads internal statuses or internal notes' titles */
    view_str(r, customer ? lang_fill(r->a, lang, arena_printf(r->a, "PortalState.%s", c->portal_state),
                                     NULL, NULL, NULL) : c->status, "Mail.status");
    view_str(r, customer ? c->public_note : c->note, "Mail.note");
    view_str(r, what, "Mail.what");
    /* customer 2: a requester without a portal account has no page to go to */
    if (customer != 2) {
        view_str(r, arena_printf(r->a, "%s/%s/%lld", conf.base_url, customer ? "portal/cases" : "cases",
                                 id), "Mail.link");
    }
    const char *html = view_render_text(r, "mail_case.cs", lang);
    const char *text = view_render_text(r, "mail_case_text.cs", lang);
    hdf_remove_tree(r->hdf, "Mail");
    if (!html || !text) {
        return DB_ERROR;
    }
    struct outbox_mail m = {
        .case_id = id, .to_addr = to, .to_name = name, .body_text = text, .body_html = html,
        .subject = lang_fill(r->a, lang, "Mail.case_subject", c->number, c->subject, NULL),
        .message_id = outbox_message_id(r->a, c->number), .thread_id = outbox_case_thread(r->a, id),
    };
    return outbox_queue(&m) < 0 ? DB_ERROR : 0;
}

static int alert(struct req *r, long long id, long long user, const char *kind, const char *text)
{
    return db_exec("INSERT INTO notifications (user_id, case_id, kind, text, actor_id)"
                   " VALUES (?, ?, ?, ?, NULLIF(?, 0))", "llssl",
                   user, id, kind, text, r->user.id) < 0 ? DB_ERROR : 0;
}

static int task(struct req *r, long long id, long long user, const char *lang, const struct case_info *c)
{
    return db_exec("INSERT INTO activities (case_id, description, executor_id, status, created_by)"
                   " VALUES (?, ?, ?, 'pending', NULLIF(?, 0))", "lsll", id,
                   lang_fill(r->a, lang, "Notifications.task", c->number, c->subject, NULL),
                   user, r->user.id) < 0 ? DB_ERROR : 0;
}

/* The area's subscribers, as their subscription says. */
static int subscribers(struct req *r, long long id, const struct case_info *c,
                       enum notify_event event, const char *detail)
{
    struct db_rows subs;
    if (!c->area_id) {
        return 0;
    }
    if (db_select(r->a, &subs, "SELECT s.user_id, s.alert, s.task, s.email, u.email, u.name, u.language"
                  " FROM area_subscriptions s JOIN users u ON u.id = s.user_id AND u.active = 1"
                  " WHERE s.area_id = ? AND s.user_id <> ?", "ll", c->area_id, r->user.id) != DB_OK) {
        return DB_ERROR;
    }
    /* a reassignment is a change for the area; the assignee hears it from assignee() */
    const char *kind = kinds[event == NOTIFY_ASSIGNED ? NOTIFY_CHANGED : event];
    int assigning = event == NOTIFY_ASSIGNED || event == NOTIFY_CREATED || event == NOTIFY_NOTE ||
                    event == NOTIFY_MESSAGE;
    for (int i = 0; i < subs.n; i++) {
        long long user = strtoll(db_cell(&subs, i, 0), NULL, 10);
        /* the assignee gets their alert and e-mail from assignee(), not twice */
        int twice = assigning && user == c->assignee && c->assignee != r->user.id;
        const char *lang = lang_of(db_cell(&subs, i, 6));
        const char *what = lang_fill(r->a, lang, arena_printf(r->a, "Notifications.Text.%s", kind),
                                     r->user.name, c->number, detail);
        if ((*db_cell(&subs, i, 1) == '1' && !twice && alert(r, id, user, kind, what) < 0) ||
            (*db_cell(&subs, i, 2) == '1' && event == NOTIFY_CREATED && task(r, id, user, lang, c) < 0) ||
            (*db_cell(&subs, i, 3) == '1' && !twice &&
             mail(r, id, c, db_cell(&subs, i, 4), db_cell(&subs, i, 5), lang, what, 0) < 0)) {
            return DB_ERROR;
        }
    }
    return 0;
}

/* The assignee, when the case was given to them by someone else, or
   someone else added a note to it. */
static int assignee(struct req *r, long long id, const struct case_info *c,
                    enum notify_event event, const char *detail)
{
    const char *kind = event == NOTIFY_ASSIGNED || event == NOTIFY_CREATED ? "assigned" : kinds[event];
    struct db_rows u;
    if (!c->assignee || c->assignee == r->user.id) {
        return 0;
    }
    if (db_select(r->a, &u, "SELECT email, name, language FROM users WHERE id = ? AND active = 1",
                  "l", c->assignee) != DB_OK) {
        return DB_ERROR;
    }
    if (u.n == 0) {
        return 0;
    }
    const char *lang = lang_of(db_cell(&u, 0, 2));
    const char *what = lang_fill(r->a, lang, arena_printf(r->a, "Notifications.Text.%s", kind),
                                 r->user.name, c->number, detail);
    return alert(r, id, c->assignee, kind, what) < 0 ||
           mail(r, id, c, db_cell(&u, 0, 0), db_cell(&u, 0, 1), lang, what, 0) < 0 ? DB_ERROR : 0;
}

/* What the customer reads: the state they see, or the public note's title. */
static const char *customer_text(struct req *r, const struct case_info *c, const char *kind,
                                 const char *detail, const char *lang)
{
    const char *shown = strcmp(kind, "status") == 0
        ? lang_fill(r->a, lang, arena_printf(r->a, "PortalState.%s", c->portal_state), NULL, NULL, NULL)
        : detail;
    return lang_fill(r->a, lang, arena_printf(r->a, "Notifications.Customer.%s", kind),
                     conf.site_name, c->number, shown);
}

/* The customer (P5): each portal user linked to the case's customer gets
   an alert and an e-mail in their language, linking to the portal; with no
   portal user, the requester's e-mail hears it. What they read is the
   portal state and the public note, never the internal status. */
static int customer(struct req *r, long long id, const struct case_info *c,
                    enum notify_event event, const char *detail)
{
    const char *kind = event == NOTIFY_STATUS ? "status" : "note";
    struct db_rows users;
    /* the customer's own portal user; for a case of an organization, its portal admins */
    if (db_select(r->a, &users, "SELECT u.id, u.email, u.name, u.language FROM users u"
                  " JOIN customers cu ON cu.id = u.customer_id WHERE u.role = 'customer' AND u.active = 1"
                  " AND (u.customer_id = ? OR (u.portal_admin = 1 AND cu.organization_id = ?))",
                  "ll", c->customer, c->customer) != DB_OK) {
        return DB_ERROR;
    }
    for (int i = 0; i < users.n; i++) {
        long long user = strtoll(db_cell(&users, i, 0), NULL, 10);
        const char *lang = lang_of(db_cell(&users, i, 3));
        const char *what = customer_text(r, c, kind, detail, lang);
        if (user != r->user.id && (alert(r, id, user, kind, what) < 0 ||
            mail(r, id, c, *db_cell(&users, i, 1) ? db_cell(&users, i, 1) : c->email,
                 db_cell(&users, i, 2), lang, what, 1) < 0)) {
            return DB_ERROR;
        }
    }
    if (users.n == 0) {
        const char *lang = conf.default_lang;
        return mail(r, id, c, c->email, c->requester, lang, customer_text(r, c, kind, detail, lang), 2);
    }
    return 0;
}

int notify_case(struct req *r, long long id, enum notify_event event, const char *detail,
                int tell_customer)
{
    struct case_info c;
    int to_assignee = event == NOTIFY_ASSIGNED || event == NOTIFY_CREATED || event == NOTIFY_NOTE ||
                      event == NOTIFY_MESSAGE;
    if (load(r, id, &c) != DB_OK || subscribers(r, id, &c, event, detail) < 0 ||
        (to_assignee && assignee(r, id, &c, event, detail) < 0)) {
        return DB_ERROR;
    }
    return tell_customer ? customer(r, id, &c, event, detail) : 0;
}

long long notify_unread(struct req *r)
{
    char *n = NULL;
    if (r->user.unread_known) {
        return r->user.unread;
    }
    if (!r->user.id || db_value(r->a, &n, "SELECT COUNT(*) FROM notifications"
                                " WHERE user_id = ? AND read_at IS NULL", "l", r->user.id) != DB_OK) {
        return 0;
    }
    return n ? strtoll(n, NULL, 10) : 0;
}
