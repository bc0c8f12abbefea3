/* admin_rules: escalation rules (reglas de escalamiento). A rule's conditions
   are status, area, request type and priority (each may be "any") and the
   hours a case has been open; its actions notify a role (alert, task,
   e-mail) and/or change the status. bin/atiende-escalate runs them in order.
   Admins change them; supervisors may read. Paths: /admin/rules,
   /admin/rules/new, /admin/rules/{id}, /admin/rules/{id}/delete|up|down. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "catalog.h"
#include "db.h"
#include "rules.h"
#include "view.h"

#define LIST "admin_rules.cs"
#define FORM "admin_rule.cs"

/* A rule with the names of what it refers to; two language parameters. */
#define RULE_SELECT \
    "SELECT r.id, r.position, r.status_id, st.code AS status_code, r.area_id, a.name AS area_name," \
    " r.type_id, " CATALOG_NAME_OF("t") " AS type_name, r.priority_id, " \
    CATALOG_NAME_OF("p") " AS priority_name, r.hours_open, r.role_id, ro.name AS role_name," \
    " r.alert, r.task, r.email, r.set_status_id, ss.code AS set_status_code, r.active, r.version," \
    " r.business_hours," \
    " r.created_at, r.updated_at," \
    " (SELECT COUNT(*) FROM escalation_firings f WHERE f.rule_id = r.id) AS fired" \
    " FROM escalation_rules r" \
    " LEFT JOIN statuses st ON st.id = r.status_id LEFT JOIN areas a ON a.id = r.area_id" \
    " LEFT JOIN request_types t ON t.id = r.type_id LEFT JOIN priorities p ON p.id = r.priority_id" \
    " LEFT JOIN roles ro ON ro.id = r.role_id LEFT JOIN statuses ss ON ss.id = r.set_status_id"

/* The fields naming another object, where RULE_SELECT has their ids (the
   name or code follows each id), and how to check one exists. */
enum { F_STATUS, F_AREA, F_TYPE, F_PRIORITY, F_ROLE, F_SET_STATUS, F_COUNT };
static const char *const id_fields[F_COUNT] = {
    "status", "area", "type", "priority", "role", "set_status",
};
static const int id_cols[F_COUNT] = { 2, 4, 6, 8, 11, 16 };
enum { C_HOURS = 10, C_ALERT = 13, C_TASK = 14, C_EMAIL = 15 };
static const char *const exists_sql[F_COUNT] = {
    "SELECT 1 FROM statuses WHERE id = ?", "SELECT 1 FROM areas WHERE id = ?",
    "SELECT 1 FROM request_types WHERE id = ?", "SELECT 1 FROM priorities WHERE id = ?",
    "SELECT 1 FROM roles WHERE id = ?", "SELECT 1 FROM statuses WHERE id = ?",
};

struct rule_form {
    long long id[F_COUNT];      /* 0: any / none */
    char hours[16];             /* "24" or "1.5", as MariaDB reads it */
    int alert, task, email, active, business;
};

/* Row i of a RULE_SELECT result as a sentence in the user's language. */
static const char *words(struct req *r, const struct db_rows *rows, int i)
{
    const char *name[F_COUNT];
    for (int f = 0; f < F_COUNT; f++) {
        name[f] = db_cell(rows, i, id_cols[f] + 1);
    }
    struct rule_text t = {
        .status = name[F_STATUS], .area = name[F_AREA], .type = name[F_TYPE],
        .priority = name[F_PRIORITY], .hours = db_cell(rows, i, C_HOURS), .role = name[F_ROLE],
        .alert = *db_cell(rows, i, C_ALERT) == '1', .task = *db_cell(rows, i, C_TASK) == '1',
        .email = *db_cell(rows, i, C_EMAIL) == '1', .set_status = name[F_SET_STATUS],
    };
    return rule_words(r->a, r->lang, &t);
}

