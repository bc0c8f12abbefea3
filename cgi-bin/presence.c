/* presence: agent presence (manual 003: EN GESTIÓN while a case view is
   open, EN ESPERA after leaving it). Staff only.
   POST /presence (state = working|waiting, case = id, page = the case
   page's number): the case page's heartbeat (working on a case the user may
   see), leaving a case (waiting with case: only when it is the case being
   worked, and with page only when that page set the work) and "Salir" (303
   to the dashboard; 204 to the page's beacon, beacon=1; JSON clients get
   their presence). GET /supervisor/agents: every active staff user's presence,
   for supervisors and admins. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cases.h"
#include "conf.h"
#include "db.h"
#include "presence.h"
#include "view.h"

/* A live browser session: a user without one (signed out, expired) and not
   working through a token is "sin conexión". Parameter: the idle minutes. */
#define ONLINE \
    " EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.expires_at > UTC_TIMESTAMP()" \
    " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE)"

/* 200 when the user may work case id (the cases screen's rule,
   Cases.agents_restricted), 404 when there is no such case, 403 when it is
   out of their scope, 503 when the database failed. */
static int case_reachable(struct req *r, long long id)
{
    struct db_query q;
    struct db_rows rows;
    const char *scope = case_scope_sql(r);
    db_query_init(&q, r->a, "SELECT 1 FROM cases c WHERE 1 = 1");
    db_query_add(&q, " AND c.id = ?", "l", id);
    if (scope) {
        db_query_add(&q, scope, "lll", r->user.id, r->user.id, r->user.id);
    }
    if (db_query_select(r->a, &rows, &q) != DB_OK) {
        return 503;
    }
    if (rows.n) {
        return 200;
    }
    if (!scope) {
        return 404;
    }
    if (db_select(r->a, &rows, "SELECT 1 FROM cases WHERE id = ?", "l", id) != DB_OK) {
        return 503;
    }
    return rows.n ? 403 : 404;
}

/* The user's own presence as it reads now, into Presence.*. */
static int own_presence(struct req *r)
{
    struct db_rows rows;
    if (db_select(r->a, &rows, "SELECT ap.state, ap.case_id, c.number AS case_number, ap.since,"
                  " ap.seen_at FROM " PRESENCE_NOW " ap LEFT JOIN cases c ON c.id = ap.case_id"
                  " WHERE ap.user_id = ?", "il", conf.presence_timeout_seconds, r->user.id) != DB_OK) {
        return DB_DOWN;
    }
    if (rows.n) {
        view_row(r, "Presence", &rows, 0);
    }
    return DB_OK;
}

/* After a change: the beacon wants nothing back, a JSON client the state,
   a browser the case it works on or the dashboard. */
static int answer(struct req *r, const char *state, long long case_id)
{
    if (req_flag(r, "beacon", 0) == 1) {
        r->status = 204;
        return r->status;
    }
    if (r->want_json) {
        if (own_presence(r) != DB_OK) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        return view_render(r, "supervisor_agents.cs");     /* JSON: no template is read */
    }
    return resp_redirect(r, strcmp(state, "working") == 0 ? arena_printf(r->a, "/cases/%lld", case_id)
                                                          : "/");
}

static int post(struct req *r)
{
    const char *state = req_str(r, "state");
    long long case_id = 0, page = 0;
    int has_case = req_int(r, "case", 1, 1LL << 62, &case_id);
    int working = strcmp(state, "working") == 0;
    if (has_case < 0 || req_int(r, "page", 1, 1LL << 62, &page) < 0 ||
        (!working && strcmp(state, "waiting") != 0) || (working && has_case != 1)) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    long long rc;
    if (working) {
        int reach = case_reachable(r, case_id);
        if (reach != 200) {
            return reach == 503 ? req_fail(r, 503, "db_unavailable", "db_down")
                 : reach == 403 ? req_fail(r, 403, "forbidden", "forbidden")
                                : req_fail(r, 404, "not_found", "not_found");
        }
        rc = presence_heartbeat(r, case_id, page);
    } else if (has_case) {
        rc = presence_leave(r, case_id, page);      /* another tab's case stays as it is */
    } else {
        rc = presence_set(r, "waiting", 0);
    }
    if (rc < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    return answer(r, state, case_id);
}

/* /supervisor/agents: who is EN GESTIÓN (on which case, since when), EN
   ESPERA, or not connected; the counts on top. */
static int agents(struct req *r)
{
    if (!req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    struct db_rows rows;
    if (db_select(r->a, &rows,
                  "SELECT u.id, u.name, u.login, u.role,"
                  " IF(ap.user_id IS NULL OR (ap.state = 'waiting' AND NOT" ONLINE "), 'offline', ap.state)"
                  " AS state, ap.since, TIMESTAMPDIFF(SECOND, ap.since, UTC_TIMESTAMP()) AS for_seconds,"
                  " ap.seen_at, ap.case_id, c.number AS case_number, c.subject AS case_subject"
                  " FROM users u LEFT JOIN " PRESENCE_NOW " ap ON ap.user_id = u.id"
                  " LEFT JOIN cases c ON c.id = ap.case_id"
                  " WHERE u.active = 1 AND u.role IN ('agent', 'supervisor', 'admin')"
                  " ORDER BY u.name, u.id",
                  "ii", conf.session_idle_minutes, conf.presence_timeout_seconds) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Agents", &rows);
    long long working = 0, waiting = 0, offline = 0;
    for (int i = 0; i < rows.n; i++) {
        const char *state = db_cell(&rows, i, 4);
        working += strcmp(state, "working") == 0;
        waiting += strcmp(state, "waiting") == 0;
        offline += strcmp(state, "offline") == 0;
    }
    view_int(r, working, "Counts.working");
    view_int(r, waiting, "Counts.waiting");
    view_int(r, offline, "Counts.offline");
    view_int(r, conf.presence_timeout_seconds, "Presence.timeout_seconds");
    if (!r->want_json) {
        view_str(r, lang_fill(r->a, r->lang, "Presence.intro",
                              arena_printf(r->a, "%d", conf.presence_timeout_seconds), NULL, NULL),
                 "Page.intro");
    }
    return view_render(r, "supervisor_agents.cs");
}

static int presence(struct req *r)
{
    int posting = strcmp(r->path, "/presence") == 0;     /* /presence takes POSTs only */
    if (!posting && strcmp(r->path, "/supervisor/agents") != 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (posting != r->is_post) {
        resp_header(r, "Allow", posting ? "POST" : "GET, HEAD");
        return req_fail(r, 405, "method_not_allowed", "method");
    }
    return posting ? post(r) : agents(r);
}

static const struct screen screen = {
    .name = "presence", .roles = ROLES_STAFF, .methods = M_GET | M_POST, .csrf = 1,
    .handler = presence,
};

int main(void)
{
    return app_main(&screen);
}
