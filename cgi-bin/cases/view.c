/* view.c: one case for the view — its names, the values of its edit form,
   its status history and full history — and the options the forms offer. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "campaigns.h"
#include "catalog.h"
#include "db.h"
#include "messages.h"
#include "screen.h"
#include "view.h"

int case_visible(struct req *r, long long id)
{
    const char *scope = case_scope_sql(r);
    if (!scope) {
        return 1;
    }
    struct db_query q;
    struct db_rows rows;
    db_query_init(&q, r->a, "SELECT 1 FROM cases c WHERE 1 = 1");
    db_query_add(&q, " AND c.id = ?", "l", id);
    db_query_add(&q, scope, "lll", r->user.id, r->user.id, r->user.id);
    /* an unknown id is "visible": the screen answers 404 for it */
    return db_query_select(r->a, &rows, &q) == DB_OK &&
           (rows.n == 1 || db_select(r->a, &rows, "SELECT 1 FROM cases WHERE id = ?", "l", id) != DB_OK ||
            rows.n == 0);
}

int case_options(struct req *r)
{
    static const char *const kinds[] = { "statuses", "types", "priorities", "sources", "stages",
                                         "articles", "classes", "departments", "activity_types",
                                         "doc_types" };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        if (catalog_options(r, catalog_find(kinds[i]), arena_printf(r->a, "Options.%s", kinds[i]),
                            0) != DB_OK) {
            return DB_DOWN;
        }
    }
    if (campaign_options(r) != DB_OK) {
        return DB_DOWN;
    }
    struct db_rows areas, teams, users;
    if (db_select_memo(r->a, &areas, "SELECT id, name FROM areas WHERE active = 1 ORDER BY name", "") != DB_OK ||
        db_select_memo(r->a, &teams, "SELECT id, name FROM teams WHERE active = 1 ORDER BY name", "") != DB_OK ||
        db_select_memo(r->a, &users, "SELECT id, name, role FROM users WHERE active = 1"
                  " AND role <> 'customer' ORDER BY name", "") != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, "Options.areas", &areas);
    view_rows(r, "Options.teams", &teams);
    view_rows(r, "Options.users", &users);
    return 1;
}

/* "2026-11-22 19:05:00" UTC -> "2026-11-22T14:05" local, for datetime-local. */
static const char *local_input(struct arena *a, const char *utc)
{
    struct tm tm = { 0 };
    if (!utc || !strptime(utc, "%Y-%m-%d %H:%M:%S", &tm)) {
        return "";
    }
    time_t t = timegm(&tm);
    localtime_r(&t, &tm);
    char *out = arena_alloc(a, 17);
    strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
    return out;
}

/* The stored values of every case field, as the edit form shows them,
   from the case's row (all its columns, by name). */
static void fill_form(struct req *r, const struct db_rows *row)
{
    for (int col = 0; col < row->ncols; col++) {
        const char *name = row->names[col], *v = db_cell(row, 0, col);
        if (strcmp(name, "status_id") == 0) {
            view_str(r, v, "Form.status");
        }
        for (int i = 0; i < case_field_count; i++) {
            if (strcmp(case_fields[i].column, name) == 0) {
                view_str(r, case_fields[i].kind == CF_DATETIME ? local_input(r->a, v) : v,
                         "Form.%s", case_fields[i].name);
            }
        }
    }
}

/* The general data the summary shows, in the manual's order, with how
   each is formatted; empty ones are left out. */
static void summary(struct req *r, const struct db_rows *c)
{
    static const char *const shown[][2] = {
        { "type", "text" }, { "source", "text" }, { "received_at", "datetime" },
        { "due_at", "date" }, { "start_at", "date" }, { "close_at", "date" }, { "stage", "text" },
        { "progress", "percent" }, { "article", "text" }, { "class", "text" }, { "team", "text" },
        { "department", "text" }, { "coordinator", "text" }, { "contact", "text" },
        { "estimate_hours", "text" }, { "complexity", "complexity" }, { "level", "text" },
        { "internal", "flag" }, { "billable", "flag" }, { "comment", "text" },
    };
    int n = 0;
    view_list(r, "Summary");
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        for (int col = 0; col < c->ncols; col++) {
            const char *v = db_cell(c, 0, col);
            if (strcmp(c->names[col], shown[i][0]) == 0 && v && *v && strcmp(v, "0") != 0) {
                view_str(r, shown[i][0], "Summary.%d.field", n);
                view_str(r, v, "Summary.%d.value", n);
                view_str(r, shown[i][1], "Summary.%d.format", n++);
            }
        }
    }
}

/* The status changes, oldest first, taken from the full history (newest
   first): the timeline without a second query. */
static void status_history(struct req *r, const struct db_rows *h)
{
    static const char *const cols[] = { "at", "old_value", "new_value", "note", "episode", "user" };
    int n = 0, field = 3, from = 9;       /* from: a row of a case merged into this one */
    view_list(r, "StatusHistory");
    for (int i = h->n - 1; i >= 0; i--) {
        if (!db_cell(h, i, field) || strcmp(db_cell(h, i, field), "status") != 0 ||
            (h->ncols > from && db_cell(h, i, from))) {
            continue;
        }
        for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
            for (int col = 0; col < h->ncols; col++) {
                if (strcmp(h->names[col], cols[c]) == 0 && db_cell(h, i, col)) {
                    view_str(r, db_cell(h, i, col), "StatusHistory.%d.%s", n, cols[c]);
                }
            }
        }
        n++;
    }
}

