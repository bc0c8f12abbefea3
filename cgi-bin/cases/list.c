/* list.c: /cases — filters (status, area, type, priority, assignee,
   customer, stage, team, campaign, created between, free text q), ready-made views,
   sort by any column, pages. Each filter adds a constant SQL fragment and
   its parameters; the indexes of 0004_cases.sql serve them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "catalog.h"
#include "app.h"
#include "db.h"
#include "screen.h"
#include "view.h"

#define PER_PAGE 50
#define COUNT_CAP 1000

static const struct sort {
    const char *name, *sql;
} sorts[] = {
    { "number", "c.id" }, { "subject", "c.subject" }, { "status", "s.position" },
    { "priority", "p.weight" }, { "area", "a.name" }, { "assignee", "u.name" },
    { "customer", "cu.display_name" }, { "created", "c.created_at" },
    { "updated", "c.updated_at" }, { "due", "c.due_at" },
};

/* Filters on a single id: the form field and its constant fragment. */
static const struct id_filter {
    const char *name, *sql;
} id_filters[] = {
    { "area", " AND c.area_id = ?" }, { "type", " AND c.type_id = ?" },
    { "priority", " AND c.priority_id = ?" }, { "customer", " AND c.customer_id = ?" },
    { "stage", " AND c.stage_id = ?" }, { "team", " AND c.team_id = ?" },
    { "campaign", " AND c.campaign_id = ?" },
};

/* "+word*" for each word of 3 or more letters or digits (the full-text
   index ignores shorter ones); NULL when there is none. */
static const char *fulltext(struct arena *a, const char *q)
{
    struct sbuf b;
    sbuf_init(&b, a);
    b.s[0] = '\0';
    const char *p = q;
    while (*p) {
        while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) {
            p++;
        }
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)) {
            p++;
        }
        if (p - w >= 3) {
            sbuf_addf(&b, "%s+%.*s*", b.len ? " " : "", (int)(p - w), w);
        }
    }
    return b.len ? b.s : NULL;
}

/* The status filter: ids, and the words open / closed. 0 when malformed. */
static int status_filter(struct req *r, struct db_query *q)
{
    int open = 0, closed = 0, ids = 0;
    for (size_t i = 0; i < r->params.n; i++) {
        const struct param *p = &r->params.v[i];
        if (strcmp(p->name, "status") != 0 || !*p->value) {
            continue;
        }
        char *end;
        long long id = strtoll(p->value, &end, 10);
        if (strcmp(p->value, "open") == 0) {
            open = 1;
        } else if (strcmp(p->value, "closed") == 0) {
            closed = 1;
        } else if (*end || id <= 0) {
            return 0;
        } else {
            db_query_add(q, ids++ ? ", ?" : " AND (c.status_id IN (?", "l", id);
        }
    }
    if (ids) {
        db_query_add(q, ")", "");
    }
    if (open != closed) {
        db_query_add(q, ids ? " OR c.closed = ?)" : " AND c.closed = ?", "i", closed);
    } else if (ids) {
        db_query_add(q, ")", "");
    }
    return 1;
}

/* Adds every filter of the request to q. 0 and the field at fault when a
   value is malformed. */
