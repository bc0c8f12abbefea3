/* merge.c: POST /cases/{id}/merge — "Combinar caso" (S2): this case is
   merged into another one, the survivor, named by its number. Everything
   this case holds moves to the survivor and this case is closed as MRG
   pointing at it, all in one transaction; a refusal changes nothing.
   Fields: into (the survivor's number), note (why, optional), confirm (1:
   merge across customers), version (this case's, as shown). */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "conf.h"
#include "db.h"
#include "notify.h"
#include "screen.h"
#include "view.h"

#define VIEW "case.cs"

/* What the request asks. */
struct ask {
    long long version, into;
    const char *number, *note;
    int confirm;
};

/* One of the two cases, as locked for the merge. */
struct side {
    long long id, status, customer;
    int closed, version, episode;
    const char *number, *next_at;
};

/* How a merge attempt ended; the transaction is over in every case. */
enum outcome {
    MERGED, GONE, SOURCE_CLOSED, STALE, TARGET_CLOSED, CONFIRM,
};

/* The visible case numbered number (exactly as shown, "2026-000123"), or 0:
   a case outside the user's scope is "unknown" too, so a refusal never tells
   an agent that a case they may not see exists. 1 or a negative db status. */
static int find_into(struct req *r, const char *number, long long *into)
{
    struct db_query q;
    struct db_rows rows;
    const char *scope = case_scope_sql(r);
    *into = 0;
    /* numbers are ASCII digits and '-': anything else cannot match (and is
       not handed to an ASCII column's comparison) */
    if (strlen(number) > 16 || number[strspn(number, "0123456789-")]) {
        return 1;
    }
    db_query_init(&q, r->a, "SELECT c.id FROM cases c WHERE 1 = 1");
    db_query_add(&q, " AND c.number = ?", "s", number);
    if (scope) {
        db_query_add(&q, scope, "lll", r->user.id, r->user.id, r->user.id);
    }
    int rc = db_query_select(r->a, &rows, &q);
    if (rc != DB_OK) {
        return rc;
    }
    *into = rows.n ? strtoll(db_cell(&rows, 0, 0), NULL, 10) : 0;
    return 1;
}

/* Locks case id for the merge. 1 found, 0 not, or a negative db status. */
static int lock_side(struct req *r, long long id, struct side *s)
{
    struct db_rows row;
    int rc = db_select(r->a, &row, "SELECT id, number, closed, version, episode, status_id,"
                       " customer_id, next_at FROM cases WHERE id = ? FOR UPDATE", "l", id);
    if (rc != DB_OK || row.n == 0) {
        return rc != DB_OK ? rc : 0;
    }
    s->id = id;
    s->number = db_cell(&row, 0, 1);
    s->closed = *db_cell(&row, 0, 2) == '1';
    s->version = atoi(db_cell(&row, 0, 3));
    s->episode = atoi(db_cell(&row, 0, 4));
    s->status = strtoll(db_cell(&row, 0, 5), NULL, 10);
    s->customer = db_cell(&row, 0, 6) ? strtoll(db_cell(&row, 0, 6), NULL, 10) : 0;
    s->next_at = db_cell(&row, 0, 7);
    return 1;
}

/* Both rows, always the lower id first: two opposite merges at once (A into
   B, B into A) then queue on the same first row instead of deadlocking. The
   second finds the first's work done and is refused. */
static int lock_both(struct req *r, struct side *src, struct side *dst)
{
    int first_src = src->id < dst->id;
    int rc = lock_side(r, first_src ? src->id : dst->id, first_src ? src : dst);
    if (rc == 1) {
        rc = lock_side(r, first_src ? dst->id : src->id, first_src ? dst : src);
    }
    return rc;
}

/* Moves every row this case holds to the survivor, whose history then
   reads them as the new version (what a stale editor of the survivor
   missed). A note the survivor already holds loses this case's link
   instead of being held twice; its files hang off the note, so they follow
   it. Left with this case: escalation_firings (its own episodes' record:
   a rule that fired on it has not fired on the survivor), and alerts,
   e-mails and presence, which say what happened to this case then. */
