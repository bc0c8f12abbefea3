/* activities.c: /cases/{id}/activities — add, change and remove the
   activities a case is worked through. Each change is a row of the case's
   history, in the same transaction. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "screen.h"
#include "view.h"

#define ACTIVITY "case_activity.cs"

/* The form fields, in the order of the INSERT and UPDATE parameters. */
static const char *const fields[] = {
    "type", "description", "executor", "priority", "date", "start_time", "end_time",
    "start_at", "due_at", "status", "completed_at", "percent", "billable", "article",
};
enum { A_TYPE, A_DESC, A_EXECUTOR, A_PRIORITY, A_DATE, A_START, A_END, A_START_AT, A_DUE_AT,
       A_STATUS, A_COMPLETED, A_PERCENT, A_BILLABLE, A_ARTICLE, A_COUNT };

static const char *const exists_sql[A_COUNT] = {
    [A_TYPE] = "SELECT 1 FROM activity_types WHERE id = ?",
    [A_EXECUTOR] = "SELECT 1 FROM users WHERE id = ? AND active = 1 AND role <> 'customer'",
    [A_PRIORITY] = "SELECT 1 FROM priorities WHERE id = ?",
    [A_ARTICLE] = "SELECT 1 FROM articles WHERE id = ?",
};

/* "14:05" or "14:05:00" -> "14:05"; NULL when not exactly a time of day. */
static const char *time_of_day(struct arena *a, const char *s)
{
    size_t n = strlen(s);
    if ((n != 5 && !(n == 8 && strcmp(s + 5, ":00") == 0)) || s[2] != ':' ||
        strspn(s, "0123456789") != 2 || strspn(s + 3, "0123456789") != 2) {
        return NULL;
    }
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h <= 23 && m <= 59 ? arena_printf(a, "%.5s", s) : NULL;
}

static void set(struct field_error *fe, const char *field, const char *key)
{
    if (!fe->field) {
        fe->field = field, fe->key = key;
    }
}

/* Reads and checks the activity form against the case's planned dates.
   v[] gets the values to store (NULL = SQL NULL). */
static void parse(struct req *r, const char *plan_start, const char *plan_close,
                  const char *assignee, const char **v, struct field_error *fe)
{
    fe->field = fe->key = NULL;
    for (int i = 0; i < A_COUNT; i++) {
        v[i] = req_str(r, fields[i]);
        char *end;
        if (exists_sql[i] && *v[i]) {
            char *found = NULL;
            long long id = strtoll(v[i], &end, 10);
            if (*end || id <= 0 || db_value(r->a, &found, exists_sql[i], "l", id) != DB_OK || !found) {
                set(fe, fields[i], i == A_EXECUTOR ? "staff_unknown" : "choice_unknown");
            }
        }
        if ((i == A_DATE || i == A_START_AT || i == A_DUE_AT || i == A_COMPLETED) && *v[i] &&
            !date_valid(v[i])) {
            set(fe, fields[i], "date_invalid");
        }
        if ((i == A_START || i == A_END) && *v[i] && !(v[i] = time_of_day(r->a, v[i]))) {
            v[i] = req_str(r, fields[i]);
            set(fe, fields[i], "time_invalid");
        }
        if (!*v[i] && i != A_DESC) {
            v[i] = NULL;
        }
    }
    if (!v[A_EXECUTOR]) {
        v[A_EXECUTOR] = assignee;       /* by default, the case's executor */
    }
    if (!*v[A_DESC] || utf8_chars(v[A_DESC]) > 1000) {
        set(fe, "description", "activity_description_required");
    }
    const char *status = v[A_STATUS] ? v[A_STATUS] : "pending";
    v[A_STATUS] = status;
    if (strcmp(status, "pending") && strcmp(status, "in_progress") && strcmp(status, "done") &&
        strcmp(status, "cancelled")) {
        set(fe, "status", "choice_unknown");
    }
    if (strcmp(status, "done") == 0 && !v[A_COMPLETED]) {
        char today[11];
        time_t now = time(NULL);
        strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
        v[A_COMPLETED] = arena_strdup(r->a, today);
    }
    long long percent = 0;
    char *end;
    if (v[A_PERCENT] && ((percent = strtoll(v[A_PERCENT], &end, 10)) < 0 || percent > 100 || *end)) {
        set(fe, "percent", "percent_range");
    }
    if (!v[A_PERCENT]) {
        v[A_PERCENT] = strcmp(status, "done") == 0 ? "100" : "0";
    }
    int billable = req_flag(r, "billable", 0);
    if (billable < 0) {
        set(fe, "billable", "flag_invalid");
    }
    v[A_BILLABLE] = billable > 0 ? "1" : "0";
    if (v[A_START] && v[A_END] && strcmp(v[A_END], v[A_START]) <= 0) {
        set(fe, "end_time", "times_order");
    }
    if (v[A_START_AT] && v[A_DUE_AT] && strcmp(v[A_START_AT], v[A_DUE_AT]) > 0) {
        set(fe, "due_at", "due_before_start");
    }
    if (v[A_DATE] && ((plan_start && strcmp(v[A_DATE], plan_start) < 0) ||
                      (plan_close && strcmp(v[A_DATE], plan_close) > 0))) {
        set(fe, "date", "activity_date_range");
    }
}

