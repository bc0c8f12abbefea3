/* cases: the case list with filters, registering a case, the case view
   with its history, updates (every changed field a history row, a stale
   version a 409 showing what changed), reassign, close and reactivate.
   Staff only. Paths: /cases, /cases/new, /cases/{id},
   /cases/{id}/reassign|close|reactivate|merge, /cases/{id}/activities[/{item}], /cases/{id}/notes[/{note}/unlink|delete],
   /cases/{id}/attachments, /cases/{id}/messages[/{message}]. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "app.h"
#include "cases.h"
#include "cases/screen.h"
#include "db.h"
#include "presence.h"
#include "view.h"

#define NEW "case_new.cs"
#define VIEW "case.cs"

/* The form again with what was sent and its problem. */
static int refused(struct req *r, long long id, const struct field_error *fe)
{
    int found = id ? case_load(r, id) : case_options(r);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    case_echo(r);
    return req_invalid(r, fe->field, fe->key, id ? VIEW : NEW);
}

static int show(struct req *r, long long id)
{
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    presence_viewing(r, id);        /* EN GESTIÓN on this case (HTML views only) */
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, VIEW);
}

static int blank(struct req *r)
{
    if (case_options(r) <= 0) {
        return admin_fail(r, DB_DOWN);
    }
    char *medium = NULL;
    if (db_value(r->a, &medium, "SELECT id FROM priorities WHERE code = 'medium'", "") == DB_OK) {
        view_str(r, medium, "Form.priority");       /* the default, as on a case sent without one */
    }
    case_echo(r);       /* choices coming back from the search assistant */
    return view_render(r, NEW);
}

static int create(struct req *r)
{
    struct case_values cv;
    struct field_error fe;
    case_read(r, &cv, 1, &fe);
    if (!fe.field) {
        case_cross_check(r, &cv, NULL, &fe);
    }
    if (fe.field) {
        return refused(r, 0, &fe);
    }
    const char *number;
    long long id = case_insert(r, &cv, req_str(r, "note"), req_flag(r, "save_requester", 0) > 0,
                               &number);
    if (id <= 0) {
        return admin_fail(r, id < 0 ? id : DB_ERROR);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "case_create", "case", id, number);
    if (resp_created(r, arena_printf(r->a, "/cases/%lld", id)) == 201) {
        case_brief(r, id);      /* the new case; its view has the rest */
        return view_render(r, VIEW);
    }
    return r->status;
}

/* 409: the case as it is now, with the changes the editor missed. */
int case_stale(struct req *r, long long id, long long version)
{
    if (r->want_json) {
        return req_fail(r, 409, "conflict", "conflict_case");
    }
    struct db_rows missed;
    if (case_load(r, id) <= 0 ||
        db_select(r->a, &missed, "SELECT h.at, h.kind, h.field, h.old_value, h.new_value, h.note,"
                  " u.name AS user FROM case_history h LEFT JOIN users u ON u.id = h.user_id"
                  " WHERE h.case_id = ? AND h.version > ? ORDER BY h.id", "ll", id, version) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    view_rows(r, "Conflict", &missed);
    r->status = 409;
    return view_render(r, VIEW);
}

static int update(struct req *r, long long id)
{
    long long version;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    struct field_error fe;
    int rc = case_update(r, id, version, &fe);
    switch (rc) {
    case CASE_SAVED:
        return admin_done(r, "case_update", "case", id, "",
                          arena_printf(r->a, "/cases/%lld?saved=1", id));
    case CASE_INVALID:
        return refused(r, id, &fe);
    case CASE_STALE:
        return case_stale(r, id, version);
    case CASE_CLOSED:
        return req_fail(r, 403, "case_closed", "case_closed");
    case CASE_MISSING:
        return admin_fail(r, 0);
    default:
        return admin_fail(r, DB_DOWN);
    }
}

/* reassign, close and reactivate: an action with its own few fields. */
static int action(struct req *r, long long id, const char *what)
{
    struct field_error fe = { 0 };
    const char *back = req_str(r, "return");
    int rc = strcmp(what, "reassign") == 0 ? case_reassign(r, id, &fe)
           : strcmp(what, "close") == 0 ? case_close(r, id, &fe)
           : case_reactivate(r, id, &fe);
    switch (rc) {
    case CASE_SAVED:        /* the case header's forms go back to the dashboard (return=/) */
        if (*back && strcmp(back, "/") == 0) {
            presence_leave(r, id, 0);       /* left the case: EN ESPERA, with or without JS */
        }
        return admin_done(r, arena_printf(r->a, "case_%s", what), "case", id, "",
                          *back && req_local_path(back) ? back
                          : arena_printf(r->a, "/cases/%lld?saved=1", id));
    case CASE_INVALID:
        return refused(r, id, &fe);
    case CASE_CLOSED:
        return req_fail(r, 409, "case_closed", "case_closed");
    case CASE_OPEN:
        return req_fail(r, 409, "case_open", "case_open");
    case CASE_FORBIDDEN:
        return req_fail(r, 403, "forbidden", "forbidden");
    case CASE_MISSING:
        return admin_fail(r, 0);
    default:
        return admin_fail(r, DB_DOWN);
    }
}

static int cases(struct req *r)
{
    long long id = 0;
    const char *rest = "";
    if (strcmp(r->path, "/cases/pending") == 0) {
        return case_pending(r);
    }
    int is_list = strcmp(r->path, "/cases") == 0, is_new = strcmp(r->path, "/cases/new") == 0;
    if (!is_list && !is_new && !req_path_id(r, "/cases", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (id && !case_visible(r, id)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (strcmp(rest, "activities") == 0 || strncmp(rest, "activities/", 11) == 0) {
        return case_activities(r, id, rest);
    }
    if (strcmp(rest, "notes") == 0 || strncmp(rest, "notes/", 6) == 0 ||
        strcmp(rest, "attachments") == 0) {
        return case_notes(r, id, rest);
    }
    if (strcmp(rest, "messages") == 0 || strncmp(rest, "messages/", 9) == 0) {
        return case_messages(r, id, rest);
    }
    if (strcmp(rest, "contact-data") == 0 || strcmp(rest, "accounts") == 0) {
        return case_parties(r, id, rest);
    }
    if (!r->is_post) {
        if (*rest) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        return is_list ? case_list(r) : is_new ? blank(r) : show(r, id);
    }
    if (is_list || is_new) {
        return create(r);
    }
    if (!*rest) {
        return update(r, id);
    }
    if (strcmp(rest, "merge") == 0) {
        return case_merge(r, id);
    }
    if (strcmp(rest, "manage") == 0) {
        return case_manage(r, id);
    }
    if (strcmp(rest, "reassign") == 0 || strcmp(rest, "close") == 0 ||
        strcmp(rest, "reactivate") == 0) {
        return action(r, id, rest);
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "cases", .roles = ROLES_STAFF, .methods = M_GET | M_POST, .csrf = 1, .handler = cases,
};

int main(void)
{
    return app_main(&screen);
}
