/* case_register.c: a new case — its number, the initial status, the
   history rows, the requester saved as a customer when asked and the
   notifications — inside the caller's transaction. The staff form and the
   customer portal both register cases through it. */
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "customers.h"
#include "db.h"
#include "notify.h"

/* The requester of a new case as a customer (a person), with their e-mail
   and phone as contact data. The customer's id, 0 when there is too little
   to make one, <0 on a db failure. */
static long long save_requester(struct req *r, const struct case_values *cv)
{
    const char *first = cv->v[case_field_index("requester_first_name")];
    const char *last = cv->v[case_field_index("requester_last_name")];
    const char *email = cv->v[case_field_index("requester_email")];
    const char *phone = cv->v[case_field_index("requester_phone")];
    if (!first || !*first || !last || !*last) {
        return 0;
    }
    struct customer_form f = {
        .kind = "person", .doc_number = "", .first_name = first, .second_name = "",
        .first_surname = last, .second_surname = "", .legal_name = "",
    };
    long long id = customer_save(&f, 0, 0, r->user.id);
    const char *field;
    if (id > 0 && email && *email &&
        db_exec("INSERT INTO contact_data (customer_id, type, value, preferred) VALUES (?, 'email', ?, 1)",
                "ls", id, email) < 0) {
        return DB_ERROR;
    }
    if (id > 0 && phone && *phone && !datum_problem(r->a, "mobile", &phone, "", &field) &&
        db_exec("INSERT INTO contact_data (customer_id, type, value, preferred) VALUES (?, 'mobile', ?, 1)",
                "ls", id, phone) < 0) {
        return DB_ERROR;
    }
    return id;
}

long long case_register(struct req *r, struct case_values *cv, const char *note,
                        int requester, const char **number)
{
    int ci = case_field_index("customer");
    if (requester && !cv->v[ci]) {
        long long customer = save_requester(r, cv);
        if (customer < 0) {
            return customer;
        }
        if (customer > 0) {
            cv->v[ci] = arena_printf(r->a, "%lld", customer), cv->given[ci] = 1;
        }
    }
    struct db_rows initial;
    *number = case_next_number(r);
    if (!*number || db_select_memo(r->a, &initial, "SELECT id, code FROM statuses WHERE is_initial = 1",
                                   "") != DB_OK || initial.n != 1) {
        return DB_ERROR;
    }
    const char *status = db_cell(&initial, 0, 0), *code = db_cell(&initial, 0, 1);
    struct db_query q;
    struct sbuf values;
    sbuf_init(&values, r->a);
    sbuf_adds(&values, "?, ?, UTC_TIMESTAMP(), NULLIF(?, 0)");    /* 0: the system (mail) */
    db_query_init(&q, r->a, "INSERT INTO cases (number, status_id, episode_started_at, created_by");
    db_query_add(&q, "", "ssl", *number, status, r->user.id);
    for (int i = 0; i < case_field_count; i++) {
        if (cv->given[i]) {
            db_query_add(&q, arena_printf(r->a, ", %s", case_fields[i].column), "s", cv->v[i]);
            sbuf_adds(&values, ", ?");
        }
    }
    db_query_add(&q, arena_printf(r->a, ") VALUES (%s)", values.s), "");
    long long id = db_query_exec(&q);
    if (id > 0) {
        id = db_last_id();
    }
    if (id <= 0 ||
        case_history(id, 1, r->user.id, 1, "create", "", NULL, *number, 0, 0, note) < 0 ||
        case_history(id, 1, r->user.id, 1, "status", "status", NULL, code, 0,
                     strtoll(status, NULL, 10), "") < 0 ||
        notify_case(r, id, NOTIFY_CREATED, cv->v[case_field_index("subject")], 0) < 0) {
        return id < 0 ? id : DB_ERROR;
    }
    return id;
}
