/* admin_users: user accounts. Admins list, create, edit, disable and enable
   them, choose their teams, link portal users to the customer they are (P1)
   and e-mail them an invitation to set their password; supervisors may read.
   Paths: /admin/users, /admin/users/new, /admin/users/{id},
   /admin/users/{id}/disable, /admin/users/{id}/enable, /admin/users/{id}/invite. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "invite.h"
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
                  " u.created_at, (SELECT COUNT(*) FROM team_members m WHERE m.user_id = u.id) AS teams,"
                  " u.customer_id AS customer, cu.display_name AS customer_name, u.portal_admin"
                  " FROM users u LEFT JOIN customers cu ON cu.id = u.customer_id"
                  " WHERE (? = '' OR u.login LIKE ? OR u.name LIKE ? OR u.email LIKE ?)"
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

/* The teams the form offers as checkboxes (Options.teams): the active ones
   and any the user is still in, with member = 1 where they are. */
static int team_options(struct req *r, long long id)
{
    struct db_rows teams;
    if (db_select(r->a, &teams,
                  "SELECT t.id, t.name, t.active = 1 AS active, (m.user_id IS NOT NULL) AS member"
                  " FROM teams t LEFT JOIN team_members m ON m.team_id = t.id AND m.user_id = ?"
                  " WHERE t.active = 1 OR m.user_id IS NOT NULL ORDER BY t.name", "l", id) != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, "Options.teams", &teams);
    return DB_OK;
}

/* Loads user id into Form.* (its teams into Teams, the checkboxes into
   Options.teams, a pending invitation into Invite). 1 found, 0 not, <0 db. */
static int load(struct req *r, long long id)
{
    struct db_rows user, teams, invite;
    if (db_select(r->a, &user,
                  "SELECT u.id, u.login, u.name, u.email, u.role, COALESCE(u.language, '') AS language,"
                  " u.active = 1 AS active, u.version, u.created_at, u.updated_at,"
                  " u.customer_id AS customer, cu.display_name AS customer_name, u.portal_admin,"
                  " u.password_hash IS NOT NULL AS has_password"
                  " FROM users u LEFT JOIN customers cu ON cu.id = u.customer_id WHERE u.id = ?",
                  "l", id) != DB_OK ||
        db_select(r->a, &teams,
                  "SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id"
                  " WHERE m.user_id = ? ORDER BY t.name", "l", id) != DB_OK ||
        db_select(r->a, &invite,
                  "SELECT MAX(expires_at) AS expires_at FROM password_tokens"
                  " WHERE user_id = ? AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()",
                  "l", id) != DB_OK ||
        team_options(r, id) != DB_OK) {
        return DB_DOWN;
    }
    if (user.n == 0) {
        return 0;
    }
    view_row(r, "Form", &user, 0);
    view_rows(r, "Teams", &teams);
    view_row(r, "Invite", &invite, 0);
    return 1;
}

/* The customer's name as the lookup field shows it ("" when unknown). */
static const char *customer_name(struct req *r, long long customer)
{
    char *name = NULL;
    db_value(r->a, &name, "SELECT display_name FROM customers WHERE id = ?", "l", customer);
    return name ? name : "";
}

/* Coming back from the search assistant's page (no JavaScript), the chosen
   customer is in the query string: show it in the form, not yet saved. */
static void picked_customer(struct req *r)
{
    long long customer;
    if (!r->is_post && req_int(r, "customer", 1, 1LL << 62, &customer) == 1) {
        view_int(r, customer, "Form.customer");
        view_str(r, customer_name(r, customer), "Form.customer_name");
    }
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
    picked_customer(r);
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    view_bool(r, req_param(r, "invited") != NULL, "Page.invited");
    return view_render(r, FORM);
}

