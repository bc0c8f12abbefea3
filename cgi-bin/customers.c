/* customers: persons and organizations, with their contact data, accounts
   and (organizations) contacts. Staff search, create and edit them;
   supervisors and admins may delete one that nothing refers to. Paths:
   /customers (search), /customers/new, /customers/{id}, /customers/{id}/delete,
   /customers/{id}/{contact-data|accounts|contacts}[/{item}[/delete]],
   /customers/match (customers/match.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "app.h"
#include "catalog.h"
#include "customers.h"
#include "customers/screen.h"
#include "db.h"
#include "view.h"

#define LIST "customers.cs"
#define FORM "customer_form.cs"
#define VIEW "customer.cs"
#define PART "customer_part.cs"
#define PER_PAGE 25

/* The rows a customer owns, each edited the same way: read the fields,
   check them, insert or update with one statement. */
struct part {
    const char *path, *node, *list_node, *object;
    const char *fields[5];
    const char *select_sql;     /* (id, customer) */
    const char *insert_sql;     /* (customer, fields...) */
    const char *update_sql;     /* (fields..., id, customer, version) */
    const char *delete_sql;     /* (id, customer) */
    const char *after_sql;      /* (customer, id) after a save, or NULL */
    int detail;                 /* the field the audit row names */
    int org_only;               /* only organizations have these */
    const char *(*check)(struct req *r, const char **v, const char **field);
};

static const char *check_contact(struct req *r, const char **v, const char **field);

static const struct part parts[] = {
    { "contact-data", "Datum", "ContactData", "contact_datum",
      { "type", "value", "area_code", "label", "preferred" },
      "SELECT id, type, value, area_code, label, preferred, version FROM contact_data"
      " WHERE id = ? AND customer_id = ?",
      DATUM_INSERT_SQL,
      "UPDATE contact_data SET type = ?, value = ?, area_code = ?, label = ?, preferred = ?,"
      " version = version + 1, updated_at = UTC_TIMESTAMP()"
      " WHERE id = ? AND customer_id = ? AND version = ?",
      "DELETE FROM contact_data WHERE id = ? AND customer_id = ?",
      DATUM_PREFERRED_SQL, 1, 0, datum_check },
    { "accounts", "Account", "Accounts", "account",
      { "number", "product", "status", "opened_at", "detail" },
      "SELECT id, number, product, status, opened_at, detail, version FROM accounts"
      " WHERE id = ? AND customer_id = ?",
      ACCOUNT_INSERT_SQL,
      "UPDATE accounts SET number = ?, product = ?, status = ?, opened_at = NULLIF(?, ''),"
      " detail = ?, version = version + 1, updated_at = UTC_TIMESTAMP()"
      " WHERE id = ? AND customer_id = ? AND version = ?",
      "DELETE FROM accounts WHERE id = ? AND customer_id = ?", NULL, 0, 0, account_check },
    { "contacts", "Contact", "Contacts", "contact",
      { "name", "job_title", "email", "phone", "mobile" },
      "SELECT id, name, job_title, email, phone, mobile, version FROM contacts"
      " WHERE id = ? AND customer_id = ?",
      "INSERT INTO contacts (customer_id, name, job_title, email, phone, mobile)"
      " VALUES (?, ?, ?, ?, ?, ?)",
      "UPDATE contacts SET name = ?, job_title = ?, email = ?, phone = ?, mobile = ?,"
      " version = version + 1, updated_at = UTC_TIMESTAMP()"
      " WHERE id = ? AND customer_id = ? AND version = ?",
      "DELETE FROM contacts WHERE id = ? AND customer_id = ?", NULL, 0, 1, check_contact },
};

static const char *check_contact(struct req *r, const char **v, const char **field)
{
    const char *ignore;
    *field = !*v[0] || strlen(v[0]) > 200 ? "name"
           : strlen(v[1]) > 100 ? "job_title"
           : !email_valid(v[2]) ? "email" : NULL;
    if (*field) {
        return strcmp(*field, "name") == 0 ? "name_required"
             : strcmp(*field, "email") == 0 ? "email_invalid" : "text_long";
    }
    for (int i = 3; i <= 4; i++) {
        if (*v[i] && datum_problem(r->a, "mobile", &v[i], "", &ignore)) {
            *field = i == 3 ? "phone" : "mobile";
            return "datum_phone_invalid";
        }
    }
    return NULL;
}

/* Where a save goes back to: the page whose form sent it (return, a local
   path such as a case view's contact tab), else the customer's own page. */
static const char *after(struct req *r, const char *own)
{
    const char *back = req_str(r, "return");
    return *back && req_local_path(back) ? back : own;
}

