/* create.c: /portal/cases/new — the customer opens a case: title,
   description and files (each under Limits.max_file_portal, checked while
   the body streams in: a larger one stops the request and nothing is
   saved). The system fills the rest: the user's customer (and so the
   organization), the space (one of the user's teams), the portal area,
   medium priority, the source "portal", the number and the initial status. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "cases.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "screen.h"
#include "view.h"

#define FORM "portal_case_new.cs"

/* The spaces (teams) the user may file a case under. */
static int spaces(struct req *r, struct db_rows *rows)
{
    return db_select(r->a, rows, "SELECT t.id, t.name FROM team_members m JOIN teams t"
                     " ON t.id = m.team_id AND t.active = 1 WHERE m.user_id = ? ORDER BY t.name",
                     "l", r->user.id);
}

static int form(struct req *r, const struct portal_user *p)
{
    struct db_rows teams, names;
    if (spaces(r, &teams) != DB_OK ||
        db_select(r->a, &names, "SELECT cu.display_name AS customer, org.display_name AS organization"
                  " FROM customers cu LEFT JOIN customers org ON org.id = cu.organization_id"
                  " WHERE cu.id = ?", "l", p->customer) != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, "Spaces", &teams);
    if (names.n) {
        view_row(r, "Portal", &names, 0);
    }
    portal_limits(r);
    return 1;
}

void portal_limits(struct req *r)
{
    long max = conf.max_file_portal;
    view_int(r, max, "Page.max_file");
    view_str(r, max % 1048576 == 0 ? arena_printf(r->a, "%ld MB", max / 1048576)
                                   : arena_printf(r->a, "%ld KB", max / 1024), "Page.max_file_label");
}

int portal_blank(struct req *r, const struct portal_user *p)
{
    return form(r, p) < 0 ? admin_fail(r, DB_DOWN) : view_render(r, FORM);
}

static int refused(struct req *r, const struct portal_user *p, const char *field, const char *key)
{
    if (form(r, p) < 0) {
        return admin_fail(r, DB_DOWN);
    }
    view_str(r, req_str(r, "title"), "Form.title");
    view_str(r, req_str(r, "description"), "Form.description");
    view_str(r, req_str(r, "space"), "Form.space");
    return req_invalid(r, field, key, FORM);
}

/* The space: the one chosen (it must be one of the user's teams), else the
   first of them; "" when the user has none. NULL when the choice is not theirs. */
static const char *space_of(struct req *r)
{
    struct db_rows teams;
    const char *chosen = req_str(r, "space");
    if (spaces(r, &teams) != DB_OK) {
        return NULL;
    }
    for (int i = 0; i < teams.n; i++) {
        if (!*chosen || strcmp(chosen, db_cell(&teams, i, 0)) == 0) {
            return db_cell(&teams, i, 0);
        }
    }
    return *chosen ? NULL : "";
}

static void put(struct case_values *cv, const char *field, const char *value)
{
    int i = case_field_index(field);
    if (value && *value) {
        cv->v[i] = value, cv->given[i] = 1;
    }
}

/* What the system fills in for a portal case. */
static int fill(struct req *r, const struct portal_user *p, struct case_values *cv, const char *space)
{
    char *area = NULL, *priority = NULL, *source = NULL, now[20];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    if (db_value(r->a, &area, "SELECT id FROM areas WHERE name = ? AND active = 1", "s",
                 conf.portal_area) != DB_OK ||
        db_value(r->a, &priority, "SELECT id FROM priorities WHERE code = 'medium'", "") != DB_OK ||
        db_value(r->a, &source, "SELECT id FROM sources WHERE code = 'portal'", "") != DB_OK ||
        !priority) {
        return DB_DOWN;
    }
    memset(cv, 0, sizeof *cv);
    put(cv, "subject", req_trimmed(r, "title"));
    put(cv, "description", req_str(r, "description"));
    put(cv, "area", area);
    put(cv, "priority", priority);
    put(cv, "received_at", arena_strdup(r->a, now));
    put(cv, "source", source);
    put(cv, "customer", arena_printf(r->a, "%lld", p->customer));
    put(cv, "team", space);
    return 0;
}

int portal_create(struct req *r, const struct portal_user *p)
{
    const char *title = req_trimmed(r, "title"), *description = req_str(r, "description");
    if (!*title) {
        return refused(r, p, "title", "portal_title_required");
    }
    if (utf8_chars(title) > 200) {
        return refused(r, p, "title", "too_long");
    }
    if (!description[strspn(description, " \t\r\n")]) {
        return refused(r, p, "description", "portal_description_required");
    }
    if (utf8_chars(description) > 20000) {
        return refused(r, p, "description", "too_long");
    }
    const char *space = space_of(r);
    if (!space) {
        return refused(r, p, "space", "choice_unknown");
    }
    struct case_values cv;
    const char *number;
    if (fill(r, p, &cv, space) < 0 || db_begin() != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    long long id = case_register(r, &cv, NULL, 0, &number);
    if (id <= 0 || (r->nfiles && portal_note(r, id, title, "") < 0) || db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "portal_case_create", "case", id, number);
    if (!r->want_json) {     /* the case with its number, and a word that it was received */
        return resp_redirect(r, arena_printf(r->a, "/portal/cases/%lld?created=1", id));
    }
    resp_created(r, arena_printf(r->a, "/portal/cases/%lld", id));
    return portal_show(r, p, id, 0);
}
