/* cases.c: the case fields as one table that drives reading, checking,
   saving and showing them; numbering; history rows; the agents' scope. */
#include "cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "conf.h"
#include "customers.h"
#include "db.h"

#define CAT(table) "SELECT " CATALOG_NAME " FROM " table " WHERE id = ?"
#define STAFF "SELECT name FROM users WHERE id = ? AND role <> 'customer'"

const struct case_field case_fields[] = {
    { "subject", "subject", CF_TEXT, 1, 200, NULL, 0 },
    { "description", "description", CF_TEXT, 1, 20000, NULL, 0 },
    { "area", "area_id", CF_REF, 1, 0, "SELECT name FROM areas WHERE id = ?", 0 },
    { "type", "type_id", CF_REF, 0, 0, CAT("request_types"), 1 },
    { "priority", "priority_id", CF_REF, 1, 0, CAT("priorities"), 1 },
    { "assignee", "assignee_id", CF_USER, 0, 0, STAFF, 0 },
    { "received_at", "received_at", CF_DATETIME, 1, 0, NULL, 0 },
    { "source", "source_id", CF_REF, 0, 0, CAT("sources"), 1 },
    { "customer", "customer_id", CF_REF, 0, 0, "SELECT display_name FROM customers WHERE id = ?", 0 },
    { "contact", "contact_id", CF_REF, 0, 0, "SELECT name FROM contacts WHERE id = ?", 0 },
    { "account", "account_id", CF_REF, 0, 0, "SELECT number FROM accounts WHERE id = ?", 0 },
    { "requester_first_name", "requester_first_name", CF_TEXT, 0, 60, NULL, 0 },
    { "requester_last_name", "requester_last_name", CF_TEXT, 0, 60, NULL, 0 },
    { "requester_title", "requester_title", CF_TEXT, 0, 100, NULL, 0 },
    { "requester_phone", "requester_phone", CF_TEXT, 0, 30, NULL, 0 },
    { "requester_email", "requester_email", CF_TEXT, 0, 254, NULL, 0 },
    { "due_at", "due_at", CF_DATE, 0, 0, NULL, 0 },
    { "start_at", "start_at", CF_DATE, 0, 0, NULL, 0 },
    { "close_at", "close_at", CF_DATE, 0, 0, NULL, 0 },
    { "stage", "stage_id", CF_REF, 0, 0, CAT("stages"), 1 },
    { "progress", "progress", CF_INT, 0, 100, NULL, 0 },
    { "article", "article_id", CF_REF, 0, 0, CAT("articles"), 1 },
    { "class", "class_id", CF_REF, 0, 0, CAT("classes"), 1 },
    { "internal", "internal", CF_FLAG, 0, 0, NULL, 0 },
    { "team", "team_id", CF_REF, 0, 0, "SELECT name FROM teams WHERE id = ?", 0 },
    { "department", "department_id", CF_REF, 0, 0, CAT("departments"), 1 },
    { "coordinator", "coordinator_id", CF_USER, 0, 0, STAFF, 0 },
    { "comment", "comment", CF_TEXT, 0, 20000, NULL, 0 },
    { "estimate_hours", "estimate_hours", CF_DECIMAL, 0, 0, NULL, 0 },
    { "complexity", "complexity", CF_ENUM, 0, 0, NULL, 0 },
    { "level", "level", CF_INT, 0, 1000, NULL, 0 },
    { "billable", "billable", CF_FLAG, 0, 0, NULL, 0 },
    { "campaign", "campaign_id", CF_REF, 0, 0, "SELECT name FROM campaigns WHERE id = ?", 0 },
};
const int case_field_count = sizeof case_fields / sizeof *case_fields;

