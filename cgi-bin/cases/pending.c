/* pending.c: /cases/pending — the manual's "Listado de Casos Pendientes":
   the signed-in user's open cases (supervisors and admins: anyone's, with
   ?user=ID) in the order they are to be worked (CASE_PENDING_ORDER): the
   cases whose next management has come first, so a case comes back to the
   top at the time the customer asked to be called again. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "catalog.h"
#include "db.h"
#include "screen.h"
#include "view.h"

#define PER_PAGE 50

/* Whose list: the user's own, or for supervisors and admins ?user=ID.
   0 when refused (403 set), -1 when malformed (400 set). */
static long long whose(struct req *r)
{
    long long user = r->user.id;
    if (req_int(r, "user", 1, 1LL << 62, &user) < 0) {
        req_fail(r, 400, "bad_request", "bad_request");
        return -1;
    }
    if (user != r->user.id && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        req_fail(r, 403, "forbidden", "forbidden");
        return 0;
    }
    return user;
}

/* Who the list is of, and for supervisors the staff to choose from. */
static int people(struct req *r, long long user)
{
    struct db_rows who, staff;
    if (db_select(r->a, &who, "SELECT id, name FROM users WHERE id = ?", "l", user) != DB_OK) {
        return DB_DOWN;
    }
    if (who.n) {
        view_row(r, "Who", &who, 0);
    }
    if (req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        if (db_select_memo(r->a, &staff, "SELECT id, name FROM users WHERE active = 1"
                           " AND role IN ('agent', 'supervisor', 'admin') ORDER BY name", "") != DB_OK) {
            return DB_DOWN;
        }
        view_rows(r, "Users", &staff);
    }
    return DB_OK;
}

int case_pending(struct req *r)
{
    if (r->is_post) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    long long page = 1, user = whose(r);
    if (user <= 0) {
        return r->status;
    }
    if (req_int(r, "page", 1, 1000000, &page) < 0) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    struct db_rows rows, n;
    if (db_select(r->a, &n, "SELECT COUNT(*), COALESCE(SUM(" CASE_PENDING_DUE "), 0) FROM cases c"
                  " WHERE 1 = 1" CASE_PENDING_WHERE, "l", user) != DB_OK ||
        db_select(r->a, &rows,
                  "SELECT c.id, c.number, c.subject,"
                  " COALESCE(cu.display_name, NULLIF(TRIM(CONCAT(c.requester_first_name, ' ',"
                  " c.requester_last_name)), ''), c.requester_email) AS customer,"
                  " s.code AS status_code, " CATALOG_NAME_OF("s") " AS status, s.portal_state,"
                  " p.code AS priority_code, " CATALOG_NAME_OF("p") " AS priority,"
                  " c.next_at, " CASE_PENDING_DUE " AS due, c.created_at,"
                  " TIMESTAMPDIFF(SECOND, c.created_at, UTC_TIMESTAMP()) AS age_seconds,"
                  " c.campaign_id, cp.name AS campaign"
                  " FROM cases c JOIN statuses s ON s.id = c.status_id"
                  " JOIN priorities p ON p.id = c.priority_id"
                  " LEFT JOIN customers cu ON cu.id = c.customer_id"
                  " LEFT JOIN campaigns cp ON cp.id = c.campaign_id"
                  " WHERE 1 = 1" CASE_PENDING_WHERE CASE_PENDING_ORDER " LIMIT ? OFFSET ?",
                  "sslll", r->lang, r->lang, user, (long long)PER_PAGE, (page - 1) * PER_PAGE) != DB_OK ||
        people(r, user) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Cases", &rows);
    view_pager(r, strtoll(db_cell(&n, 0, 0), NULL, 10), page, PER_PAGE);
    view_int(r, strtoll(db_cell(&n, 0, 1), NULL, 10), "Pending.due");
    view_str(r, user != r->user.id ? arena_printf(r->a, "user=%lld&", user) : "", "Filter.query");
    return view_render(r, "cases_pending.cs");
}
