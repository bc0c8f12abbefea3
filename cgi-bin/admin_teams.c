/* admin_teams: teams and their members. Admins create, rename and change
   membership; supervisors may read. Paths: /admin/teams, /admin/teams/{id},
   /admin/teams/{id}/members, /admin/teams/{id}/members/{user}/remove. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "users.h"
#include "view.h"

#define LIST "admin_teams.cs"
#define TEAM "admin_team.cs"

static int list(struct req *r)
{
    struct db_rows rows;
    if (db_select(r->a, &rows,
                  "SELECT t.id, t.name, t.description, t.created_at,"
                  " (SELECT COUNT(*) FROM team_members m JOIN users u ON u.id = m.user_id"
                  "  WHERE m.team_id = t.id AND u.active = 1) AS members"
                  " FROM teams t ORDER BY t.name", "") != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Teams", &rows);
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    return view_render(r, LIST);
}

/* Loads team id into Team.*, its members and the users who could join. */
static int load(struct req *r, long long id)
{
    struct db_rows team, members, candidates;
    if (db_select(r->a, &team, "SELECT id, name, description, version, created_at FROM teams"
                  " WHERE id = ?", "l", id) != DB_OK ||
        db_select(r->a, &members,
                  "SELECT u.id, u.login, u.name, u.role, u.active = 1 AS active, m.added_at"
                  " FROM team_members m JOIN users u ON u.id = m.user_id"
                  " WHERE m.team_id = ? ORDER BY u.name", "l", id) != DB_OK ||
        db_select(r->a, &candidates,
                  "SELECT u.id, u.login, u.name FROM users u WHERE u.active = 1 AND NOT EXISTS"
                  " (SELECT 1 FROM team_members m WHERE m.team_id = ? AND m.user_id = u.id)"
                  " ORDER BY u.name", "l", id) != DB_OK) {
        return DB_DOWN;
    }
    if (team.n == 0) {
        return 0;
    }
    view_row(r, "Team", &team, 0);
    view_rows(r, "Members", &members);
    view_rows(r, "Candidates", &candidates);
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    return 1;
}

static int show(struct req *r, long long id, int status)
{
    int found = load(r, id);
    if (found <= 0) {
        return found < 0 ? req_fail(r, 503, "db_unavailable", "db_down")
                         : req_fail(r, 404, "not_found", "not_found");
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    r->status = status;
    return view_render(r, TEAM);
}

/* The name and description, validated; NULL field when both are fine. */
static void validate(const char *name, const char *description, struct field_error *fe)
{
    fe->field = fe->key = NULL;
    if (!*name || strlen(name) > 100) {
        fe->field = "name", fe->key = "team_name_required";
    } else if (strlen(description) > 500) {
        fe->field = "description", fe->key = "description_long";
    }
}

static int create(struct req *r)
{
    const char *name = req_str(r, "name"), *description = req_str(r, "description");
    struct field_error fe;
    validate(name, description, &fe);
    long long rc = fe.field ? 0 : db_exec("INSERT INTO teams (name, description) VALUES (?, ?)",
                                          "ss", name, description);
    if (rc == DB_DUPLICATE) {
        fe.field = "name", fe.key = "team_name_taken";
    }
    if (fe.field) {
        view_str(r, name, "Form.name");
        view_str(r, description, "Form.description");
        list(r);
        return req_invalid(r, fe.field, fe.key, LIST);
    }
    if (rc < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long id = db_last_id();
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "team_create", "team", id, name);
    if (resp_created(r, arena_printf(r->a, "/admin/teams/%lld", id)) == 201) {
        load(r, id);
        return view_render(r, TEAM);
    }
    return r->status;
}

static int update(struct req *r, long long id)
{
    const char *name = req_str(r, "name"), *description = req_str(r, "description");
    long long version;
    struct field_error fe;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    validate(name, description, &fe);
    long long n = fe.field ? 0 : db_exec("UPDATE teams SET name = ?, description = ?,"
                                         " version = version + 1, updated_at = UTC_TIMESTAMP()"
                                         " WHERE id = ? AND version = ?",
                                         "ssll", name, description, id, version);
    if (n == DB_DUPLICATE) {
        fe.field = "name", fe.key = "team_name_taken";
    }
    if (fe.field) {
        if (load(r, id) <= 0) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        view_str(r, name, "Team.name");
        view_str(r, description, "Team.description");
        return req_invalid(r, fe.field, fe.key, TEAM);
    }
    if (n < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (n == 0) {
        int exists = load(r, id);
        return exists > 0 ? req_fail(r, 409, "conflict", "conflict")
                          : req_fail(r, 404, "not_found", "not_found");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "team_update", "team", id, name);
    return resp_redirect(r, arena_printf(r->a, "/admin/teams/%lld?saved=1", id));
}

static int add_member(struct req *r, long long id)
{
    long long uid;
    if (req_int(r, "user", 1, 1LL << 62, &uid) != 1) {
        if (load(r, id) <= 0) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        return req_invalid(r, "user", "user_unknown", TEAM);
    }
    long long n = db_exec("INSERT INTO team_members (team_id, user_id)"
                          " SELECT t.id, u.id FROM teams t JOIN users u ON u.id = ? AND u.active = 1"
                          " WHERE t.id = ?", "ll", uid, id);
    if (n == 0 || n == DB_DUPLICATE) {
        if (load(r, id) <= 0) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        return req_invalid(r, "user", n == 0 ? "user_unknown" : "already_member", TEAM);
    }
    if (n < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "team_member_add", "team", id,
          arena_printf(r->a, "user=%lld", uid));
    return resp_redirect(r, arena_printf(r->a, "/admin/teams/%lld?saved=1", id));
}

static int remove_member(struct req *r, long long id, long long uid)
{
    long long n = db_exec("DELETE FROM team_members WHERE team_id = ? AND user_id = ?",
                          "ll", id, uid);
    if (n < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (n == 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "team_member_remove", "team", id,
          arena_printf(r->a, "user=%lld", uid));
    return resp_redirect(r, arena_printf(r->a, "/admin/teams/%lld?saved=1", id));
}

static int admin_teams(struct req *r)
{
    long long id = 0, uid = 0;
    const char *rest = "";
    int is_list = strcmp(r->path, "/admin/teams") == 0;
    if (!is_list && !req_path_id(r, "/admin/teams", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return *rest ? req_fail(r, 404, "not_found", "not_found")
                     : (is_list ? list(r) : show(r, id, 200));
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (is_list) {
        return create(r);
    }
    if (!*rest) {
        return update(r, id);
    }
    if (strcmp(rest, "members") == 0) {
        return add_member(r, id);
    }
    char *end;
    if (strncmp(rest, "members/", 8) == 0 && (uid = strtoll(rest + 8, &end, 10)) > 0 &&
        strcmp(end, "/remove") == 0) {
        return remove_member(r, id, uid);
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_teams", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_teams,
};

int main(void)
{
    return app_main(&screen);
}