static int move_children(long long from, long long to, int version)
{
    static const char *const moves[] = {
        "UPDATE note_cases SET case_id = ? WHERE case_id = ?",
        "UPDATE activities SET case_id = ? WHERE case_id = ?",
        "UPDATE messages SET case_id = ? WHERE case_id = ?",
        "UPDATE managements SET case_id = ? WHERE case_id = ?",
    };
    long long rc = db_exec("DELETE s FROM note_cases s JOIN note_cases d"
                           " ON d.note_id = s.note_id AND d.case_id = ? WHERE s.case_id = ?",
                           "ll", to, from);
    for (size_t i = 0; rc >= 0 && i < sizeof moves / sizeof *moves; i++) {
        rc = db_exec(moves[i], "ll", to, from);
    }
    if (rc >= 0) {
        rc = db_exec("UPDATE case_history SET case_id = ?, from_case_id = ?, version = ?"
                     " WHERE case_id = ?", "llil", to, from, version, from);
    }
    return rc < 0 ? (int)rc : 0;
}

/* The survivor: its new version, and the earlier of the two next
   managements, so an agent's commitment on the merged case is not lost. */
static int touch_survivor(const struct side *src, const struct side *dst)
{
    long long n = db_exec("UPDATE cases SET version = version + 1, updated_at = UTC_TIMESTAMP(),"
                          " next_at = CASE WHEN ? IS NULL THEN next_at WHEN next_at IS NULL THEN ?"
                          " ELSE LEAST(next_at, CAST(? AS DATETIME)) END WHERE id = ?",
                          "sssl", src->next_at, src->next_at, src->next_at, dst->id);
    return n == 1 ? 0 : n < 0 ? (int)n : DB_ERROR;
}

/* "Combinado en 2026-000123", then the note: stored text, so in the site's
   language (the portal shows a finished case's resolution). */
static const char *resolution(struct req *r, const struct side *dst, const char *note)
{
    const char *text = lang_fill(r->a, conf.default_lang, "Merge.into_text", dst->number, NULL, NULL);
    return *note ? arena_printf(r->a, "%s\n%s", text, note) : text;
}

/* The merge itself, on both locked rows. 0 or a negative db status. */
static int merge_rows(struct req *r, const struct side *src, const struct side *dst, const char *note)
{
    char *mrg = NULL, *old = NULL;
    if (db_value(r->a, &mrg, "SELECT id FROM statuses WHERE code = 'MRG'", "") != DB_OK || !mrg ||
        db_value(r->a, &old, "SELECT code FROM statuses WHERE id = ?", "l", src->status) != DB_OK) {
        return DB_ERROR;
    }
    long long to = strtoll(mrg, NULL, 10);
    const char *closing = resolution(r, dst, note);
    const char *from = lang_fill(r->a, conf.default_lang, "Merge.from_text", src->number, NULL, NULL);
    int rc = move_children(src->id, dst->id, dst->version + 1);
    if (rc == 0) {
        rc = touch_survivor(src, dst);
    }
    if (rc == 0 && (case_history(dst->id, dst->episode, r->user.id, dst->version + 1, "merge", "",
                                 NULL, from, 0, src->id, note) < 0 ||
                    case_close_row(src->id, to, r->user.id, closing, dst->id) != 1 ||
                    case_history(src->id, src->episode, r->user.id, src->version + 1, "merge",
                                 "status", old, "MRG", src->status, to, closing) < 0 ||
                    notify_case(r, src->id, NOTIFY_STATUS, "MRG", 0) < 0 ||
                    notify_case(r, dst->id, NOTIFY_CHANGED, from, 0) < 0)) {
        rc = DB_ERROR;
    }
    return rc;
}

/* One attempt: lock, check, merge, commit. An outcome, or a negative db
   status; the transaction is over either way. */
static int attempt(struct req *r, const struct ask *q, struct side *src, struct side *dst)
{
    if (db_begin() != DB_OK) {
        return DB_DOWN;
    }
    int rc = lock_both(r, src, dst);
    enum outcome why = rc != 1 ? GONE
                     : src->closed ? SOURCE_CLOSED
                     : src->version != q->version ? STALE
                     : dst->closed ? TARGET_CLOSED
                     : src->customer != dst->customer && !q->confirm ? CONFIRM : MERGED;
    if (rc < 0 || why != MERGED) {
        db_rollback();
        return rc < 0 ? rc : (int)why;
    }
    rc = merge_rows(r, src, dst, q->note);
    if (rc < 0 || db_commit() != DB_OK) {
        db_rollback();
        return rc < 0 ? rc : DB_ERROR;
    }
    return MERGED;
}

/* The case again (HTML) with what was sent and why it was refused next to
   its field, status 409 or 422; JSON: the error object. */
