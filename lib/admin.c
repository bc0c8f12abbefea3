/* admin.c: finishing the configuration screens' writes the same way. */
#include "admin.h"

#include <string.h>

#include "db.h"

void admin_name_check(const char *name, const char *description, const char *name_key,
                      struct field_error *fe)
{
    fe->field = fe->key = NULL;
    if (!*name || strlen(name) > 100) {
        fe->field = "name", fe->key = name_key;
    } else if (strlen(description) > 500) {
        fe->field = "description", fe->key = "description_long";
    }
}

int admin_done(struct req *r, const char *action, const char *object_type, long long id,
               const char *detail, const char *location)
{
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), action, object_type, id, detail);
    return resp_redirect(r, location);
}

int admin_fail(struct req *r, long long rc)
{
    if (rc == 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (rc == DB_CONSTRAINT) {
        return req_fail(r, 409, "in_use", "in_use");
    }
    return req_fail(r, 503, "db_unavailable", "db_down");
}

int admin_delete(struct req *r, const char *sql, long long id, const char *action,
                 const char *object_type, const char *back)
{
    long long n = db_exec(sql, "l", id);
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, action, object_type, id, "", back);
}
