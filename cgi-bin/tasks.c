/* tasks: "my tasks" — the open activities whose executor is the signed-in
   user (supervisors may look at anyone's with ?user=ID), overdue first,
   then by due date; each can be marked done from the list. Paths: /tasks,
   /tasks/{activity}/done. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "app.h"
#include "cases.h"
#include "catalog.h"
#include "db.h"
#include "view.h"

static int list(struct req *r)
{
    long long user = r->user.id;
    if (req_int(r, "user", 1, 1LL << 62, &user) < 0 ||
        (user != r->user.id && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN))) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    struct db_rows tasks, who, users;
    if (db_select(r->a, &tasks,
                  "SELECT a.id, a.case_id, c.number, c.subject, a.description, a.date, a.start_at,"
                  " a.due_at, a.status, a.percent, p.code AS priority_code,"
                  " " CATALOG_NAME_OF("p") " AS priority,"
                  " COALESCE(a.due_at < UTC_DATE(), 0) AS overdue"
                  " FROM activities a JOIN cases c ON c.id = a.case_id"
                  " LEFT JOIN priorities p ON p.id = COALESCE(a.priority_id, c.priority_id)"
                  " WHERE a.executor_id = ? AND a.status IN ('pending', 'in_progress')"
                  " ORDER BY a.due_at IS NOT NULL AND a.due_at < UTC_DATE() DESC,"
                  " a.due_at IS NULL, a.due_at, p.weight DESC, a.id LIMIT 500",
                  "sl", r->lang, user) != DB_OK ||
        db_select(r->a, &who, "SELECT id, name FROM users WHERE id = ?", "l", user) != DB_OK ||
        db_select(r->a, &users, "SELECT id, name FROM users WHERE active = 1 AND role <> 'customer'"
                  " ORDER BY name", "") != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Tasks", &tasks);
    if (who.n) {
        view_row(r, "Who", &who, 0);
    }
    if (req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        view_rows(r, "Users", &users);
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, "tasks.cs");
}

/* Marks activity id done today, with a history row on its case. The
   executor may, and supervisors and admins. */
static int done(struct req *r, long long id)
{
    struct db_rows a;
    if (db_begin() != DB_OK ||
        db_select(r->a, &a, "SELECT a.case_id, a.executor_id, a.description, a.status, c.episode,"
                  " c.version, c.closed FROM activities a JOIN cases c ON c.id = a.case_id"
                  " WHERE a.id = ? FOR UPDATE", "l", id) != DB_OK || a.n == 0) {
        db_rollback();
        return admin_fail(r, 0);
    }
    const char *executor = db_cell(&a, 0, 1);
    int boss = req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN);
    if ((!executor || strtoll(executor, NULL, 10) != r->user.id) && !boss) {
        db_rollback();
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (*db_cell(&a, 0, 6) == '1' && !boss) {
        db_rollback();
        return req_fail(r, 403, "case_closed", "case_closed");
    }
    long long case_id = strtoll(db_cell(&a, 0, 0), NULL, 10);
    const char *what = db_cell(&a, 0, 2), *was = db_cell(&a, 0, 3);
    const char *old = activity_summary(r, what, was), *now = activity_summary(r, what, "done");
    char today[11];
    time_t t = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", localtime(&t));
    if (strcmp(was, "done") == 0) {
        db_rollback();
        return resp_redirect(r, "/tasks?saved=1");
    }
    if (db_exec("UPDATE activities SET status = 'done', completed_at = ?, percent = 100,"
                " version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?", "sl", today, id) != 1 ||
        case_history(case_id, atoi(db_cell(&a, 0, 4)), r->user.id, atoi(db_cell(&a, 0, 5)),
                     "activity", "changed", old, now, id, id, "") < 0 ||
        db_exec("UPDATE cases SET updated_at = UTC_TIMESTAMP() WHERE id = ?", "l", case_id) < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    const char *back = req_str(r, "back");
    return admin_done(r, "activity_done", "case", case_id, arena_printf(r->a, "activity=%lld", id),
                      strcmp(back, "case") == 0 ? arena_printf(r->a, "/cases/%lld#activities", case_id)
                                                : "/tasks?saved=1");
}

static int tasks(struct req *r)
{
    long long id;
    const char *rest;
    if (strcmp(r->path, "/tasks") == 0) {
        return r->is_post ? req_fail(r, 404, "not_found", "not_found") : list(r);
    }
    if (r->is_post && req_path_id(r, "/tasks", &id, &rest) && strcmp(rest, "done") == 0) {
        return done(r, id);
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "tasks", .roles = ROLES_STAFF, .methods = M_GET | M_POST, .csrf = 1, .handler = tasks,
};

int main(void)
{
    return app_main(&screen);
}