static int refuse(struct req *r, long long id, const struct ask *q, int status, const char *code,
                  const char *field, const char *key)
{
    if (r->want_json) {
        return status == 422 ? req_invalid(r, field, key, VIEW) : req_fail(r, status, code, key);
    }
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_str(r, q->number, "Merge.into");
    view_str(r, q->note, "Merge.note");
    view_bool(r, 1, "Merge.open");
    if (status == 422) {
        return req_invalid(r, field, key, VIEW);
    }
    view_str(r, code, "Merge.error");
    view_str(r, key, "Errors.%s", field);
    view_str(r, key, "Form.error");
    r->status = status;
    return view_render(r, VIEW);
}

/* 409 confirm_needed: the two cases are of different customers (or one has
   none). HTML: the case with a confirmation naming both cases and both
   customers, whose button posts again with confirm=1. */
static int confirm_needed(struct req *r, long long id, const struct ask *q, const struct side *src,
                          const struct side *dst)
{
    struct db_rows c;
    if (r->want_json) {
        return req_fail(r, 409, "confirm_needed", "merge_confirm_needed");
    }
    if (case_load(r, id) <= 0 ||
        db_select(r->a, &c, "SELECT c.id, c.number, c.subject, c.customer_id,"
                  " COALESCE(cu.display_name, NULLIF(TRIM(CONCAT(c.requester_first_name, ' ',"
                  " c.requester_last_name)), '')) AS customer"
                  " FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id"
                  " WHERE c.id IN (?, ?) ORDER BY c.id = ? DESC", "lll", src->id, dst->id,
                  src->id) != DB_OK || c.n != 2) {
        return admin_fail(r, DB_DOWN);
    }
    view_row(r, "Merge.source", &c, 0);
    view_row(r, "Merge.target", &c, 1);
    view_str(r, q->number, "Merge.into");
    view_str(r, q->note, "Merge.note");
    view_bool(r, 1, "Merge.open");
    view_bool(r, 1, "Merge.confirm_needed");
    r->status = 409;
    return view_render(r, VIEW);
}

/* Done: the survivor (303), or both cases in JSON (200). */
static int merged(struct req *r, const struct side *src, const struct side *dst)
{
    const char *to = arena_printf(r->a, "/cases/%lld?saved=1", dst->id);
    if (!r->want_json) {
        return admin_done(r, "case_merge", "case", src->id, dst->number, to);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "case_merge", "case", src->id, dst->number);
    view_int(r, src->id, "Merged.id");
    view_str(r, src->number, "Merged.number");
    view_int(r, dst->id, "Merged.into_id");
    view_str(r, dst->number, "Merged.into");
    r->status = 200;
    return view_render(r, VIEW);
}

/* The request's fields; 0 when they are fine, else the response sent. */
static int read_ask(struct req *r, long long id, struct ask *q)
{
    q->number = req_trimmed(r, "into");
    q->note = req_trimmed(r, "note");
    q->confirm = req_flag(r, "confirm", 0) == 1;
    if (req_int(r, "version", 1, 1LL << 31, &q->version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    if (utf8_chars(q->note) > 20000) {
        return refuse(r, id, q, 422, "invalid", "note", "too_long");
    }
    if (!*q->number) {
        return refuse(r, id, q, 422, "invalid", "into", "merge_into_required");
    }
    int rc = find_into(r, q->number, &q->into);
    if (rc < 0) {
        return admin_fail(r, rc);
    }
    if (!q->into) {
        return refuse(r, id, q, 422, "invalid", "into", "merge_into_unknown");
    }
    return q->into == id ? refuse(r, id, q, 422, "invalid", "into", "merge_same") : 0;
}

int case_merge(struct req *r, long long id)
{
    struct ask q;
    int sent = read_ask(r, id, &q);
    if (sent) {
        return sent;
    }
    struct side src = { .id = id }, dst = { .id = q.into };
    int rc = attempt(r, &q, &src, &dst);
    for (int tries = 1; rc == DB_DEADLOCK && tries < 3; tries++) {
        rc = attempt(r, &q, &src, &dst);       /* a lost lock conflict: try again */
    }
    switch (rc) {
    case MERGED:
        return merged(r, &src, &dst);
    case GONE:
        return admin_fail(r, 0);
    case SOURCE_CLOSED:
        return refuse(r, id, &q, 409, "case_closed", "into", "merge_closed");
    case STALE:
        return case_stale(r, id, q.version);
    case TARGET_CLOSED:
        return refuse(r, id, &q, 409, "target_closed", "into", "merge_target_closed");
    case CONFIRM:
        return confirm_needed(r, id, &q, &src, &dst);
    default:
        return admin_fail(r, rc);
    }
}
