/* portal.c: the portal user's identity and scope. Every portal query goes
   through portal_scope, so the rule "a customer sees only their cases (a
   portal admin: their organization's)" lives in one place, in SQL. */
#include "portal.h"

#include <stdlib.h>

int portal_user(struct req *r, struct portal_user *p)
{
    struct db_rows row;
    *p = (struct portal_user){ 0 };
    if (!(r->user.role & ROLE_CUSTOMER)) {
        return 0;
    }
    if (db_select(r->a, &row, "SELECT cu.id, COALESCE(cu.organization_id, 0), u.portal_admin"
                  " FROM users u JOIN customers cu ON cu.id = u.customer_id AND cu.active = 1"
                  " WHERE u.id = ? AND u.role = 'customer' AND u.active = 1", "l", r->user.id) != DB_OK) {
        return DB_DOWN;
    }
    if (row.n == 0) {
        return 0;
    }
    p->customer = strtoll(db_cell(&row, 0, 0), NULL, 10);
    p->organization = strtoll(db_cell(&row, 0, 1), NULL, 10);
    p->admin = *db_cell(&row, 0, 2) == '1';
    return 1;
}

void portal_scope(struct db_query *q, const struct portal_user *p)
{
    if (p->admin && p->organization) {
        db_query_add(q, " AND c.customer_id IN (SELECT o.id FROM customers o"
                     " WHERE o.id = ? OR o.organization_id = ?)", "ll", p->organization, p->organization);
    } else {
        db_query_add(q, " AND c.customer_id = ?", "l", p->customer);
    }
}

int portal_case_visible(struct req *r, const struct portal_user *p, long long id)
{
    struct db_query q;
    struct db_rows rows;
    db_query_init(&q, r->a, "SELECT 1 FROM cases c WHERE c.id = ?");
    db_query_add(&q, "", "l", id);
    portal_scope(&q, p);
    if (db_query_select(r->a, &rows, &q) != DB_OK) {
        return DB_DOWN;
    }
    return rows.n == 1;
}
