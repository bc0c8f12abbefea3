/* admin_users: user accounts. Admins list, create, edit, disable and enable
   them; supervisors may read. Paths: /admin/users, /admin/users/new,
   /admin/users/{id}, /admin/users/{id}/disable, /admin/users/{id}/enable. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "users.h"
#include "view.h"

#define PER_PAGE 50
#define FORM "admin_user_form.cs"

static int list(struct req *r)
{
    const char *q = req_str(r, "q"), *role = req_str(r, "role"), *active = req_str(r, "active");
    long long page = 1;
    if (req_int(r, "page", 1, 1000000, &page) < 0) {
        page = 1;
    }
    if (!role_from_name(role)) {
        role = "";
    }
    if (strcmp(active, "1") != 0 && strcmp(active, "0") != 0) {
        active = "";
    }
    const char *like = db_like(r->a, q);
    char *total;
    struct db_rows rows;
    if (db_value(r->a, &total,
                 "SELECT COUNT(*) FROM users u WHERE (? = '' OR u.login LIKE ? OR u.name LIKE ?"
                 " OR u.email LIKE ?) AND (? = '' OR u.role = ?) AND (? = '' OR u.active = ?)",
                 "ssssssss", q, like, like, like, role, role, active, active) != DB_OK ||
        db_select(r->a, &rows,
                  "SELECT u.id, u.login, u.name, u.email, u.role, u.language, u.active = 1 AS active,"
                  " u.created_at, (SELECT COUNT(*) FROM team_members m WHERE m.user_id = u.id) AS teams"
                  " FROM users u WHERE (? = '' OR u.login LIKE ? OR u.name LIKE ? OR u.email LIKE ?)"
                  " AND (? = '' OR u.role = ?) AND (? = '' OR u.active = ?)"
                  " ORDER BY u.login LIMIT ? OFFSET ?",
                  "ssssssssll", q, like, like, like, role, role, active, active,
                  (long long)PER_PAGE, (page - 1) * PER_PAGE) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Users", &rows);
    view_str(r, q, "Filter.q");
    view_str(r, role, "Filter.role");
    view_str(r, active, "Filter.active");
    view_pager(r, strtoll(total, NULL, 10), page, PER_PAGE);
    return view_render(r, "admin_users.cs");
}

/* Loads user id into Form.* (and its teams into Teams). 1 found, 0 not, <0 db. */
static int load(struct req *r, long long id)
{
    struct db_rows user, teams;
    if (db_select(r->a, &user,
                  "SELECT id, login, name, email, role, COALESCE(language, '') AS language,"
                  " active = 1 AS active, version, created_at, updated_at FROM users WHERE id = ?",
                  "l", id) != DB_OK ||
        db_select(r->a, &teams,
                  "SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id"
                  " WHERE m.user_id = ? ORDER BY t.name", "l", id) != DB_OK) {
        return DB_DOWN;
    }
    if (user.n == 0) {
        return 0;
    }
    view_row(r, "Form", &user, 0);
    view_rows(r, "Teams", &teams);
    return 1;
}

static int show(struct req *r, long long id)
{
    int found = load(r, id);
    if (found < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (!found) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, FORM);
}

/* Puts the submitted fields back into the form, for a 422 page. */
static void echo_form(struct req *r, long long id)
{
    static const char *const fields[] = { "login", "name", "email", "role", "language", "version" };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        view_str(r, req_str(r, fields[i]), "Form.%s", fields[i]);
    }
    if (id) {
        view_int(r, id, "Form.id");
    }
    view_bool(r, 1, "Page.editable");
}

static int create(struct req *r)
{
    const char *login = req_str(r, "login"), *name = req_str(r, "name"), *email = req_str(r, "email");
    const char *role = req_str(r, "role"), *lang = req_str(r, "language"), *pw = req_str(r, "password");
    struct field_error fe;
    echo_form(r, 0);
    user_validate(login, name, email, role, lang, &fe);
    if (fe.field) {
        return req_invalid(r, fe.field, fe.key, FORM);
    }
    if (*pw && password_problem(pw)) {
        return req_invalid(r, "password", password_problem(pw), FORM);
    }
    long long id = user_create(login, name, email, role, lang, *pw ? pw : NULL);
    if (id == DB_DUPLICATE) {
        return req_invalid(r, "login", "login_taken", FORM);
    }
    if (id < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "user_create", "user", id, login);
    if (resp_created(r, arena_printf(r->a, "/admin/users/%lld", id)) == 201) {
        load(r, id);
        return view_render(r, FORM);
    }
    return r->status;
}

