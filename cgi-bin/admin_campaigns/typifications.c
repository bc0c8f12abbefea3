/* typifications.c: a campaign's typification tree (tipificación: the
   outcomes of a contact, the "caminos preestablecidos por el supervisor" of
   the management form). Outcome names are unique among siblings; only a
   leaf closes the case or asks for a next management, never both; an
   outcome that does either gets no sub-levels (adding one is refused, not
   silently un-flagging it); a parent comes from the same campaign and never
   from the outcome's own branch. Paths: /admin/typifications,
   /admin/typifications/{campaign}, /admin/typifications/{campaign}/{id},
   /admin/typifications/{campaign}/{id}/delete. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "campaigns.h"
#include "db.h"
#include "screen.h"
#include "view.h"

#define INDEX "admin_typifications.cs"
#define TREE "admin_typification_tree.cs"

/* Left out by an API client's edit: keep what is stored. */
#define KEEP 2

struct node_form {
    const char *name, *position;    /* position NULL: last among siblings / keep */
    long long parent;               /* 0: first level; -1: keep */
    int active, closes_case, requires_next;
};

struct tree {
    struct typification *t;
    int n;
};

/* Campaign cid into Campaign.{id, name, active} and its whole tree into
   Tree (and *tr). 1 found, 0 not, <0 db failure. */
static int load(struct req *r, long long cid, struct tree *tr)
{
    struct db_rows c;
    if (db_select(r->a, &c, "SELECT id, name, active FROM campaigns WHERE id = ?", "l", cid) != DB_OK) {
        return DB_DOWN;
    }
    if (c.n == 0) {
        return 0;
    }
    tr->n = typification_tree(r, cid, TREE_ALL, &tr->t);
    if (tr->n < 0) {
        return tr->n;
    }
    view_row(r, "Campaign", &c, 0);
    typification_view(r, "Tree", tr->t, tr->n, 1);
    view_bool(r, 1, "Page.editable");   /* everyone this screen admits writes */
    return 1;
}

/* The index of outcome id in the tree, or -1. */
static int find(const struct tree *tr, long long id)
{
    for (int i = 0; i < tr->n; i++) {
        if (tr->t[i].id == id) {
            return i;
        }
    }
    return -1;
}

/* 1 when the outcome at index j is i itself or inside its branch (in
   tree order a branch is the run after i that is deeper than i). */
static int in_branch(const struct tree *tr, int i, int j)
{
    for (int k = i; k < tr->n && (k == i || tr->t[k].depth > tr->t[i].depth); k++) {
        if (k == j) {
            return 1;
        }
    }
    return 0;
}

static int has_active_child(const struct tree *tr, long long id)
{
    for (int i = 0; i < tr->n; i++) {
        if (tr->t[i].parent_id == id && tr->t[i].active) {
            return 1;
        }
    }
    return 0;
}

/* Outcome i into Typification.*, and its branch marked Tree.N.own (the
   edit form offers no parent inside it). */
static void view_node(struct req *r, const struct tree *tr, int i)
{
    const struct typification *t = &tr->t[i];
    view_int(r, t->id, "Typification.id");
    view_int(r, t->parent_id, "Typification.parent_id");
    view_str(r, t->name, "Typification.name");
    view_str(r, t->path, "Typification.path");
    view_int(r, t->position, "Typification.position");
    view_bool(r, t->active, "Typification.active");
    view_bool(r, t->closes_case, "Typification.closes_case");
    view_bool(r, t->requires_next, "Typification.requires_next");
    view_bool(r, t->leaf, "Typification.leaf");
    view_int(r, t->version, "Typification.version");
    view_int(r, t->uses, "Typification.uses");
    for (int k = 0; k < tr->n; k++) {
        view_bool(r, in_branch(tr, i, k), "Tree.%d.own", k);
    }
}

/* The tree page (id 0) or an outcome's page. 1 shown, else the failure's status. */
static int page(struct req *r, long long cid, long long id, struct tree *tr)
{
    int found = load(r, cid, tr), i = found > 0 && id ? find(tr, id) : 0;
    if (found <= 0 || i < 0) {
        return admin_fail(r, found <= 0 ? found : 0);
    }
    if (id) {
        view_node(r, tr, i);
    }
    return 1;
}

static int show(struct req *r, long long cid, long long id)
{
    struct tree tr;
    if (page(r, cid, id, &tr) != 1) {
        return r->status;
    }
    long long parent;
    if (!id && req_int(r, "parent", 1, 1LL << 62, &parent) == 1) {
        view_int(r, parent, "Form.parent");     /* "add a sub-level here" */
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, TREE);
}

