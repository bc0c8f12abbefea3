/* home: "/" shows the signed-in user what they can reach, and staff their
   dashboard (open cases per status, due managements, the next case to work,
   the next cases ranking); any other path that reaches this screen (nginx's
   fallback location) is a 404 page. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cases.h"
#include "catalog.h"
#include "db.h"
#include "view.h"

/* The modules a role can open, in the order they appear. */
static const struct link {
    const char *key, *href;
    int roles;
} links[] = {
    { "cases", "/cases", ROLES_STAFF },
    { "tasks", "/tasks", ROLES_STAFF },
    { "solutions", "/solutions", ROLES_STAFF },
    { "customers", "/customers", ROLES_STAFF },
    { "reports", "/reports/time", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "agents", "/supervisor/agents", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "users", "/admin/users", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "teams", "/admin/teams", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "areas", "/admin/areas", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "roles", "/admin/roles", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "rules", "/admin/rules", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "catalogs", "/admin/catalogs", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "campaigns", "/admin/campaigns", ROLE_ADMIN | ROLE_SUPERVISOR },
};

/* The staff dashboard (S8): my open cases per status (a bar each, pct of
   the largest), how many are due for their next management, and the next
   case to work: the pending list's first row (the same WHERE and ORDER). */
static int dashboard(struct req *r)
{
    struct db_rows by_status, next;
    if (db_select(r->a, &by_status,
                  "SELECT s.id, s.code, " CATALOG_NAME_OF("s") " AS name, s.portal_state,"
                  " COUNT(*) AS count, ROUND(100 * COUNT(*) / MAX(COUNT(*)) OVER ()) AS pct,"
                  " SUM(" CASE_PENDING_DUE ") AS due"
                  " FROM cases c JOIN statuses s ON s.id = c.status_id WHERE 1 = 1" CASE_PENDING_WHERE
                  " GROUP BY s.id, s.code, s.name_es, s.name_en, s.portal_state, s.position"
                  " ORDER BY s.position, s.id", "sl", r->lang, r->user.id) != DB_OK ||
        db_select(r->a, &next,
                  "SELECT c.id, c.number, c.subject,"
                  " COALESCE(cu.display_name, NULLIF(TRIM(CONCAT(c.requester_first_name, ' ',"
                  " c.requester_last_name)), ''), c.requester_email) AS customer,"
                  " p.code AS priority_code, " CATALOG_NAME_OF("p") " AS priority,"
                  " c.next_at, " CASE_PENDING_DUE " AS due"
                  " FROM cases c JOIN priorities p ON p.id = c.priority_id"
                  " LEFT JOIN customers cu ON cu.id = c.customer_id"
                  " WHERE 1 = 1" CASE_PENDING_WHERE CASE_PENDING_ORDER " LIMIT 1",
                  "sl", r->lang, r->user.id) != DB_OK) {
        return DB_DOWN;
    }
    long long open = 0, due = 0;
    for (int i = 0; i < by_status.n; i++) {
        open += strtoll(db_cell(&by_status, i, 4), NULL, 10);
        due += strtoll(db_cell(&by_status, i, 6), NULL, 10);
    }
    view_rows(r, "Dashboard.by_status", &by_status);
    view_int(r, open, "Dashboard.open");
    view_int(r, due, "Dashboard.due");
    if (next.n) {
        view_row(r, "Dashboard.next", &next, 0);
    }
    return DB_OK;
}

static int home(struct req *r)
{
    if (strcmp(r->path, "/") != 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->user.id) {
        return resp_redirect(r, "/login");
    }
    if (!req_has_role(r, ROLES_STAFF) && !r->want_json) {    /* a customer's home is their portal */
        return resp_redirect(r, "/portal/cases");
    }
    struct db_rows teams;
    if (db_select(r->a, &teams,
                  "SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id"
                  " WHERE m.user_id = ? AND t.active = 1 ORDER BY t.name",
                  "l", r->user.id) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Teams", &teams);
    if (req_has_role(r, ROLES_STAFF)) {
        struct db_rows next;
        if (db_select(r->a, &next, "SELECT c.id, c.number, c.subject, p.code AS priority_code,"
                      " " CATALOG_NAME_OF("p") " AS priority, c.due_at, c.level,"
                      " COALESCE(c.due_at < UTC_DATE(), 0) AS overdue, " CASE_NEXT_SCORE " AS score"
                      " FROM cases c JOIN priorities p ON p.id = c.priority_id WHERE 1 = 1"
                      CASE_NEXT_WHERE " ORDER BY score DESC, c.due_at IS NULL, c.due_at, c.id LIMIT 5",
                      "slil", r->lang, r->user.id, req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN),
                      r->user.id) != DB_OK) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        view_rows(r, "Next", &next);
        if (dashboard(r) != DB_OK) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
    }
    view_list(r, "Links");
    int n = 0;
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        if (req_has_role(r, links[i].roles)) {
            view_str(r, links[i].key, "Links.%d.key", n);
            view_str(r, links[i].href, "Links.%d.href", n);
            n++;
        }
    }
    return view_render(r, "home.cs");
}

/* Public so that unknown paths get a 404 page rather than a sign-in redirect. */
static const struct screen screen = {
    .name = "home", .roles = ROLE_ANON | ROLES_SIGNED_IN, .methods = M_GET,
    .csrf = 0, .handler = home,
};

int main(void)
{
    return app_main(&screen);
}
