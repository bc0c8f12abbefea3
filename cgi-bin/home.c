/* home: "/" shows the signed-in user what they can reach; any other path that
   reaches this screen (nginx's fallback location) is a 404 page. */
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
    { "users", "/admin/users", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "teams", "/admin/teams", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "areas", "/admin/areas", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "roles", "/admin/roles", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "rules", "/admin/rules", ROLE_ADMIN | ROLE_SUPERVISOR },
    { "catalogs", "/admin/catalogs", ROLE_ADMIN | ROLE_SUPERVISOR },
};

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
