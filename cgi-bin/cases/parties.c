/* parties.c: the case header's "add contact datum" and "add account" (S2):
   /cases/{id}/contact-data and /cases/{id}/accounts add to the case's
   customer, checked by the same rules as /customers; a new account is also
   linked to the case. Either leaves a history row on the case. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "customers.h"
#include "db.h"
#include "screen.h"
#include "view.h"

static const char *const datum_fields[] = { "type", "value", "area_code", "label", "preferred" };
static const char *const account_fields[] = { "number", "product", "status", "opened_at", "detail" };

/* The case view again, the form (node, open) keeping what was sent. */
static int refused(struct req *r, long long id, const char *node, const char *open,
                   const char *const *names, const char **v, const char *field, const char *key)
{
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    for (int i = 0; i < 5; i++) {
        view_str(r, v[i], "%s.%s", node, names[i]);
    }
    view_str(r, open, "Page.open");
    return req_invalid(r, field, key, "case.cs");
}

static int add_datum(struct req *r, long long id, long long customer, const struct db_rows *c)
{
    const char *v[5], *field = NULL;
    for (int i = 0; i < 5; i++) {
        v[i] = req_trimmed(r, datum_fields[i]);
    }
    const char *key = datum_check(r, v, &field);
    if (key) {
        db_rollback();
        return refused(r, id, "NewDatum", "contact", datum_fields, v, field, key);
    }
    if (db_exec(DATUM_INSERT_SQL, "lsssss", customer, v[0], v[1], v[2], v[3], v[4]) != 1) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    long long datum = db_last_id();
    const char *shown = arena_printf(r->a, "%s: %s%s%s", req_text(r, arena_printf(r->a,
                                     "Customers.Datum.%s", v[0])), v[2], *v[2] ? " " : "", v[1]);
    if (db_exec(DATUM_PREFERRED_SQL, "ll", datum, customer) < 0 ||
        case_history(id, atoi(db_cell(c, 0, 1)), r->user.id, atoi(db_cell(c, 0, 2)), "change",
                     "contact_datum", NULL, shown, 0, datum, "") < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "contact_datum_create", "customer", customer, v[1]);
    if (resp_created(r, arena_printf(r->a, "/cases/%lld#contact", id)) == 201) {
        view_int(r, datum, "Datum.id");
        view_int(r, customer, "Datum.customer_id");
        return view_render(r, "case.cs");
    }
    return r->status;
}

static int add_account(struct req *r, long long id, long long customer, const struct db_rows *c)
{
    const char *v[5], *field = NULL;
    for (int i = 0; i < 5; i++) {
        v[i] = req_trimmed(r, account_fields[i]);
    }
    const char *key = account_check(r, v, &field);
    long long n = key ? 0 : db_exec(ACCOUNT_INSERT_SQL, "lsssss", customer, v[0], v[1], v[2], v[3], v[4]);
    if (n == DB_DUPLICATE) {
        key = "account_number_taken", field = "number";
    }
    if (key) {
        db_rollback();
        return refused(r, id, "NewAccount", "account", account_fields, v, field, key);
    }
    long long account = db_last_id();
    int version = atoi(db_cell(c, 0, 2)) + 1;
    char *old = NULL;
    if (n != 1 ||
        db_value(r->a, &old, "SELECT a.number FROM cases c JOIN accounts a ON a.id = c.account_id"
                 " WHERE c.id = ?", "l", id) != DB_OK ||
        db_exec("UPDATE cases SET account_id = ?, version = version + 1, updated_at = UTC_TIMESTAMP()"
                " WHERE id = ?", "ll", account, id) != 1 ||
        case_history(id, atoi(db_cell(c, 0, 1)), r->user.id, version, "change", "account", old,
                     v[0], 0, account, "") < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "account_create", "customer", customer, v[0]);
    if (resp_created(r, arena_printf(r->a, "/cases/%lld?saved=1#customer", id)) == 201) {
        case_brief(r, id);
        view_int(r, account, "Account.id");
        return view_render(r, "case.cs");
    }
    return r->status;
}

int case_parties(struct req *r, long long id, const char *rest)
{
    if (!r->is_post) {
        return req_fail(r, 405, "method_not_allowed", "method");
    }
    struct db_rows c = { 0 };       /* customer_id, episode, version, closed */
    int rc = db_begin() != DB_OK ? DB_DOWN
           : db_select(r->a, &c, "SELECT customer_id, episode, version, closed FROM cases"
                       " WHERE id = ? FOR UPDATE", "l", id);
    if (rc != DB_OK || c.n == 0) {
        db_rollback();
        return admin_fail(r, rc != DB_OK ? DB_DOWN : 0);
    }
    if (*db_cell(&c, 0, 3) == '1' && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        db_rollback();
        return req_fail(r, 403, "case_closed", "case_closed");
    }
    if (!db_cell(&c, 0, 0)) {
        db_rollback();
        return req_fail(r, 422, "no_customer", "case_no_customer");
    }
    long long customer = strtoll(db_cell(&c, 0, 0), NULL, 10);
    return strcmp(rest, "accounts") == 0 ? add_account(r, id, customer, &c)
                                         : add_datum(r, id, customer, &c);
}
