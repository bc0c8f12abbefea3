/* write.c: every change to a case, each in one transaction with its
   history rows: register, update (field by field, old -> new), status
   changes with their note, reassign, close and reactivate. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "notify.h"
#include "screen.h"

/* The row as it is when locked for a change. */
struct stored {
    long long status, assignee;
    int closed, episode, version;
    const char *status_code, *values[48];
};

/* Begins a transaction and locks case id. CASE_SAVED when locked. */
static enum case_result lock(struct req *r, long long id, struct stored *st)
{
    struct sbuf sql;
    sbuf_init(&sql, r->a);
    sbuf_adds(&sql, "SELECT c.status_id, c.closed, c.episode, c.version, NULL AS code, c.assignee_id");
    for (int i = 0; i < case_field_count; i++) {
        sbuf_addf(&sql, ", c.%s", case_fields[i].column);
    }
    /* the case row only: joining statuses here would lock the status row
       too, and every write to a case in that status would queue behind it */
    sbuf_adds(&sql, " FROM cases c WHERE c.id = ? FOR UPDATE");
    struct db_rows row;
    char *code = NULL;
    if (db_begin() != DB_OK || db_select(r->a, &row, sql.s, "l", id) != DB_OK ||
        (row.n && db_value(r->a, &code, "SELECT code FROM statuses WHERE id = ?", "s",
                           db_cell(&row, 0, 0)) != DB_OK)) {
        db_rollback();
        return CASE_DB;
    }
    if (row.n == 0) {
        db_rollback();
        return CASE_MISSING;
    }
    st->status = strtoll(db_cell(&row, 0, 0), NULL, 10);
    st->closed = *db_cell(&row, 0, 1) == '1';
    st->episode = atoi(db_cell(&row, 0, 2));
    st->version = atoi(db_cell(&row, 0, 3));
    st->status_code = code;
    st->assignee = db_cell(&row, 0, 5) ? strtoll(db_cell(&row, 0, 5), NULL, 10) : 0;
    for (int i = 0; i < case_field_count; i++) {
        st->values[i] = db_cell(&row, 0, i + 6);
    }
    return CASE_SAVED;
}

static enum case_result done(void)
{
    if (db_commit() != DB_OK) {
        db_rollback();
        return CASE_DB;
    }
    return CASE_SAVED;
}

static enum case_result fail(enum case_result rc)
{
    db_rollback();
    return rc;
}