int case_field_index(const char *name)
{
    for (int i = 0; i < case_field_count; i++) {
        if (strcmp(case_fields[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

const char *local_to_utc(struct arena *a, const char *s)
{
    struct tm tm = { 0 };
    const char *end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
    if (!end) {
        end = strptime(s, "%Y-%m-%d %H:%M", &tm);
    }
    if (end && *end == ':') {
        end = strptime(end, ":%S", &tm);
    }
    if (!end || *end || tm.tm_year < 0 || !date_valid(arena_printf(a, "%.10s", s))) {
        return NULL;
    }
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);                 /* TZ is the site's (view_init) */
    struct tm utc;
    gmtime_r(&t, &utc);
    char *out = arena_alloc(a, 20);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &utc);
    return out;
}

/* "1,5" or "12.25" -> "1.50"; NULL when not 0-99999 with up to 2 decimals. */
static const char *decimal(struct arena *a, const char *s)
{
    size_t whole = strspn(s, "0123456789"), frac = 0;
    if (whole == 0 || whole > 5) {
        return NULL;
    }
    if (s[whole] == '.' || s[whole] == ',') {
        frac = strspn(s + whole + 1, "0123456789");
        if (frac == 0 || frac > 2 || s[whole + 1 + frac]) {
            return NULL;
        }
    } else if (s[whole]) {
        return NULL;
    }
    return arena_printf(a, "%.*s.%.*s%s", (int)whole, s, (int)frac, frac ? s + whole + 1 : "",
                        frac == 2 ? "" : frac == 1 ? "0" : "00");
}

/* 1 when the referred row exists (staff: and is active). Catalogs, areas,
   teams and staff are asked through the process's memo (Cache.lists_seconds):
   a row removed meanwhile is still refused by its foreign key. The customer,
   contact and account, made a moment ago perhaps, are always asked. */
static int exists(struct req *r, const struct case_field *f, long long id)
{
    static const char *const asked[] = { "customer", "contact", "account" };
    int (*select)(struct arena *, struct db_rows *, const char *, const char *, ...) = db_select_memo;
    for (size_t i = 0; i < sizeof asked / sizeof *asked; i++) {
        select = strcmp(f->name, asked[i]) == 0 ? db_select : select;
    }
    struct db_rows v;
    int rc = f->lang ? select(r->a, &v, f->show_sql, "sl", r->lang, id)
                     : select(r->a, &v, f->show_sql, "l", id);
    if (rc == DB_OK && v.n && f->kind == CF_USER) {
        rc = select(r->a, &v, "SELECT name FROM users WHERE id = ? AND active = 1", "l", id);
    }
    return rc == DB_OK && v.n > 0;
}

/* One field's value from the request, normalised as the database returns
   it (so an update can compare). NULL key: fine. */
static const char *read_one(struct req *r, int i, const char *in, const char **out)
{
    const struct case_field *f = &case_fields[i];
    long long id;
    char *end;
    *out = NULL;
    switch (f->kind) {
    case CF_TEXT:
        *out = in;
        if (f->required && !*in) {
            return "required";
        }
        return utf8_chars(in) > (size_t)f->max ? "too_long" : NULL;
    case CF_REF:
    case CF_USER:
        if (!*in) {
            return f->required ? "required" : NULL;
        }
        id = strtoll(in, &end, 10);
        if (*end || id <= 0 || !exists(r, f, id)) {
            return "choice_unknown";
        }
        *out = arena_printf(r->a, "%lld", id);
        return NULL;
    case CF_DATE:
        *out = *in ? in : NULL;
        return *in && !date_valid(in) ? "date_invalid" : NULL;
    case CF_DATETIME:
        *out = *in ? local_to_utc(r->a, in) : NULL;
        return (*in && !*out) || (f->required && !*in) ? "datetime_invalid" : NULL;
    case CF_INT:
        id = strtoll(*in ? in : "0", &end, 10);
        *out = arena_printf(r->a, "%lld", id);
        return *end || id < 0 || id > f->max ? "number_range" : NULL;
    case CF_DECIMAL:
        *out = *in ? decimal(r->a, in) : NULL;
        return *in && !*out ? "hours_invalid" : NULL;
    case CF_FLAG:
        *out = req_flag(r, f->name, 0) > 0 ? "1" : "0";
        return req_flag(r, f->name, 0) < 0 ? "flag_invalid" : NULL;
    case CF_ENUM:
        *out = *in ? in : NULL;
        return *in && strcmp(in, "high") && strcmp(in, "medium") && strcmp(in, "low")
               ? "choice_unknown" : NULL;
    }
    return NULL;
}

static void set(struct field_error *fe, const char *field, const char *key)
{
    if (!fe->field) {
        fe->field = field, fe->key = key;
    }
}

/* The rules between fields, over the values the case will have. */
static void cross_check(struct req *r, const struct case_values *cv, struct field_error *fe)
{
    const char *start = cv->v[case_field_index("start_at")], *close = cv->v[case_field_index("close_at")];
    const char *customer = cv->v[case_field_index("customer")], *contact = cv->v[case_field_index("contact")];
    const char *account = cv->v[case_field_index("account")], *email = cv->v[case_field_index("requester_email")];
    const char *first = cv->v[case_field_index("requester_first_name")];
    const char *received = cv->v[case_field_index("received_at")];
    char *v = NULL;
    if (start && close && strcmp(start, close) > 0) {
        set(fe, "close_at", "dates_order");
    }
    if (received) {
        char now[20];
        time_t t = time(NULL) + 300;
        strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
        if (strcmp(received, now) > 0) {
            set(fe, "received_at", "received_future");
        }
    }
    if (email && *email && !email_valid(email)) {
        set(fe, "requester_email", "email_invalid");
    }
    if (contact && (!customer || db_value(r->a, &v, "SELECT 1 FROM contacts WHERE id = ? AND customer_id = ?",
                                          "ll", strtoll(contact, NULL, 10), strtoll(customer, NULL, 10)) != DB_OK || !v)) {
        set(fe, "contact", "contact_not_customer");
    }
    v = NULL;
    if (account && (!customer || db_value(r->a, &v, "SELECT 1 FROM accounts WHERE id = ? AND customer_id = ?",
                                          "ll", strtoll(account, NULL, 10), strtoll(customer, NULL, 10)) != DB_OK || !v)) {
        set(fe, "account", "account_not_customer");
    }
    if (!customer && !(first && *first) && !(email && *email)) {
        set(fe, "customer", "requester_required");
    }
}

/* A new case's value for a field the request left empty: now for the
   received time, the medium priority; "" (the field's own default) else. */
static const char *default_value(struct req *r, const struct case_field *f)
{
    if (f->kind == CF_DATETIME) {
        char now[20];
        time_t t = time(NULL);
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M", localtime(&t));
        return arena_strdup(r->a, now);
    }
    char *medium = NULL;
    if (strcmp(f->name, "priority") == 0 &&
        db_value(r->a, &medium, "SELECT id FROM priorities WHERE code = 'medium'", "") == DB_OK &&
        medium) {
        return medium;
    }
    return "";
}

void case_read(struct req *r, struct case_values *cv, int creating, struct field_error *fe)
{
    fe->field = fe->key = NULL;
    for (int i = 0; i < case_field_count; i++) {
        const struct case_field *f = &case_fields[i];
        const char *in = req_param(r, f->name);
        cv->given[i] = in != NULL || creating;     /* a new case: defaults for the rest */
        cv->v[i] = NULL;
        if (!cv->given[i]) {
            continue;
        }
        if (creating && (!in || !*in)) {
            in = default_value(r, f);
        }
        const char *key = read_one(r, i, in, &cv->v[i]);
        if (key) {
            set(fe, f->name, key);
        }
    }
}

/* A case joins only an active campaign; the one it has stays even when
   the campaign was deactivated since. */
static void campaign_check(struct req *r, const struct case_values *cv, const char *const *stored,
                           struct field_error *fe)
{
    int i = case_field_index("campaign");
    char *active = NULL;
    if (!cv->given[i] || !cv->v[i] || (stored && stored[i] && strcmp(stored[i], cv->v[i]) == 0)) {
        return;
    }
    if (db_value(r->a, &active, "SELECT active FROM campaigns WHERE id = ?", "s", cv->v[i]) != DB_OK ||
        !active || *active != '1') {
        set(fe, "campaign", "choice_unknown");
    }
}

void case_cross_check(struct req *r, struct case_values *cv, const char *const *stored,
                      struct field_error *fe)
{
    struct case_values all = *cv;
    for (int i = 0; stored && i < case_field_count; i++) {
        if (!cv->given[i]) {
            all.v[i] = stored[i];
        }
    }
    cross_check(r, &all, fe);
    campaign_check(r, cv, stored, fe);
}

const char *case_show(struct req *r, int i, const char *value)
{
    const struct case_field *f = &case_fields[i];
    char *name = NULL;
    if (!value) {
        return "";
    }
    if (f->show_sql) {
        long long id = strtoll(value, NULL, 10);
        if ((f->lang ? db_value(r->a, &name, f->show_sql, "sl", r->lang, id)
                     : db_value(r->a, &name, f->show_sql, "l", id)) == DB_OK && name) {
            return name;
        }
        return value;
    }
    if (f->kind == CF_FLAG) {
        return req_text(r, *value == '1' ? "Common.yes" : "Common.no");
    }
    if (f->kind == CF_DATETIME) {           /* stored UTC, shown in the site's time */
        struct tm tm = { 0 };
        if (strptime(value, "%Y-%m-%d %H:%M:%S", &tm)) {
            time_t t = timegm(&tm);
            localtime_r(&t, &tm);
            char *out = arena_alloc(r->a, 17);
            strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
            return out;
        }
    }
    if (f->kind == CF_ENUM) {
        return req_text(r, arena_printf(r->a, "Cases.Complexity.%s", value));
    }
    return value;
}

const char *case_next_number(struct req *r)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);                 /* the year as the site sees it */
    int year = tm.tm_year + 1900;
    /* LAST_INSERT_ID(expr) hands the new value back with the write: no second query */
    if (db_exec("INSERT INTO case_numbers (year, last) VALUES (?, LAST_INSERT_ID(1))"
                " ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)", "i", year) < 0 ||
        db_last_id() <= 0) {
        return NULL;
    }
    return arena_printf(r->a, "%d-%06lld", year, db_last_id());
}

long long case_history(long long case_id, int episode, long long user, int version,
                       const char *kind, const char *field, const char *old_value,
                       const char *new_value, long long old_ref, long long new_ref,
                       const char *note)
{
    return db_exec("INSERT INTO case_history (case_id, episode, version, user_id, kind, field,"
                   " old_value, new_value, old_ref, new_ref, note)"
                   " VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?)",
                   "liilsssslls", case_id, episode, version, user, kind, field ? field : "",
                   old_value, new_value, old_ref, new_ref, note ? note : "");
}

long long case_close_row(long long id, long long status, long long user, const char *resolution,
                         long long merged_into)
{
    return db_exec("UPDATE cases SET status_id = ?, closed = 1, closed_at = UTC_TIMESTAMP(),"
                   " closed_by = ?, resolution = ?, merged_into_id = NULLIF(?, 0),"
                   " version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?",
                   "llsll", status, user, resolution, merged_into, id);
}

const char *activity_summary(struct req *r, const char *description, const char *status)
{
    return arena_printf(r->a, "%s (%s)", utf8_prefix(r->a, description, 80),
                        req_text(r, arena_printf(r->a, "Activities.Status.%s", status)));
}

const char *case_scope_sql(const struct req *r)
{
    if (!conf.cases_agents_restricted || !(r->user.role & ROLE_AGENT)) {
        return NULL;
    }
    return " AND (c.assignee_id = ? OR c.area_id IN (SELECT s.area_id FROM area_subscriptions s"
           " WHERE s.user_id = ?) OR c.team_id IN (SELECT m.team_id FROM team_members m"
           " WHERE m.user_id = ?))";
}
