/* admin.h: what the configuration screens (/admin/...) share: the short
   name + description pair, and finishing a write (audit, redirect, errors). */
#ifndef ATIENDE_ADMIN_H
#define ATIENDE_ADMIN_H

#include "req.h"
#include "users.h"

/* A short name (1-100 characters) and a description (up to 500). Sets
   fe->field/key to the first problem; name_key is the message for a bad name. */
void admin_name_check(const char *name, const char *description, const char *name_key,
                      struct field_error *fe);

/* A change went through: writes the audit row and sends the browser on to
   location (303). Returns the status. */
int admin_done(struct req *r, const char *action, const char *object_type, long long id,
               const char *detail, const char *location);

/* The answer for a failed write: 404 when nothing matched (rc == 0), 409
   "in_use" when a reference forbids it, 503 when the database is down. */
int admin_fail(struct req *r, long long rc);

/* Deletes one row with sql (one 'l' parameter: id). A row that something
   still refers to is kept and answered with 409 in_use; it can be
   deactivated instead. On success audits and redirects to back. */
int admin_delete(struct req *r, const char *sql, long long id, const char *action,
                 const char *object_type, const char *back);

#endif
