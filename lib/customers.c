/* customers.c: reading, checking and saving customers, and checking contact
   data by type. */
#include "customers.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

#include "db.h"

/* An id field: 0 when empty, -1 when not a positive number. */
static long long id_param(struct req *r, const char *name)
{
    long long v = 0;
    int rc = req_int(r, name, 1, 1LL << 62, &v);
    return rc < 0 ? -1 : rc == 0 ? 0 : v;
}

void customer_read(struct req *r, struct customer_form *f)
{
    f->kind = req_str(r, "kind");
    f->doc_type = id_param(r, "doc_type");
    f->doc_number = req_trimmed(r, "doc_number");
    f->first_name = req_trimmed(r, "first_name");
    f->second_name = req_trimmed(r, "second_name");
    f->first_surname = req_trimmed(r, "first_surname");
    f->second_surname = req_trimmed(r, "second_surname");
    f->legal_name = req_trimmed(r, "legal_name");
    f->birth_date = *req_str(r, "birth_date") ? req_str(r, "birth_date") : NULL;
    f->sex = *req_str(r, "sex") ? req_str(r, "sex") : NULL;
    f->organization = id_param(r, "organization");
}

char *search_document(struct arena *a, const char *q)
{
    char *out = arena_strdup(a, q), *w = out;
    for (const char *p = q; *p; p++) {
        if (*p != ' ' && *p != '.') {
            *w++ = (char)toupper((unsigned char)*p);
        }
    }
    *w = '\0';
    return out;
}

char *search_digits(struct arena *a, const char *q)
{
    char *out = arena_strdup(a, q), *w = out;
    for (const char *p = q; *p; p++) {
        if (!strchr(" .-()", *p)) {
            *w++ = *p;
        }
    }
    *w = '\0';
    return out;
}

/* "1.020.345" -> "1020345"; letters upper-cased. NULL when not 3-30 of
   letters, digits and dashes. */
static const char *document(struct arena *a, const char *s)
{
    char *out = arena_strdup(a, s), *w = out;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '.') {
            continue;
        }
        if (!isalnum((unsigned char)*p) && *p != '-') {
            return NULL;
        }
        *w++ = (char)toupper((unsigned char)*p);
    }
    *w = '\0';
    return w - out >= 3 && w - out <= 30 ? out : NULL;
}

/* "YYYY-MM-DD" up to today: "" fine, else the Lang.Err key. */
static const char *birth_problem(const char *s)
{
    if (!date_valid(s)) {
        return "date_invalid";
    }
    char today[11];
    time_t now = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
    return strcmp(s, today) > 0 ? "birth_date_future" : "";
}

static int exists(struct req *r, const char *sql, long long id)
{
    char *v = NULL;
    return db_value(r->a, &v, sql, "l", id) == DB_OK && v != NULL;
}

static void set(struct field_error *fe, const char *field, const char *key)
{
    if (!fe->field) {
        fe->field = field, fe->key = key;
    }
}

static void check_names(struct customer_form *f, struct field_error *fe)
{
    if (strcmp(f->kind, "organization") == 0) {
        if (!*f->legal_name || strlen(f->legal_name) > 200) {
            set(fe, "legal_name", "legal_name_required");
        }
        f->first_name = f->second_name = f->first_surname = f->second_surname = "";
        f->birth_date = f->sex = NULL;
        f->organization = 0;
        return;
    }
    f->legal_name = "";
    if (!*f->first_name || strlen(f->first_name) > 60) {
        set(fe, "first_name", "first_name_required");
    } else if (!*f->first_surname || strlen(f->first_surname) > 60) {
        set(fe, "first_surname", "first_surname_required");
    } else if (strlen(f->second_name) > 60 || strlen(f->second_surname) > 60) {
        set(fe, strlen(f->second_name) > 60 ? "second_name" : "second_surname", "name_long");
    }
}

void customer_check(struct req *r, struct customer_form *f, long long id, struct field_error *fe)
{
    fe->field = fe->key = NULL;
    if (strcmp(f->kind, "person") != 0 && strcmp(f->kind, "organization") != 0) {
        set(fe, "kind", "choice_unknown");
        return;
    }
    check_names(f, fe);
    if (f->doc_type < 0 || (f->doc_type > 0 &&
        !exists(r, "SELECT 1 FROM document_types WHERE id = ?", f->doc_type))) {
        set(fe, "doc_type", "choice_unknown");
    } else if ((f->doc_type > 0) != (*f->doc_number != '\0')) {
        set(fe, f->doc_type ? "doc_number" : "doc_type", "document_incomplete");
    } else if (*f->doc_number && !(f->doc_number = document(r->a, f->doc_number))) {
        f->doc_number = req_str(r, "doc_number");
        set(fe, "doc_number", "document_invalid");
    }
    const char *birth = f->birth_date ? birth_problem(f->birth_date) : "";
    if (*birth) {
        set(fe, "birth_date", birth);
    }
    if (f->sex && (strlen(f->sex) != 1 || !strchr("FMO", f->sex[0]))) {
        set(fe, "sex", "choice_unknown");
    }
    if (id && strcmp(f->kind, "person") == 0 &&
        exists(r, "SELECT 1 FROM customers WHERE organization_id = ? LIMIT 1", id)) {
        set(fe, "kind", "organization_has_members");
    }
    if (f->organization < 0 || (f->organization > 0 && (f->organization == id ||
        !exists(r, "SELECT 1 FROM customers WHERE id = ? AND kind = 'organization'",
                f->organization)))) {
        set(fe, "organization", "organization_unknown");
    }
}

