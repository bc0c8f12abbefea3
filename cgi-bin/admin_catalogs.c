/* admin_catalogs: the catalogs case fields draw from — statuses (with the
   closed flag, the portal state and the initial status), request types,
   priorities (with weight), sources, stages, articles, classes, departments.
   Admins change them; supervisors may read. An item something refers to is
   deactivated, not deleted. Paths: /admin/catalogs, /admin/catalogs/{kind},
   /admin/catalogs/{kind}/{id}, /admin/catalogs/{kind}/{id}/delete. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "catalog.h"
#include "db.h"
#include "view.h"

#define INDEX "admin_catalogs.cs"
#define LIST "admin_catalog.cs"
#define ITEM "admin_catalog_item.cs"

/* Left out by an API client's edit: keep what is stored. */
#define KEEP 2

static const char *const shape_names[] = { "plain", "status", "priority" };
static const char *const extra_columns[] = {
    "", ", closed, portal_state, is_initial", ", weight",
};

struct item_form {
    const char *code, *name_es, *name_en, *position, *portal_state, *weight;
    int active, closed, initial;
};

static int index_page(struct req *r)
{
    for (int i = 0; i < catalog_count; i++) {
        char *n;
        const char *q = arena_printf(r->a, "SELECT COUNT(*) FROM %s", catalogs[i].table);
        if (db_value(r->a, &n, q, "") != DB_OK) {
            return admin_fail(r, DB_DOWN);
        }
        view_str(r, catalogs[i].kind, "Catalogs.%d.kind", i);
        view_int(r, strtoll(n, NULL, 10), "Catalogs.%d.items", i);
    }
    view_list(r, "Catalogs");
    return view_render(r, INDEX);
}

static void view_catalog(struct req *r, const struct catalog *c)
{
    view_str(r, c->kind, "Catalog.kind");
    view_str(r, shape_names[c->shape], "Catalog.shape");
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
}

/* The catalog's items (all of them, or only id) into name. */
static int load_items(struct req *r, const struct catalog *c, long long id, const char *name)
{
    struct db_rows rows;
    const char *q = arena_printf(r->a, "SELECT id, code, name_es, name_en, " CATALOG_NAME " AS name,"
                                 " position, active, version, created_at, updated_at%s FROM %s"
                                 " WHERE ? IN (0, id) ORDER BY position, name_es",
                                 extra_columns[c->shape], c->table);
    if (db_select(r->a, &rows, q, "sl", r->lang, id) != DB_OK) {
        return DB_DOWN;
    }
    if (id) {
        if (rows.n == 1) {
            view_row(r, name, &rows, 0);
        }
        return rows.n;
    }
    view_rows(r, name, &rows);
    return 1;
}

static int list(struct req *r, const struct catalog *c)
{
    if (load_items(r, c, 0, "Items") < 0) {
        return admin_fail(r, DB_DOWN);
    }
    view_catalog(r, c);
    return view_render(r, LIST);
}

static int show(struct req *r, const struct catalog *c, long long id)
{
    int found = load_items(r, c, id, "Item");
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_catalog(r, c);
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, ITEM);
}

static int code_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 16 &&
           strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static int int_ok(const char *s)
{
    const char *p = s + (*s == '-');
    size_t n = strspn(p, "0123456789");
    return n >= 1 && n <= 6 && p[n] == '\0';
}

/* Reads the form; absent values stay NULL / KEEP so an edit keeps them. */
static void parse(struct req *r, const struct catalog *c, struct item_form *f, int creating,
                  struct field_error *fe)
{
    f->code = req_param(r, "code");
    f->name_es = req_str(r, "name_es");
    f->name_en = req_param(r, "name_en");
    if (creating) {
        f->code = f->code ? f->code : "";
        f->name_en = f->name_en ? f->name_en : "";
    }
    f->position = req_param(r, "position");
    f->portal_state = req_param(r, "portal_state");
    f->weight = req_param(r, "weight");
    f->active = req_flag(r, "active", creating ? 1 : KEEP);
    f->closed = req_flag(r, "closed", creating ? 0 : KEEP);
    f->initial = req_flag(r, "initial", creating ? 0 : KEEP);
    if (f->position && !*f->position) {
        f->position = NULL;
    }
    fe->field = fe->key = NULL;
    if (f->code && (*f->code ? !code_ok(f->code) : c->shape == CAT_STATUS)) {
        fe->field = "code", fe->key = "code_invalid";
    } else if (!*f->name_es || strlen(f->name_es) > 100) {
        fe->field = "name_es", fe->key = "catalog_name_required";
    } else if (f->name_en && strlen(f->name_en) > 100) {
        fe->field = "name_en", fe->key = "catalog_name_long";
    } else if (f->position && !int_ok(f->position)) {
        fe->field = "position", fe->key = "number_invalid";
    } else if (f->active < 0 || f->closed < 0 || f->initial < 0) {
        fe->field = f->active < 0 ? "active" : f->closed < 0 ? "closed" : "initial";
        fe->key = "flag_invalid";
    } else if (c->shape == CAT_STATUS && f->portal_state &&
               strcmp(f->portal_state, "pending") && strcmp(f->portal_state, "investigating") &&
               strcmp(f->portal_state, "finished")) {
        fe->field = "portal_state", fe->key = "choice_unknown";
    } else if (c->shape == CAT_PRIORITY && f->weight && !int_ok(f->weight)) {
        fe->field = "weight", fe->key = "number_invalid";
    } else if (c->shape == CAT_STATUS && f->initial == 1 && f->active == 0) {
        fe->field = "active", fe->key = "status_initial_inactive";
    }
}

