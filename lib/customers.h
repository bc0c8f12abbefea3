/* customers.h: the rules for customers (persons and organizations), their
   contact data, contacts and accounts — shared by /customers, the case
   screens (a free-form requester saved as a customer) and the portal. */
#ifndef ATIENDE_CUSTOMERS_H
#define ATIENDE_CUSTOMERS_H

#include "req.h"
#include "users.h"

struct customer_form {
    const char *kind;               /* "person" or "organization" */
    long long doc_type;             /* 0: no document */
    const char *doc_number;         /* normalised by customer_check */
    const char *first_name, *second_name, *first_surname, *second_surname;
    const char *legal_name;
    const char *birth_date;         /* "YYYY-MM-DD" or NULL */
    const char *sex;                /* "F", "M", "O" or NULL */
    long long organization;         /* 0: none */
};

/* Reads the customer fields of the request (form field names as in the
   contract: kind, doc_type, doc_number, first_name ... organization). */
void customer_read(struct req *r, struct customer_form *f);

/* Checks and normalises f; the first problem goes into fe. Looks up the
   document type and organization. id: the customer being edited, or 0. */
void customer_check(struct req *r, struct customer_form *f, long long id, struct field_error *fe);

/* Inserts (id 0) or updates (with version) a checked customer. Returns the
   id / affected rows, or a negative db status (DB_DUPLICATE: the document
   is taken). */
long long customer_save(const struct customer_form *f, long long id, long long version,
                        long long actor);

/* The fields of a new contact datum (customer, type, value, area_code,
   label, preferred), and after it: one preferred datum per type (the new
   datum's id, customer). */
#define DATUM_INSERT_SQL "INSERT INTO contact_data (customer_id, type, value, area_code, label," \
    " preferred) VALUES (?, ?, ?, ?, ?, ?)"
#define DATUM_PREFERRED_SQL "UPDATE contact_data d JOIN contact_data me ON me.id = ? AND" \
    " me.preferred = 1 SET d.preferred = 0 WHERE d.customer_id = ? AND d.type = me.type AND d.id <> me.id"

/* A new account: customer, number, product, status, opened_at, detail. */
#define ACCOUNT_INSERT_SQL "INSERT INTO accounts (customer_id, number, product, status, opened_at," \
    " detail) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?)"

/* Checks a contact datum's fields v = type, value, area_code, label,
   preferred (read from the request's "preferred" flag), normalising them.
   NULL when fine, else the Lang.Err key with *field at fault. */
const char *datum_check(struct req *r, const char **v, const char **field);

/* Checks an account's fields v = number, product, status (empty: active),
   opened_at, detail. NULL when fine, else the Lang.Err key and *field. */
const char *account_check(struct req *r, const char **v, const char **field);

/* A contact datum: type (email, mobile, phone, address, social), value and,
   for fixed phones, the area code. Phones keep their digits (and a leading
   +). NULL when fine (and *value normalised), else the Lang.Err key; *field
   names the field at fault. */
const char *datum_problem(struct arena *a, const char *type, const char **value,
                          const char *area_code, const char **field);

/* A search term for documents and phones: without spaces, dots, dashes and
   brackets (so "300 123-4567" finds 3001234567). */
char *search_digits(struct arena *a, const char *q);

/* A document number as stored: without spaces and dots, upper case. */
char *search_document(struct arena *a, const char *q);

#endif
