/* groups.c: list, page, create, edit, delete and membership of teams, roles
   and areas. SQL text is assembled only from the constant names of a
   group_kind; everything from the request goes through parameters. */
#include "groups.h"

#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "view.h"

/* An edit without "active" (an API client that left it out) keeps it. */
#define KEEP 2

/* The objects into the view. DB_OK or a negative db status. */
static int load_list(struct req *r, const struct group_kind *k)
{
    struct db_rows rows;
    const char *q = arena_printf(r->a, "SELECT g.id, g.name, g.description, g.active, %s"
                                 " FROM %s g ORDER BY g.active DESC, g.name",
                                 k->count_sql, k->table);
    int rc = db_select(r->a, &rows, q, "");
    if (rc == DB_OK) {
        view_rows(r, k->list_node, &rows);
        view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    }
    return rc;
}

static int list(struct req *r, const struct group_kind *k)
{
    return load_list(r, k) == DB_OK ? view_render(r, k->list_template) : admin_fail(r, DB_DOWN);
}

static int load_members(struct req *r, const struct group_kind *k, long long id)
{
    struct db_rows members, candidates;
    const char *q1 = arena_printf(r->a, "SELECT u.id, u.login, u.name, u.role, u.active,"
                                  " m.added_at FROM %s m JOIN users u ON u.id = m.user_id"
                                  " WHERE m.%s = ? ORDER BY u.name", k->member_table, k->member_fk);
    const char *q2 = arena_printf(r->a, "SELECT u.id, u.login, u.name FROM users u"
                                  " WHERE u.active = 1%s AND NOT EXISTS (SELECT 1 FROM %s m"
                                  " WHERE m.%s = ? AND m.user_id = u.id) ORDER BY u.name",
                                  k->staff_only ? " AND u.role <> 'customer'" : "",
                                  k->member_table, k->member_fk);
    if (db_select(r->a, &members, q1, "l", id) != DB_OK ||
        db_select(r->a, &candidates, q2, "l", id) != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, k->members_node, &members);
    view_rows(r, "Candidates", &candidates);
    return 1;
}

int group_load(struct req *r, const struct group_kind *k, long long id)
{
    struct db_rows g;
    if (db_select(r->a, &g, arena_printf(r->a, "SELECT id, name, description, active, version, created_at,"
                                " updated_at FROM %s WHERE id = ?", k->table), "l", id) != DB_OK) {
        return DB_DOWN;
    }
    if (g.n == 0) {
        return 0;
    }
    view_row(r, k->node, &g, 0);
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    return k->member_table ? load_members(r, k, id) : k->load_more(r, id);
}

int group_invalid(struct req *r, const struct group_kind *k, long long id,
                  const char *field, const char *key)
{
    int found = group_load(r, k, id);
    return found <= 0 ? admin_fail(r, found) : req_invalid(r, field, key, k->template);
}

int group_show(struct req *r, const struct group_kind *k, long long id)
{
    int found = group_load(r, k, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, k->template);
}

static void check(const struct group_kind *k, const char *name, const char *description,
                  int active, struct field_error *fe)
{
    admin_name_check(name, description, k->name_required, fe);
    if (!fe->field && active < 0) {
        fe->field = "active", fe->key = "flag_invalid";
    }
}

static int create(struct req *r, const struct group_kind *k)
{
    const char *name = req_str(r, "name"), *description = req_str(r, "description");
    int active = req_flag(r, "active", 1);
    struct field_error fe;
    check(k, name, description, active, &fe);
    long long rc = fe.field ? 0 : db_exec(arena_printf(r->a, "INSERT INTO %s (name, description, active)"
                                              " VALUES (?, ?, ?)", k->table),
                                          "ssi", name, description, active);
    if (rc == DB_DUPLICATE) {
        fe.field = "name", fe.key = k->name_taken;
    }
    if (fe.field) {
        view_str(r, name, "Form.name");
        view_str(r, description, "Form.description");
        view_bool(r, active != 0, "Form.active");
        return load_list(r, k) == DB_OK ? req_invalid(r, fe.field, fe.key, k->list_template)
                                        : admin_fail(r, DB_DOWN);
    }
    if (rc < 0) {
        return admin_fail(r, rc);
    }
    long long id = db_last_id();
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), arena_printf(r->a, "%s_create", k->object),
          k->object, id, name);
    if (resp_created(r, arena_printf(r->a, "%s/%lld", k->path, id)) == 201) {
        group_load(r, k, id);
        return view_render(r, k->template);
    }
    return r->status;
}

