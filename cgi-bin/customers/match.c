/* match.c: /customers/match — "Buscar coincidencias" (S5). From the
   customer data typed (names in any order, document, e-mail, phone) the
   database finds candidates through indexes only (the document, the
   e-mail and phone in contact_data, and each name word exactly or by its
   sound in customer_name_words, migration 0016); lib/match.c scores them
   and the best 20 are shown. With case=ID each match offers "Cambiar
   cliente": a first POST shows the confirmation, the second (confirm=1,
   with the case's version) moves the case, with its history row. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "cases.h"
#include "customers.h"
#include "db.h"
#include "match.h"
#include "notify.h"
#include "screen.h"
#include "view.h"

#define TEMPLATE "customer_match.cs"
#define SHOWN 20
#define QUERY_WORDS 8
#define CANDIDATES 200      /* scored per search: the ones with most name hits */

/* The document, e-mail and phone find theirs exactly. Each name word
   reads at most 2,000 rows of its word and 2,000 of its sound (the newest
   customers first), so a very common name costs the same as a rare one;
   the pairs below find the older ones. */
#define SELECT_CANDIDATES \
    "SELECT c.id, c.kind, c.display_name, t.code AS doc_type, c.doc_number, c.active," \
    " o.display_name AS organization," \
    " (SELECT GROUP_CONCAT(d.value ORDER BY d.preferred DESC, d.id SEPARATOR ', ') FROM contact_data d" \
    "  WHERE d.customer_id = c.id AND d.type = 'email') AS emails," \
    " (SELECT GROUP_CONCAT(d.value ORDER BY d.preferred DESC, d.id SEPARATOR ', ') FROM contact_data d" \
    "  WHERE d.customer_id = c.id AND d.type IN ('mobile', 'phone')) AS phones" \
    " FROM (SELECT customer_id, SUM(hits) AS hits FROM (" \
    "(SELECT id AS customer_id, 100 AS hits FROM customers WHERE ? <> '' AND doc_number = ? LIMIT 20)" \
    " UNION ALL (SELECT customer_id, 100 FROM contact_data WHERE ? <> '' AND value = ?" \
    "  AND type = 'email' LIMIT 20)" \
    " UNION ALL (SELECT customer_id, 100 FROM contact_data WHERE ? <> '' AND value IN (?, ?, ?, ?)" \
    "  AND type IN ('mobile', 'phone') LIMIT 20)"
#define WORD_HITS \
    " UNION ALL (SELECT customer_id, 2 FROM customer_name_words WHERE word = ?" \
    "  ORDER BY customer_id DESC LIMIT 2000)" \
    " UNION ALL (SELECT customer_id, 1 FROM customer_name_words" \
    "  WHERE sound = LEFT(SOUNDEX(CONCAT('a', ?)), 5) ORDER BY customer_id DESC LIMIT 2000)"
/* Customers with two of the words, or (of two words typed) one word and
   the other's sound: found however old, each pair read from its rarer
   side (the optimizer's choice). */
#define PAIR_HITS \
    " UNION ALL (SELECT a.customer_id, 10 FROM customer_name_words a JOIN customer_name_words b" \
    "  ON b.customer_id = a.customer_id AND b.word = ? WHERE a.word = ? LIMIT 200)"
#define PAIR_SOUND_HITS \
    " UNION ALL (SELECT a.customer_id, 6 FROM customer_name_words a JOIN customer_name_words b" \
    "  ON b.customer_id = a.customer_id AND b.sound = LEFT(SOUNDEX(CONCAT('a', ?)), 5)" \
    "  WHERE a.word = ? LIMIT 200)"
#define CANDIDATES_END \
    ") k GROUP BY customer_id ORDER BY hits DESC, customer_id DESC LIMIT ?) k" \
    " JOIN customers c ON c.id = k.customer_id LEFT JOIN document_types t ON t.id = c.doc_type_id" \
    " LEFT JOIN customers o ON o.id = c.organization_id"

/* The criteria, in the form's order; the first five are name parts. */
static const char *const fields[] = { "first_name", "second_name", "first_surname",
                                      "second_surname", "name", "doc_number", "email", "phone" };