/* Count, hours, billable hours, done and open, summed from the rows shown. */
static void activity_totals(struct req *r, const struct db_rows *a)
{
    int hours = -1, billable = -1, status = -1, done = 0, open = 0;
    double sum = 0, bill = 0;
    for (int col = 0; col < a->ncols; col++) {
        hours = strcmp(a->names[col], "hours") == 0 ? col : hours;
        billable = strcmp(a->names[col], "billable") == 0 ? col : billable;
        status = strcmp(a->names[col], "status") == 0 ? col : status;
    }
    for (int i = 0; i < a->n; i++) {
        double h = db_cell(a, i, hours) ? strtod(db_cell(a, i, hours), NULL) : 0;
        const char *st = db_cell(a, i, status);
        sum += h;
        bill += *db_cell(a, i, billable) == '1' ? h : 0;
        done += strcmp(st, "done") == 0;
        open += strcmp(st, "pending") == 0 || strcmp(st, "in_progress") == 0;
    }
    view_int(r, a->n, "ActivityTotals.count");
    view_decimal(r, sum, "ActivityTotals.hours");
    view_decimal(r, bill, "ActivityTotals.billable_hours");
    view_int(r, done, "ActivityTotals.done");
    view_int(r, open, "ActivityTotals.open");
}

int case_brief(struct req *r, long long id)
{
    struct db_rows c;
    if (db_select_sets(r->a, &c, 1, "CALL case_row(?, ?)", "ls", id, r->lang) != DB_OK) {
        return DB_DOWN;
    }
    if (c.n == 0) {
        return 0;
    }
    view_row(r, "Case", &c, 0);
    return 1;
}

int case_load(struct req *r, long long id)
{
    /* one round trip: the procedure (migrations 0010, 0014) answers these sets */
    enum { CASE, ROW, HISTORY, ACCOUNTS, ACTS, NOTES, OTHERS, FILES, FIRED, MANAGEMENTS, DATA,
           MESSAGES, CUSTOMER, NSETS };
    struct db_rows set[NSETS];
    if (db_select_sets(r->a, set, NSETS, "CALL case_view(?, ?)", "ls", id, r->lang) != DB_OK) {
        return DB_DOWN;
    }
    if (set[CASE].n == 0) {
        return 0;
    }
    if (set[ROW].n == 0 || case_options(r) <= 0) {
        return DB_DOWN;
    }
    struct db_rows c = set[CASE], history = set[HISTORY], accounts = set[ACCOUNTS], acts = set[ACTS];
    struct db_rows notes = set[NOTES], others = set[OTHERS], files = set[FILES], fired = set[FIRED];
    fill_form(r, &set[ROW]);
    view_rows(r, "Escalations", &fired);
    view_rows(r, "Notes", &notes);
    view_rows(r, "NoteCases", &others);
    view_rows(r, "Attachments", &files);
    view_rows(r, "Activities", &acts);
    activity_totals(r, &acts);
    view_row(r, "Case", &c, 0);
    long long campaign = strtoll(hdf_get_value(r->hdf, "Case.campaign_id", "0"), NULL, 10);
    if (campaign_view(r, campaign) < 0 || message_form_view(r, campaign) < 0) {
        return DB_DOWN;
    }
    summary(r, &c);
    view_rows(r, "History", &history);
    status_history(r, &history);
    view_rows(r, "Options.accounts", &accounts);
    view_rows(r, "Managements", &set[MANAGEMENTS]);
    view_rows(r, "ContactData", &set[DATA]);
    view_rows(r, "Messages", &set[MESSAGES]);
    if (set[CUSTOMER].n) {
        view_row(r, "Customer", &set[CUSTOMER], 0);
    }
    view_str(r, db_cell(&c, 0, 17), "Form.customer_name");
    view_str(r, db_cell(&c, 0, 21), "Form.contact_name");
    int closed = *db_cell(&c, 0, 8) == '1', boss = req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN);
    view_bool(r, !closed || boss, "Page.can_edit");
    view_bool(r, closed && boss && strcmp(db_cell(&c, 0, 5), "MRG") != 0, "Page.can_reactivate");
    return 1;
}

void case_echo(struct req *r)
{
    static const char *const extra[] = { "status", "note", "resolution", "save_requester" };
    for (int i = 0; i < case_field_count; i++) {
        const char *v = req_param(r, case_fields[i].name);
        if (v) {
            view_str(r, v, "Form.%s", case_fields[i].name);
        }
    }
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
        if (req_param(r, extra[i])) {
            view_str(r, req_param(r, extra[i]), "Form.%s", extra[i]);
        }
    }
    const char *customer = req_param(r, "customer"), *contact = req_param(r, "contact");
    if (customer && *customer) {
        view_str(r, case_show(r, case_field_index("customer"), customer), "Form.customer_name");
    }
    if (contact && *contact) {
        view_str(r, case_show(r, case_field_index("contact"), contact), "Form.contact_name");
    }
}
