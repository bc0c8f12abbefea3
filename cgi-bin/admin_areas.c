/* admin_areas: resolver areas (áreas resolutorias) and who each one notifies
   about its cases, and how (alert, task, e-mail). Admins change them;
   supervisors may read. Paths: /admin/areas, /admin/areas/{id},
   /admin/areas/{id}/delete, /admin/areas/{id}/subscriptions[/{sid}[/remove]]. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "groups.h"
#include "view.h"

static int load_subscriptions(struct req *r, long long id);

static const struct group_kind areas = {
    .table = "areas", .object = "area", .path = "/admin/areas",
    .list_node = "Areas", .node = "Area",
    .list_template = "admin_areas.cs", .template = "admin_area.cs",
    .name_required = "area_name_required", .name_taken = "area_name_taken",
    .count_sql = "(SELECT COUNT(*) FROM area_subscriptions s WHERE s.area_id = g.id)"
                 " AS subscriptions",
    .load_more = load_subscriptions,
};

/* The area's subscriptions and the staff who could be added. */
static int load_subscriptions(struct req *r, long long id)
{
    struct db_rows subs, candidates;
    if (db_select(r->a, &subs,
                  "SELECT s.id, s.user_id, u.login, u.name, u.active AS user_active,"
                  " s.alert, s.task, s.email, s.version"
                  " FROM area_subscriptions s JOIN users u ON u.id = s.user_id"
                  " WHERE s.area_id = ? ORDER BY u.name", "l", id) != DB_OK ||
        db_select(r->a, &candidates,
                  "SELECT u.id, u.login, u.name FROM users u"
                  " WHERE u.active = 1 AND u.role <> 'customer' AND NOT EXISTS"
                  " (SELECT 1 FROM area_subscriptions s WHERE s.area_id = ? AND s.user_id = u.id)"
                  " ORDER BY u.name", "l", id) != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, "Subscriptions", &subs);
    view_rows(r, "Candidates", &candidates);
    return 1;
}

static int invalid(struct req *r, long long id, const char *field, const char *key)
{
    return group_invalid(r, &areas, id, field, key);
}

/* The three flags of a subscription; at least one must be yes. */
static int read_flags(struct req *r, int flags[3], struct field_error *fe)
{
    static const char *const names[3] = { "alert", "task", "email" };
    fe->field = fe->key = NULL;
    for (int i = 0; i < 3; i++) {
        flags[i] = req_flag(r, names[i], 0);
        if (flags[i] < 0 && !fe->field) {
            fe->field = names[i], fe->key = "flag_invalid";
        }
    }
    if (!fe->field && !flags[0] && !flags[1] && !flags[2]) {
        fe->field = "alert", fe->key = "subscription_no_flag";
    }
    return fe->field == NULL;
}

static int subscribe(struct req *r, long long id)
{
    long long uid = 0;
    int f[3];
    struct field_error fe;
    int flags_ok = read_flags(r, f, &fe);
    view_bool(r, f[0] > 0, "Form.alert");
    view_bool(r, f[1] > 0, "Form.task");
    view_bool(r, f[2] > 0, "Form.email");
    if (req_int(r, "user", 1, 1LL << 62, &uid) != 1) {
        return invalid(r, id, "user", "staff_unknown");
    }
    if (!flags_ok) {
        return invalid(r, id, fe.field, fe.key);
    }
    long long n = db_exec("INSERT INTO area_subscriptions (area_id, user_id, alert, task, email)"
                          " SELECT a.id, u.id, ?, ?, ? FROM areas a JOIN users u"
                          " ON u.id = ? AND u.active = 1 AND u.role <> 'customer' WHERE a.id = ?",
                          "iiill", f[0], f[1], f[2], uid, id);
    if (n == 0 || n == DB_DUPLICATE) {
        return invalid(r, id, "user", n == 0 ? "staff_unknown" : "already_subscribed");
    }
    if (n < 0) {
        return admin_fail(r, n);
    }
    long long sid = db_last_id();
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "area_subscribe", "area", id,
          arena_printf(r->a, "user=%lld alert=%d task=%d email=%d", uid, f[0], f[1], f[2]));
    if (resp_created(r, arena_printf(r->a, "/admin/areas/%lld/subscriptions/%lld", id, sid)) == 201) {
        group_load(r, &areas, id);
        return view_render(r, areas.template);
    }
    return r->status;
}

