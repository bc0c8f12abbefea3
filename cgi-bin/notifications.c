/* notifications: the bell — the signed-in user's alerts, newest first,
   unread ones marked, each linking to its case; mark one or all read.
   Paths: /notifications, /notifications/{id}/read, /notifications/read. */
#include <string.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "view.h"

static int list(struct req *r)
{
    struct db_rows rows;
    if (db_select(r->a, &rows, "SELECT n.id, n.case_id, c.number, n.kind, n.text, n.created_at,"
                  " n.read_at IS NULL AS unread FROM notifications n LEFT JOIN cases c ON c.id = n.case_id"
                  " WHERE n.user_id = ? ORDER BY n.id DESC LIMIT 200", "l", r->user.id) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Notifications", &rows);
    return view_render(r, "notifications.cs");
}

/* Marks one alert (id) or all of them (0) read; only the user's own. */
static int mark_read(struct req *r, long long id)
{
    long long n = db_exec("UPDATE notifications SET read_at = UTC_TIMESTAMP() WHERE user_id = ?"
                          " AND read_at IS NULL AND (? = 0 OR id = ?)", "lll", r->user.id, id, id);
    if (n < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    const char *next = req_str(r, "next");
    /* back to the case the alert points at, or to the list */
    return resp_redirect(r, *next && req_local_path(next) ? next : "/notifications");
}

static int notifications(struct req *r)
{
    long long id;
    const char *rest;
    if (strcmp(r->path, "/notifications") == 0) {
        return r->is_post ? req_fail(r, 404, "not_found", "not_found") : list(r);
    }
    if (r->is_post && strcmp(r->path, "/notifications/read") == 0) {
        return mark_read(r, 0);
    }
    if (r->is_post && req_path_id(r, "/notifications", &id, &rest) && strcmp(rest, "read") == 0) {
        return mark_read(r, id);
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "notifications", .roles = ROLES_SIGNED_IN, .methods = M_GET | M_POST, .csrf = 1,
    .handler = notifications,
};

int main(void)
{
    return app_main(&screen);
}
