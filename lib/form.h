/* form.h: parsers for what a browser sends: urlencoded forms, query strings,
   cookies and Accept-Language. Pure functions over bytes, fuzzed in tests/fuzz. */
#ifndef ATIENDE_FORM_H
#define ATIENDE_FORM_H

#include <stddef.h>

#include "arena.h"

struct param {
    const char *name;
    const char *value;      /* NUL-terminated, valid UTF-8, no NUL inside */
    size_t len;
};

/* An ordered list of name/value pairs; repeated names are all kept. */
struct params {
    struct param *v;
    size_t n, cap;
};

enum form_status {
    FORM_OK = 0,
    FORM_BAD_ENCODING,      /* a '%' not followed by two hex digits, or %00 */
    FORM_BAD_UTF8,          /* a decoded name or value is not valid UTF-8 */
    FORM_TOO_MANY,          /* more pairs than the caller allows */
};

/* Parses "a=1&b=x%20y" (also query strings) into out, appending.
   Pairs without a name are skipped. Memory comes from a. */
enum form_status form_parse_urlencoded(struct arena *a, const char *s, size_t len,
                                       struct params *out, size_t max_pairs);

/* Parses a Cookie header. Malformed items are skipped, never fatal;
   quoted values lose their quotes. Returns FORM_TOO_MANY past max_pairs. */
enum form_status form_parse_cookies(struct arena *a, const char *hdr,
                                    struct params *out, size_t max_pairs);

/* Appends one pair (copied into a). */
void params_add(struct arena *a, struct params *p, const char *name,
                const char *value, size_t len);

/* First value for name, or NULL. */
const char *params_get(const struct params *p, const char *name);

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates), else 0. */
int utf8_valid(const char *s, size_t n);

/* The number of characters (not bytes) of a valid UTF-8 string. */
size_t utf8_chars(const char *s);

/* The first n characters (not bytes) of a valid UTF-8 string, copied into a. */
char *utf8_prefix(struct arena *a, const char *s, size_t n);

/* 1 when s is a real calendar date "YYYY-MM-DD" (no 2020-02-30), year 1000-9999. */
int date_valid(const char *s);

/* The best of the supported languages ("es", "en") for an Accept-Language
   header, honouring q-values; NULL when none matches. */
const char *form_accept_language(const char *hdr);

#endif
