/* list.c: /portal/cases — the cases this portal user may see (their own;
   a portal admin: every case of the organization), newest first, found by
   number or title, filtered by the state the customer sees, in pages. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "screen.h"
#include "view.h"

#define PER_PAGE 20

/* The list's FROM and scope, shared by the count and the page. */
static void scoped(struct req *r, struct db_query *q, const struct portal_user *p,
                   const char *text, const char *state)
{
    db_query_add(q, " FROM cases c JOIN statuses s ON s.id = c.status_id"
                 " LEFT JOIN customers cu ON cu.id = c.customer_id WHERE 1 = 1", "");
    portal_scope(q, p);
    if (*text) {
        db_query_add(q, " AND (c.number = ? OR c.subject LIKE ?)", "ss", text, db_like(r->a, text));
    }
    if (*state) {
        db_query_add(q, " AND s.portal_state = ?", "s", state);
    }
}

int portal_list(struct req *r, const struct portal_user *p)
{
    const char *text = req_trimmed(r, "q"), *state = req_str(r, "state");
    long long page;
    if (req_int(r, "page", 1, 100000, &page) < 0 ||
        (*state && strcmp(state, "pending") && strcmp(state, "investigating") &&
         strcmp(state, "finished"))) {
        return req_fail(r, 400, "bad_filter", "bad_filter");
    }
    if (page < 1) {
        page = 1;
    }
    struct db_query count, list;
    struct db_rows total, rows;
    db_query_init(&count, r->a, "SELECT COUNT(*)");
    scoped(r, &count, p, text, state);
    db_query_init(&list, r->a, "SELECT c.id, c.number, c.created_at AS opened_at, c.subject AS title,"
                  " s.portal_state AS state, cu.display_name AS user");
    scoped(r, &list, p, text, state);
    db_query_add(&list, " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?", "ll",
                 (long long)PER_PAGE, (page - 1) * PER_PAGE);
    if (db_query_select(r->a, &total, &count) != DB_OK || db_query_select(r->a, &rows, &list) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    view_rows(r, "Cases", &rows);
    view_pager(r, strtoll(db_cell(&total, 0, 0), NULL, 10), page, PER_PAGE);
    view_str(r, text, "Filter.q");
    view_str(r, state, "Filter.state");
    view_bool(r, p->admin && p->organization, "Portal.org_wide");
    return view_render(r, "portal_cases.cs");
}
