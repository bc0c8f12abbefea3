/* attachments: /attachments/{id} downloads a file, only for users allowed
   to see one of the cases whose notes hold it. Staff: every case (or, with
   Cases.agents_restricted, the cases of their areas, teams and their own).
   Portal customers: files of public notes on the cases of their scope. */
#include <string.h>

#include "app.h"
#include "cases.h"
#include "db.h"
#include "files.h"
#include "portal.h"

/* 1 when one of the cases holding the attachment is visible to this user. */
static int allowed(struct req *r, long long id)
{
    struct db_query q;
    struct db_rows rows;
    db_query_init(&q, r->a, "SELECT 1 FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id"
                  " JOIN cases c ON c.id = nc.case_id WHERE 1 = 1");
    db_query_add(&q, " AND a.id = ?", "l", id);
    if (!req_has_role(r, ROLES_STAFF)) {
        struct portal_user p;
        if (portal_user(r, &p) != 1) {
            return 0;
        }
        db_query_add(&q, " AND EXISTS (SELECT 1 FROM notes n WHERE n.id = a.note_id AND n.public = 1)", "");
        portal_scope(&q, &p);
    }
    const char *scope = case_scope_sql(r);
    if (scope) {
        db_query_add(&q, scope, "lll", r->user.id, r->user.id, r->user.id);
    }
    db_query_add(&q, " LIMIT 1", "");
    return db_query_select(r->a, &rows, &q) == DB_OK && rows.n == 1;
}

static int attachments(struct req *r)
{
    long long id;
    const char *rest;
    if (!req_path_id(r, "/attachments", &id, &rest) || *rest) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    /* not allowed looks like not there: an id says nothing about other cases */
    return allowed(r, id) ? file_send(r, id) : req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "attachments", .roles = ROLES_SIGNED_IN, .methods = M_GET, .csrf = 0,
    .handler = attachments,
};

int main(void)
{
    return app_main(&screen);
}