static int new_form(struct req *r)
{
    if (team_options(r, 0) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    picked_customer(r);
    return view_render(r, FORM);
}

/* What the form says about portal access and teams, checked. */
struct access {
    long long customer;         /* 0: none (staff) */
    int portal_admin;
    int teams_sent;             /* 0: leave the user's teams as they are */
    long long *teams;
    int nteams;
};

/* The user's current customer link and portal flag (0, 0 for a new user). */
static int current_access(struct req *r, long long id, long long *customer, int *portal_admin)
{
    struct db_rows u;
    *customer = 0, *portal_admin = 0;
    if (!id) {
        return DB_OK;
    }
    int rc = db_select(r->a, &u, "SELECT COALESCE(customer_id, 0), portal_admin FROM users"
                       " WHERE id = ?", "l", id);
    if (rc == DB_OK && u.n == 1) {
        *customer = strtoll(db_cell(&u, 0, 0), NULL, 10);
        *portal_admin = *db_cell(&u, 0, 1) == '1';
    }
    return rc;
}

/* A customer newly linked to user id: an active person nobody else is. */
static int check_customer(struct req *r, long long id, long long customer, struct field_error *fe)
{
    struct db_rows c;
    if (db_select(r->a, &c, "SELECT kind, active = 1,"
                  " (SELECT COUNT(*) FROM users u WHERE u.customer_id = c.id AND u.id <> ?)"
                  " FROM customers c WHERE c.id = ?", "ll", id, customer) != DB_OK) {
        return DB_DOWN;
    }
    fe->field = "customer";
    if (c.n == 0 || *db_cell(&c, 0, 1) != '1') {
        fe->key = "customer_unknown";
    } else if (strcmp(db_cell(&c, 0, 0), "person") != 0) {
        fe->key = "customer_not_person";
    } else if (strcmp(db_cell(&c, 0, 2), "0") != 0) {
        fe->key = "customer_linked";
    } else {
        fe->field = NULL;
    }
    return DB_OK;
}

/* The checked team boxes (repeated "team" fields): each a team offered to
   user id (active, or one they are already in), once. */
static int check_teams(struct req *r, long long id, struct access *acc, struct field_error *fe)
{
    acc->teams = arena_alloc(r->a, (r->params.n + 1) * sizeof *acc->teams);
    for (size_t i = 0; i < r->params.n; i++) {
        const char *v = r->params.v[i].value;
        char *end;
        if (strcmp(r->params.v[i].name, "team") != 0) {
            continue;
        }
        long long team = strtoll(v, &end, 10);
        char *ok = NULL;
        if (*v >= '0' && *v <= '9' && !*end && team > 0 &&
            db_value(r->a, &ok, "SELECT 1 FROM teams t WHERE t.id = ? AND (t.active = 1 OR"
                     " EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.user_id = ?))",
                     "ll", team, id) != DB_OK) {
            return DB_DOWN;
        }
        if (!ok) {
            fe->field = "team", fe->key = "team_unknown";
            return DB_OK;
        }
        int seen = 0;
        for (int k = 0; k < acc->nteams; k++) {
            seen |= acc->teams[k] == team;
        }
        if (!seen) {
            acc->teams[acc->nteams++] = team;
        }
    }
    return DB_OK;
}

/* Reads and checks the portal and team fields for user id (0: new) with
   role. A customer user needs a customer (a person); staff have none. Fields
   an API client leaves out keep their value. Sets fe on a problem. */
static int check_access(struct req *r, long long id, const char *role, struct access *acc,
                        struct field_error *fe)
{
    const char *given = req_param(r, "customer");
    long long current;
    int current_admin;
    memset(acc, 0, sizeof *acc);
    fe->field = fe->key = NULL;
    if (current_access(r, id, &current, &current_admin) != DB_OK) {
        return DB_DOWN;
    }
    acc->portal_admin = req_flag(r, "portal_admin", current_admin);
    acc->customer = given ? 0 : current;
    if (given && *given && req_int(r, "customer", 1, 1LL << 62, &acc->customer) != 1) {
        fe->field = "customer", fe->key = "customer_unknown";
    } else if (acc->portal_admin < 0) {
        fe->field = "portal_admin", fe->key = "flag_invalid";
    } else if (strcmp(role, "customer") != 0) {
        if (given && *given) {
            fe->field = "customer", fe->key = "customer_staff";
        }
        acc->customer = 0, acc->portal_admin = 0;   /* the database's CHECKs say so too */
    } else if (!acc->customer) {
        fe->field = "customer", fe->key = "customer_required";
    } else if (acc->customer != current && check_customer(r, id, acc->customer, fe) != DB_OK) {
        return DB_DOWN;
    }
    acc->teams_sent = strcmp(req_str(r, "teams_sent"), "1") == 0;
    if (!fe->field && acc->teams_sent) {
        return check_teams(r, id, acc, fe);
    }
    return DB_OK;
}

/* Makes the user's team memberships what acc says, keeping the ones that
   stay (and when they were added). Returns >= 0, or a negative db status. */
static long long apply_teams(struct req *r, long long id, const struct access *acc)
{
    struct db_rows cur;
    if (!acc->teams_sent) {
        return 0;
    }
    int rc = db_select(r->a, &cur, "SELECT team_id FROM team_members WHERE user_id = ?", "l", id);
    if (rc != DB_OK) {
        return rc;
    }
    for (int i = 0; i < cur.n; i++) {
        long long team = strtoll(db_cell(&cur, i, 0), NULL, 10);
        int keep = 0;
        for (int k = 0; k < acc->nteams; k++) {
            keep |= acc->teams[k] == team;
        }
        if (!keep && db_exec("DELETE FROM team_members WHERE team_id = ? AND user_id = ?",
                             "ll", team, id) < 0) {
            return DB_ERROR;
        }
    }
    /* IGNORE: the teams they are in already stay as they were */
    for (int k = 0; k < acc->nteams; k++) {
        if (db_exec("INSERT IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)",
                    "ll", acc->teams[k], id) < 0) {
            return DB_ERROR;
        }
    }
    return 0;
}

/* The audit trail's words for a user's role and access. */
static const char *access_detail(struct req *r, const char *role, const struct access *acc)
{
    struct sbuf b;
    sbuf_init(&b, r->a);
    sbuf_addf(&b, "role=%s", role);
    if (acc->customer) {
        sbuf_addf(&b, " customer=%lld portal_admin=%d", acc->customer, acc->portal_admin);
    }
    if (acc->teams_sent) {
        sbuf_adds(&b, " teams=");
        for (int k = 0; k < acc->nteams; k++) {
            sbuf_addf(&b, "%s%lld", k ? "," : "", acc->teams[k]);
        }
    }
    return b.s;
}

/* Puts the submitted fields back into the form, for a 422 page, over what
   the form does not send (when created, password, invitation). */
static void echo_form(struct req *r, long long id)
{
    static const char *const fields[] = { "login", "name", "email", "role", "language", "version" };
    if (id) {
        load(r, id);    /* when it fails, the write that follows fails too and says so */
        view_int(r, id, "Form.id");
    } else {
        team_options(r, 0);
    }
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        view_str(r, req_str(r, fields[i]), "Form.%s", fields[i]);
    }
    /* a ticked box sends the hidden "0" and then "1" */
    view_str(r, req_flag(r, "portal_admin", 0) == 1 ? "1" : "0", "Form.portal_admin");
    view_str(r, req_flag(r, "invite", 0) == 1 ? "1" : "0", "Form.invite");
    long long customer = 0;
    if (req_param(r, "customer")) {
        int ok = req_int(r, "customer", 1, 1LL << 62, &customer) == 1;
        view_str(r, ok ? req_str(r, "customer") : "", "Form.customer");
        view_str(r, ok ? customer_name(r, customer) : "", "Form.customer_name");
    }
    if (strcmp(req_str(r, "teams_sent"), "1") == 0) {
        /* the boxes as they were ticked, not as they are stored */
        HDF *t = hdf_get_obj(r->hdf, "Options.teams");
        for (t = t ? hdf_obj_child(t) : NULL; t; t = hdf_obj_next(t)) {
            const char *team = hdf_get_value(t, "id", "");
            int on = 0;
            for (size_t i = 0; i < r->params.n; i++) {
                on |= strcmp(r->params.v[i].name, "team") == 0 &&
                      strcmp(r->params.v[i].value, team) == 0;
            }
            hdf_set_value(t, "member", on ? "1" : "0");
        }
    }
    view_bool(r, 1, "Page.editable");
}