/* The case's planned dates, assignee and episode; 0 when there is no case. */
static int case_plan(struct req *r, long long id, struct db_rows *plan)
{
    return db_select(r->a, plan, "SELECT start_at, close_at, assignee_id, episode, version, closed"
                     " FROM cases WHERE id = ? FOR UPDATE", "l", id) == DB_OK && plan->n == 1;
}

static int refused(struct req *r, long long id, long long item, const struct field_error *fe)
{
    db_rollback();
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    for (int i = 0; i < A_COUNT; i++) {
        view_str(r, req_str(r, fields[i]), "Activity.%s", fields[i]);
    }
    if (item) {
        view_int(r, item, "Activity.id");
        view_str(r, req_str(r, "version"), "Activity.version");
    }
    view_str(r, "activities", "Page.open");
    return req_invalid(r, fe->field, fe->key, item ? ACTIVITY : "case.cs");
}

/* Adds (item 0) or changes an activity of case id. */
static int save(struct req *r, long long id, long long item)
{
    struct db_rows plan, old;
    struct field_error fe;
    const char *v[A_COUNT];
    long long version = 0, n;
    if (item && req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    if (db_begin() != DB_OK || !case_plan(r, id, &plan)) {
        db_rollback();
        return admin_fail(r, 0);
    }
    if (*db_cell(&plan, 0, 5) == '1' && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        db_rollback();
        return req_fail(r, 403, "case_closed", "case_closed");
    }
    if (item && (db_select(r->a, &old, "SELECT description, status FROM activities"
                           " WHERE id = ? AND case_id = ?", "ll", item, id) != DB_OK || old.n == 0)) {
        db_rollback();
        return admin_fail(r, 0);
    }
    parse(r, db_cell(&plan, 0, 0), db_cell(&plan, 0, 1), db_cell(&plan, 0, 2), v, &fe);
    if (fe.field) {
        return refused(r, id, item, &fe);
    }
    n = item ? db_exec("UPDATE activities SET type_id = ?, description = ?, executor_id = ?,"
                       " priority_id = ?, date = ?, start_time = ?, end_time = ?, start_at = ?,"
                       " due_at = ?, status = ?, completed_at = ?, percent = ?, billable = ?,"
                       " article_id = ?, version = version + 1, updated_at = UTC_TIMESTAMP()"
                       " WHERE id = ? AND case_id = ? AND version = ?", "ssssssssssssssll" "l",
                       v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                       v[12], v[13], item, id, version)
             : db_exec("INSERT INTO activities (type_id, description, executor_id, priority_id, date,"
                       " start_time, end_time, start_at, due_at, status, completed_at, percent,"
                       " billable, article_id, case_id, created_by)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ssssssssssssssll",
                       v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                       v[12], v[13], id, r->user.id);
    if (n == 0 && item) {
        db_rollback();
        return req_fail(r, 409, "conflict", "conflict");
    }
    long long aid = item ? item : db_last_id();
    if (n < 0 ||
        case_history(id, atoi(db_cell(&plan, 0, 3)), r->user.id, atoi(db_cell(&plan, 0, 4)),
                     "activity", item ? "changed" : "added",
                     item ? activity_summary(r, db_cell(&old, 0, 0), db_cell(&old, 0, 1)) : NULL,
                     activity_summary(r, v[A_DESC], v[A_STATUS]), item, aid, "") < 0 ||
        db_exec("UPDATE cases SET updated_at = UTC_TIMESTAMP() WHERE id = ?", "l", id) < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, n < 0 ? n : DB_ERROR);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), item ? "activity_update" : "activity_create",
          "case", id, arena_printf(r->a, "activity=%lld", aid));
    const char *back = arena_printf(r->a, "/cases/%lld?saved=1#activities", id);
    if (!item && resp_created(r, arena_printf(r->a, "/cases/%lld/activities/%lld", id, aid)) == 201) {
        case_load(r, id);
        return view_render(r, "case.cs");
    }
    return item ? resp_redirect(r, back) : r->status;
}