static enum case_result invalid(struct field_error *fe, const char *field, const char *key)
{
    db_rollback();
    fe->field = field, fe->key = key;
    return CASE_INVALID;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

long long case_insert(struct req *r, struct case_values *cv, const char *note,
                      int requester, const char **number)
{
    if (db_begin() != DB_OK) {
        return DB_DOWN;
    }
    long long id = case_register(r, cv, note, requester, number);
    if (id <= 0 || db_commit() != DB_OK) {
        db_rollback();
        return id < 0 ? id : DB_ERROR;
    }
    return id;
}

/* 1 when moving from status a to b changes what the customer sees. */
static int portal_changed(struct req *r, long long a, long long b)
{
    char *n = NULL;
    return db_value(r->a, &n, "SELECT COUNT(DISTINCT portal_state) FROM statuses WHERE id IN (?, ?)",
                    "ll", a, b) == DB_OK && n && strcmp(n, "2") == 0;
}

/* The new status's code, for messages. */
static const char *status_code(struct req *r, long long id)
{
    char *code = NULL;
    db_value(r->a, &code, "SELECT code FROM statuses WHERE id = ?", "l", id);
    return code ? code : "";
}

/* A requested status change: checked, and its history row written with
   the new version. 1 changed, 0 no change, -1 refused (fe set). */
static int status_change(struct req *r, long long id, const struct stored *st, int version,
                         struct db_query *q, struct field_error *fe)
{
    long long to;
    struct db_rows s;
    const char *note = req_str(r, "note");
    int rc = req_int(r, "status", 1, 1LL << 62, &to);
    if (rc == 0 || (rc == 1 && to == st->status)) {
        return 0;
    }
    if (rc < 0 || db_select(r->a, &s, "SELECT code, closed FROM statuses WHERE id = ?", "l", to) != DB_OK ||
        s.n == 0) {
        fe->field = "status", fe->key = "choice_unknown";
        return -1;
    }
    if (*db_cell(&s, 0, 1) == '1' || st->closed) {
        fe->field = "status", fe->key = st->closed ? "use_reactivate" : "use_close";
        return -1;
    }
    if (!*note) {
        fe->field = "note", fe->key = "status_note_required";
        return -1;
    }
    db_query_add(q, " status_id = ?,", "l", to);
    return case_history(id, st->episode, r->user.id, version, "status", "status", st->status_code,
                        db_cell(&s, 0, 0), st->status, to, note) < 0 ? -1 : 1;
}

enum case_result case_update(struct req *r, long long id, long long version, struct field_error *fe)
{
    struct case_values cv;
    struct stored st;
    case_read(r, &cv, 0, fe);
    if (fe->field) {
        return CASE_INVALID;
    }
    enum case_result rc = lock(r, id, &st);
    if (rc != CASE_SAVED) {
        return rc;
    }
    if (st.closed && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        return fail(CASE_CLOSED);
    }
    if (st.version != version) {
        return fail(CASE_STALE);
    }
    case_cross_check(r, &cv, st.values, fe);
    if (fe->field) {
        return fail(CASE_INVALID);
    }
    struct db_query q;
    int changes = 0, next = st.version + 1;
    const char *changed = "";
    db_query_init(&q, r->a, "UPDATE cases SET");
    for (int i = 0; i < case_field_count; i++) {
        const struct case_field *f = &case_fields[i];
        /* the form shows times to the minute: the seconds stored are not a change */
        int minute = f->kind == CF_DATETIME && cv.v[i] && st.values[i] &&
                     strncmp(cv.v[i], st.values[i], 16) == 0;
        if (!cv.given[i] || same(cv.v[i], st.values[i]) || minute) {
            continue;
        }
        db_query_add(&q, arena_printf(r->a, " %s = ?,", f->column), "s", cv.v[i]);
        long long old_ref = f->show_sql && st.values[i] ? strtoll(st.values[i], NULL, 10) : 0;
        long long new_ref = f->show_sql && cv.v[i] ? strtoll(cv.v[i], NULL, 10) : 0;
        changed = arena_printf(r->a, "%s%s%s", changed, *changed ? ", " : "",
                               req_text(r, arena_printf(r->a, "Cases.Field.%s", f->name)));
        if (case_history(id, st.episode, r->user.id, next, "change", f->name,
                         case_show(r, i, st.values[i]), case_show(r, i, cv.v[i]),
                         old_ref, new_ref, "") < 0) {
            return fail(CASE_DB);
        }
        changes++;
    }
    int status = status_change(r, id, &st, next, &q, fe);
    if (status < 0) {
        return fe->field ? invalid(fe, fe->field, fe->key) : fail(CASE_DB);
    }
    const char *note = req_str(r, "note");
    if (!status && *note && case_history(id, st.episode, r->user.id, next, "note", "", NULL, NULL,
                                         0, 0, note) < 0) {
        return fail(CASE_DB);
    }
    if (!changes && !status && !*note) {
        return fail(CASE_SAVED);        /* nothing to save */
    }
    db_query_add(&q, " version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ? AND version = ?",
                 "ll", id, version);
    long long n = db_query_exec(&q);
    if (n != 1) {
        return fail(n == 0 ? CASE_STALE : CASE_DB);
    }
    long long to = 0;
    req_int(r, "status", 1, 1LL << 62, &to);
    int told = status ? notify_case(r, id, NOTIFY_STATUS, status_code(r, to),
                                    portal_changed(r, st.status, to))
                      : changes ? notify_case(r, id, NOTIFY_CHANGED, changed, 0) : 0;
    return told < 0 ? fail(CASE_DB) : done();
}

enum case_result case_reassign(struct req *r, long long id, struct field_error *fe)
{
    struct stored st;
    long long to;
    char *name = NULL;
    if (req_int(r, "assignee", 1, 1LL << 62, &to) != 1 ||
        db_value(r->a, &name, "SELECT name FROM users WHERE id = ? AND active = 1"
                 " AND role <> 'customer'", "l", to) != DB_OK || !name) {
        fe->field = "assignee", fe->key = "staff_unknown";
        return CASE_INVALID;
    }
    enum case_result rc = lock(r, id, &st);
    if (rc != CASE_SAVED) {
        return rc;
    }
    if (st.closed) {
        return fail(CASE_CLOSED);
    }
    int ai = case_field_index("assignee");
    if (db_exec("UPDATE cases SET assignee_id = ?, version = version + 1, updated_at = UTC_TIMESTAMP()"
                " WHERE id = ?", "ll", to, id) != 1 ||
        case_history(id, st.episode, r->user.id, st.version + 1, "assign", "assignee",
                     case_show(r, ai, st.values[ai]), name, st.assignee, to, req_str(r, "note")) < 0 ||
        notify_case(r, id, NOTIFY_ASSIGNED, st.values[case_field_index("subject")], 0) < 0) {
        return fail(CASE_DB);
    }
    return done();
}

enum case_result case_close(struct req *r, long long id, struct field_error *fe)
{
    return case_close_as(r, id, req_str(r, "status"), req_str(r, "resolution"), fe);
}

enum case_result case_close_as(struct req *r, long long id, const char *want,
                               const char *resolution, struct field_error *fe)
{
    struct stored st;
    struct db_rows s;
    size_t blank = strspn(resolution, " \t\r\n");
    if (!resolution[blank] || utf8_chars(resolution) > 20000) {
        fe->field = "resolution", fe->key = resolution[blank] ? "too_long" : "resolution_required";
        return CASE_INVALID;
    }
    /* MRG only through a merge: it always names the case merged into */
    if (db_select(r->a, &s, "SELECT id, code FROM statuses WHERE closed = 1 AND active = 1"
                  " AND code <> 'MRG' AND (code = ? OR id = ?)", "ss", *want ? want : "CLO",
                  want) != DB_OK) {
        return CASE_DB;
    }
    if (s.n == 0) {
        fe->field = "status", fe->key = "choice_unknown";
        return CASE_INVALID;
    }
    enum case_result rc = lock(r, id, &st);
    if (rc != CASE_SAVED) {
        return rc;
    }
    if (st.closed) {
        return fail(CASE_CLOSED);
    }
    long long to = strtoll(db_cell(&s, 0, 0), NULL, 10);
    if (case_close_row(id, to, r->user.id, resolution, 0) != 1 ||
        case_history(id, st.episode, r->user.id, st.version + 1, "close", "status", st.status_code,
                     db_cell(&s, 0, 1), st.status, to, resolution) < 0 ||
        notify_case(r, id, NOTIFY_STATUS, db_cell(&s, 0, 1), portal_changed(r, st.status, to)) < 0) {
        return fail(CASE_DB);
    }
    return done();
}

enum case_result case_reactivate(struct req *r, long long id, struct field_error *fe)
{
    struct stored st;
    struct db_rows s;
    const char *note = req_str(r, "note");
    if (!req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        return CASE_FORBIDDEN;
    }
    if (!note[strspn(note, " \t\r\n")]) {
        fe->field = "note", fe->key = "note_required";
        return CASE_INVALID;
    }
    if (db_select(r->a, &s, "SELECT id, code FROM statuses WHERE closed = 0"
                  " ORDER BY code = 'REA' DESC, is_initial DESC LIMIT 1", "") != DB_OK || s.n == 0) {
        return CASE_DB;
    }
    enum case_result rc = lock(r, id, &st);
    if (rc != CASE_SAVED) {
        return rc;
    }
    if (!st.closed) {
        return fail(CASE_OPEN);
    }
    if (st.status_code && strcmp(st.status_code, "MRG") == 0) {
        fe->field = "note", fe->key = "case_merged";     /* its history now lives in the survivor */
        return fail(CASE_INVALID);
    }
    long long to = strtoll(db_cell(&s, 0, 0), NULL, 10);
    if (db_exec("UPDATE cases SET status_id = ?, closed = 0, closed_at = NULL, closed_by = NULL,"
                " episode = episode + 1, episode_started_at = UTC_TIMESTAMP(),"
                " version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?", "ll", to, id) != 1 ||
        case_history(id, st.episode + 1, r->user.id, st.version + 1, "reactivate", "status",
                     st.status_code, db_cell(&s, 0, 1), st.status, to, note) < 0 ||
        notify_case(r, id, NOTIFY_STATUS, db_cell(&s, 0, 1), portal_changed(r, st.status, to)) < 0) {
        return fail(CASE_DB);
    }
    return done();
}