/* The answer for a write the database refused: a customer another user took
   meanwhile (its unique key), one that went away, or the database down. */
static int write_fail(struct req *r, long long rc)
{
    if (rc == DB_DUPLICATE) {
        return req_invalid(r, "customer", "customer_linked", FORM);
    }
    if (rc == DB_CONSTRAINT) {
        return req_invalid(r, "customer", "customer_unknown", FORM);
    }
    return req_fail(r, 503, "db_unavailable", "db_down");
}

/* Links the new user id to its customer, sets its teams and, when asked,
   invites it: the rest of create()'s transaction. */
static long long create_rest(struct req *r, long long id, const struct access *acc, int invite)
{
    const char *problem;
    long long rc = db_exec("UPDATE users SET customer_id = NULLIF(?, 0), portal_admin = ?"
                           " WHERE id = ?", "lil", acc->customer, acc->portal_admin, id);
    if (rc >= 0) {
        rc = apply_teams(r, id, acc);
    }
    if (rc >= 0 && invite) {
        rc = invite_send(r, id, &problem);
        rc = rc == 1 ? 0 : rc < 0 ? rc : DB_ERROR;  /* a new active user with an e-mail */
    }
    return rc;
}

static int create(struct req *r)
{
    const char *login = req_str(r, "login"), *name = req_str(r, "name"), *email = req_str(r, "email");
    const char *role = req_str(r, "role"), *lang = req_str(r, "language"), *pw = req_str(r, "password");
    int invite = req_flag(r, "invite", 0);
    struct field_error fe;
    struct access acc;
    echo_form(r, 0);
    user_validate(login, name, email, role, lang, &fe);
    if (fe.field) {
        return req_invalid(r, fe.field, fe.key, FORM);
    }
    if (*pw && password_problem(pw)) {
        return req_invalid(r, "password", password_problem(pw), FORM);
    }
    if (invite < 0 || (invite && *pw)) {
        return req_invalid(r, "invite", invite < 0 ? "flag_invalid" : "invite_with_password", FORM);
    }
    if (invite && !*email) {
        return req_invalid(r, "email", "invite_no_email", FORM);
    }
    if (check_access(r, 0, role, &acc, &fe) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (fe.field) {
        return req_invalid(r, fe.field, fe.key, FORM);
    }
    if (db_begin() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long id = user_create(login, name, email, role, lang, *pw ? pw : NULL);
    if (id < 0) {
        db_rollback();
        return id == DB_DUPLICATE ? req_invalid(r, "login", "login_taken", FORM)
                                  : req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long rc = create_rest(r, id, &acc, invite);
    if (rc < 0) {
        db_rollback();
        return write_fail(r, rc);
    }
    const char *ip = req_env(r, "REMOTE_ADDR");
    audit(r->user.id, ip, "user_create", "user", id, login);
    if (acc.customer || acc.teams_sent) {
        audit(r->user.id, ip, "user_access", "user", id, access_detail(r, role, &acc));
    }
    if (invite) {
        audit(r->user.id, ip, "user_invite", "user", id, email);
    }
    if (db_commit() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
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
    struct access acc;
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
    if (check_access(r, id, role, &acc, &fe) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (fe.field) {
        return req_invalid(r, fe.field, fe.key, FORM);
    }
    if (db_begin() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    long long n = db_exec("UPDATE users SET name = ?, email = ?, role = ?, language = NULLIF(?, ''),"
                          " customer_id = NULLIF(?, 0), portal_admin = ?,"
                          " version = version + 1, updated_at = UTC_TIMESTAMP()"
                          " WHERE id = ? AND version = ?",
                          "sssslill", name, email, role, lang, acc.customer, acc.portal_admin,
                          id, version);
    if (n == 1) {
        long long rc = apply_teams(r, id, &acc);
        n = rc < 0 ? rc : n;
    }
    if (n == 1 && *pw) {
        char *login;
        db_value(r->a, &login, "SELECT login FROM users WHERE id = ?", "l", id);
        n = login ? user_set_password(login, pw) : DB_ERROR;
    }
    if (n != 1) {
        db_rollback();
        if (n < 0) {
            return write_fail(r, n);
        }
        int exists = load(r, id);
        return exists > 0 ? req_fail(r, 409, "conflict", "conflict")
                          : req_fail(r, 404, "not_found", "not_found");
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), *pw ? "user_update_password" : "user_update",
          "user", id, access_detail(r, role, &acc));
    if (db_commit() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    return resp_redirect(r, arena_printf(r->a, "/admin/users/%lld?saved=1", id));
}

/* E-mails the user a new link to set their password; earlier links stop working. */
static int invite(struct req *r, long long id)
{
    const char *problem;
    if (db_begin() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    int rc = invite_send(r, id, &problem);
    if (rc != 1) {
        db_rollback();
        if (rc < 0 || load(r, id) < 0) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        if (strcmp(problem, "not_found") == 0) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        view_bool(r, 1, "Page.editable");
        return req_invalid(r, "invite", problem, FORM);
    }
    char *email = NULL;
    db_value(r->a, &email, "SELECT email FROM users WHERE id = ?", "l", id);
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "user_invite", "user", id, email);
    if (db_commit() != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    return resp_redirect(r, arena_printf(r->a, "/admin/users/%lld?invited=1", id));
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
        return r->is_post ? create(r) : new_form(r);
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
    if (strcmp(rest, "invite") == 0) {
        return invite(r, id);
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
