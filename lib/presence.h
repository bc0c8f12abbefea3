/* presence.h: agent presence (manual 003, DESIGN S3). A staff user is EN
   GESTIÓN ("working") while a case view is open and EN ESPERA ("waiting")
   after leaving it; the open page sends a heartbeat, and a "working" whose
   heartbeat is older than Presence.timeout_seconds reads as "waiting" from
   that heartbeat on, so a closed tab does not stay EN GESTIÓN. */
#ifndef ATIENDE_PRESENCE_H
#define ATIENDE_PRESENCE_H

#include "db.h"
#include "req.h"

/* A row of agent_presence (alias t) that says "working" but has had no
   heartbeat for Presence.timeout_seconds (one parameter: those seconds). */
#define PRESENCE_STALE(t) \
    "(" t ".state = 'working' AND " t ".seen_at < UTC_TIMESTAMP() - INTERVAL ? SECOND)"

/* agent_presence as it reads now, the one place the time-out rule is
   applied (the header, the supervisors' list and the JSON answers use it):
   user_id; state 'working' or 'waiting'; case_id (NULL unless working);
   since (a stale "working" is "waiting" since its last heartbeat); seen_at
   (the last heartbeat). One parameter: Presence.timeout_seconds. The
   optimizer merges it, so a join on user_id reads one row by its key. */
#define PRESENCE_NOW \
    "(SELECT q.user_id, IF(q.stale, 'waiting', q.state) AS state," \
    " IF(q.stale, NULL, q.case_id) AS case_id, IF(q.stale, q.seen_at, q.since) AS since, q.seen_at" \
    " FROM (SELECT p.user_id, p.state, p.case_id, p.since, p.seen_at, " PRESENCE_STALE("p") \
    " AS stale FROM agent_presence p) q)"

/* Records the user's presence: "working" on case_id, or "waiting" (case_id
   0). since changes only when the state or the case changes (or a stale
   "working" comes back to work); seen_at always. DB_OK or a negative status. */
int presence_set(struct req *r, const char *state, long long case_id);

/* The heartbeat of case page page_id (0: none) on case_id: refreshes
   seen_at; the user is then working on case_id, unless they are working on
   another case (opened later, in another tab), which stays the case they
   work on. DB_OK or a negative status. */
int presence_heartbeat(struct req *r, long long case_id, long long page_id);

/* Leaving case_id (the page closed, "Salir"): "waiting" only when the user
   is working on that very case, so closing one tab does not end the work in
   another; with page_id (the page's goodbye), only when that page set the
   work, so a page replaced by a newer view of the case (a save, a reload)
   does not end it. 1 changed, 0 not, or a negative status. */
long long presence_leave(struct req *r, long long case_id, long long page_id);

/* The case view (HTML, staff, a browser session) opened case_id: the user is
   working on it, from a new page (User.presence_page, for the page's
   heartbeat and goodbye). JSON and API reads leave presence alone. Also
   updates this very page's header badge. */
void presence_viewing(struct req *r, long long case_id);

/* Sign-in: a staff user who is not working in another session is waiting
   from now on (a never-seen user gets a row). */
void presence_signed_in(long long user_id);

/* The header's badge: User.presence (working/waiting), User.presence_case
   and User.presence_number, from the columns state, case_id, number at col
   of the auth query's row (staff only). */
void presence_from_row(struct req *r, const struct db_rows *rows, int col);

#endif