static int list(struct req *r)
{
    const char *q = req_str(r, "q");
    long long page = 1, total;
    req_int(r, "page", 1, 100000, &page);
    char *like = db_like(r->a, q), *digits = db_like(r->a, search_digits(r->a, q)), *n;
    char *doc = db_like(r->a, search_document(r->a, q));
    struct db_rows rows;
#define MATCH " WHERE (? = '' OR c.display_name LIKE ? OR c.doc_number LIKE ? OR c.doc_number LIKE ? OR EXISTS" \
    " (SELECT 1 FROM contact_data d WHERE d.customer_id = c.id AND (d.value LIKE ? OR d.value LIKE ?)))"
    if (db_value(r->a, &n, "SELECT COUNT(*) FROM customers c" MATCH, "ssssss",
                 q, like, doc, digits, like, digits) != DB_OK ||
        db_select(r->a, &rows,
                  "SELECT c.id, c.kind, c.display_name, t.code AS doc_type, c.doc_number,"
                  " o.display_name AS organization, c.created_at,"
                  " (SELECT d.value FROM contact_data d WHERE d.customer_id = c.id AND d.type = 'email'"
                  "  ORDER BY d.preferred DESC, d.id LIMIT 1) AS email,"
                  " (SELECT d.value FROM contact_data d WHERE d.customer_id = c.id"
                  "  AND d.type IN ('mobile', 'phone') ORDER BY d.preferred DESC, d.id LIMIT 1) AS phone"
                  " FROM customers c LEFT JOIN document_types t ON t.id = c.doc_type_id"
                  " LEFT JOIN customers o ON o.id = c.organization_id" MATCH
                  " ORDER BY c.display_name, c.id LIMIT ? OFFSET ?", "ssssssll",
                  q, like, doc, digits, like, digits, (long long)PER_PAGE,
                  (page - 1) * PER_PAGE) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
#undef MATCH
    total = strtoll(n, NULL, 10);
    view_rows(r, "Customers", &rows);
    view_pager(r, total, page, PER_PAGE);
    view_str(r, q, "Search.q");
    return view_render(r, LIST);
}

/* What the customer form offers: document types and, for persons, the
   organization (by id, picked with the search assistant). */
static int load_options(struct req *r, long long doc_type, long long organization)
{
    char *org = NULL;
    if (catalog_options(r, catalog_find("doc_types"), "Options.doc_types", doc_type) != DB_OK ||
        (organization > 0 &&
         db_value(r->a, &org, "SELECT display_name FROM customers WHERE id = ?", "l",
                  organization) != DB_OK)) {
        return DB_DOWN;
    }
    view_str(r, org, "Form.organization_name");
    return DB_OK;
}

static void echo(struct req *r, const struct customer_form *f)
{
    const char *names[] = { "kind", "doc_number", "first_name", "second_name", "first_surname",
                            "second_surname", "legal_name", "birth_date", "sex" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        view_str(r, req_str(r, names[i]), "Form.%s", names[i]);
    }
    view_int(r, f->doc_type, "Form.doc_type");
    view_int(r, f->organization, "Form.organization");
}

static int blank(struct req *r)
{
    long long org = 0;
    req_int(r, "organization", 1, 1LL << 62, &org);
    view_str(r, strcmp(req_str(r, "kind"), "organization") ? "person" : "organization", "Form.kind");
    view_int(r, org, "Form.organization");
    return load_options(r, 0, org) == DB_OK ? view_render(r, FORM) : admin_fail(r, DB_DOWN);
}

/* The customer, everything it owns, and the options of its form. */
static int load(struct req *r, long long id)
{
    struct db_rows c, data, accounts, contacts, members, cases;
    if (db_select(r->a, &c,
                  "SELECT c.id, c.kind, c.display_name, c.doc_type_id AS doc_type, t.code AS doc_code,"
                  " " CATALOG_NAME_OF("t") " AS doc_type_name, c.doc_number, c.first_name,"
                  " c.second_name, c.first_surname, c.second_surname, c.legal_name, c.birth_date,"
                  " c.sex, c.organization_id AS organization, o.display_name AS organization_name,"
                  " c.active, c.version, c.created_at, c.updated_at, u.name AS created_by"
                  " FROM customers c LEFT JOIN document_types t ON t.id = c.doc_type_id"
                  " LEFT JOIN customers o ON o.id = c.organization_id"
                  " LEFT JOIN users u ON u.id = c.created_by WHERE c.id = ?", "sl", r->lang, id) != DB_OK ||
        db_select(r->a, &data, "SELECT id, type, value, area_code, label, preferred, version"
                  " FROM contact_data WHERE customer_id = ? ORDER BY FIELD(type, 'email', 'mobile',"
                  " 'phone', 'address', 'social'), preferred DESC, id", "l", id) != DB_OK ||
        db_select(r->a, &accounts, "SELECT id, number, product, status, opened_at, detail, version"
                  " FROM accounts WHERE customer_id = ? ORDER BY status = 'closed', number", "l", id) != DB_OK ||
        db_select(r->a, &contacts, "SELECT id, name, job_title, email, phone, mobile, version"
                  " FROM contacts WHERE customer_id = ? ORDER BY name", "l", id) != DB_OK ||
        db_select(r->a, &members, "SELECT id, display_name FROM customers"
                  " WHERE organization_id = ? ORDER BY display_name LIMIT 200", "l", id) != DB_OK ||
        db_select(r->a, &cases, "SELECT c.id, c.number, c.subject, s.code AS status_code,"
                  " s.portal_state, c.closed, c.created_at FROM cases c"
                  " JOIN statuses s ON s.id = c.status_id WHERE c.customer_id = ?"
                  " ORDER BY c.created_at DESC LIMIT 50", "l", id) != DB_OK) {
        return DB_DOWN;
    }
    if (c.n == 0) {
        return 0;
    }
    view_row(r, "Customer", &c, 0);
    view_row(r, "Form", &c, 0);
    view_rows(r, "ContactData", &data);
    view_rows(r, "Accounts", &accounts);
    view_rows(r, "Contacts", &contacts);
    view_rows(r, "Members", &members);
    view_rows(r, "Cases", &cases);
    view_bool(r, req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN), "Page.can_delete");
    const char *dt = db_cell(&c, 0, 3), *org = db_cell(&c, 0, 14);
    return load_options(r, dt ? strtoll(dt, NULL, 10) : 0, org ? strtoll(org, NULL, 10) : 0)
           == DB_OK ? 1 : DB_DOWN;
}