static int update(struct req *r, const struct group_kind *k, long long id)
{
    const char *name = req_str(r, "name"), *description = req_str(r, "description");
    int active = req_flag(r, "active", KEEP);
    long long version;
    struct field_error fe;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    check(k, name, description, active, &fe);
    long long n = fe.field ? 0 : db_exec(arena_printf(r->a, "UPDATE %s SET name = ?, description = ?,"
                                             " active = IF(? = 2, active, ?), version = version + 1,"
                                             " updated_at = UTC_TIMESTAMP()"
                                             " WHERE id = ? AND version = ?", k->table),
                                         "ssiill", name, description, active, active, id, version);
    if (n == DB_DUPLICATE) {
        fe.field = "name", fe.key = k->name_taken;
    }
    if (fe.field) {
        if (group_load(r, k, id) <= 0) {
            return admin_fail(r, 0);
        }
        view_str(r, name, "%s.name", k->node);
        view_str(r, description, "%s.description", k->node);
        return req_invalid(r, fe.field, fe.key, k->template);
    }
    if (n == 0 && group_load(r, k, id) > 0) {
        return req_fail(r, 409, "conflict", "conflict");
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, arena_printf(r->a, "%s_update", k->object), k->object, id, name,
                      arena_printf(r->a, "%s/%lld?saved=1", k->path, id));
}

static int add_member(struct req *r, const struct group_kind *k, long long id)
{
    long long uid;
    if (req_int(r, "user", 1, 1LL << 62, &uid) != 1) {
        return group_invalid(r, k, id, "user", k->unknown_user);
    }
    const char *q = arena_printf(r->a, "INSERT INTO %s (%s, user_id) SELECT g.id, u.id FROM %s g"
                                 " JOIN users u ON u.id = ? AND u.active = 1%s WHERE g.id = ?",
                                 k->member_table, k->member_fk, k->table,
                                 k->staff_only ? " AND u.role <> 'customer'" : "");
    long long n = db_exec(q, "ll", uid, id);
    if (n == 0 || n == DB_DUPLICATE) {
        return group_invalid(r, k, id, "user", n == 0 ? k->unknown_user : "already_member");
    }
    if (n < 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, arena_printf(r->a, "%s_member_add", k->object), k->object, id,
                      arena_printf(r->a, "user=%lld", uid),
                      arena_printf(r->a, "%s/%lld?saved=1", k->path, id));
}

static int remove_member(struct req *r, const struct group_kind *k, long long id, long long uid)
{
    const char *q = arena_printf(r->a, "DELETE FROM %s WHERE %s = ? AND user_id = ?",
                                 k->member_table, k->member_fk);
    long long n = db_exec(q, "ll", id, uid);
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, arena_printf(r->a, "%s_member_remove", k->object), k->object, id,
                      arena_printf(r->a, "user=%lld", uid),
                      arena_printf(r->a, "%s/%lld?saved=1", k->path, id));
}

/* "members/{uid}/remove" -> uid; 0 when rest is not that. */
static long long member_removal(const struct group_kind *k, const char *rest)
{
    size_t n = strlen(k->members_path);
    char *end;
    if (strncmp(rest, k->members_path, n) != 0 || rest[n] != '/') {
        return 0;
    }
    long long uid = strtoll(rest + n + 1, &end, 10);
    return uid > 0 && strcmp(end, "/remove") == 0 ? uid : 0;
}

int group_route(struct req *r, const struct group_kind *k, long long *id, const char **rest)
{
    *id = 0, *rest = "";
    int is_list = strcmp(r->path, k->path) == 0;
    if (!is_list && !req_path_id(r, k->path, id, rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    int members = k->member_table && strcmp(*rest, k->members_path) == 0;
    long long uid = k->member_table ? member_removal(k, *rest) : 0;
    int known = !**rest || members || uid || strcmp(*rest, "delete") == 0;
    if (!known) {
        return -1;
    }
    if (!r->is_post) {
        return is_list ? list(r, k) : (!**rest || members) ? group_show(r, k, *id)
                                                        : req_fail(r, 404, "not_found", "not_found");
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (is_list || !**rest) {
        return is_list ? create(r, k) : update(r, k, *id);
    }
    if (members || uid) {
        return members ? add_member(r, k, *id) : remove_member(r, k, *id, uid);
    }
    return admin_delete(r, arena_printf(r->a, "DELETE FROM %s WHERE id = ?", k->table), *id,
                        arena_printf(r->a, "%s_delete", k->object), k->object, k->path);
}
