/* reports: hours worked and billable hours of the activities over a date
   range, per executor, per customer or per article — as a page, as JSON or
   as CSV (format=csv). Supervisors and admins. Path: /reports/time. The
   same numbers for DBAs: the view report_activity_hours. */
#include <string.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "view.h"

#define SUMS " SUM(a.hours) AS hours, SUM(IF(a.billable = 1, a.hours, 0)) AS billable_hours," \
             " COUNT(*) AS activities FROM activities a JOIN cases c ON c.id = a.case_id"
#define RANGE " WHERE a.date BETWEEN ? AND ? AND a.hours IS NOT NULL AND a.status <> 'cancelled'"

static const struct grouping {
    const char *by, *sql;
} groupings[] = {
    { "executor", "SELECT COALESCE(u.name, '—') AS name," SUMS
                  " LEFT JOIN users u ON u.id = a.executor_id" RANGE
                  " GROUP BY a.executor_id, u.name ORDER BY hours DESC, name" },
    { "customer", "SELECT COALESCE(cu.display_name, '—') AS name," SUMS
                  " LEFT JOIN customers cu ON cu.id = c.customer_id" RANGE
                  " GROUP BY c.customer_id, cu.display_name ORDER BY hours DESC, name" },
    { "article", "SELECT COALESCE(ar.name_es, '—') AS name," SUMS
                 " LEFT JOIN articles ar ON ar.id = a.article_id" RANGE
                 " GROUP BY a.article_id, ar.name_es ORDER BY hours DESC, name" },
};

/* A CSV field: quoted, with quotes doubled (RFC 4180). */
static void csv_field(struct sbuf *b, const char *s)
{
    sbuf_addc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"') {
            sbuf_addc(b, '"');
        }
        sbuf_addc(b, *s);
    }
    sbuf_addc(b, '"');
}

static int csv(struct req *r, const struct db_rows *rows, const char *by, const char *from,
               const char *to)
{
    r->body.len = 0;
    sbuf_adds(&r->body, "\"name\",\"hours\",\"billable_hours\",\"activities\"\r\n");
    for (int i = 0; i < rows->n; i++) {
        csv_field(&r->body, db_cell(rows, i, 0));
        sbuf_addf(&r->body, ",%s,%s,%s\r\n", db_cell(rows, i, 1), db_cell(rows, i, 2),
                  db_cell(rows, i, 3));
    }
    r->content_type = "text/csv; charset=utf-8";
    resp_header(r, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"horas-%s-%s-%s.csv\"", by, from, to));
    return r->status;
}

static int report(struct req *r)
{
    if (strcmp(r->path, "/reports/time") != 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    char first[11], today[11];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    strftime(first, sizeof first, "%Y-%m-01", &tm);
    const char *from = *req_str(r, "from") ? req_str(r, "from") : first;
    const char *to = *req_str(r, "to") ? req_str(r, "to") : today;
    const char *by = *req_str(r, "by") ? req_str(r, "by") : "executor";
    const struct grouping *g = NULL;
    for (size_t i = 0; i < sizeof groupings / sizeof *groupings; i++) {
        if (strcmp(by, groupings[i].by) == 0) {
            g = &groupings[i];
        }
    }
    if (!g || !date_valid(from) || !date_valid(to) || strcmp(from, to) > 0) {
        return req_fail(r, 400, "bad_filter", "bad_filter");
    }
    struct db_rows rows, total;
    if (db_select(r->a, &rows, g->sql, "ss", from, to) != DB_OK ||
        db_select(r->a, &total, "SELECT COALESCE(SUM(a.hours), 0) AS hours,"
                  " COALESCE(SUM(IF(a.billable = 1, a.hours, 0)), 0) AS billable_hours,"
                  " COUNT(*) AS activities FROM activities a" RANGE, "ss", from, to) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (strcmp(req_str(r, "format"), "csv") == 0) {
        return csv(r, &rows, by, from, to);
    }
    view_rows(r, "Rows", &rows);
    view_row(r, "Total", &total, 0);
    view_str(r, from, "Report.from");
    view_str(r, to, "Report.to");
    view_str(r, by, "Report.by");
    return view_render(r, "report_time.cs");
}

static const struct screen screen = {
    .name = "reports", .roles = ROLE_SUPERVISOR | ROLE_ADMIN, .methods = M_GET, .csrf = 0,
    .handler = report,
};

int main(void)
{
    return app_main(&screen);
}