/* A status's extra rules against what is stored: the initial status stays
   initial (another one is made initial instead), and it is active — also
   when the edit leaves "active" or "initial" as they are. */
static void check_initial(struct req *r, long long id, const struct item_form *f,
                          struct field_error *fe)
{
    struct db_rows st;
    if (fe->field || !id || db_select(r->a, &st, "SELECT is_initial, active FROM statuses"
                                      " WHERE id = ?", "l", id) != DB_OK || st.n == 0) {
        return;
    }
    int was_initial = *db_cell(&st, 0, 0) == '1', was_active = *db_cell(&st, 0, 1) == '1';
    int initial = f->initial == KEEP ? was_initial : f->initial;
    int active = f->active == KEEP ? was_active : f->active;
    if (was_initial && !initial) {
        fe->field = "initial", fe->key = "status_initial_required";
    } else if (initial && !active) {
        fe->field = "active", fe->key = "status_initial_inactive";
    }
}

/* Saves the columns only statuses or priorities have. */
static long long save_extras(const struct catalog *c, long long id, const struct item_form *f)
{
    if (c->shape == CAT_PRIORITY) {
        return db_exec("UPDATE priorities SET weight = COALESCE(?, weight) WHERE id = ?",
                       "sl", f->weight, id);
    }
    if (c->shape != CAT_STATUS) {
        return 0;
    }
    if (f->initial == 1 &&
        db_exec("UPDATE statuses SET is_initial = 0 WHERE is_initial = 1 AND id <> ?", "l", id) < 0) {
        return DB_ERROR;
    }
    return db_exec("UPDATE statuses SET closed = IF(? = 2, closed, ?),"
                   " portal_state = COALESCE(?, portal_state),"
                   " is_initial = IF(? = 2, is_initial, ?) WHERE id = ?", "iisiil",
                   f->closed, f->closed, f->portal_state, f->initial, f->initial, id);
}

/* MariaDB says "Duplicate entry '...' for key 'uq_<table>_code'": the key
   name comes last, so the end of the message tells which key refused. */
static int duplicate_code(void)
{
    const char *m = db_errmsg(), *tail = "_code'";
    size_t n = strlen(m), t = strlen(tail);
    return n >= t && strcmp(m + n - t, tail) == 0;
}

/* What a refused write means for the form. */
static void db_problem(long long rc, struct field_error *fe)
{
    if (rc == DB_DUPLICATE && duplicate_code()) {
        fe->field = "code", fe->key = "code_taken";
    } else if (rc == DB_DUPLICATE) {
        fe->field = "name_es", fe->key = "catalog_name_taken";
    } else if (rc == DB_CONSTRAINT) {
        fe->field = "closed", fe->key = "status_initial_closed";
    }
}

static int invalid(struct req *r, const struct catalog *c, long long id,
                   const struct item_form *f, const struct field_error *fe)
{
    const char *node = id ? "Item" : "Form";
    if (id ? load_items(r, c, id, "Item") <= 0 : load_items(r, c, 0, "Items") < 0) {
        return admin_fail(r, id ? 0 : DB_DOWN);
    }
    view_catalog(r, c);
    view_str(r, f->code, "%s.code", node);
    view_str(r, f->name_es, "%s.name_es", node);
    view_str(r, f->name_en, "%s.name_en", node);
    view_str(r, f->position, "%s.position", node);
    view_str(r, f->weight, "%s.weight", node);
    view_str(r, f->portal_state, "%s.portal_state", node);
    return req_invalid(r, fe->field, fe->key, id ? ITEM : LIST);
}

