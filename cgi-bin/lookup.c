/* lookup: the search assistant (the manuals' magnifier) for the customer,
   contact, coordinator and executor fields. As JSON it feeds the type-ahead;
   as a page it works without JavaScript: each result links back to the form
   (back) with the choice in its field. Paths: /lookup/customers (kind=person
   |organization), /lookup/contacts (customer=ID), /lookup/users. */
#include <string.h>

#include "app.h"
#include "db.h"
#include "view.h"

#define LIMIT 20

static int field_name(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 40 && strspn(s, "abcdefghijklmnopqrstuvwxyz_") == n;
}

static int find(struct req *r, const char *what, const char *q, struct db_rows *rows)
{
    const char *like = db_like(r->a, q);
    if (strcmp(what, "customers") == 0) {
        const char *kind = req_str(r, "kind");
        return db_select(r->a, rows,
                         "SELECT c.id, c.display_name AS label,"
                         " CONCAT_WS(' ', t.code, c.doc_number) AS detail, c.kind"
                         " FROM customers c LEFT JOIN document_types t ON t.id = c.doc_type_id"
                         " WHERE c.active = 1 AND (? = '' OR c.kind = ?)"
                         " AND (c.display_name LIKE ? OR c.doc_number LIKE ?)"
                         " ORDER BY c.display_name LIMIT 20", "ssss", kind, kind, like, like);
    }
    if (strcmp(what, "contacts") == 0) {
        long long customer = 0;
        req_int(r, "customer", 1, 1LL << 62, &customer);
        return db_select(r->a, rows,
                         "SELECT ct.id, ct.name AS label,"
                         " CONCAT_WS(' · ', NULLIF(ct.job_title, ''), c.display_name) AS detail,"
                         " ct.customer_id FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                         " WHERE ct.active = 1 AND (? = 0 OR ct.customer_id = ?) AND ct.name LIKE ?"
                         " ORDER BY ct.name LIMIT 20", "lls", customer, customer, like);
    }
    return db_select(r->a, rows,
                     "SELECT id, name AS label, login AS detail, role FROM users"
                     " WHERE active = 1 AND role <> 'customer' AND (name LIKE ? OR login LIKE ?)"
                     " ORDER BY name LIMIT 20", "ss", like, like);
}

static int lookup(struct req *r)
{
    const char *what = r->path + strlen("/lookup/");
    if (strncmp(r->path, "/lookup/", 8) != 0 ||
        (strcmp(what, "customers") && strcmp(what, "contacts") && strcmp(what, "users"))) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    const char *q = req_str(r, "q"), *back = req_str(r, "back"), *field = req_str(r, "field");
    if ((*back && !req_local_path(back)) || (*field && !field_name(field))) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    struct db_rows rows;
    if (find(r, what, q, &rows) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Results", &rows);
    if (*back && *field) {
        const char *sep = strchr(back, '?') ? "&" : "?";
        for (int i = 0; i < rows.n; i++) {
            view_str(r, arena_printf(r->a, "%s%s%s=%s", back, sep, field, db_cell(&rows, i, 0)),
                     "Results.%d.pick", i);
        }
    }
    view_str(r, what, "Lookup.what");
    view_str(r, q, "Lookup.q");
    view_str(r, back, "Lookup.back");
    view_str(r, field, "Lookup.field");
    view_str(r, req_str(r, "kind"), "Lookup.kind");
    view_str(r, req_str(r, "customer"), "Lookup.customer");
    view_bool(r, rows.n == LIMIT, "Lookup.more");
    return view_render(r, "lookup.cs");
}

static const struct screen screen = {
    .name = "lookup", .roles = ROLES_STAFF, .methods = M_GET, .csrf = 0, .handler = lookup,
};

int main(void)
{
    return app_main(&screen);
}
