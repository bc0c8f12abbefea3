/* invite.c: see invite.h. The e-mail is rendered from mail_invite.cs and
   mail_invite_text.cs and queued in the outbox like the case e-mails
   (lib/notify.c); bin/atiende-mailer sends it. */
#include "invite.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "conf.h"
#include "db.h"
#include "view.h"

/* The site's address without a trailing slash, so links have one slash. */
static const char *base_url(struct req *r)
{
    size_t n = strlen(conf.base_url);
    while (n > 0 && conf.base_url[n - 1] == '/') {
        n--;
    }
    return arena_printf(r->a, "%.*s", (int)n, conf.base_url);
}

/* Renders the invitation and queues it to the user. */
static int queue_mail(struct req *r, const char *to, const char *name, const char *login,
                      const char *lang, const char *token)
{
    char *hours = arena_printf(r->a, "%d", conf.portal_invite_hours);
    view_str(r, lang, "Mail.lang");
    view_str(r, name, "Mail.name");
    view_str(r, login, "Mail.login");
    view_str(r, conf.site_name, "Mail.site");
    view_str(r, lang_fill(r->a, lang, "Invite.intro", conf.site_name, NULL, NULL), "Mail.intro");
    view_str(r, lang_fill(r->a, lang, "Invite.validity", hours, NULL, NULL), "Mail.validity");
    view_str(r, arena_printf(r->a, "%s/password?token=%s", base_url(r), token), "Mail.link");
    const char *html = view_render_text(r, "mail_invite.cs", lang);
    const char *text = view_render_text(r, "mail_invite_text.cs", lang);
    hdf_remove_tree(r->hdf, "Mail");
    if (!html || !text) {
        return DB_ERROR;
    }
    const char *subject = lang_fill(r->a, lang, "Invite.subject", conf.site_name, NULL, NULL);
    /* a fresh random part: the outbox's message_id is unique */
    const char *mid = arena_printf(r->a, "invite.%s@atiende", auth_random_token(r->a));
    return db_exec("INSERT INTO outbox (case_id, to_addr, to_name, subject, body_text, body_html,"
                   " message_id, thread_id) VALUES (NULL, ?, ?, ?, ?, ?, ?, '')", "ssssss",
                   to, name, subject, text, html, mid) < 0 ? DB_ERROR : 0;
}

int invite_send(struct req *r, long long user_id, const char **problem)
{
    struct db_rows u;
    *problem = NULL;
    int rc = db_select(r->a, &u, "SELECT login, name, email, COALESCE(language, ''), active = 1"
                       " FROM users WHERE id = ?", "l", user_id);
    if (rc != DB_OK) {
        return rc;
    }
    if (u.n == 0 || *db_cell(&u, 0, 4) != '1' || !*db_cell(&u, 0, 2)) {
        *problem = u.n == 0 ? "not_found" : *db_cell(&u, 0, 4) != '1' ? "invite_inactive"
                                                                      : "invite_no_email";
        return 0;
    }
    const char *lang = strcmp(db_cell(&u, 0, 3), "en") == 0 ? "en"
                       : *db_cell(&u, 0, 3) ? "es" : conf.default_lang;
    const char *token = auth_random_token(r->a);
    if (db_exec("DELETE FROM password_tokens WHERE user_id = ? AND used_at IS NULL",
                "l", user_id) < 0 ||
        db_exec("INSERT INTO password_tokens (token_hash, user_id, purpose, created_by, expires_at)"
                " VALUES (?, ?, 'invite', NULLIF(?, 0), UTC_TIMESTAMP() + INTERVAL ? HOUR)",
                "slli", auth_token_hash(r->a, token), user_id, r->user.id,
                conf.portal_invite_hours) < 0 ||
        queue_mail(r, db_cell(&u, 0, 2), db_cell(&u, 0, 1), db_cell(&u, 0, 0), lang, token) < 0) {
        return DB_ERROR;
    }
    return 1;
}

int invite_find(struct req *r, const char *token, struct invitee *out)
{
    struct db_rows u;
    if (!token || !*token) {
        return 0;
    }
    int rc = db_select(r->a, &u, "SELECT u.id, u.login, u.name, COALESCE(u.language, '')"
                       " FROM password_tokens p JOIN users u ON u.id = p.user_id"
                       " WHERE p.token_hash = ? AND p.used_at IS NULL"
                       " AND p.expires_at > UTC_TIMESTAMP() AND u.active = 1",
                       "s", auth_token_hash(r->a, token));
    if (rc != DB_OK) {
        return rc;
    }
    if (u.n == 0) {
        return 0;
    }
    out->id = strtoll(db_cell(&u, 0, 0), NULL, 10);
    out->login = db_cell(&u, 0, 1);
    out->name = db_cell(&u, 0, 2);
    out->lang = db_cell(&u, 0, 3);
    return 1;
}

int invite_use(struct req *r, const char *token)
{
    long long n = db_exec("UPDATE password_tokens SET used_at = UTC_TIMESTAMP()"
                          " WHERE token_hash = ? AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()",
                          "s", auth_token_hash(r->a, token));
    return n < 0 ? (int)n : n == 1;
}
