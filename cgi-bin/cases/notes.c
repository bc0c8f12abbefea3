/* notes.c: /cases/{id}/notes — notes with files, linking an existing note
   to this case without copying it (enlazar), unlinking, and deleting a note
   no other case holds. /cases/{id}/attachments lists the case's files. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "files.h"
#include "notify.h"
#include "screen.h"
#include "view.h"

/* The case's episode and version for its history rows; 0 when no case. */
static int case_row(struct req *r, long long id, struct db_rows *c)
{
    return db_select(r->a, c, "SELECT episode, version, closed FROM cases WHERE id = ? FOR UPDATE",
                     "l", id) == DB_OK && c->n == 1;
}

static int note_history(struct req *r, long long id, const struct db_rows *c, const char *what,
                        long long note, const char *title)
{
    return case_history(id, atoi(db_cell(c, 0, 0)), r->user.id, atoi(db_cell(c, 0, 1)), "note",
                        what, NULL, title, note, note, "") < 0 ? -1 : 0;
}

static int refused(struct req *r, long long id, const char *field, const char *key)
{
    db_rollback();
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_str(r, req_str(r, "title"), "Note.title");
    view_str(r, req_str(r, "body"), "Note.body");
    view_str(r, "notes", "Page.open");
    return req_invalid(r, field, key, "case.cs");
}

/* A new note with the request's files. */
static int create(struct req *r, long long id, const struct db_rows *c)
{
    const char *title = req_str(r, "title"), *body = req_str(r, "body");
    int pub = req_flag(r, "public", 0);
    if (!title[strspn(title, " \t\r\n")] || utf8_chars(title) > 200) {
        return refused(r, id, "title", "note_title_required");
    }
    if (utf8_chars(body) > 20000) {
        return refused(r, id, "body", "too_long");
    }
    if (pub < 0) {
        return refused(r, id, "public", "flag_invalid");
    }
    if (db_exec("INSERT INTO notes (title, body, public, author_id) VALUES (?, ?, ?, ?)",
                "ssil", title, body, pub, r->user.id) != 1) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    long long note = db_last_id();
    if (db_exec("INSERT INTO note_cases (note_id, case_id, linked_by) VALUES (?, ?, ?)",
                "lll", note, id, r->user.id) != 1) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    for (int i = 0; i < r->nfiles; i++) {
        if (strcmp(r->files[i].field, "file") == 0 && *r->files[i].filename &&
            file_attach(r, &r->files[i], note) < 0) {
            db_rollback();
            return admin_fail(r, DB_ERROR);
        }
    }
    if (note_history(r, id, c, "added", note, title) < 0 ||
        db_exec("UPDATE cases SET updated_at = UTC_TIMESTAMP() WHERE id = ?", "l", id) < 0 ||
        notify_case(r, id, NOTIFY_NOTE, title, pub) < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "note_create", "case", id,
          arena_printf(r->a, "note=%lld files=%d", note, r->nfiles));
    if (resp_created(r, arena_printf(r->a, "/cases/%lld/notes/%lld", id, note)) == 201) {
        case_load(r, id);
        return view_render(r, "case.cs");
    }
    return r->status;
}