static int filters(struct req *r, struct db_query *q, const char **bad)
{
    long long v;
    const char *view = req_str(r, "view"), *text = req_str(r, "q");
    if (!status_filter(r, q)) {
        return *bad = "status", 0;
    }
    for (size_t i = 0; i < sizeof id_filters / sizeof *id_filters; i++) {
        int rc = req_int(r, id_filters[i].name, 1, 1LL << 62, &v);
        if (rc < 0) {
            return *bad = id_filters[i].name, 0;
        }
        if (rc == 1) {
            db_query_add(q, id_filters[i].sql, "l", v);
        }
    }
    const char *assignee = req_str(r, "assignee");
    if (strcmp(assignee, "me") == 0) {
        db_query_add(q, " AND c.assignee_id = ?", "l", r->user.id);
    } else if (strcmp(assignee, "none") == 0) {
        db_query_add(q, " AND c.assignee_id IS NULL", "");
    } else if (*assignee) {
        if (req_int(r, "assignee", 1, 1LL << 62, &v) != 1) {
            return *bad = "assignee", 0;
        }
        db_query_add(q, " AND c.assignee_id = ?", "l", v);
    }
    const char *from = req_str(r, "created_from"), *to = req_str(r, "created_to");
    if ((*from && !date_valid(from)) || (*to && !date_valid(to))) {
        return *bad = *from && !date_valid(from) ? "created_from" : "created_to", 0;
    }
    if (*from) {
        db_query_add(q, " AND c.created_at >= ?", "s", from);
    }
    if (*to) {
        db_query_add(q, " AND c.created_at < ? + INTERVAL 1 DAY", "s", to);
    }
    if (strcmp(view, "mine") == 0) {
        db_query_add(q, " AND c.closed = 0 AND c.assignee_id = ?", "l", r->user.id);
    } else if (strcmp(view, "unassigned") == 0) {
        db_query_add(q, " AND c.closed = 0 AND c.assignee_id IS NULL", "");
    } else if (strcmp(view, "team") == 0) {
        db_query_add(q, " AND c.closed = 0 AND c.team_id IN (SELECT m.team_id FROM team_members m"
                     " WHERE m.user_id = ?)", "l", r->user.id);
    } else if (strcmp(view, "next") == 0) {
        db_query_add(q, CASE_NEXT_WHERE, "lil", r->user.id,
                     req_has_role(r, ROLE_SUPERVISOR | ROLE_ADMIN), r->user.id);
    } else if (strcmp(view, "overdue") == 0) {
        db_query_add(q, " AND c.closed = 0 AND c.due_at < UTC_DATE()", "");
    } else if (*view) {
        return *bad = "view", 0;
    }
    if (*text) {
        const char *ft = fulltext(r->a, text), *like = db_like(r->a, text);
        /* the number (ASCII only, matched as a prefix) or the customer's name */
        if (utf8_chars(text) == strlen(text)) {
            db_query_add(q, " AND (c.number LIKE ?", "s", db_like(r->a, text) + 1);
        } else {
            db_query_add(q, " AND (FALSE", "");
        }
        db_query_add(q, " OR c.customer_id IN (SELECT cu2.id FROM customers cu2"
                     " WHERE cu2.display_name LIKE ?)", "s", like);
        if (ft) {
            db_query_add(q, " OR MATCH (c.subject, c.description) AGAINST (? IN BOOLEAN MODE))", "s", ft);
        } else {
            db_query_add(q, " OR c.subject LIKE ?)", "s", like);
        }
    }
    const char *scope = case_scope_sql(r);
    if (scope) {
        db_query_add(q, scope, "lll", r->user.id, r->user.id, r->user.id);
    }
    return 1;
}

/* The ORDER BY of sort and dir (whitelisted), newest change first by default. */
static const char *order(struct req *r)
{
    const char *sort = req_str(r, "sort"), *dir = strcmp(req_str(r, "dir"), "asc") == 0 ? "ASC" : "DESC";
    for (size_t i = 0; i < sizeof sorts / sizeof *sorts; i++) {
        if (strcmp(sort, sorts[i].name) == 0) {
            view_str(r, sorts[i].name, "Sort.by");
            view_str(r, dir[0] == 'A' ? "asc" : "desc", "Sort.dir");
            return arena_printf(r->a, " ORDER BY %s %s, c.id %s", sorts[i].sql, dir, dir);
        }
    }
    if (strcmp(req_str(r, "view"), "next") == 0) {
        view_str(r, "score", "Sort.by");
        view_str(r, "desc", "Sort.dir");
        return " ORDER BY score DESC, c.due_at IS NULL, c.due_at, c.id";
    }
    view_str(r, "updated", "Sort.by");
    view_str(r, "desc", "Sort.dir");
    return " ORDER BY c.updated_at DESC, c.id DESC";
}

