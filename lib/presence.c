/* presence.c: see presence.h. */
#include "presence.h"

#include <ClearSilver.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "view.h"

/* since is assigned first, so it still sees the row as it was. A stale
   "working" already reads as "waiting" since its last heartbeat: going to
   "waiting" keeps that time, coming back to work starts anew. */
static int upsert(struct req *r, const char *state, long long case_id, long long page_id)
{
    long long rc = db_exec(
        "INSERT INTO agent_presence (user_id, state, case_id, page_id, since, seen_at)"
        " VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        " ON DUPLICATE KEY UPDATE since = CASE"
        " WHEN " PRESENCE_STALE("agent_presence") " THEN IF(VALUES(state) = 'waiting', seen_at, VALUES(since))"
        " WHEN state = VALUES(state) AND case_id <=> VALUES(case_id) THEN since"
        " ELSE VALUES(since) END,"
        " state = VALUES(state), case_id = VALUES(case_id), page_id = VALUES(page_id),"
        " seen_at = VALUES(seen_at)",
        "lslli", r->user.id, state, case_id, page_id, conf.presence_timeout_seconds);
    return rc < 0 ? (int)rc : DB_OK;
}

int presence_set(struct req *r, const char *state, long long case_id)
{
    return upsert(r, state, case_id, 0);
}

int presence_heartbeat(struct req *r, long long case_id, long long page_id)
{
    /* "busy": working, not stale; then only seen_at moves (the case, its
       page and since stay). Assigned last, seen_at is still the old one
       while the others are decided. */
    long long rc = db_exec(
        "INSERT INTO agent_presence (user_id, state, case_id, page_id, since, seen_at)"
        " VALUES (?, 'working', ?, NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        " ON DUPLICATE KEY UPDATE"
        " since = IF(state = 'working' AND NOT " PRESENCE_STALE("agent_presence") ", since, VALUES(since)),"
        " case_id = IF(state = 'working' AND NOT " PRESENCE_STALE("agent_presence") ", case_id, VALUES(case_id)),"
        " page_id = IF(state = 'working' AND NOT " PRESENCE_STALE("agent_presence") ", page_id, VALUES(page_id)),"
        " state = 'working', seen_at = VALUES(seen_at)",
        "llliii", r->user.id, case_id, page_id, conf.presence_timeout_seconds,
        conf.presence_timeout_seconds, conf.presence_timeout_seconds);
    return rc < 0 ? (int)rc : DB_OK;
}

long long presence_leave(struct req *r, long long case_id, long long page_id)
{
    return db_exec("UPDATE agent_presence SET"
                   " since = IF(" PRESENCE_STALE("agent_presence") ", seen_at, UTC_TIMESTAMP()),"
                   " state = 'waiting', case_id = NULL, page_id = NULL, seen_at = UTC_TIMESTAMP()"
                   " WHERE user_id = ? AND state = 'working' AND case_id = ? AND (? = 0 OR page_id = ?)",
                   "illll", conf.presence_timeout_seconds, r->user.id, case_id, page_id, page_id);
}

void presence_viewing(struct req *r, long long case_id)
{
    if (!req_has_role(r, ROLES_STAFF) || r->want_json || r->via_token ||
        strcmp(r->method, "GET") != 0) {
        return;
    }
    /* below 2^53, so it stays exact as a JSON number */
    long long page = ((long long)randombytes_uniform(1U << 21) << 32 | randombytes_random()) + 1;
    if (upsert(r, "working", case_id, page) == DB_OK) {
        view_str(r, "working", "User.presence");
        view_int(r, case_id, "User.presence_case");
        view_str(r, hdf_get_value(r->hdf, "Case.number", ""), "User.presence_number");
        view_int(r, page, "User.presence_page");
    }
}

void presence_signed_in(long long user_id)
{
    db_exec("INSERT IGNORE INTO agent_presence (user_id, state, since, seen_at)"
            " SELECT id, 'waiting', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users"
            " WHERE id = ? AND role <> 'customer'", "l", user_id);
    /* working in another browser that is still open: left as it is */
    db_exec("UPDATE agent_presence SET state = 'waiting', case_id = NULL, page_id = NULL,"
            " since = UTC_TIMESTAMP(), seen_at = UTC_TIMESTAMP() WHERE user_id = ? AND"
            " (state = 'waiting' OR " PRESENCE_STALE("agent_presence") ")",
            "li", user_id, conf.presence_timeout_seconds);
}

void presence_from_row(struct req *r, const struct db_rows *rows, int col)
{
    if (!req_has_role(r, ROLES_STAFF)) {
        return;
    }
    const char *state = db_cell(rows, 0, col), *number = db_cell(rows, 0, col + 2);
    int working = state && strcmp(state, "working") == 0;
    view_str(r, working ? "working" : "waiting", "User.presence");
    if (working && number) {
        view_int(r, strtoll(db_cell(rows, 0, col + 1), NULL, 10), "User.presence_case");
        view_str(r, number, "User.presence_number");
    }
}
