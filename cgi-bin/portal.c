/* portal: the customer portal (P1–P5). A portal user opens cases, follows
   them in the three states the customer sees (Pendiente, En investigación,
   Finalizado), adds information and prints them. Customers only; every
   query is scoped to the user's cases (a portal admin: the organization's)
   in SQL, and anything outside that scope answers 404.
   Paths: /portal, /portal/cases, /portal/cases/new, /portal/cases/{id},
   /portal/cases/{id}/print, /portal/cases/{id}/notes. */
#include <string.h>

#include "admin.h"
#include "app.h"
#include "conf.h"
#include "portal/screen.h"

static int portal(struct req *r)
{
    struct portal_user p;
    int linked = portal_user(r, &p);
    if (linked < 0) {
        return admin_fail(r, DB_DOWN);
    }
    if (!linked) {
        return req_fail(r, 403, "forbidden", "portal_no_access");
    }
    if (strcmp(r->path, "/portal") == 0 || strcmp(r->path, "/portal/") == 0) {
        return r->is_post ? req_fail(r, 404, "not_found", "not_found")
                          : resp_redirect(r, "/portal/cases");
    }
    if (strcmp(r->path, "/portal/cases") == 0) {
        return r->is_post ? portal_create(r, &p) : portal_list(r, &p);
    }
    if (strcmp(r->path, "/portal/cases/new") == 0) {
        return r->is_post ? portal_create(r, &p) : portal_blank(r, &p);
    }
    long long id;
    const char *rest;
    if (!req_path_id(r, "/portal/cases", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    /* another customer's case is not there: 404, never 403 */
    int visible = portal_case_visible(r, &p, id);
    if (visible <= 0) {
        return admin_fail(r, visible);
    }
    if (!*rest) {
        return r->is_post ? portal_add_info(r, &p, id) : portal_show(r, &p, id, 0);
    }
    if (strcmp(rest, "notes") == 0 && r->is_post) {
        return portal_add_info(r, &p, id);
    }
    if (strcmp(rest, "print") == 0 && !r->is_post) {
        return portal_show(r, &p, id, 1);
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "portal", .roles = ROLE_CUSTOMER, .methods = M_GET | M_POST, .csrf = 1,
    .handler = portal, .max_file = &conf.max_file_portal,
};

int main(void)
{
    return app_main(&screen);
}
