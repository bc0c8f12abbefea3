/* users.c: see users.h. */
#include "users.h"

#include <sodium.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "form.h"
#include "req.h"

static int login_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 2 || n > 64) {
        return 0;
    }
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '@')) {
            return 0;
        }
    }
    return 1;
}

int email_valid(const char *s)
{
    if (!s || !*s) {
        return 1;
    }
    const char *at = strchr(s, '@');
    return strlen(s) <= 254 && at && at > s && !strchr(at + 1, '@') &&
           strchr(at + 1, '.') && !strpbrk(s, " \t\r\n<>,;\"") &&
           at[1] != '.' && s[strlen(s) - 1] != '.';
}

void user_validate(const char *login, const char *name, const char *email,
                   const char *role, const char *lang, struct field_error *err)
{
    err->field = err->key = NULL;
    if (!login_ok(login)) {
        err->field = "login", err->key = "login_invalid";
    } else if (!name || !*name || strlen(name) > 200 || !utf8_valid(name, strlen(name))) {
        err->field = "name", err->key = "name_required";
    } else if (!email_valid(email)) {
        err->field = "email", err->key = "email_invalid";
    } else if (!role_from_name(role)) {
        err->field = "role", err->key = "role_invalid";
    } else if (lang && *lang && strcmp(lang, "es") != 0 && strcmp(lang, "en") != 0) {
        err->field = "language", err->key = "language_invalid";
    }
}

const char *password_problem(const char *password)
{
    size_t n = password ? strlen(password) : 0;
    if (n < 8) {
        return "password_short";
    }
    if (n > 200) {
        return "password_long";
    }
    return NULL;
}

long long user_create(const char *login, const char *name, const char *email,
                      const char *role, const char *lang, const char *password)
{
    char hash[crypto_pwhash_STRBYTES] = "";
    if (password && password_hash(hash, sizeof hash, password) != 0) {
        return DB_ERROR;
    }
    long long rc = db_exec("INSERT INTO users (login, name, email, role, language, password_hash)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           "ssssss", login, name, email ? email : "", role,
                           lang && *lang ? lang : NULL, password ? hash : NULL);
    return rc < 0 ? rc : db_last_id();
}

long long user_set_password(const char *login, const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    if (password_hash(hash, sizeof hash, password) != 0) {
        return DB_ERROR;
    }
    return db_exec("UPDATE users SET password_hash = ?, version = version + 1,"
                   " updated_at = UTC_TIMESTAMP() WHERE login = ?",
                   "ss", hash, login);
}

void audit(long long actor, const char *ip, const char *action,
           const char *object_type, long long object_id, const char *detail)
{
    db_exec("INSERT INTO audit_log (user_id, action, object_type, object_id, detail, ip)"
            " VALUES (NULLIF(?, 0), ?, ?, NULLIF(?, 0), LEFT(?, 1000), ?)",
            "lsslss", actor, action, object_type ? object_type : "", object_id,
            detail ? detail : "", ip ? ip : "");
}