/* An optional whole number of up to six digits. */
static int position_ok(const char *s)
{
    const char *p = s + (*s == '-');
    size_t n = strspn(p, "0123456789");
    return n >= 1 && n <= 6 && p[n] == '\0';
}

/* Reads the form and checks each field alone. */
static void parse(struct req *r, int creating, struct node_form *f, struct field_error *fe)
{
    const char *parent = req_param(r, "parent");
    char *end = NULL;
    f->name = req_trimmed(r, "name");
    f->position = req_param(r, "position");
    f->position = f->position && *f->position ? f->position : NULL;
    f->parent = !parent ? (creating ? 0 : -1) : *parent ? strtoll(parent, &end, 10) : 0;
    f->active = req_flag(r, "active", creating ? 1 : KEEP);
    f->closes_case = req_flag(r, "closes_case", creating ? 0 : KEEP);
    f->requires_next = req_flag(r, "requires_next", creating ? 0 : KEEP);
    fe->field = fe->key = NULL;
    if (!*f->name || utf8_chars(f->name) > 100) {
        fe->field = "name", fe->key = "typification_name_required";
    } else if (strstr(f->name, TYPIFICATION_SEP_CHAR)) {
        fe->field = "name", fe->key = "typification_name_invalid";
    } else if (parent && *parent && (*end || f->parent <= 0)) {
        fe->field = "parent", fe->key = "typification_parent_unknown";
    } else if (f->position && !position_ok(f->position)) {
        fe->field = "position", fe->key = "number_invalid";
    } else if (f->active < 0 || f->closes_case < 0 || f->requires_next < 0) {
        fe->field = f->active < 0 ? "active" : f->closes_case < 0 ? "closes_case" : "requires_next";
        fe->key = "flag_invalid";
    }
}

/* An edit's left-out values, from outcome i as stored. */
static void keep_stored(const struct typification *t, struct node_form *f)
{
    f->parent = f->parent < 0 ? t->parent_id : f->parent;
    f->active = f->active == KEEP ? t->active : f->active;
    f->closes_case = f->closes_case == KEEP ? t->closes_case : f->closes_case;
    f->requires_next = f->requires_next == KEEP ? t->requires_next : f->requires_next;
}

/* The rules over the tree as it will be, for outcome id (0: a new one). */
static void check_tree(const struct tree *tr, long long id, const struct node_form *f,
                       struct field_error *fe)
{
    int p = f->parent ? find(tr, f->parent) : -1, self = id ? find(tr, id) : -1;
    if (f->parent && p < 0) {
        fe->field = "parent", fe->key = "typification_parent_unknown";     /* or another campaign's */
    } else if (p >= 0 && self >= 0 && in_branch(tr, self, p)) {
        fe->field = "parent", fe->key = "typification_parent_cycle";
    } else if (p >= 0 && f->active && (tr->t[p].closes_case || tr->t[p].requires_next)) {
        fe->field = "parent", fe->key = "typification_parent_final";
    } else if (f->closes_case && f->requires_next) {
        fe->field = "closes_case", fe->key = "typification_close_and_next";
    } else if ((f->closes_case || f->requires_next) && id && has_active_child(tr, id)) {
        fe->field = f->closes_case ? "closes_case" : "requires_next";
        fe->key = "typification_flags_leaf";
    }
}

/* The page again, with what was sent and its problem. */
static int invalid(struct req *r, long long cid, long long id, const struct node_form *f,
                   const struct field_error *fe)
{
    struct tree tr;
    const char *node = id ? "Typification" : "Form";
    if (page(r, cid, id, &tr) != 1) {
        return r->status;
    }
    view_str(r, f->name, "%s.name", node);
    view_str(r, f->position, "%s.position", node);
    if (f->parent >= 0) {
        view_int(r, f->parent, "%s.parent", node);
        view_int(r, f->parent, "%s.parent_id", node);
    }
    static const char *const flags[] = { "active", "closes_case", "requires_next" };
    const int values[] = { f->active, f->closes_case, f->requires_next };
    for (int i = 0; i < 3; i++) {
        if (values[i] == 0 || values[i] == 1) {
            view_bool(r, values[i], "%s.%s", node, flags[i]);
        }
    }
    return req_invalid(r, fe->field, fe->key, TREE);
}