static int show(struct req *r, long long id)
{
    int found = load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    long long org;
    if (req_int(r, "organization", 1, 1LL << 62, &org) == 1 && load_options(r, 0, org) == DB_OK) {
        view_int(r, org, "Form.organization");      /* picked in the search assistant */
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, VIEW);
}

static int save(struct req *r, long long id)
{
    struct customer_form f;
    struct field_error fe;
    long long version = 0;
    if (id && req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    customer_read(r, &f);
    customer_check(r, &f, id, &fe);
    long long n = fe.field ? 0 : customer_save(&f, id, version, r->user.id);
    if (n == DB_DUPLICATE) {
        fe.field = "doc_number", fe.key = "document_taken";
    }
    if (fe.field) {
        if (id && load(r, id) <= 0) {
            return admin_fail(r, 0);
        }
        if (!id && load_options(r, f.doc_type, f.organization) != DB_OK) {
            return admin_fail(r, DB_DOWN);
        }
        echo(r, &f);
        return req_invalid(r, fe.field, fe.key, id ? VIEW : FORM);
    }
    if (n == 0 && id && load(r, id) > 0) {
        return req_fail(r, 409, "conflict", "conflict");
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    const char *name = *f.legal_name ? f.legal_name
                     : arena_printf(r->a, "%s %s", f.first_name, f.first_surname);
    if (id) {
        return admin_done(r, "customer_update", "customer", id, name,
                          after(r, arena_printf(r->a, "/customers/%lld?saved=1", id)));
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "customer_create", "customer", n, name);
    if (resp_created(r, arena_printf(r->a, "/customers/%lld", n)) == 201) {
        load(r, n);
        return view_render(r, VIEW);
    }
    return r->status;
}

/* Reads a part's fields (trimmed) from the request. */
static void part_read(struct req *r, const struct part *p, const char **v)
{
    for (int i = 0; i < 5; i++) {
        v[i] = req_trimmed(r, p->fields[i]);
    }
}

static int part_show(struct req *r, const struct part *p, long long id, long long item)
{
    struct db_rows row;
    int found = load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    if (db_select(r->a, &row, p->select_sql, "ll", item, id) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    if (row.n == 0) {
        return admin_fail(r, 0);
    }
    view_row(r, p->node, &row, 0);
    view_str(r, p->path, "Part.path");
    view_str(r, p->node, "Part.node");
    view_int(r, item, "Part.id");
    view_str(r, after(r, ""), "Part.return");
    return view_render(r, PART);
}

static int part_save(struct req *r, const struct part *p, long long id, long long item)
{
    const char *v[5], *field = NULL, *key;
    long long version = 0, n;
    if (item && req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    part_read(r, p, v);
    key = p->check(r, v, &field);
    char *kind = NULL;
    if (!key && p->org_only && (db_value(r->a, &kind, "SELECT kind FROM customers WHERE id = ?", "l", id)
                                != DB_OK || !kind || strcmp(kind, "organization") != 0)) {
        if (!kind) {
            return admin_fail(r, 0);
        }
        key = "contacts_organization_only", field = "name";
    }
    if (!key) {
        n = item ? db_exec(p->update_sql, "ssssslll", v[0], v[1], v[2], v[3], v[4], item, id, version)
                 : db_exec(p->insert_sql, "lsssss", id, v[0], v[1], v[2], v[3], v[4]);
        if (n == DB_DUPLICATE) {
            key = "account_number_taken", field = "number";
        } else if (n == DB_CONSTRAINT && !item) {
            return admin_fail(r, 0);      /* no such customer */
        }
    }
    if (key) {
        int found = load(r, id);
        if (found <= 0) {
            return admin_fail(r, found);
        }
        for (int i = 0; i < 5; i++) {
            view_str(r, v[i], "%s.%s", item ? p->node : "New", p->fields[i]);
        }
        view_str(r, p->path, "Part.path");
        view_str(r, p->node, "Part.node");
        view_int(r, item, "Part.id");
        view_str(r, after(r, ""), "Part.return");
        view_int(r, version, "%s.version", p->node);
        view_str(r, p->path, "Page.open");
        return req_invalid(r, field, key, item ? PART : VIEW);
    }
    if (n == 0 && item) {
        struct db_rows row;
        int exists = db_select(r->a, &row, p->select_sql, "ll", item, id) == DB_OK && row.n;
        return exists ? req_fail(r, 409, "conflict", "conflict") : admin_fail(r, 0);
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    long long saved = item ? item : db_last_id();
    if (p->after_sql) {
        db_exec(p->after_sql, "ll", saved, id);
    }
    const char *action = arena_printf(r->a, "%s_%s", p->object, item ? "update" : "create");
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), action, "customer", id, v[p->detail]);
    const char *back = after(r, arena_printf(r->a, "/customers/%lld?saved=1#%s", id, p->path));
    if (!item && resp_created(r, arena_printf(r->a, "/customers/%lld/%s/%lld", id, p->path, saved)) == 201) {
        return part_show(r, p, id, saved);
    }
    return item ? resp_redirect(r, back) : r->status;
}

static int part_delete(struct req *r, const struct part *p, long long id, long long item)
{
    long long n = db_exec(p->delete_sql, "ll", item, id);
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, arena_printf(r->a, "%s_delete", p->object), "customer", id,
                      arena_printf(r->a, "%s=%lld", p->object, item),
                      after(r, arena_printf(r->a, "/customers/%lld?saved=1#%s", id, p->path)));
}

/* rest = "<part>[/<item>[/delete]]": the part, *item and *del. */
static const struct part *part_of(const char *rest, long long *item, int *del)
{
    *item = 0, *del = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        size_t n = strlen(parts[i].path);
        if (strncmp(rest, parts[i].path, n) != 0 || (rest[n] && rest[n] != '/')) {
            continue;
        }
        if (!rest[n]) {
            return &parts[i];
        }
        char *end;
        *item = strtoll(rest + n + 1, &end, 10);
        *del = strcmp(end, "/delete") == 0;
        return *item > 0 && (*del || !*end) ? &parts[i] : NULL;
    }
    return NULL;
}

static int customers(struct req *r)
{
    long long id = 0, item;
    const char *rest = "";
    int del, is_list = strcmp(r->path, "/customers") == 0, is_new = strcmp(r->path, "/customers/new") == 0;
    if (strcmp(r->path, "/customers/match") == 0) {
        return customer_match(r);
    }
    if (!is_list && !is_new && !req_path_id(r, "/customers", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (is_list || is_new || !*rest) {
        if (!r->is_post) {
            return is_list ? list(r) : is_new ? blank(r) : show(r, id);
        }
        return save(r, id);
    }
    if (strcmp(rest, "delete") == 0 && r->is_post) {
        if (!req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
            return req_fail(r, 403, "forbidden", "forbidden");
        }
        return admin_delete(r, "DELETE FROM customers WHERE id = ?", id, "customer_delete",
                            "customer", "/customers");
    }
    const struct part *p = part_of(rest, &item, &del);
    if (!p || (del && !r->is_post) || (!item && !r->is_post)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return part_show(r, p, id, item);
    }
    return del ? part_delete(r, p, id, item) : part_save(r, p, id, item);
}

static const struct screen screen = {
    .name = "customers", .roles = ROLES_STAFF, .methods = M_GET | M_POST,
    .csrf = 1, .handler = customers,
};

int main(void)
{
    return app_main(&screen);
}