enum { NAME_PARTS = 5, DOC = 5, EMAIL, PHONE, NFIELDS };

/* The columns of load_case's and candidates' rows. */
enum { CS_CUSTOMER = 3, CS_CLOSED = 5, CS_REQ_FIRST = 7, CS_REQ_LAST, CS_REQ_EMAIL, CS_REQ_PHONE };
enum { K_ID, K_NAME = 2, K_DOC = 4, K_EMAILS = 7, K_PHONES };

/* The case being worked, as the change needs it. */
struct work_case {
    long long id, customer;
    int closed;
};

/* Case id into Case.* when this user may see it. 200, 403, 404 or 503. */
static int load_case(struct req *r, long long id, struct work_case *wc, struct db_rows *c)
{
    struct db_query q;
    const char *scope = case_scope_sql(r);
    db_query_init(&q, r->a, "SELECT c.id, c.number, c.subject, c.customer_id, cu.display_name AS customer,"
                  " c.closed, c.version, c.requester_first_name, c.requester_last_name,"
                  " c.requester_email, c.requester_phone, ct.name AS contact, acc.number AS account"
                  " FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id"
                  " LEFT JOIN contacts ct ON ct.id = c.contact_id"
                  " LEFT JOIN accounts acc ON acc.id = c.account_id");
    db_query_add(&q, " WHERE c.id = ?", "l", id);
    if (scope) {
        db_query_add(&q, scope, "lll", r->user.id, r->user.id, r->user.id);
    }
    char *exists = NULL;
    if (db_query_select(r->a, c, &q) != DB_OK ||
        (c->n == 0 && db_value(r->a, &exists, "SELECT 1 FROM cases WHERE id = ?", "l", id) != DB_OK)) {
        return 503;
    }
    if (c->n == 0) {
        return exists ? 403 : 404;
    }
    view_row(r, "Case", c, 0);
    wc->id = id;
    wc->customer = db_cell(c, 0, CS_CUSTOMER) ? strtoll(db_cell(c, 0, CS_CUSTOMER), NULL, 10) : 0;
    wc->closed = *db_cell(c, 0, CS_CLOSED) == '1';
    view_bool(r, !wc->closed, "Page.can_move");
    return 200;
}

/* The criteria a case suggests when none were sent: its requester, or
   else its customer (names, document, first e-mail and phone). */
static int prefill(struct req *r, const struct db_rows *c, const char **v)
{
    const char *first = db_cell(c, 0, CS_REQ_FIRST), *last = db_cell(c, 0, CS_REQ_LAST);
    const char *email = db_cell(c, 0, CS_REQ_EMAIL), *phone = db_cell(c, 0, CS_REQ_PHONE);
    if (*first || *last || *email || *phone) {
        v[0] = first, v[2] = last, v[EMAIL] = email, v[PHONE] = phone;
        return DB_OK;
    }
    struct db_rows cu;
    if (!db_cell(c, 0, CS_CUSTOMER)) {
        return DB_OK;
    }
    if (db_select(r->a, &cu, "SELECT first_name, second_name, first_surname, second_surname,"
                  " legal_name, doc_number,"
                  " (SELECT d.value FROM contact_data d WHERE d.customer_id = c.id AND d.type = 'email'"
                  "  ORDER BY d.preferred DESC, d.id LIMIT 1),"
                  " (SELECT d.value FROM contact_data d WHERE d.customer_id = c.id"
                  "  AND d.type IN ('mobile', 'phone') ORDER BY d.preferred DESC, d.id LIMIT 1)"
                  " FROM customers c WHERE c.id = ?", "s", db_cell(c, 0, CS_CUSTOMER)) != DB_OK) {
        return DB_DOWN;
    }
    for (int i = 0; cu.n && i < NFIELDS; i++) {
        v[i] = db_cell(&cu, 0, i) ? db_cell(&cu, 0, i) : "";
    }
    return DB_OK;
}

/* The criteria sent (trimmed) into v; 0 when none of their fields came. */
static int read_criteria(struct req *r, const char **v)
{
    int sent = 0;
    for (int i = 0; i < NFIELDS; i++) {
        sent |= req_param(r, fields[i]) != NULL;
        v[i] = req_trimmed(r, fields[i]);
    }
    return sent;
}

