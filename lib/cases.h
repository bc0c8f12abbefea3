/* cases.h: the rules of a case shared by the case screens, the portal and
   the escalation job: its fields (how each is read, checked, stored and
   shown), numbering, history rows and who may see it. */
#ifndef ATIENDE_CASES_H
#define ATIENDE_CASES_H

#include "req.h"
#include "users.h"

enum case_field_kind {
    CF_TEXT, CF_REF, CF_USER, CF_DATE, CF_DATETIME, CF_INT, CF_DECIMAL, CF_FLAG, CF_ENUM,
};

struct case_field {
    const char *name;           /* form field */
    const char *column;         /* column of cases (a constant) */
    enum case_field_kind kind;
    int required;
    int max;                    /* text: bytes; int: the largest value */
    const char *show_sql;       /* refs: the name of id ? (and the language, when lang) */
    int lang;
};

extern const struct case_field case_fields[];
extern const int case_field_count;

/* The values of a case form, one per case_fields entry: NULL = SQL NULL,
   and given[i] = 0 when the request left the field out. */
struct case_values {
    const char *v[48];
    int given[48];
};

/* Reads and checks the case fields of the request. creating: absent
   fields take their defaults (received_at now, priority "medium").
   Cross-field rules too (planned dates in order, the contact and account
   belong to the customer, a customer or a requester). First problem in fe. */
void case_read(struct req *r, struct case_values *cv, int creating, struct field_error *fe);

/* The rules between fields over the case as it will be: cv, completed with
   stored (one value per field, as read from the database; NULL: creating)
   for the fields the request left out. */
void case_cross_check(struct req *r, struct case_values *cv, const char *const *stored,
                      struct field_error *fe);

/* The index of a field in case_fields, or -1. */
int case_field_index(const char *name);

/* "2026-11-22T14:05" or "2026-11-22 14:05[:00]" in the site's time zone ->
   "2026-11-22 19:05:00" UTC (copied into a); NULL when malformed. */
const char *local_to_utc(struct arena *a, const char *s);

/* A field's value as people see it (names for refs), in the user's language. */
const char *case_show(struct req *r, int field, const char *value);

/* Inside a transaction: the next number of the year, "2026-000123". NULL
   when the database failed. */
const char *case_next_number(struct req *r);

/* Appends a history row. kind: create, change, status, assign, close,
   reactivate, escalate, note, merge, manage. */
long long case_history(long long case_id, int episode, long long user, int version,
                       const char *kind, const char *field, const char *old_value,
                       const char *new_value, long long old_ref, long long new_ref,
                       const char *note);

/* Inside a transaction, on case id locked by the caller: closes it as
   status (a closed one) by user with its resolution, and bumps its version;
   merged_into > 0 is the case it was merged into (status MRG). 1 when the
   row changed, else 0 or a negative db status. */
long long case_close_row(long long id, long long status, long long user, const char *resolution,
                         long long merged_into);

/* Registers a checked case inside the caller's transaction: number,
   initial status, history, the initial note (may be NULL), the requester
   saved as a customer when requester is 1, and the notifications. Only the
   fields given in cv are stored. The new id, or a negative db status (the
   caller rolls back). */
long long case_register(struct req *r, struct case_values *cv, const char *note,
                        int requester, const char **number);

/* An activity as the case history shows it: "Llamar al cliente (Terminada)",
   the description cut at 80 characters. */
const char *activity_summary(struct req *r, const char *description, const char *status);

/* The SQL condition (on cases alias c, parameters in types/args order:
   user id three times) that limits an agent to their areas, teams and own
   cases, or NULL when this user sees every case. */
const char *case_scope_sql(const struct req *r);

/* "Next cases to execute" (E4): the level weighs most, then the priority,
   then how close (or how far past) the due date is. On cases c joined with
   priorities p. README "Next cases" explains it. */
#define CASE_NEXT_SCORE \
    "(10 * c.level + p.weight + IF(c.due_at IS NULL, 0," \
    " 2 * LEAST(28, GREATEST(0, 14 - DATEDIFF(c.due_at, UTC_DATE())))))"

/* Which open cases rank for a user (parameters: user id twice): their own,
   and for supervisors (third parameter 1) their teams' too. */
#define CASE_NEXT_WHERE \
    " AND c.closed = 0 AND (c.assignee_id = ? OR (? AND c.team_id IN" \
    " (SELECT m.team_id FROM team_members m WHERE m.user_id = ?)))"

/* The pending-cases list (S8, S7) and the dashboard's next case: a user's
   open cases (parameter: the user id) on cases c joined with priorities p,
   first those whose next management has come (the oldest first), then the
   other scheduled ones by their next-management time, then the unscheduled
   ones by priority weight and age. ix_cases_pending finds the rows. */
#define CASE_PENDING_WHERE " AND c.assignee_id = ? AND c.closed = 0"
#define CASE_PENDING_ORDER \
    " ORDER BY c.next_at IS NULL, c.next_at, p.weight DESC, c.created_at, c.id"
/* 1 when the case's next management has come. */
#define CASE_PENDING_DUE "COALESCE(c.next_at <= UTC_TIMESTAMP(), 0)"

#endif