static int list(struct req *r)
{
    struct db_rows rows;
    if (db_select(r->a, &rows, RULE_SELECT " ORDER BY r.position, r.id", "ss",
                  r->lang, r->lang) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    view_rows(r, "Rules", &rows);
    for (int i = 0; i < rows.n; i++) {
        view_str(r, words(r, &rows, i), "Rules.%d.words", i);
    }
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    return view_render(r, LIST);
}

/* What the form's lists offer: active items, plus those the rule already uses. */
static int load_options(struct req *r, const long long id[F_COUNT])
{
    struct db_rows areas, roles;
    const struct catalog *statuses = catalog_find("statuses");
    if (catalog_options(r, statuses, "Options.statuses", id[F_STATUS]) != DB_OK ||
        catalog_options(r, statuses, "Options.set_statuses", id[F_SET_STATUS]) != DB_OK ||
        catalog_options(r, catalog_find("types"), "Options.types", id[F_TYPE]) != DB_OK ||
        catalog_options(r, catalog_find("priorities"), "Options.priorities", id[F_PRIORITY]) != DB_OK ||
        db_select(r->a, &areas, "SELECT id, name FROM areas WHERE active = 1 OR id = ?"
                  " ORDER BY name", "l", id[F_AREA]) != DB_OK ||
        db_select(r->a, &roles, "SELECT id, name FROM roles WHERE active = 1 OR id = ?"
                  " ORDER BY name", "l", id[F_ROLE]) != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, "Options.areas", &areas);
    view_rows(r, "Options.roles", &roles);
    view_bool(r, req_has_role(r, ROLE_ADMIN), "Page.editable");
    return DB_OK;
}

/* Rule id into Rule.* with its words and the form's options. 1, 0 or <0. */
static int load(struct req *r, long long id)
{
    struct db_rows rule;
    if (db_select(r->a, &rule, RULE_SELECT " WHERE r.id = ?", "ssl", r->lang, r->lang, id) != DB_OK) {
        return DB_DOWN;
    }
    if (rule.n == 0) {
        return 0;
    }
    view_row(r, "Rule", &rule, 0);
    view_str(r, words(r, &rule, 0), "Rule.words");
    view_str(r, hours_text(r->a, db_cell(&rule, 0, C_HOURS), req_text(r, "Rules.W.decimal")),
             "Rule.hours_text");
    long long ids[F_COUNT];
    for (int f = 0; f < F_COUNT; f++) {
        const char *v = db_cell(&rule, 0, id_cols[f]);
        ids[f] = v ? strtoll(v, NULL, 10) : 0;
    }
    return load_options(r, ids) == DB_OK ? 1 : DB_DOWN;
}

static int show(struct req *r, long long id)
{
    int found = load(r, id);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, FORM);
}