static int change_subscription(struct req *r, long long id, long long sid)
{
    long long version;
    int f[3];
    struct field_error fe;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    if (!read_flags(r, f, &fe)) {
        return invalid(r, id, fe.field, fe.key);
    }
    long long n = db_exec("UPDATE area_subscriptions SET alert = ?, task = ?, email = ?,"
                          " version = version + 1, updated_at = UTC_TIMESTAMP()"
                          " WHERE id = ? AND area_id = ? AND version = ?",
                          "iiilll", f[0], f[1], f[2], sid, id, version);
    if (n == 0) {
        char *v;
        if (db_value(r->a, &v, "SELECT 1 FROM area_subscriptions WHERE id = ? AND area_id = ?",
                     "ll", sid, id) == DB_OK && v) {
            return req_fail(r, 409, "conflict", "conflict");
        }
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "area_subscription_update", "area", id,
                      arena_printf(r->a, "subscription=%lld alert=%d task=%d email=%d",
                                   sid, f[0], f[1], f[2]),
                      arena_printf(r->a, "/admin/areas/%lld?saved=1", id));
}

static int unsubscribe(struct req *r, long long id, long long sid)
{
    long long n = db_exec("DELETE FROM area_subscriptions WHERE id = ? AND area_id = ?",
                          "ll", sid, id);
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "area_unsubscribe", "area", id,
                      arena_printf(r->a, "subscription=%lld", sid),
                      arena_printf(r->a, "/admin/areas/%lld?saved=1", id));
}

/* GET of one subscription: the area page, with the subscription picked out. */
static int show_subscription(struct req *r, long long id, long long sid)
{
    struct db_rows sub;
    if (db_select(r->a, &sub, "SELECT s.id, s.user_id, u.login, u.name, s.alert, s.task,"
                  " s.email, s.version FROM area_subscriptions s JOIN users u ON u.id = s.user_id"
                  " WHERE s.id = ? AND s.area_id = ?", "ll", sid, id) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    if (sub.n == 0) {
        return admin_fail(r, 0);
    }
    view_row(r, "Subscription", &sub, 0);
    return group_show(r, &areas, id);
}

/* The subscription part of a path: "subscriptions", "subscriptions/{sid}"
   or "subscriptions/{sid}/remove". Sets *sid (0 for the collection) and
   *remove. 0 when rest is none of these. */
static int subscription_path(const char *rest, long long *sid, int *remove)
{
    *sid = 0, *remove = 0;
    if (strcmp(rest, "subscriptions") == 0) {
        return 1;
    }
    char *end;
    if (strncmp(rest, "subscriptions/", 14) != 0 || (*sid = strtoll(rest + 14, &end, 10)) <= 0) {
        return 0;
    }
    *remove = strcmp(end, "/remove") == 0;
    return *remove || *end == '\0';
}

static int admin_areas(struct req *r)
{
    long long id, sid;
    const char *rest;
    int remove, status = group_route(r, &areas, &id, &rest);
    if (status >= 0) {
        return status;
    }
    if (!subscription_path(rest, &sid, &remove)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return !sid ? group_show(r, &areas, id)
                    : !remove ? show_subscription(r, id, sid)
                              : req_fail(r, 404, "not_found", "not_found");
    }
    if (!req_has_role(r, ROLE_ADMIN)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    return !sid ? subscribe(r, id)
                : remove ? unsubscribe(r, id, sid) : change_subscription(r, id, sid);
}

static const struct screen screen = {
    .name = "admin_areas", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_areas,
};

int main(void)
{
    return app_main(&screen);
}