/* The filters as sent, for the form and the page links. */
static void echo_filters(struct req *r)
{
    static const char *const names[] = { "area", "type", "priority", "customer", "stage", "team",
                                         "campaign", "assignee", "created_from", "created_to",
                                         "view", "q" };
    struct sbuf qs;
    sbuf_init(&qs, r->a);
    qs.s[0] = '\0';
    int n = 0;
    for (size_t i = 0; i < r->params.n; i++) {
        const struct param *p = &r->params.v[i];
        if (strcmp(p->name, "status") == 0) {
            view_str(r, p->value, "Filter.status.%d", n++);
        }
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        view_str(r, req_str(r, names[i]), "Filter.%s", names[i]);
    }
    for (size_t i = 0; i < r->params.n; i++) {
        const struct param *p = &r->params.v[i];
        if (strcmp(p->name, "page") && strcmp(p->name, "sort") && strcmp(p->name, "dir") &&
            strcmp(p->name, "format") && *p->value) {
            char *e = NULL;
            NEOERR *err = cgi_url_escape(p->value, &e);
            if (err == STATUS_OK) {
                sbuf_addf(&qs, "%s=%s&", p->name, e);
            }
            nerr_ignore(&err);
            free(e);
        }
    }
    view_str(r, qs.s, "Filter.query");
}

int case_list(struct req *r)
{
    struct db_query q, count;
    const char *bad = NULL;
    long long page = 1;
    if (req_int(r, "page", 1, 1000000, &page) < 0) {
        bad = "page";
    }
    /* STRAIGHT_JOIN: cases first, the names looked up per row. Left to
       itself the optimizer starts from the four statuses and sorts every
       matching case; from cases, an index gives the page already in order. */
    db_query_init(&q, r->a,
                  "SELECT STRAIGHT_JOIN c.id, c.number, c.subject, s.code AS status_code, "
                  CATALOG_NAME_OF("s") " AS status, s.portal_state, c.closed, p.code AS priority_code, "
                  CATALOG_NAME_OF("p") " AS priority, a.name AS area, u.name AS assignee,"
                  " COALESCE(cu.display_name, NULLIF(TRIM(CONCAT(c.requester_first_name, ' ',"
                  " c.requester_last_name)), ''), c.requester_email) AS customer,"
                  " c.created_at, c.updated_at, c.due_at,"
                  " COALESCE(c.closed = 0 AND c.due_at < UTC_DATE(), 0) AS overdue, " CASE_NEXT_SCORE " AS score"
                  " FROM cases c JOIN statuses s ON s.id = c.status_id"
                  " JOIN priorities p ON p.id = c.priority_id LEFT JOIN areas a ON a.id = c.area_id"
                  " LEFT JOIN users u ON u.id = c.assignee_id"
                  " LEFT JOIN customers cu ON cu.id = c.customer_id WHERE 1 = 1");
    db_query_add(&q, "", "ss", r->lang, r->lang);   /* the SELECT list's two */
    /* counting stops past COUNT_CAP: at a million cases an exact count of a
       broad filter costs more than the page itself, and nobody pages that far */
    db_query_init(&count, r->a, "SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE 1 = 1");
    if (bad || !filters(r, &q, &bad) || !filters(r, &count, &bad)) {
        view_str(r, bad, "Errors.filter");
        return req_fail(r, 400, "bad_filter", "bad_filter");
    }
    db_query_add(&count, " LIMIT ?) x", "l", (long long)COUNT_CAP + 1);
    db_query_add(&q, order(r), "");
    db_query_add(&q, " LIMIT ? OFFSET ?", "ll", (long long)PER_PAGE, (page - 1) * PER_PAGE);
    struct db_rows rows, n;
    if (db_query_select(r->a, &n, &count) != DB_OK || db_query_select(r->a, &rows, &q) != DB_OK ||
        case_options(r) <= 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Cases", &rows);
    long long total = strtoll(db_cell(&n, 0, 0), NULL, 10);
    view_pager(r, total > COUNT_CAP ? COUNT_CAP : total, page, PER_PAGE);
    view_bool(r, total > COUNT_CAP, "Pager.more");
    echo_filters(r);
    return view_render(r, "cases.cs");
}
