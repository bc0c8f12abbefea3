/* admin_outbox: the e-mails bin/atiende-mailer delivers, newest first, with
   their delivery state; admins put a failed one back in the queue,
   supervisors may read. Paths: /admin/outbox (?status=, ?page=),
   /admin/outbox/{id}/retry (POST). */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "view.h"

#define PER_PAGE 50

static int list(struct req *r)
{
    static const char *const statuses[] = { "pending", "sending", "sent", "failed" };
    const char *status = req_str(r, "status");
    int known = 0;
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
        known |= strcmp(status, statuses[i]) == 0;
    }
    if (!known) {
        status = "";
    }
    long long page = 1;
    if (req_int(r, "page", 1, 1000000, &page) < 0) {
        page = 1;
    }
    struct db_rows rows, counts;
    if (db_select(r->a, &counts, "SELECT status, COUNT(*) AS n FROM outbox GROUP BY status",
                  "") != DB_OK ||
        db_select(r->a, &rows,
                  "SELECT id, case_id, to_addr, to_name, subject, status, attempts, last_error,"
                  " message_id, created_at, next_attempt_at, sent_at FROM outbox"
                  " WHERE ? = '' OR status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                  "ssll", status, status, (long long)PER_PAGE, (page - 1) * PER_PAGE) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long total = 0;
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
        view_int(r, 0, "Counts.%s", statuses[i]);
    }
    for (int i = 0; i < counts.n; i++) {
        long long n = strtoll(db_cell(&counts, i, 1), NULL, 10);
        view_int(r, n, "Counts.%s", db_cell(&counts, i, 0));
        if (!*status || strcmp(status, db_cell(&counts, i, 0)) == 0) {
            total += n;
        }
    }
    view_rows(r, "Outbox", &rows);
    view_str(r, status, "Filter.status");
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    view_bool(r, req_param(r, "retried") != NULL, "Page.retried");
    view_pager(r, total, page, PER_PAGE);
    return view_render(r, "admin_outbox.cs");
}

/* A failed message goes back to the queue as if new: the mailer sends it on
   its next pass. last_error stays, to show why it had failed. A case message
   it delivers is queued again with it (the conversation shows the state). */
static int retry(struct req *r, long long id)
{
    long long n = db_exec("UPDATE outbox o LEFT JOIN messages m ON m.outbox_id = o.id"
                          " SET o.status = 'pending', o.attempts = 0, o.next_attempt_at = UTC_TIMESTAMP(),"
                          " o.claimed_by = NULL, o.claimed_at = NULL, m.state = 'queued'"
                          " WHERE o.id = ? AND o.status = 'failed'", "l", id);
    if (n == 0) {
        char *found;
        if (db_value(r->a, &found, "SELECT id FROM outbox WHERE id = ?", "l", id) != DB_OK) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        /* Not failed (any more): somebody retried it already, or it was sent. */
        return found ? req_fail(r, 409, "not_failed", "conflict")
                     : req_fail(r, 404, "not_found", "not_found");
    }
    if (n < 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "outbox_retry", "outbox", id, "",
                      arena_printf(r->a, "/admin/outbox?status=pending&retried=%lld", id));
}

static int not_allowed(struct req *r, const char *allow)
{
    resp_header(r, "Allow", allow);
    return req_fail(r, 405, "method_not_allowed", "method");
}

static int admin_outbox(struct req *r)
{
    long long id = 0;
    const char *rest = "";
    if (strcmp(r->path, "/admin/outbox") == 0) {
        return r->is_post ? not_allowed(r, "GET, HEAD") : list(r);
    }
    if (!req_path_id(r, "/admin/outbox", &id, &rest) || strcmp(rest, "retry") != 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return not_allowed(r, "POST");
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    return retry(r, id);
}

static const struct screen screen = {
    .name = "admin_outbox", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_outbox,
};

int main(void)
{
    return app_main(&screen);
}
