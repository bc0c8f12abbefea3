/* solutions: the solutions base (A10) — cases closed as resolved (CLO) with
   their resolution, searched in full text over subject, description,
   resolution and the text of their notes, accent- and case-insensitive
   (the unicode_ci collation), ranked by relevance; filters area, type,
   article, closed between. similar=1 (the case form's suggestions) takes
   the subject and description as the search and answers the best five. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "catalog.h"
#include "db.h"
#include "view.h"

#define PER_PAGE 25
/* The cases the words find, with their relevance: the case's own text plus
   its best note. Each MATCH stands alone in its SELECT so it reads its
   full-text index; joined by OR to other conditions it would be evaluated
   on every closed case instead. */
#define HITS \
    " (SELECT id, SUM(score) AS score FROM (" \
    "SELECT id, MATCH (subject, description, resolution) AGAINST (? IN NATURAL LANGUAGE MODE) AS score" \
    " FROM cases WHERE MATCH (subject, description, resolution) AGAINST (? IN NATURAL LANGUAGE MODE)" \
    " UNION ALL SELECT nc.case_id, MAX(MATCH (n.title, n.body) AGAINST (? IN NATURAL LANGUAGE MODE))" \
    " FROM notes n JOIN note_cases nc ON nc.note_id = n.id" \
    " WHERE MATCH (n.title, n.body) AGAINST (? IN NATURAL LANGUAGE MODE) GROUP BY nc.case_id" \
    ") m GROUP BY id) hit JOIN cases c ON c.id = hit.id"

/* FROM: the hits when there are words, else every case. */
static void from(struct db_query *q, const char *text)
{
    if (*text) {
        db_query_add(q, " FROM" HITS, "ssss", text, text, text, text);
    } else {
        db_query_add(q, " FROM cases c", "");
    }
    db_query_add(q, " JOIN statuses s ON s.id = c.status_id AND s.code = 'CLO'", "");
}

static const struct id_filter {
    const char *name, *sql;
} filters[] = {
    { "area", " AND c.area_id = ?" }, { "type", " AND c.type_id = ?" },
    { "article", " AND c.article_id = ?" },
};

/* Adds the filters; 0 when one is malformed. */
static int add_filters(struct req *r, struct db_query *q)
{
    long long v;
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        int rc = req_int(r, filters[i].name, 1, 1LL << 62, &v);
        if (rc < 0) {
            return 0;
        }
        if (rc == 1) {
            db_query_add(q, filters[i].sql, "l", v);
        }
    }
    const char *from = req_str(r, "closed_from"), *to = req_str(r, "closed_to");
    if ((*from && !date_valid(from)) || (*to && !date_valid(to))) {
        return 0;
    }
    if (*from) {
        db_query_add(q, " AND c.closed_at >= ?", "s", from);
    }
    if (*to) {
        db_query_add(q, " AND c.closed_at < ? + INTERVAL 1 DAY", "s", to);
    }
    return 1;
}

static int solutions(struct req *r)
{
    if (strcmp(r->path, "/solutions") != 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    int similar = req_flag(r, "similar", 0) > 0;
    const char *text = similar ? arena_printf(r->a, "%s %s", req_str(r, "subject"),
                                              req_str(r, "description"))
                               : req_str(r, "q");
    text += strspn(text, " ");
    long long page = 1;
    if (req_int(r, "page", 1, 100000, &page) < 0) {
        return req_fail(r, 400, "bad_filter", "bad_filter");
    }
    struct db_query q, count;
    db_query_init(&q, r->a, *text ? "SELECT STRAIGHT_JOIN c.id, c.number, c.subject, c.resolution,"
                  " a.name AS area, c.closed_at, u.name AS closed_by, hit.score"
                  : "SELECT c.id, c.number, c.subject, c.resolution, a.name AS area, c.closed_at,"
                  " u.name AS closed_by, 0 AS score");
    from(&q, text);
    db_query_add(&q, " LEFT JOIN areas a ON a.id = c.area_id LEFT JOIN users u ON u.id = c.closed_by"
                 " WHERE c.closed = 1 AND c.resolution <> ''", "");
    db_query_init(&count, r->a, "SELECT COUNT(*)");
    from(&count, text);
    db_query_add(&count, " WHERE c.closed = 1 AND c.resolution <> ''", "");
    if (!add_filters(r, &q) || !add_filters(r, &count)) {
        return req_fail(r, 400, "bad_filter", "bad_filter");
    }
    db_query_add(&q, " ORDER BY score DESC, c.closed_at DESC, c.id DESC LIMIT ? OFFSET ?", "ll",
                 (long long)(similar ? 5 : PER_PAGE), similar ? 0 : (page - 1) * PER_PAGE);
    struct db_rows rows, n, areas;
    if (db_query_select(r->a, &rows, &q) != DB_OK || db_query_select(r->a, &n, &count) != DB_OK ||
        db_select(r->a, &areas, "SELECT id, name FROM areas ORDER BY name", "") != DB_OK ||
        catalog_options(r, catalog_find("types"), "Options.types", 0) != DB_OK ||
        catalog_options(r, catalog_find("articles"), "Options.articles", 0) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Solutions", &rows);
    view_rows(r, "Options.areas", &areas);
    view_pager(r, strtoll(db_cell(&n, 0, 0), NULL, 10), page, PER_PAGE);
    static const char *const echo[] = { "q", "area", "type", "article", "closed_from", "closed_to" };
    for (size_t i = 0; i < sizeof echo / sizeof *echo; i++) {
        view_str(r, req_str(r, echo[i]), "Search.%s", echo[i]);
    }
    return view_render(r, "solutions.cs");
}

static const struct screen screen = {
    .name = "solutions", .roles = ROLES_STAFF, .methods = M_GET, .csrf = 0, .handler = solutions,
};

int main(void)
{
    return app_main(&screen);
}