static void criteria_data(struct req *r, const char **v, struct match_data *q)
{
    struct sbuf name;
    sbuf_init(&name, r->a);
    for (int i = 0; i < NAME_PARTS; i++) {
        sbuf_addf(&name, "%s%s", name.len ? " " : "", v[i]);
    }
    q->name = name.s ? name.s : "";
    q->doc = v[DOC], q->emails = v[EMAIL], q->phones = v[PHONE];
    for (int i = 0; i < NFIELDS; i++) {
        view_str(r, v[i], "Criteria.%s", fields[i]);
    }
}

/* The pairs of the first four words (of two words: also each word with
   the other's sound, so one typo still pairs). */
static void pairs(struct db_query *s, char words[][MATCH_WORD_MAX + 1], int n)
{
    int m = n < 4 ? n : 4;
    for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
            db_query_add(s, PAIR_HITS, "ss", words[j], words[i]);
        }
    }
    if (n == 2) {
        db_query_add(s, PAIR_SOUND_HITS, "ss", words[1], words[0]);
        db_query_add(s, PAIR_SOUND_HITS, "ss", words[0], words[1]);
    }
}

/* The candidates for q: customers sharing its document, e-mail or phone,
   and the CANDIDATES with most name hits. */
static int candidates(struct req *r, const struct match_data *q, struct db_rows *out)
{
    char words[QUERY_WORDS][MATCH_WORD_MAX + 1];
    int n = match_words(q->name, words, QUERY_WORDS);
    const char *doc = search_document(r->a, q->doc), *phone = search_digits(r->a, q->phones);
    const char *plain = phone + (*phone == '+');
    size_t len = strlen(plain);
    struct db_query s;
    db_query_init(&s, r->a, "");
    /* a number as typed, without its +, and its last ten and seven digits:
       stored without country code, or a fixed line without its area code */
    db_query_add(&s, SELECT_CANDIDATES, "sssssssss", doc, doc, q->emails, q->emails, phone, phone,
                 plain, plain + (len > 10 ? len - 10 : 0), plain + (len > 7 ? len - 7 : 0));
    for (int i = 0; i < n; i++) {
        db_query_add(&s, WORD_HITS, "ss", words[i], words[i]);
    }
    pairs(&s, words, n);
    db_query_add(&s, CANDIDATES_END, "l", (long long)CANDIDATES);
    return db_query_select(r->a, out, &s);
}

struct hit {
    int row;
    long long id;
    struct match_result m;
};

/* Best score first; then the closer name, then the newer customer. */
static int by_score(const void *pa, const void *pb)
{
    const struct hit *a = pa, *b = pb;
    if (a->m.score != b->m.score) {
        return b->m.score - a->m.score;
    }
    if (a->m.name != b->m.name) {
        return b->m.name - a->m.name;
    }
    return (a->id < b->id) - (a->id > b->id);
}

/* A candidate that only shares a sound or two with the criteria is noise:
   shown when something matched exactly or the name is at least half alike. */
static int worth_showing(const struct match_result *m)
{
    return m->doc == MATCH_YES || m->email == MATCH_YES || m->phone == MATCH_YES || m->name >= 50;
}

static const char *verdict(int v)
{
    return v == MATCH_YES ? "yes" : v == MATCH_NO ? "no" : v == MATCH_UNKNOWN ? "unknown" : "";
}

/* Match k: the candidate's row, its score and what matched. */
static void show_match(struct req *r, int k, const struct db_rows *c, const struct hit *h,
                       long long current)
{
    const char *name = arena_printf(r->a, "Matches.%d", k);
    view_row(r, name, c, h->row);
    view_int(r, k + 1, "%s.rank", name);
    view_int(r, h->m.score, "%s.score", name);
    if (h->m.name >= 0) {
        view_int(r, h->m.name, "%s.name_score", name);
    }
    view_str(r, verdict(h->m.doc), "%s.doc", name);
    view_str(r, verdict(h->m.email), "%s.email", name);
    view_str(r, verdict(h->m.phone), "%s.phone", name);
    view_bool(r, h->id == current, "%s.current", name);
}

