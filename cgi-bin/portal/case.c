/* case.c: /portal/cases/{id} — a case as the customer sees it: the state
   the status maps to, the description, the public notes (staff replies
   signed by the service, not by the agent) with their files, and the
   resolution once finished. What a state allows (P4): Pendiente — print,
   add information; En investigación — add information; Finalizado — print.
   Nothing internal is read here: no internal notes, activities, history,
   assignee or internal status, so none can leak into the HTML or JSON. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "cases.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "notify.h"
#include "screen.h"
#include "view.h"

static int can_add(const char *state)
{
    return strcmp(state, "finished") != 0;
}

static int can_print(const char *state)
{
    return strcmp(state, "investigating") != 0;
}

static int load(struct req *r, long long id)
{
    struct db_rows c, notes, files;
    if (db_select(r->a, &c, "SELECT c.id, c.number, c.subject AS title, c.description,"
                  " c.created_at AS opened_at, s.portal_state AS state, cu.display_name AS user,"
                  " org.display_name AS organization, t.name AS space,"
                  " IF(s.portal_state = 'finished', c.resolution, NULL) AS resolution,"
                  " IF(s.portal_state = 'finished', c.closed_at, NULL) AS finished_at"
                  " FROM cases c JOIN statuses s ON s.id = c.status_id"
                  " LEFT JOIN customers cu ON cu.id = c.customer_id"
                  " LEFT JOIN customers org ON org.id = cu.organization_id"
                  " LEFT JOIN teams t ON t.id = c.team_id WHERE c.id = ?", "l", id) != DB_OK ||
        db_select(r->a, &notes, "SELECT n.id, n.title, n.body, n.created_at,"
                  " u.role = 'customer' AS from_customer, IF(u.role = 'customer', u.name, '') AS author"
                  " FROM note_cases nc JOIN notes n ON n.id = nc.note_id AND n.public = 1"
                  " LEFT JOIN users u ON u.id = n.author_id"
                  " WHERE nc.case_id = ? ORDER BY n.created_at, n.id", "l", id) != DB_OK ||
        db_select(r->a, &files, "SELECT a.id, a.note_id, a.name, a.size, CASE WHEN a.size >= 1048576"
                  " THEN CONCAT(ROUND(a.size / 1048576, 1), ' MB') WHEN a.size >= 1024"
                  " THEN CONCAT(ROUND(a.size / 1024), ' KB') ELSE CONCAT(a.size, ' B') END AS size_label"
                  " FROM note_cases nc"
                  " JOIN notes n ON n.id = nc.note_id AND n.public = 1"
                  " JOIN attachments a ON a.note_id = n.id WHERE nc.case_id = ? ORDER BY a.id",
                  "l", id) != DB_OK) {
        return DB_DOWN;
    }
    if (c.n == 0) {
        return 0;
    }
    view_row(r, "Case", &c, 0);
    view_rows(r, "Notes", &notes);
    view_rows(r, "Files", &files);
    const char *state = db_cell(&c, 0, 5);
    view_bool(r, can_add(state), "Case.can_add");
    view_bool(r, can_print(state), "Case.can_print");
    return 1;
}

int portal_show(struct req *r, const struct portal_user *p, long long id, int print)
{
    (void)p;
    int found = load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    if (print && !can_print(hdf_get_value(r->hdf, "Case.state", ""))) {
        return req_fail(r, 409, "not_printable", "portal_no_print");
    }
    view_bool(r, req_param(r, "created") != NULL, "Page.created");
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    portal_limits(r);
    return view_render(r, print ? "portal_print.cs" : "portal_case.cs");
}

long long portal_note(struct req *r, long long id, const char *title, const char *body)
{
    if (db_exec("INSERT INTO notes (title, body, public, author_id) VALUES (?, ?, 1, ?)",
                "ssl", title, body, r->user.id) != 1) {
        return DB_ERROR;
    }
    long long note = db_last_id();
    if (db_exec("INSERT INTO note_cases (note_id, case_id, linked_by) VALUES (?, ?, ?)",
                "lll", note, id, r->user.id) != 1) {
        return DB_ERROR;
    }
    for (int i = 0; i < r->nfiles; i++) {
        if (strcmp(r->files[i].field, "file") == 0 && *r->files[i].filename &&
            file_attach(r, &r->files[i], note) < 0) {
            return DB_ERROR;
        }
    }
    return note;
}

static int refused(struct req *r, long long id, const char *field, const char *key)
{
    if (load(r, id) <= 0) {
        return admin_fail(r, DB_DOWN);
    }
    view_str(r, req_str(r, "body"), "Form.body");
    portal_limits(r);
    return req_invalid(r, field, key, "portal_case.cs");
}

/* "Agregar información": a public note (with files) that tells the
   assignee and the area; the case's history records it. */
int portal_add_info(struct req *r, const struct portal_user *p, long long id)
{
    (void)p;
    const char *body = req_str(r, "body");
    int has_file = 0;
    for (int i = 0; i < r->nfiles; i++) {
        has_file |= strcmp(r->files[i].field, "file") == 0 && *r->files[i].filename;
    }
    if (!body[strspn(body, " \t\r\n")] && !has_file) {
        return refused(r, id, "body", "portal_info_required");
    }
    if (utf8_chars(body) > 20000) {
        return refused(r, id, "body", "too_long");
    }
    struct db_rows c;
    if (db_begin() != DB_OK ||
        db_select(r->a, &c, "SELECT c.episode, c.version, s.portal_state FROM cases c"
                  " JOIN statuses s ON s.id = c.status_id WHERE c.id = ? FOR UPDATE", "l", id) != DB_OK ||
        c.n != 1) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    if (!can_add(db_cell(&c, 0, 2))) {
        db_rollback();
        return req_fail(r, 409, "case_finished", "portal_case_finished");
    }
    const char *title = lang_fill(r->a, r->lang, "Portal.info_title", NULL, NULL, NULL);
    long long note = portal_note(r, id, title, body);
    if (note < 0 ||
        case_history(id, atoi(db_cell(&c, 0, 0)), r->user.id, atoi(db_cell(&c, 0, 1)), "note",
                     "added", NULL, title, note, note, "") < 0 ||
        db_exec("UPDATE cases SET updated_at = UTC_TIMESTAMP() WHERE id = ?", "l", id) < 0 ||
        notify_case(r, id, NOTIFY_NOTE, title, 0) < 0 || db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "portal_add_info", "case", id,
          arena_printf(r->a, "note=%lld files=%d", note, r->nfiles));
    if (resp_created(r, arena_printf(r->a, "/portal/cases/%lld?saved=1#notes", id)) == 201) {
        load(r, id);
        return view_render(r, "portal_case.cs");
    }
    return r->status;
}