static int remove_one(struct req *r, long long id, long long item)
{
    struct db_rows plan, old;
    if (db_begin() != DB_OK || !case_plan(r, id, &plan) ||
        db_select(r->a, &old, "SELECT description, status FROM activities WHERE id = ? AND case_id = ?",
                  "ll", item, id) != DB_OK || old.n == 0) {
        db_rollback();
        return admin_fail(r, 0);
    }
    if (*db_cell(&plan, 0, 5) == '1' && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        db_rollback();
        return req_fail(r, 403, "case_closed", "case_closed");
    }
    if (db_exec("DELETE FROM activities WHERE id = ? AND case_id = ?", "ll", item, id) != 1 ||
        case_history(id, atoi(db_cell(&plan, 0, 3)), r->user.id, atoi(db_cell(&plan, 0, 4)),
                     "activity", "removed", activity_summary(r, db_cell(&old, 0, 0), db_cell(&old, 0, 1)),
                     NULL, item, 0, "") < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    return admin_done(r, "activity_delete", "case", id, arena_printf(r->a, "activity=%lld", item),
                      arena_printf(r->a, "/cases/%lld?saved=1#activities", id));
}

static int show(struct req *r, long long id, long long item)
{
    struct db_rows row;
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    if (db_select(r->a, &row, "SELECT id, type_id AS type, description, executor_id AS executor,"
                  " priority_id AS priority, date, TIME_FORMAT(start_time, '%H:%i') AS start_time,"
                  " TIME_FORMAT(end_time, '%H:%i') AS end_time, start_at, due_at, status,"
                  " completed_at, percent, billable, article_id AS article, hours, version"
                  " FROM activities WHERE id = ? AND case_id = ?", "ll", item, id) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    if (row.n == 0) {
        return admin_fail(r, 0);
    }
    view_row(r, "Activity", &row, 0);
    return view_render(r, ACTIVITY);
}

int case_activities(struct req *r, long long id, const char *rest)
{
    long long item = 0;
    char *end = NULL;
    if (strncmp(rest, "activities/", 11) == 0) {
        item = strtoll(rest + 11, &end, 10);
        if (item <= 0 || (*end && strcmp(end, "/delete") != 0)) {
            return req_fail(r, 404, "not_found", "not_found");
        }
    }
    int del = end && *end;
    if (!r->is_post) {
        if (del) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        if (!item) {
            int found = case_load(r, id);
            return found > 0 ? view_render(r, "case.cs") : admin_fail(r, found);
        }
        return show(r, id, item);
    }
    return del ? remove_one(r, id, item) : save(r, id, item);
}