/* Links an existing note (the note field) to this case. */
static int link(struct req *r, long long id, const struct db_rows *c)
{
    long long note;
    struct db_rows n;
    if (req_int(r, "note", 1, 1LL << 62, &note) != 1 ||
        db_select(r->a, &n, "SELECT title, public FROM notes WHERE id = ?", "l", note) != DB_OK ||
        n.n == 0) {
        return refused(r, id, "note", "note_unknown");
    }
    const char *title = db_cell(&n, 0, 0);
    long long added = db_exec("INSERT INTO note_cases (note_id, case_id, linked_by) VALUES (?, ?, ?)",
                              "lll", note, id, r->user.id);
    if (added == DB_DUPLICATE) {
        return refused(r, id, "note", "note_already_linked");
    }
    /* a public note linked here is news for this case's customer too */
    if (added != 1 || note_history(r, id, c, "linked", note, title) < 0 ||
        notify_case(r, id, NOTIFY_NOTE, title, *db_cell(&n, 0, 1) == '1') < 0 || db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    return admin_done(r, "note_link", "case", id, arena_printf(r->a, "note=%lld", note),
                      arena_printf(r->a, "/cases/%lld?saved=1#notes", id));
}

/* Takes the note off this case; a note no case holds any more is deleted
   with its files. del: only when this is the last case holding it. */
static int unlink_note(struct req *r, long long id, long long note, const struct db_rows *c, int del)
{
    struct db_rows n;
    if (db_select(r->a, &n, "SELECT nt.title, (SELECT COUNT(*) FROM note_cases x WHERE x.note_id = nt.id)"
                  " FROM notes nt JOIN note_cases nc ON nc.note_id = nt.id AND nc.case_id = ?"
                  " WHERE nt.id = ?", "ll", id, note) != DB_OK || n.n == 0) {
        db_rollback();
        return admin_fail(r, 0);
    }
    int holders = atoi(db_cell(&n, 0, 1));
    if (del && holders > 1) {
        db_rollback();
        return req_fail(r, 409, "note_linked", "note_linked_elsewhere");
    }
    if (db_exec("DELETE FROM note_cases WHERE note_id = ? AND case_id = ?", "ll", note, id) != 1 ||
        (holders == 1 && (db_exec("DELETE FROM notes WHERE id = ?", "l", note) != 1 ||
                          file_forget_unused() < 0)) ||
        note_history(r, id, c, holders == 1 ? "deleted" : "unlinked", note, db_cell(&n, 0, 0)) < 0 ||
        db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_ERROR);
    }
    return admin_done(r, holders == 1 ? "note_delete" : "note_unlink", "case", id,
                      arena_printf(r->a, "note=%lld", note),
                      arena_printf(r->a, "/cases/%lld?saved=1#notes", id));
}

/* GET: the case view, with the notes found for linking (q: short name, date). */
static int search(struct req *r, long long id)
{
    int found = case_load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    const char *q = req_str(r, "q"), *date = req_str(r, "date");
    if (*date && !date_valid(date)) {
        return req_fail(r, 400, "bad_filter", "bad_filter");
    }
    struct db_rows notes;
    if (db_select(r->a, &notes, "SELECT n.id, n.title, n.created_at, u.name AS author,"
                  " (SELECT GROUP_CONCAT(c.number ORDER BY c.number SEPARATOR ', ') FROM note_cases x"
                  "  JOIN cases c ON c.id = x.case_id WHERE x.note_id = n.id) AS cases"
                  " FROM notes n LEFT JOIN users u ON u.id = n.author_id"
                  " WHERE NOT EXISTS (SELECT 1 FROM note_cases y WHERE y.note_id = n.id AND y.case_id = ?)"
                  " AND (? = '' OR n.title LIKE ?) AND (? = '' OR DATE(n.created_at) = ?)"
                  " ORDER BY n.created_at DESC LIMIT 30", "lssss", id, q, db_like(r->a, q), date, date)
        != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    view_rows(r, "NoteSearch", &notes);
    view_str(r, q, "NoteQuery.q");
    view_str(r, date, "NoteQuery.date");
    view_str(r, "notes", "Page.open");
    return view_render(r, "case.cs");
}

int case_notes(struct req *r, long long id, const char *rest)
{
    long long note = 0;
    char *end = NULL;
    if (strcmp(rest, "attachments") == 0 || strcmp(rest, "notes") == 0) {
        if (!r->is_post) {
            return strcmp(rest, "notes") == 0 ? search(r, id) : case_load(r, id) > 0
                   ? view_render(r, "case.cs") : admin_fail(r, 0);
        }
        if (strcmp(rest, "notes") != 0) {
            return req_fail(r, 404, "not_found", "not_found");
        }
    } else if (strncmp(rest, "notes/", 6) == 0) {
        note = strtoll(rest + 6, &end, 10);
        if (note <= 0 || (strcmp(end, "/unlink") && strcmp(end, "/delete") && *end)) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        if (!r->is_post) {
            return *end ? req_fail(r, 404, "not_found", "not_found") : search(r, id);
        }
    }
    struct db_rows c;
    if (db_begin() != DB_OK || !case_row(r, id, &c)) {
        db_rollback();
        return admin_fail(r, 0);
    }
    if (*db_cell(&c, 0, 2) == '1' && !req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN)) {
        db_rollback();
        return req_fail(r, 403, "case_closed", "case_closed");
    }
    if (note) {
        if (!end || !*end) {
            db_rollback();
            return req_fail(r, 404, "not_found", "not_found");
        }
        return unlink_note(r, id, note, &c, strcmp(end, "/delete") == 0);
    }
    return req_param(r, "note") ? link(r, id, &c) : create(r, id, &c);
}
