/* view.h: the view model (an HDF tree per request) and its two renderings:
   ClearSilver templates with HTML escaping on, and JSON. */
#ifndef ATIENDE_VIEW_H
#define ATIENDE_VIEW_H

#include "db.h"
#include "req.h"

/* Loads the language files; once per process. 0 on success. */
int view_init(void);

/* The language tree for "es" or "en" (process lifetime). */
HDF *view_lang(const char *lang);

/* Set a value in the request's view model; the name is a printf format.
   view_int and view_bool also mark the node so JSON shows a number/boolean. */
void view_str(struct req *r, const char *value, const char *name_fmt, ...)
    __attribute__((format(printf, 3, 4)));
void view_int(struct req *r, long long value, const char *name_fmt, ...)
    __attribute__((format(printf, 3, 4)));
void view_bool(struct req *r, int value, const char *name_fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A number with two decimals ("2.75"), a number in JSON too. */
void view_decimal(struct req *r, double value, const char *name_fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Marks name as a list: JSON shows an array, also when it has no items. */
void view_list(struct req *r, const char *name);

/* Copies rows as name.0.col, name.1.col ... (a list); numeric columns stay numbers in JSON. */
void view_rows(struct req *r, const char *name, const struct db_rows *rows);

/* Copies one row (row i) as name.col. */
void view_row(struct req *r, const char *name, const struct db_rows *rows, int i);

/* Pager.page, Pager.pages, Pager.total, Pager.prev and Pager.next (0 when
   there is none) for a list of total items shown per_page at a time. */
void view_pager(struct req *r, long long total, long long page, int per_page);

/* Renders the view model: JSON when the client asked for it, else the
   template. Sets body and content type. Returns the HTTP status. */
int view_render(struct req *r, const char *template_name);

/* Renders a template over the request's view model in another language
   (e-mails go out in the recipient's), into a new string; NULL on error. */
const char *view_render_text(struct req *r, const char *template_name, const char *lang);

/* The Lang text key of lang with {1} {2} {3} replaced by a1, a2, a3. */
const char *lang_fill(struct arena *a, const char *lang, const char *key, const char *a1,
                      const char *a2, const char *a3);

/* Writes node's subtree as JSON into out (the JSON rendering of a view). */
void view_json(struct sbuf *out, HDF *node);

/* Appends s as a JSON string literal. */
void json_string(struct sbuf *out, const char *s);

#endif