static int blank(struct req *r)
{
    static const long long none[F_COUNT];
    if (load_options(r, none) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    view_int(r, 1, "Rule.active");
    return view_render(r, FORM);
}

/* "24", "1,5" or "0.25": up to 5 whole digits and 2 decimals, above zero. */
static int parse_hours(const char *s, char out[16])
{
    size_t whole = strspn(s, "0123456789"), frac = 0;
    if (whole == 0 || whole > 5) {
        return 0;
    }
    memcpy(out, s, whole);
    out[whole] = '\0';
    if (s[whole] == '.' || s[whole] == ',') {
        frac = strspn(s + whole + 1, "0123456789");
        if (frac == 0 || frac > 2) {
            return 0;
        }
        out[whole] = '.';
        memcpy(out + whole + 1, s + whole + 1, frac);
        out[whole + 1 + frac] = '\0';
    }
    return s[whole + (frac ? frac + 1 : 0)] == '\0' && strtod(out, NULL) > 0;
}

/* Reads and checks the form; the first problem goes into fe. */
static void parse(struct req *r, struct rule_form *f, int active_default, struct field_error *fe)
{
    fe->field = fe->key = NULL;
    for (int i = 0; i < F_COUNT; i++) {
        f->id[i] = 0;
        char *v = NULL;
        int rc = req_int(r, id_fields[i], 0, 1LL << 62, &f->id[i]);
        if (rc < 0 || (f->id[i] && db_value(r->a, &v, exists_sql[i], "l", f->id[i]) == DB_OK && !v)) {
            if (!fe->field) {
                fe->field = id_fields[i], fe->key = "choice_unknown";
            }
        }
    }
    f->hours[0] = '\0';
    int hours_ok = parse_hours(req_str(r, "hours_open"), f->hours);
    const char *flags[5] = { "alert", "task", "email", "active", "business_hours" };
    int *vals[5] = { &f->alert, &f->task, &f->email, &f->active, &f->business };
    for (int i = 0; i < 5; i++) {
        *vals[i] = req_flag(r, flags[i], i == 3 ? active_default : 0);
        if (*vals[i] < 0 && !fe->field) {
            fe->field = flags[i], fe->key = "flag_invalid";
        }
    }
    int notify = f->alert > 0 || f->task > 0 || f->email > 0;
    if (fe->field) {
        return;
    }
    if (!hours_ok) {
        fe->field = "hours_open", fe->key = "hours_invalid";
    } else if (!f->id[F_ROLE] && !notify && !f->id[F_SET_STATUS]) {
        fe->field = "role", fe->key = "rule_no_action";
    } else if (f->id[F_ROLE] && !notify) {
        fe->field = "alert", fe->key = "rule_no_flag";
    } else if (!f->id[F_ROLE] && notify) {
        fe->field = "role", fe->key = "rule_role_required";
    } else if (f->id[F_SET_STATUS] && f->id[F_SET_STATUS] == f->id[F_STATUS]) {
        fe->field = "set_status", fe->key = "rule_same_status";
    }
}

/* The form again, as sent, with its problem. */
static int invalid(struct req *r, const struct rule_form *f, const struct field_error *fe)
{
    if (load_options(r, f->id) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    for (int i = 0; i < F_COUNT; i++) {
        view_int(r, f->id[i], "Rule.%s_id", id_fields[i]);
    }
    view_str(r, req_str(r, "hours_open"), "Rule.hours_text");
    view_int(r, f->alert > 0, "Rule.alert");
    view_int(r, f->task > 0, "Rule.task");
    view_int(r, f->email > 0, "Rule.email");
    view_int(r, f->active != 0, "Rule.active");
    view_int(r, f->business > 0, "Rule.business_hours");
    return req_invalid(r, fe->field, fe->key, FORM);
}

static int create(struct req *r)
{
    struct rule_form f;
    struct field_error fe;
    parse(r, &f, 1, &fe);
    if (fe.field) {
        return invalid(r, &f, &fe);
    }
    long long n = db_exec("INSERT INTO escalation_rules (position, status_id, area_id, type_id,"
                          " priority_id, role_id, set_status_id, hours_open, alert, task, email, active,"
                          " business_hours)"
                          " SELECT COALESCE(MAX(position), 0) + 10, NULLIF(?, 0), NULLIF(?, 0),"
                          " NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?"
                          " FROM escalation_rules", "llllllsiiiii",
                          f.id[0], f.id[1], f.id[2], f.id[3], f.id[4], f.id[5], f.hours,
                          f.alert, f.task, f.email, f.active, f.business > 0);
    if (n <= 0) {
        return admin_fail(r, n < 0 ? n : DB_ERROR);
    }
    long long id = db_last_id();
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "rule_create", "rule", id, "");
    if (resp_created(r, arena_printf(r->a, "/admin/rules/%lld", id)) == 201) {
        load(r, id);
        return view_render(r, FORM);
    }
    return r->status;
}

static int update(struct req *r, long long id)
{
    struct rule_form f;
    struct field_error fe;
    long long version;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    parse(r, &f, 2, &fe);
    if (fe.field) {
        view_int(r, id, "Rule.id");
        view_int(r, version, "Rule.version");
        return invalid(r, &f, &fe);
    }
    long long n = db_exec("UPDATE escalation_rules SET status_id = NULLIF(?, 0),"
                          " area_id = NULLIF(?, 0), type_id = NULLIF(?, 0),"
                          " priority_id = NULLIF(?, 0), role_id = NULLIF(?, 0),"
                          " set_status_id = NULLIF(?, 0), hours_open = ?, alert = ?, task = ?,"
                          " email = ?, active = IF(? = 2, active, ?), business_hours = ?,"
                          " version = version + 1, updated_at = UTC_TIMESTAMP()"
                          " WHERE id = ? AND version = ?",
                          "llllllsiiiiiill", f.id[0], f.id[1], f.id[2], f.id[3], f.id[4], f.id[5],
                          f.hours, f.alert, f.task, f.email, f.active, f.active, f.business > 0,
                          id, version);
    if (n == 0 && load(r, id) > 0) {
        return req_fail(r, 409, "conflict", "conflict");
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "rule_update", "rule", id, "",
                      arena_printf(r->a, "/admin/rules/%lld?saved=1", id));
}

/* Swaps the rule with its neighbour before (dir < 0) or after it. Positions
   are renumbered 10, 20 ... first so that equal positions cannot stall it. */
static int move(struct req *r, long long id, int dir)
{
    struct db_rows me, other;
    if (db_begin() != DB_OK || db_exec("SET @n := 0", "") < 0 ||
        db_exec("UPDATE escalation_rules SET position = (@n := @n + 10) ORDER BY position, id", "") < 0 ||
        db_select(r->a, &me, "SELECT position FROM escalation_rules WHERE id = ?", "l", id) != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    if (me.n == 0) {
        db_rollback();
        return admin_fail(r, 0);
    }
    long long pos = strtoll(db_cell(&me, 0, 0), NULL, 10);
    int rc = dir < 0
        ? db_select(r->a, &other, "SELECT id, position FROM escalation_rules WHERE position < ?"
                    " ORDER BY position DESC LIMIT 1", "l", pos)
        : db_select(r->a, &other, "SELECT id, position FROM escalation_rules WHERE position > ?"
                    " ORDER BY position LIMIT 1", "l", pos);
    if (rc == DB_OK && other.n == 1) {
        long long oid = strtoll(db_cell(&other, 0, 0), NULL, 10);
        long long opos = strtoll(db_cell(&other, 0, 1), NULL, 10);
        if (db_exec("UPDATE escalation_rules SET position = ? WHERE id = ?", "ll", opos, id) < 0 ||
            db_exec("UPDATE escalation_rules SET position = ? WHERE id = ?", "ll", pos, oid) < 0) {
            rc = DB_DOWN;
        }
    }
    if (rc != DB_OK || db_commit() != DB_OK) {
        db_rollback();
        return admin_fail(r, DB_DOWN);
    }
    return admin_done(r, "rule_move", "rule", id, dir < 0 ? "up" : "down", "/admin/rules?saved=1");
}

static int admin_rules(struct req *r)
{
    long long id = 0;
    const char *rest = "";
    int is_list = strcmp(r->path, "/admin/rules") == 0, is_new = strcmp(r->path, "/admin/rules/new") == 0;
    if (!is_list && !is_new && !req_path_id(r, "/admin/rules", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        if (*rest) {
            return req_fail(r, 404, "not_found", "not_found");
        }
        return is_list ? list(r) : is_new ? blank(r) : show(r, id);
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (is_list || is_new) {
        return create(r);
    }
    if (!*rest) {
        return update(r, id);
    }
    if (strcmp(rest, "delete") == 0) {
        return admin_delete(r, "DELETE FROM escalation_rules WHERE id = ?", id, "rule_delete",
                            "rule", "/admin/rules?saved=1");
    }
    if (strcmp(rest, "up") == 0 || strcmp(rest, "down") == 0) {
        return move(r, id, *rest == 'u' ? -1 : 1);
    }
    return req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_rules", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_rules,
};

int main(void)
{
    return app_main(&screen);
}