/* Scores every candidate against q and shows the best SHOWN. */
static void rank(struct req *r, const struct match_data *q, const struct db_rows *c, long long current)
{
    struct hit *hits = arena_alloc(r->a, sizeof *hits * (size_t)(c->n ? c->n : 1));
    int n = 0;
    for (int i = 0; i < c->n; i++) {
        struct match_data cand = { db_cell(c, i, K_NAME), db_cell(c, i, K_DOC),
                                   db_cell(c, i, K_EMAILS), db_cell(c, i, K_PHONES) };
        hits[n].row = i, hits[n].id = strtoll(db_cell(c, i, K_ID), NULL, 10);
        match_score(q, &cand, &hits[n].m);
        n += worth_showing(&hits[n].m);
    }
    qsort(hits, (size_t)n, sizeof *hits, by_score);
    view_list(r, "Matches");
    for (int k = 0; k < n && k < SHOWN; k++) {
        show_match(r, k, c, &hits[k], current);
    }
}

static int search(struct req *r, const struct work_case *wc, const struct db_rows *cs)
{
    const char *v[NFIELDS];
    struct match_data q;
    int sent = read_criteria(r, v);
    if (!sent && wc->id && prefill(r, cs, v) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    criteria_data(r, v, &q);
    for (int i = 0; i < NFIELDS; i++) {
        if (utf8_chars(v[i]) > 200) {
            return req_invalid(r, fields[i], "too_long", TEMPLATE);
        }
    }
    if (!match_asked(&q)) {
        view_list(r, "Matches");
        return sent ? req_invalid(r, "criteria", "match_criteria_required", TEMPLATE)
                    : view_render(r, TEMPLATE);
    }
    struct db_rows c;
    if (candidates(r, &q, &c) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    rank(r, &q, &c, wc->customer);
    view_bool(r, 1, "Page.searched");
    return view_render(r, TEMPLATE);
}

/* What a confirmed change came to. */
enum moved { MOVED, MOVE_STALE, MOVE_CLOSED, MOVE_SAME, MOVE_DB };

static enum moved rollback(enum moved rc)
{
    db_rollback();
    return rc;
}

/* One history row of the change: a field of the case, old -> new names. */
static int history(struct req *r, long long id, int episode, long long version, const char *field,
                   const char *old_ref, const char *new_ref)
{
    int f = case_field_index(field);
    return case_history(id, episode, r->user.id, (int)version, "change", field,
                        case_show(r, f, old_ref), case_show(r, f, new_ref),
                        old_ref ? strtoll(old_ref, NULL, 10) : 0,
                        new_ref ? strtoll(new_ref, NULL, 10) : 0, "") < 0 ? -1 : 0;
}

/* In one transaction: the case gets customer to, loses the contact and
   account of the customer it had, and its history says so. */
static enum moved move(struct req *r, const struct work_case *wc, long long to, long long version)
{
    struct db_rows c;
    if (db_begin() != DB_OK ||
        db_select(r->a, &c, "SELECT c.customer_id, c.contact_id, c.account_id, c.closed, c.version,"
                  " c.episode, ct.customer_id <=> c.customer_id, acc.customer_id <=> c.customer_id"
                  " FROM cases c LEFT JOIN contacts ct ON ct.id = c.contact_id"
                  " LEFT JOIN accounts acc ON acc.id = c.account_id WHERE c.id = ? FOR UPDATE",
                  "l", wc->id) != DB_OK || c.n == 0) {
        return rollback(MOVE_DB);
    }
    const char *from = db_cell(&c, 0, 0), *contact = db_cell(&c, 0, 1), *account = db_cell(&c, 0, 2);
    int episode = atoi(db_cell(&c, 0, 5));
    int drop_contact = contact && *db_cell(&c, 0, 6) == '1';
    int drop_account = account && *db_cell(&c, 0, 7) == '1';
    if (*db_cell(&c, 0, 3) == '1') {
        return rollback(MOVE_CLOSED);
    }
    if (strtoll(db_cell(&c, 0, 4), NULL, 10) != version) {
        return rollback(MOVE_STALE);
    }
    if (from && strtoll(from, NULL, 10) == to) {
        return rollback(MOVE_SAME);
    }
    const char *to_s = arena_printf(r->a, "%lld", to);
    if (db_exec("UPDATE cases SET customer_id = ?, contact_id = ?, account_id = ?,"
                " version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ? AND version = ?",
                "lssll", to, drop_contact ? NULL : contact, drop_account ? NULL : account,
                wc->id, version) != 1 ||
        history(r, wc->id, episode, version + 1, "customer", from, to_s) < 0 ||
        (drop_contact && history(r, wc->id, episode, version + 1, "contact", contact, NULL) < 0) ||
        (drop_account && history(r, wc->id, episode, version + 1, "account", account, NULL) < 0) ||
        notify_case(r, wc->id, NOTIFY_CHANGED, req_text(r, "Cases.Field.customer"), 0) < 0 ||
        db_commit() != DB_OK) {
        return rollback(MOVE_DB);
    }
    return MOVED;
}

/* The chosen customer into Chosen.*: 1 when it can take the case, else
   the answer was given (422 or 503). */
static int chosen(struct req *r, const struct work_case *wc, long long to)
{
    struct db_rows c = { 0 };
    if (to > 0 && db_select(r->a, &c, "SELECT c.id, c.kind, c.display_name, t.code AS doc_type,"
                            " c.doc_number, c.active, o.display_name AS organization"
                            " FROM customers c LEFT JOIN document_types t ON t.id = c.doc_type_id"
                            " LEFT JOIN customers o ON o.id = c.organization_id WHERE c.id = ?",
                            "l", to) != DB_OK) {
        admin_fail(r, DB_DOWN);
        return 0;
    }
    if (to <= 0 || c.n == 0 || *db_cell(&c, 0, 5) != '1') {
        req_invalid(r, "customer", "match_customer_unknown", TEMPLATE);
        return 0;
    }
    if (to == wc->customer) {
        req_invalid(r, "customer", "match_same_customer", TEMPLATE);
        return 0;
    }
    view_row(r, "Chosen", &c, 0);
    return 1;
}

/* POST: the confirmation page, or with confirm=1 the change. */
static int choose(struct req *r, const struct work_case *wc)
{
    long long to = 0, version = 0;
    const char *v[NFIELDS];
    struct match_data q;
    read_criteria(r, v);        /* the search to go back to */
    criteria_data(r, v, &q);
    if (!wc->id) {
        return req_invalid(r, "case", "match_case_required", TEMPLATE);
    }
    if (wc->closed) {
        return req_fail(r, 409, "case_closed", "match_case_closed");
    }
    if (req_int(r, "customer", 1, 1LL << 62, &to) < 0) {
        to = 0;
    }
    if (!chosen(r, wc, to)) {
        return r->status;
    }
    if (req_flag(r, "confirm", 0) <= 0) {
        view_bool(r, 1, "Page.confirm");
        return view_render(r, TEMPLATE);
    }
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    switch (move(r, wc, to, version)) {
    case MOVED:
        return admin_done(r, "case_customer", "case", wc->id,
                          arena_printf(r->a, "customer %lld -> %lld", wc->customer, to),
                          arena_printf(r->a, "/cases/%lld?saved=1", wc->id));
    case MOVE_STALE:
        return req_fail(r, 409, "conflict", "match_stale");
    case MOVE_CLOSED:
        return req_fail(r, 409, "case_closed", "match_case_closed");
    case MOVE_SAME:
        return req_invalid(r, "customer", "match_same_customer", TEMPLATE);
    default:
        return admin_fail(r, DB_DOWN);
    }
}

int customer_match(struct req *r)
{
    struct work_case wc = { 0 };
    struct db_rows cs = { 0 };
    long long id = 0;
    if (req_int(r, "case", 1, 1LL << 62, &id) < 0) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    int status = id ? load_case(r, id, &wc, &cs) : 200;
    if (status != 200) {
        return status == 503 ? admin_fail(r, DB_DOWN)
             : req_fail(r, status, status == 403 ? "forbidden" : "not_found",
                        status == 403 ? "forbidden" : "not_found");
    }
    return r->is_post ? choose(r, &wc) : search(r, &wc, &cs);
}
