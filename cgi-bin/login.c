/* login: GET shows the sign-in form; POST checks login and password, throttles
   repeated failures per login and per address, and starts a new session. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "presence.h"
#include "users.h"
#include "view.h"

/* Where to go after signing in: only a path of this site. */
static const char *safe_next(const char *next)
{
    return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' ? next : "/";
}

static int show_form(struct req *r, int status, const char *error)
{
    r->status = status;
    view_str(r, req_param(r, "login"), "Form.login");
    view_str(r, safe_next(req_param(r, "next")), "Form.next");
    /* back from choosing a password with an invitation's link */
    view_bool(r, req_param(r, "password_set") != NULL, "Page.password_set");
    if (error) {
        view_str(r, error, "Form.error");
        view_str(r, error, "error.code");
        view_str(r, req_text(r, arena_printf(r->a, "Err.%s", error)), "error.message");
    }
    return view_render(r, "login.cs");
}

static int throttled(struct req *r, const char *login, const char *ip)
{
    struct db_rows rows;
    int rc = db_select(r->a, &rows,
        "SELECT (SELECT COUNT(*) FROM login_attempts WHERE login = ? AND success = 0"
        "        AND attempted_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE),"
        "       (SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND success = 0"
        "        AND attempted_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE)",
        "sisi", login, conf.login_window_minutes, ip, conf.login_window_minutes);
    if (rc != DB_OK) {
        return rc;
    }
    return atoi(db_cell(&rows, 0, 0)) >= conf.login_max_per_login ||
           atoi(db_cell(&rows, 0, 1)) >= conf.login_max_per_addr;
}

static void record_attempt(const char *login, const char *ip, int success)
{
    db_exec("INSERT INTO login_attempts (login, ip, success, attempted_at)"
            " VALUES (LEFT(?, 64), ?, ?, UTC_TIMESTAMP())", "ssi", login, ip, success);
}

static int sign_in(struct req *r)
{
    const char *login = req_param(r, "login"), *password = req_param(r, "password");
    const char *ip = req_env(r, "REMOTE_ADDR");
    ip = ip ? ip : "";
    if (!login || !*login || !password || !*password) {
        return show_form(r, 422, "login_failed");
    }
    int t = throttled(r, login, ip);
    if (t < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (t) {
        resp_header(r, "Retry-After", arena_printf(r->a, "%d", conf.login_window_minutes * 60));
        audit(0, ip, "login_throttled", "", 0, login);
        return show_form(r, 429, "throttled");
    }
    struct db_rows rows;
    if (db_select(r->a, &rows, "SELECT id, password_hash, active FROM users WHERE login = ?",
                  "s", login) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    const char *hash = rows.n ? db_cell(&rows, 0, 1) : NULL;
    int ok = password_verify(hash, password) && strcmp(db_cell(&rows, 0, 2), "1") == 0;
    record_attempt(login, ip, ok);
    if (!ok) {
        audit(rows.n ? strtoll(db_cell(&rows, 0, 0), NULL, 10) : 0, ip, "login_failed", "user", 0, login);
        return show_form(r, 401, "login_failed");
    }
    long long uid = strtoll(db_cell(&rows, 0, 0), NULL, 10);
    db_exec("DELETE FROM login_attempts WHERE login = ? AND success = 0", "s", login);
    if (session_start(r, uid) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    audit(uid, ip, "login", "user", uid, "");
    presence_signed_in(uid);
    if (r->want_json) {
        auth_load_user(r, uid);
        return view_render(r, "login.cs");
    }
    return resp_redirect(r, safe_next(req_param(r, "next")));
}

static int login(struct req *r)
{
    if (r->is_post) {
        return sign_in(r);
    }
    if (r->user.id && !r->want_json) {
        return resp_redirect(r, safe_next(req_param(r, "next")));
    }
    return show_form(r, 200, NULL);
}

static const struct screen screen = {
    .name = "login", .roles = ROLE_ANON | ROLES_SIGNED_IN, .methods = M_GET | M_POST,
    .csrf = 0, .handler = login,
};

int main(void)
{
    return app_main(&screen);
}
