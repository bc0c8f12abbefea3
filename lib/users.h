/* users.h: rules for user accounts shared by /admin/users and atiende-admin. */
#ifndef ATIENDE_USERS_H
#define ATIENDE_USERS_H

/* The first problem found in a user's fields: the form field and the Lang.Err
   key of its message. Both NULL when the fields are valid. */
struct field_error {
    const char *field, *key;
};

/* Checks login (letters, digits, . _ -; 2-64), name (1-200), e-mail (empty or
   one @ with a dot after it), role and language ("", "es", "en"). */
void user_validate(const char *login, const char *name, const char *email,
                   const char *role, const char *lang, struct field_error *err);

/* 1 when s is empty or looks like one e-mail address (one @, a dot after it,
   no spaces or separators). */
int email_valid(const char *s);

/* NULL when the password is acceptable, else the Lang.Err key saying why. */
const char *password_problem(const char *password);

/* Inserts a user; password may be NULL (set later). Returns the new id, or a
   negative db_status (DB_DUPLICATE: the login is taken). */
long long user_create(const char *login, const char *name, const char *email,
                      const char *role, const char *lang, const char *password);

/* Sets a user's password by login. 1 when changed, 0 no such login, <0 db status. */
long long user_set_password(const char *login, const char *password);

/* Appends a row to the audit trail; actor 0 means the system. */
void audit(long long actor, const char *ip, const char *action,
           const char *object_type, long long object_id, const char *detail);

#endif
