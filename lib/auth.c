/* auth.c: see auth.h. Cookies and tokens are random 256-bit values; the
   database keeps only their sha256, so a copy of it opens no session. */
#include "auth.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "db.h"
#include "log.h"
#include "presence.h"

int password_hash(char *out, size_t outlen, const char *password)
{
    if (outlen < crypto_pwhash_STRBYTES) {
        return -1;
    }
    return crypto_pwhash_str(out, password, strlen(password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int password_verify(const char *hash, const char *password)
{
    /* A real hash of a random password, made once, stands in for unknown logins. */
    static char dummy[crypto_pwhash_STRBYTES];
    if (!hash || strncmp(hash, "$argon2", 7) != 0) {
        if (!dummy[0]) {
            password_hash(dummy, sizeof dummy, "no such user, no such password");
        }
        /* Same work as a real check; the answer is "no" whatever it says. */
        volatile int same = crypto_pwhash_str_verify(dummy, password, strlen(password));
        (void)same;
        return 0;
    }
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

char *auth_random_token(struct arena *a)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, n);
    sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

char *auth_token_hash(struct arena *a, const char *s)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    char *out = arena_alloc(a, sizeof h * 2 + 1);
    sodium_bin2hex(out, sizeof h * 2 + 1, h, sizeof h);
    return out;
}

static void set_user(struct req *r, const struct db_rows *rows)
{
    r->user.id = strtoll(db_cell(rows, 0, 0), NULL, 10);
    r->user.login = db_cell(rows, 0, 1);
    r->user.name = db_cell(rows, 0, 2);
    r->user.email = db_cell(rows, 0, 3);
    r->user.role_name = db_cell(rows, 0, 4);
    r->user.lang = db_cell(rows, 0, 5);
    r->user.role = role_from_name(r->user.role_name);
}

/* The bell's count comes with the user: one round trip less on every page. */
#define UNREAD "(SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)"
/* So does the header's presence badge (columns after UNREAD; the join takes
   Presence.timeout_seconds as its parameter). */
#define PRESENCE ", ap.state, ap.case_id, pc.number"
#define PRESENCE_JOIN " LEFT JOIN " PRESENCE_NOW " ap ON ap.user_id = u.id LEFT JOIN cases pc ON pc.id = ap.case_id"

static void set_unread(struct req *r, const struct db_rows *rows, int col)
{
    r->user.unread = strtoll(db_cell(rows, 0, col), NULL, 10);
    r->user.unread_known = 1;
}

static int identify_token(struct req *r, const char *token)
{
    struct db_rows rows;
    int rc = db_select(r->a, &rows,
        "SELECT u.id, u.login, u.name, u.email, u.role, u.language, t.id,"
        " t.last_used_at IS NULL OR t.last_used_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE, " UNREAD PRESENCE
        " FROM api_tokens t JOIN users u ON u.id = t.user_id" PRESENCE_JOIN
        " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1",
        "is", conf.presence_timeout_seconds, auth_token_hash(r->a, token));
    if (rc != DB_OK || rows.n == 0) {
        r->bad_token = rc == DB_OK;
        return rc;
    }
    set_user(r, &rows);
    set_unread(r, &rows, 8);
    presence_from_row(r, &rows, 9);
    r->via_token = 1;
    /* At most one write a minute per token, not one per request. */
    if (strcmp(db_cell(&rows, 0, 7), "1") == 0) {
        db_exec("UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ?",
                "l", strtoll(db_cell(&rows, 0, 6), NULL, 10));
    }
    return DB_OK;
}

static int identify_session(struct req *r, const char *cookie)
{
    const char *sid = auth_token_hash(r->a, cookie);
    struct db_rows rows;
    int rc = db_select(r->a, &rows,
        "SELECT u.id, u.login, u.name, u.email, u.role, u.language, s.csrf_token,"
        " s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE, " UNREAD PRESENCE
        " FROM sessions s JOIN users u ON u.id = s.user_id" PRESENCE_JOIN
        " WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP()"
        " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE AND u.active = 1",
        "isi", conf.presence_timeout_seconds, sid, conf.session_idle_minutes);
    if (rc != DB_OK || rows.n == 0) {
        return rc;
    }
    set_user(r, &rows);
    set_unread(r, &rows, 8);
    presence_from_row(r, &rows, 9);
    r->session_id = sid;
    r->csrf = db_cell(&rows, 0, 6);
    if (strcmp(db_cell(&rows, 0, 7), "1") == 0) {
        db_exec("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?", "s", sid);
    }
    return DB_OK;
}

int auth_load_user(struct req *r, long long id)
{
    struct db_rows rows;
    int rc = db_select(r->a, &rows,
        "SELECT id, login, name, email, role, language FROM users WHERE id = ? AND active = 1",
        "l", id);
    if (rc == DB_OK && rows.n == 1) {
        set_user(r, &rows);
    }
    return rc;
}

int auth_identify(struct req *r)
{
    const char *authz = req_env(r, "HTTP_AUTHORIZATION");
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        const char *token = authz + 7;
        while (*token == ' ') {
            token++;
        }
        if (!*token) {
            r->bad_token = 1;
            return DB_OK;
        }
        return identify_token(r, token);
    }
    const char *cookie = params_get(&r->cookies, SESSION_COOKIE);
    if (cookie && *cookie) {
        return identify_session(r, cookie);
    }
    return DB_OK;
}

int session_start(struct req *r, long long user_id)
{
    const char *old = params_get(&r->cookies, SESSION_COOKIE);
    if (old && *old) {
        db_exec("DELETE FROM sessions WHERE id = ?", "s", auth_token_hash(r->a, old));
    }
    /* Keep the table small: expired rows go a few at a time. */
    db_exec("DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP()"
            " OR last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE LIMIT 100",
            "i", conf.session_idle_minutes);
    char *token = auth_random_token(r->a);
    char *csrf = auth_random_token(r->a);
    const char *ua = req_env(r, "HTTP_USER_AGENT");
    long long rc = db_exec(
        "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)"
        " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? HOUR, ?, LEFT(?, 255))",
        "slsiss", auth_token_hash(r->a, token), user_id, csrf, conf.session_absolute_hours,
        req_env(r, "REMOTE_ADDR"), ua ? ua : "");
    if (rc < 0) {
        return (int)rc;
    }
    r->session_id = auth_token_hash(r->a, token);
    r->csrf = csrf;
    resp_cookie(r, SESSION_COOKIE, token, -1, 1);
    return DB_OK;
}

void session_end(struct req *r)
{
    if (r->session_id) {
        db_exec("DELETE FROM sessions WHERE id = ?", "s", r->session_id);
    }
    r->session_id = NULL;
    r->csrf = NULL;
    resp_cookie(r, SESSION_COOKIE, "", 0, 1);
}

int csrf_ok(const struct req *r)
{
    const char *sent = req_param(r, "csrf");
    if (!sent) {
        sent = req_env(r, "HTTP_X_CSRF_TOKEN");
    }
    if (!sent || !r->csrf) {
        return 0;
    }
    size_t n = strlen(r->csrf);
    return strlen(sent) == n && sodium_memcmp(sent, r->csrf, n) == 0;
}

char *api_token_create(struct arena *a, long long user_id, const char *name)
{
    char *token = arena_printf(a, "atk_%s", auth_random_token(a));
    long long rc = db_exec("INSERT INTO api_tokens (user_id, name, token_hash, created_at)"
                           " VALUES (?, ?, ?, UTC_TIMESTAMP())",
                           "lss", user_id, name, auth_token_hash(a, token));
    return rc == 1 ? token : NULL;
}