static int create(struct req *r, long long cid)
{
    struct node_form f;
    struct field_error fe;
    struct tree tr;
    parse(r, 1, &f, &fe);
    int found = load(r, cid, &tr);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    if (!fe.field) {
        check_tree(&tr, 0, &f, &fe);
    }
    long long rc = fe.field ? 0 : db_exec("INSERT INTO typifications (campaign_id, parent_id, name,"
                                          " position, active, closes_case, requires_next)"
                                          " SELECT ?, NULLIF(?, 0), ?, COALESCE(?, COALESCE(MAX(position),"
                                          " 0) + 10), ?, ?, ? FROM typifications"
                                          " WHERE campaign_id = ? AND parent_key = ?",
                                          "llssiiill", cid, f.parent, f.name, f.position, f.active,
                                          f.closes_case, f.requires_next, cid, f.parent);
    if (rc == DB_DUPLICATE) {
        fe.field = "name", fe.key = "typification_name_taken";
    }
    if (fe.field) {
        return invalid(r, cid, 0, &f, &fe);
    }
    if (rc <= 0) {
        return admin_fail(r, rc < 0 ? rc : DB_ERROR);
    }
    long long id = db_last_id();
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "typification_create", "typification", id,
          arena_printf(r->a, "campaign=%lld %s", cid, f.name));
    if (resp_created(r, arena_printf(r->a, "/admin/typifications/%lld/%lld", cid, id)) == 201) {
        return page(r, cid, id, &tr) == 1 ? view_render(r, TREE) : r->status;
    }
    return r->status;
}

static int update(struct req *r, long long cid, long long id)
{
    struct node_form f;
    struct field_error fe;
    struct tree tr;
    long long version;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    parse(r, 0, &f, &fe);
    int found = load(r, cid, &tr), i = found > 0 ? find(&tr, id) : -1;
    if (found <= 0 || i < 0) {
        return admin_fail(r, found < 0 ? found : 0);
    }
    if (!fe.field) {
        keep_stored(&tr.t[i], &f);
        check_tree(&tr, id, &f, &fe);
    }
    long long n = fe.field ? 0 : db_exec("UPDATE typifications SET name = ?, parent_id = NULLIF(?, 0),"
                                         " position = COALESCE(?, position), active = ?, closes_case = ?,"
                                         " requires_next = ?, version = version + 1,"
                                         " updated_at = UTC_TIMESTAMP()"
                                         " WHERE id = ? AND campaign_id = ? AND version = ?",
                                         "slsiiilll", f.name, f.parent, f.position, f.active,
                                         f.closes_case, f.requires_next, id, cid, version);
    if (n == DB_DUPLICATE) {
        fe.field = "name", fe.key = "typification_name_taken";
    }
    if (fe.field) {
        return invalid(r, cid, id, &f, &fe);
    }
    if (n == 0) {
        return req_fail(r, 409, "conflict", "conflict");   /* it was found above: stale */
    }
    if (n < 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "typification_update", "typification", id, f.name,
                      arena_printf(r->a, "/admin/typifications/%lld/%lld?saved=1", cid, id));
}

/* Only an outcome with no sub-levels that no management chose goes; one in
   use is deactivated instead, so old managements keep what they chose. */
static int delete_node(struct req *r, long long cid, long long id)
{
    char *v = NULL;
    if (db_value(r->a, &v, "SELECT 1 FROM typifications WHERE parent_id = ? AND campaign_id = ?"
                 " LIMIT 1", "ll", id, cid) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    if (v) {
        return req_fail(r, 409, "in_use", "typification_has_children");
    }
    long long n = db_exec("DELETE FROM typifications WHERE id = ? AND campaign_id = ?", "ll", id, cid);
    if (n == DB_CONSTRAINT) {
        return req_fail(r, 409, "in_use", "typification_in_use");
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "typification_delete", "typification", id,
                      arena_printf(r->a, "campaign=%lld", cid),
                      arena_printf(r->a, "/admin/typifications/%lld?saved=1", cid));
}

static int index_page(struct req *r)
{
    if (r->is_post) {
        resp_header(r, "Allow", "GET, HEAD");
        return req_fail(r, 405, "method_not_allowed", "method");
    }
    return campaign_list(r) == DB_OK ? view_render(r, INDEX) : admin_fail(r, DB_DOWN);
}

int typifications_route(struct req *r)
{
    long long cid, id = 0;
    const char *rest;
    char *end;
    if (strcmp(r->path, "/admin/typifications") == 0) {
        return index_page(r);
    }
    if (!req_path_id(r, "/admin/typifications", &cid, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (*rest) {
        id = strtoll(rest, &end, 10);
        if (*rest < '1' || *rest > '9' || (*end && strcmp(end, "/delete") != 0) ||
            (*end && !r->is_post)) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        rest = end;
    }
    if (!r->is_post) {
        return show(r, cid, id);
    }
    if (!id) {
        return create(r, cid);
    }
    return *rest ? delete_node(r, cid, id) : update(r, cid, id);
}