static int create(struct req *r, const struct catalog *c)
{
    struct item_form f;
    struct field_error fe;
    parse(r, c, &f, 1, &fe);
    if (fe.field) {
        return invalid(r, c, 0, &f, &fe);
    }
    const char *q = arena_printf(r->a, "INSERT INTO %s (code, name_es, name_en, active, position)"
                                 " SELECT NULLIF(?, ''), ?, ?, ?,"
                                 " COALESCE(?, COALESCE(MAX(position), 0) + 10) FROM %s",
                                 c->table, c->table);
    long long id = 0, rc = db_begin();
    if (rc == DB_OK) {
        rc = db_exec(q, "sssis", f.code, f.name_es, f.name_en, f.active, f.position);
    }
    if (rc > 0) {
        id = db_last_id();
        rc = save_extras(c, id, &f);
    }
    if (rc < 0 || db_commit() != DB_OK) {
        db_rollback();
        db_problem(rc, &fe);
        return fe.field ? invalid(r, c, 0, &f, &fe) : admin_fail(r, rc);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "catalog_create", c->table, id, f.name_es);
    if (resp_created(r, arena_printf(r->a, "/admin/catalogs/%s/%lld", c->kind, id)) == 201) {
        load_items(r, c, id, "Item");
        view_catalog(r, c);
        return view_render(r, ITEM);
    }
    return r->status;
}

static int update(struct req *r, const struct catalog *c, long long id)
{
    struct item_form f;
    struct field_error fe;
    long long version;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    parse(r, c, &f, 0, &fe);
    if (c->shape == CAT_STATUS) {
        check_initial(r, id, &f, &fe);
    }
    if (fe.field) {
        return invalid(r, c, id, &f, &fe);
    }
    const char *q = arena_printf(r->a, "UPDATE %s SET code = IF(? IS NULL, code, NULLIF(?, '')),"
                                 " name_es = ?, name_en = COALESCE(?, name_en),"
                                 " position = COALESCE(?, position), active = IF(? = 2, active, ?),"
                                 " version = version + 1, updated_at = UTC_TIMESTAMP()"
                                 " WHERE id = ? AND version = ?", c->table);
    long long n = db_begin();
    if (n == DB_OK) {
        n = db_exec(q, "sssssiill", f.code, f.code, f.name_es, f.name_en, f.position, f.active, f.active,
                    id, version);
    }
    long long rc = n > 0 ? save_extras(c, id, &f) : n;
    if (rc < 0 || n <= 0 || db_commit() != DB_OK) {
        db_rollback();
        db_problem(rc, &fe);
        if (fe.field) {
            return invalid(r, c, id, &f, &fe);
        }
        if (n == 0 && load_items(r, c, id, "Item") > 0) {
            return req_fail(r, 409, "conflict", "conflict");
        }
        return admin_fail(r, n < 0 ? n : rc);
    }
    return admin_done(r, "catalog_update", c->table, id, f.name_es,
                      arena_printf(r->a, "/admin/catalogs/%s/%lld?saved=1", c->kind, id));
}

static int delete_item(struct req *r, const struct catalog *c, long long id)
{
    char *v;
    if (c->shape == CAT_STATUS &&
        db_value(r->a, &v, "SELECT is_initial FROM statuses WHERE id = ?", "l", id) == DB_OK &&
        v && *v == '1') {
        return req_fail(r, 409, "in_use", "status_initial_delete");
    }
    return admin_delete(r, arena_printf(r->a, "DELETE FROM %s WHERE id = ?", c->table), id,
                        "catalog_delete", c->table,
                        arena_printf(r->a, "/admin/catalogs/%s?saved=1", c->kind));
}

static int admin_catalogs(struct req *r)
{
    if (strcmp(r->path, "/admin/catalogs") == 0) {
        if (r->is_post) {
            resp_header(r, "Allow", "GET, HEAD");
            return req_fail(r, 405, "method_not_allowed", "method");
        }
        return index_page(r);
    }
    const char *kind = r->path + strlen("/admin/catalogs/");
    const char *slash = strchr(kind, '/');
    const struct catalog *c = catalog_find(slash ? arena_printf(r->a, "%.*s", (int)(slash - kind), kind)
                                                 : kind);
    long long id = 0;
    const char *rest = "";
    if (!c || (slash && !req_path_id(r, arena_printf(r->a, "/admin/catalogs/%s", c->kind), &id, &rest))) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return *rest ? req_fail(r, 404, "not_found", "not_found") : id ? show(r, c, id) : list(r, c);
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (!id || !*rest) {
        return id ? update(r, c, id) : create(r, c);
    }
    return strcmp(rest, "delete") == 0 ? delete_item(r, c, id)
                                       : req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_catalogs", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_catalogs,
};

int main(void)
{
    return app_main(&screen);
}
