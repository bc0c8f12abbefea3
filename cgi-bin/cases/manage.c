/* manage.c: POST /cases/{id}/manage — the management form (gestión, S7):
   the outcome chosen in the case's campaign typification (a leaf), the
   observations and the next-management time. In one transaction: the
   management row, the case's next_at, a history row, and the close when
   the outcome closes the case (through case_close_as, as Cerrar caso).
   Fields: typification (an outcome's id), observations, next_at
   (datetime-local, site time). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "app.h"
#include "campaigns.h"
#include "db.h"
#include "screen.h"
#include "view.h"

#define VIEW "case.cs"
#define OBSERVATIONS_MAX 10000

struct management {
    long long typification;
    const char *observations, *next_at;     /* next_at: UTC, NULL when none */
    const struct typification *leaf;        /* once checked against the tree */
};

/* The case view again, with the form as sent and its problem (the
   transaction is over). */
static int refused(struct req *r, long long id, const char *field, const char *key)
{
    db_rollback();
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_str(r, req_str(r, "typification"), "Form.typification");
    view_str(r, req_str(r, "observations"), "Form.observations");
    view_str(r, req_str(r, "next_at"), "Form.next_at");
    view_str(r, "manage", "Page.open");
    return req_invalid(r, field, key, VIEW);
}

/* The fields alone; the first problem in fe. */
static void parse(struct req *r, struct management *m, struct field_error *fe)
{
    const char *next = req_trimmed(r, "next_at");
    int rc = req_int(r, "typification", 1, 1LL << 62, &m->typification);
    char now[20];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    m->observations = req_str(r, "observations");
    m->next_at = *next ? local_to_utc(r->a, next) : NULL;
    fe->field = fe->key = NULL;
    if (rc != 1) {
        fe->field = "typification", fe->key = rc ? "typification_unknown" : "typification_required";
    } else if (utf8_chars(m->observations) > OBSERVATIONS_MAX) {
        fe->field = "observations", fe->key = "observations_long";
    } else if (*next && !m->next_at) {
        fe->field = "next_at", fe->key = "datetime_invalid";
    } else if (m->next_at && strcmp(m->next_at, now) <= 0) {
        fe->field = "next_at", fe->key = "next_at_past";
    }
}

/* The chosen outcome among the active leaves of campaign's tree as it is
   now. NULL when it is not one (another campaign's, a branch, inactive). */
static const struct typification *leaf_of(struct req *r, long long campaign, long long id, int *db)
{
    struct typification *t;
    int n = typification_tree(r, campaign, TREE_CURRENT, &t);
    *db = n < 0;
    for (int i = 0; i < n; i++) {
        if (t[i].id == id && t[i].leaf) {
            return &t[i];
        }
    }
    return NULL;
}

/* Inside the transaction: the management, the case's next time and
   version, and the history row. The management's id, or <0. */
static long long record(struct req *r, long long id, long long campaign, int episode, int version,
                        const struct management *m)
{
    const char *next = m->leaf->closes_case ? NULL : m->next_at;   /* a closed case waits for nothing */
    long long rc = db_exec("INSERT INTO managements (case_id, user_id, campaign_id, typification_id,"
                           " path, observations, next_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "llllsss",
                           id, r->user.id, campaign, m->leaf->id, m->leaf->path, m->observations,
                           m->next_at);
    long long mid = rc > 0 ? db_last_id() : rc;
    if (mid > 0 &&
        (db_exec("UPDATE cases SET next_at = ?, version = version + 1, updated_at = UTC_TIMESTAMP()"
                 " WHERE id = ?", "sl", next, id) != 1 ||
         case_history(id, episode, r->user.id, version + 1, "manage", "typification", NULL,
                      m->leaf->path, 0, m->leaf->id, m->observations) < 0)) {
        return DB_ERROR;
    }
    return mid;
}

/* The saved management for a JSON client: 201 with it and the case. */
static int answer_json(struct req *r, long long id, long long mid)
{
    struct db_rows m;
    resp_created(r, arena_printf(r->a, "/cases/%lld", id));
    if (db_select(r->a, &m, "SELECT m.id, m.case_id, m.campaign_id, m.typification_id, m.path,"
                  " m.observations, m.next_at, m.created_at, u.name AS user, t.closes_case,"
                  " t.requires_next FROM managements m JOIN users u ON u.id = m.user_id"
                  " JOIN typifications t ON t.id = m.typification_id WHERE m.id = ?", "l", mid) != DB_OK ||
        m.n == 0 || case_brief(r, id) <= 0) {
        return admin_fail(r, DB_DOWN);
    }
    view_row(r, "Management", &m, 0);
    return view_render(r, VIEW);
}

/* Begins the transaction and locks the case: closed, episode, version,
   campaign_id. 1 locked (the transaction open), 0 no such case, <0 db. */
static int lock_case(struct req *r, long long id, struct db_rows *c)
{
    if (db_begin() != DB_OK ||
        db_select(r->a, c, "SELECT closed, episode, version, campaign_id FROM cases WHERE id = ?"
                  " FOR UPDATE", "l", id) != DB_OK) {
        db_rollback();
        return DB_DOWN;
    }
    if (c->n == 0) {
        db_rollback();
    }
    return c->n;
}

/* Inside the locked case's transaction: what is recorded, and the close
   when the outcome closes the case. The management's id, or <0 (the
   transaction is rolled back). */
static long long save(struct req *r, long long id, long long campaign, const struct db_rows *c,
                      const struct management *m)
{
    struct field_error fe = { 0 };
    long long mid = record(r, id, campaign, atoi(db_cell(c, 0, 1)), atoi(db_cell(c, 0, 2)), m);
    const char *resolution = *m->observations ? arena_printf(r->a, "%s\n\n%s", m->leaf->path,
                                                              m->observations) : m->leaf->path;
    if (mid <= 0 || (m->leaf->closes_case && case_close_as(r, id, "CLO", resolution, &fe) != CASE_SAVED) ||
        db_commit() != DB_OK) {
        db_rollback();
        return mid < 0 ? mid : DB_ERROR;
    }
    return mid;
}

int case_manage(struct req *r, long long id)
{
    struct management m = { 0 };
    struct field_error fe;
    struct db_rows c = { 0 };
    int db;
    parse(r, &m, &fe);
    if (fe.field) {
        return refused(r, id, fe.field, fe.key);
    }
    int found = lock_case(r, id, &c);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    if (*db_cell(&c, 0, 0) == '1') {
        db_rollback();
        return req_fail(r, 409, "case_closed", "manage_case_closed");
    }
    long long campaign = db_cell(&c, 0, 3) ? strtoll(db_cell(&c, 0, 3), NULL, 10) : 0;
    if (!campaign) {
        return refused(r, id, "typification", "manage_no_campaign");
    }
    m.leaf = leaf_of(r, campaign, m.typification, &db);
    if (!m.leaf && db) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    if (!m.leaf) {
        return refused(r, id, "typification", "typification_unknown");
    }
    if (m.leaf->requires_next && !m.next_at) {
        return refused(r, id, "next_at", "next_at_required");
    }
    long long mid = save(r, id, campaign, &c, &m);
    if (mid <= 0) {
        return admin_fail(r, DB_DOWN);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "case_manage", "case", id,
          arena_printf(r->a, "management=%lld %s", mid, m.leaf->path));
    return r->want_json ? answer_json(r, id, mid)
                        : resp_redirect(r, arena_printf(r->a, "/cases/%lld?saved=1#history", id));
}
