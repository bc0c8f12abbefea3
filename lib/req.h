/* req.h: the request object every screen works on: what came in, who sent it,
   and the response being built. Lives in the request's arena. */
#ifndef ATIENDE_REQ_H
#define ATIENDE_REQ_H

#include <ClearSilver.h>
#include <stddef.h>

#include "arena.h"
#include "form.h"

/* Roles as bits, so a screen can name the set it admits. */
enum role {
    ROLE_ANON = 1 << 0,
    ROLE_CUSTOMER = 1 << 1,
    ROLE_AGENT = 1 << 2,
    ROLE_SUPERVISOR = 1 << 3,
    ROLE_ADMIN = 1 << 4,
};
#define ROLES_STAFF (ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN)
#define ROLES_SIGNED_IN (ROLE_CUSTOMER | ROLES_STAFF)

/* "admin" -> ROLE_ADMIN ...; 0 for an unknown name. */
int role_from_name(const char *name);

struct user {
    long long id;           /* 0: nobody signed in */
    const char *login, *name, *email, *role_name, *lang;
    int role;
    long long unread;       /* unread alerts, read with the user (when unread_known) */
    int unread_known;
};

struct header {
    const char *name, *value;
};

/* A file that came in a multipart/form-data body. */
struct upload {
    const char *field;          /* the form field ("file") */
    const char *filename;       /* without path parts */
    const char *content_type;   /* as the browser said; "" when it did not */
    const char *data;
    size_t size;
};

struct req {
    struct arena *a;
    char **envp;                    /* FastCGI parameters; NULL in CGI mode */

    /* what came in */
    const char *method, *path, *query;
    struct params params;           /* query string, then the form body */
    struct params cookies;
    struct upload *files;           /* multipart bodies: the files, in order */
    int nfiles;
    int is_post, want_json, https;

    /* who sent it */
    struct user user;
    int via_token;                  /* authenticated by a bearer token */
    int bad_token;                  /* a bearer token was sent but is not valid */
    const char *session_id;         /* hash of the session cookie, when signed in */
    const char *csrf;               /* the session's CSRF token */
    const char *lang;               /* "es" or "en" */

    /* the response */
    int status;
    struct header *headers;
    int nheaders, cap_headers;
    const char *content_type;
    struct sbuf body;
    HDF *hdf;                       /* the view model of this request */
};

/* A request environment variable (FastCGI parameter or CGI env), or NULL. */
const char *req_env(const struct req *r, const char *name);

/* First value of a query/form parameter, or NULL when absent. */
const char *req_param(const struct req *r, const char *name);

/* Like req_param, but "" when the parameter is absent. */
const char *req_str(const struct req *r, const char *name);

/* Parses parameter name as a whole number in [min, max]. Returns 1 and sets
   *out when present and valid, 0 when absent or empty, -1 when malformed. */
int req_int(const struct req *r, const char *name, long long min, long long max, long long *out);

/* Like req_str, without the blanks around it (a copy in the request's arena). */
const char *req_trimmed(const struct req *r, const char *name);

/* 1 when s is a path of this site ("/x"), so a link or redirect to it cannot
   lead elsewhere: no "//host", backslashes or control characters. */
int req_local_path(const char *s);

/* A yes/no parameter: 1 or 0; dflt when absent; -1 when a value is not a
   yes/no word (1/0, on/off, yes/no, true/false, si/no). */
int req_flag(const struct req *r, const char *name, int dflt);

/* Matches path against prefix followed by "/<id>" and an optional "/<rest>".
   Returns 1 with *id (and *rest, "" when none) set, else 0. */
int req_path_id(const struct req *r, const char *prefix, long long *id, const char **rest);

/* Adds a response header; refuses (and logs) values containing CR or LF. */
int resp_header(struct req *r, const char *name, const char *value);

/* 303 See Other to a path of this site. */
int resp_redirect(struct req *r, const char *path);

/* A successful create: 303 to location for browsers; for JSON clients 201
   with Location, and the caller renders the new object. Returns the status. */
int resp_created(struct req *r, const char *location);

/* Sets a cookie with our defaults (Path=/, HttpOnly, SameSite=Lax, Secure
   under HTTPS). max_age < 0 omits Max-Age (a session cookie); 0 deletes it. */
void resp_cookie(struct req *r, const char *name, const char *value, long max_age, int http_only);

/* Ends the request with an error page (HTML or JSON). code is a short
   machine-readable word ("not_found"); msg_key a language key under Lang.Err.
   Returns the status, so handlers can `return req_fail(...)`. */
int req_fail(struct req *r, int status, const char *code, const char *msg_key);

/* A form that did not validate: 422 with the message next to its field.
   HTML: sets Errors.<field> = key and renders template (the handler has
   already copied the submitted values into Form.*). JSON: the error object
   with "field". Returns 422. */
int req_invalid(struct req *r, const char *field, const char *msg_key, const char *template_name);

/* The Lang string for key in this request's language (never NULL). */
const char *req_text(const struct req *r, const char *key);

#endif