long long customer_save(const struct customer_form *f, long long id, long long version,
                        long long actor)
{
    const char *doc = *f->doc_number ? f->doc_number : NULL;
    if (!id) {
        long long n = db_exec("INSERT INTO customers (kind, doc_type_id, doc_number, first_name,"
                              " second_name, first_surname, second_surname, legal_name, birth_date,"
                              " sex, organization_id, created_by) VALUES (?, NULLIF(?, 0), ?, ?, ?,"
                              " ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0))", "slssssssssll",
                              f->kind, f->doc_type, doc, f->first_name, f->second_name,
                              f->first_surname, f->second_surname, f->legal_name, f->birth_date,
                              f->sex, f->organization, actor);
        return n < 0 ? n : db_last_id();
    }
    return db_exec("UPDATE customers SET kind = ?, doc_type_id = NULLIF(?, 0), doc_number = ?,"
                   " first_name = ?, second_name = ?, first_surname = ?, second_surname = ?,"
                   " legal_name = ?, birth_date = ?, sex = ?, organization_id = NULLIF(?, 0),"
                   " version = version + 1, updated_at = UTC_TIMESTAMP()"
                   " WHERE id = ? AND version = ?", "slssssssssll" "l",
                   f->kind, f->doc_type, doc, f->first_name, f->second_name, f->first_surname,
                   f->second_surname, f->legal_name, f->birth_date, f->sex, f->organization,
                   id, version);
}

/* Digits with an optional leading +, between min and max digits; the
   separators people type (spaces, dots, dashes, brackets) are dropped. */
static const char *phone(struct arena *a, const char *s, size_t min, size_t max)
{
    char *out = search_digits(a, s);
    const char *d = out + (*out == '+');
    size_t n = strlen(d);
    return n >= min && n <= max && strspn(d, "0123456789") == n ? out : NULL;
}

const char *datum_problem(struct arena *a, const char *type, const char **value,
                          const char *area_code, const char **field)
{
    const char *v = *value, *norm;
    size_t n = strlen(v);
    *field = "value";
    if (strcmp(type, "email") == 0) {
        return *v && email_valid(v) ? NULL : "datum_email_invalid";
    }
    if (strcmp(type, "mobile") == 0 || strcmp(type, "phone") == 0) {
        int fixed = type[0] == 'p';
        if (!(norm = phone(a, v, 7, fixed ? 10 : 15))) {
            return "datum_phone_invalid";
        }
        *value = norm;
        size_t ac = strlen(area_code);
        *field = "area_code";
        if (fixed && (ac == 0 || ac > 5 || strspn(area_code, "0123456789") != ac)) {
            return ac ? "area_code_invalid" : "area_code_required";
        }
        return NULL;
    }
    if (strcmp(type, "address") == 0) {
        return n >= 3 && n <= 300 ? NULL : "datum_address_invalid";
    }
    if (strcmp(type, "social") == 0) {
        return n >= 2 && n <= 100 && !strpbrk(v, " \t\r\n") ? NULL : "datum_social_invalid";
    }
    *field = "type";
    return "choice_unknown";
}

const char *datum_check(struct req *r, const char **v, const char **field)
{
    int preferred = req_flag(r, "preferred", 0);
    v[4] = preferred > 0 ? "1" : "0";
    if (strcmp(v[0], "phone") != 0) {
        v[2] = "";
    }
    if (preferred < 0) {
        *field = "preferred";
        return "flag_invalid";
    }
    if (strlen(v[3]) > 60) {
        *field = "label";
        return "label_long";
    }
    return datum_problem(r->a, v[0], &v[1], v[2], field);
}

const char *account_check(struct req *r, const char **v, const char **field)
{
    if (!*v[2]) {
        v[2] = "active";
    }
    *field = !*v[0] || strlen(v[0]) > 40 ? "number"
           : strlen(v[1]) > 100 ? "product"
           : strcmp(v[2], "active") && strcmp(v[2], "suspended") && strcmp(v[2], "closed") ? "status"
           : *v[3] && !date_valid(v[3]) ? "opened_at"
           : strlen(v[4]) > 4000 ? "detail" : NULL;
    static const char *const keys[][2] = {
        { "number", "account_number_required" }, { "product", "text_long" },
        { "status", "choice_unknown" }, { "opened_at", "date_invalid" }, { "detail", "text_long" },
    };
    for (size_t i = 0; *field && i < sizeof keys / sizeof *keys; i++) {
        if (strcmp(*field, keys[i][0]) == 0) {
            return keys[i][1];
        }
    }
    return NULL;
}