static int update(struct req *r, long long id)
{
    const char *name = req_str(r, "name"), *email = req_str(r, "email"), *role = req_str(r, "role");
    const char *lang = req_str(r, "language"), *pw = req_str(r, "password");
    long long version;
    struct field_error fe;
    echo_form(r, id);
    user_validate("ok", name, email, role, lang, &fe);
    if (fe.field) {
        return req_invalid(r, fe.field, fe.key, FORM);
    }
    if (*pw && password_problem(pw)) {
        return req_invalid(r, "password", password_problem(pw), FORM);
    }
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    if (id == r->user.id && strcmp(role, "admin") != 0) {
        return req_invalid(r, "role", "self_disable", FORM);
    }
    if (db_begin() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long n = db_exec("UPDATE users SET name = ?, email = ?, role = ?, language = NULLIF(?, ''),"
                          " version = version + 1, updated_at = UTC_TIMESTAMP()"
                          " WHERE id = ? AND version = ?",
                          "ssssll", name, email, role, lang, id, version);
    if (n == 1 && *pw) {
        char *login;
        db_value(r->a, &login, "SELECT login FROM users WHERE id = ?", "l", id);
        n = login ? user_set_password(login, pw) : DB_ERROR;
    }
    if (n != 1) {
        db_rollback();
        if (n < 0) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        int exists = load(r, id);
        return exists > 0 ? req_fail(r, 409, "conflict", "conflict")
                          : req_fail(r, 404, "not_found", "not_found");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), *pw ? "user_update_password" : "user_update",
          "user", id, arena_printf(r->a, "role=%s", role));
    if (db_commit() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    return resp_redirect(r, arena_printf(r->a, "/admin/users/%lld?saved=1", id));
}

static int set_active(struct req *r, long long id, int active)
{
    if (id == r->user.id && !active) {
        return req_fail(r, 422, "invalid", "self_disable");
    }
    if (db_begin() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long n = db_exec("UPDATE users SET active = ?, version = version + 1,"
                          " updated_at = UTC_TIMESTAMP() WHERE id = ?", "il", active, id);
    if (n == 1 && !active) {
        n = db_exec("DELETE FROM sessions WHERE user_id = ?", "l", id) >= 0 ? 1 : DB_ERROR;
    }
    if (n != 1) {
        db_rollback();
        return n == 0 ? req_fail(r, 404, "not_found", "not_found")
                      : req_fail(r, 503, "db_unavailable", "db_down");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), active ? "user_enable" : "user_disable",
          "user", id, "");
    if (db_commit() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    return resp_redirect(r, arena_printf(r->a, "/admin/users/%lld?saved=1", id));
}

static int admin_users(struct req *r)
{
    long long id = 0;
    const char *rest = "";
    int is_list = strcmp(r->path, "/admin/users") == 0;
    int is_new = strcmp(r->path, "/admin/users/new") == 0;
    if (!is_list && !is_new && !req_path_id(r, "/admin/users", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post && !is_new) {
        return *rest ? req_fail(r, 404, "not_found", "not_found")
                     : (id ? show(r, id) : list(r));
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (is_new) {
        view_bool(r, 1, "Page.editable");
        return r->is_post ? create(r) : view_render(r, FORM);
    }
    if (is_list) {
        return create(r);
    }
    if (strcmp(rest, "") == 0) {
        return update(r, id);
    }
    if (strcmp(rest, "disable") == 0 || strcmp(rest, "enable") == 0) {
        return set_active(r, id, rest[0] == 'e');
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_users", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_users,
};

int main(void)
{
    return app_main(&screen);
}
