/* password: where the link of an invitation leads. GET /password?token=T
   shows whom the link is for and asks for a password twice; POST /password
   sets it, uses the link up (it works once), ends the user's sessions and
   sends them to sign in. A link that is unknown, used or expired gets 410. */
#include <string.h>

#include "app.h"
#include "db.h"
#include "invite.h"
#include "users.h"
#include "view.h"

#define FORM "password.cs"

/* The page for a link that no longer works; nothing was changed. */
static int gone(struct req *r)
{
    if (r->want_json) {
        return req_fail(r, 410, "link_invalid", "link_invalid");
    }
    r->status = 410;
    view_bool(r, 1, "Page.gone");
    return view_render(r, FORM);
}

/* Whom the form is for, and the token it carries on to the POST. The page
   speaks the user's own language unless the browser chose one already. */
static void fill(struct req *r, const struct invitee *who, const char *token)
{
    view_str(r, who->name, "Invitee.name");
    view_str(r, who->login, "Invitee.login");
    view_str(r, token, "Form.token");
    /* the language switch keeps the link working (a found token is base64url) */
    view_str(r, arena_printf(r->a, "token=%s", token), "Page.keep_query");
    if (*who->lang && !req_param(r, "lang") && !params_get(&r->cookies, "atiende_lang")) {
        r->lang = strcmp(who->lang, "en") == 0 ? "en" : "es";
    }
}

/* Sets the password, uses the link up and ends the user's sessions, all or
   nothing. 1 done, 0 the link stopped working meanwhile, <0 db status. */
static long long set_password(struct req *r, const struct invitee *who, const char *token,
                              const char *password)
{
    if (db_begin() != DB_OK) {
        return DB_DOWN;
    }
    long long n = invite_use(r, token);
    if (n == 1) {
        n = user_set_password(who->login, password);
    }
    if (n == 1 &&
        (db_exec("DELETE FROM password_tokens WHERE user_id = ? AND used_at IS NULL", "l", who->id) < 0 ||
         db_exec("DELETE FROM sessions WHERE user_id = ?", "l", who->id) < 0)) {
        n = DB_ERROR;
    }
    if (n != 1) {
        db_rollback();
        return n;
    }
    audit(who->id, req_env(r, "REMOTE_ADDR"), "password_set", "user", who->id, "invite");
    return db_commit() == DB_OK ? 1 : DB_DOWN;
}

static int password(struct req *r)
{
    const char *token = req_str(r, "token");
    struct invitee who;
    int found = invite_find(r, token, &who);
    if (found < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (!found) {
        return gone(r);
    }
    fill(r, &who, token);
    if (!r->is_post) {
        return view_render(r, FORM);
    }
    const char *pw = req_str(r, "password"), *pw2 = req_str(r, "password2");
    if (password_problem(pw)) {
        return req_invalid(r, "password", password_problem(pw), FORM);
    }
    if (strcmp(pw, pw2) != 0) {
        return req_invalid(r, "password2", "password_mismatch", FORM);
    }
    long long rc = set_password(r, &who, token, pw);
    if (rc < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    return rc == 1 ? resp_redirect(r, "/login?password_set=1") : gone(r);
}

static const struct screen screen = {
    .name = "password", .roles = ROLE_ANON | ROLES_SIGNED_IN, .methods = M_GET | M_POST,
    .csrf = 1, .handler = password,
};

int main(void)
{
    return app_main(&screen);
}
