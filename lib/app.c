/* app.c: see app.h. One request at a time per process: parse, identify,
   authorize, run the handler, send the whole response at once. */
#include "app.h"

#include <fcgiapp.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "multipart.h"
#include "view.h"

extern char **environ;

struct io {
    FCGX_Stream *in, *out;          /* NULL in CGI mode: stdin/stdout */
};

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
    FCGX_ShutdownPending();
}

static size_t io_read(struct io *io, char *buf, size_t n)
{
    if (io->in) {
        int got = FCGX_GetStr(buf, (int)n, io->in);
        return got > 0 ? (size_t)got : 0;
    }
    return fread(buf, 1, n, stdin);
}

static void io_write(struct io *io, const char *buf, size_t n)
{
    if (io->out) {
        FCGX_PutStr(buf, (int)n, io->out);
    } else {
        fwrite(buf, 1, n, stdout);
    }
}

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
    }
}

static void send_response(struct req *r, struct io *io)
{
    struct sbuf h;
    sbuf_init(&h, r->a);
    sbuf_addf(&h, "Status: %d %s\r\n", r->status, reason(r->status));
    if (r->content_type) {
        sbuf_addf(&h, "Content-Type: %s\r\n", r->content_type);
    }
    sbuf_addf(&h, "Content-Length: %zu\r\n", r->body.len);
    sbuf_adds(&h, "X-Content-Type-Options: nosniff\r\n"
                  "X-Frame-Options: DENY\r\n"
                  "Referrer-Policy: same-origin\r\n"
                  "Content-Security-Policy: default-src 'self'; img-src 'self' data:;"
                  " frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n"
                  "Cache-Control: no-store\r\n");
    for (int i = 0; i < r->nheaders; i++) {
        sbuf_addf(&h, "%s: %s\r\n", r->headers[i].name, r->headers[i].value);
    }
    sbuf_adds(&h, "\r\n");
    io_write(io, h.s, h.len);
    if (strcmp(r->method, "HEAD") != 0) {
        io_write(io, r->body.s, r->body.len);
    }
}

/* A multipart body being read: the part in hand and what it has gathered. */
struct upload_ctx {
    struct req *r;
    const char *why;            /* the Lang.Err key of a refusal */
    struct mp_part part;        /* copied: the parser's strings do not outlive the part */
    struct sbuf data;
    size_t max_file;
    int too_large;
};

enum { MAX_FIELD = 65536, MAX_FILES = 20 };

static int part_begin(void *c, const struct mp_part *p)
{
    struct upload_ctx *u = c;
    if (p->filename && u->r->nfiles == MAX_FILES) {
        u->why = "too_many_files";
        return u->too_large = 1;
    }
    struct arena *a = u->r->a;
    u->part.name = arena_strdup(a, p->name);
    u->part.filename = p->filename ? arena_strdup(a, p->filename) : NULL;
    u->part.content_type = arena_strdup(a, p->content_type ? p->content_type : "");
    sbuf_init(&u->data, a);
    u->data.s[0] = '\0';
    return 0;
}

static int part_data(void *c, const char *data, size_t n)
{
    struct upload_ctx *u = c;
    size_t limit = u->part.filename ? u->max_file : MAX_FIELD;
    if (u->data.len + n > limit) {
        u->why = u->part.filename ? "file_too_large" : "field_too_large";
        return u->too_large = 1;        /* stops the parser: nothing is stored */
    }
    sbuf_add(&u->data, data, n);
    return 0;
}

static int part_end(void *c)
{
    struct upload_ctx *u = c;
    struct req *r = u->r;
    const struct mp_part *p = &u->part;
    if (!p->filename) {
        if (!utf8_valid(u->data.s, u->data.len) || memchr(u->data.s, '\0', u->data.len) ||
            r->params.n >= (size_t)conf.max_params) {
            return 1;
        }
        params_add(r->a, &r->params, p->name, u->data.s, u->data.len);
        return 0;
    }
    if (r->nfiles % 4 == 0) {
        struct upload *more = arena_alloc(r->a, (size_t)(r->nfiles + 4) * sizeof *more);
        if (r->nfiles) {
            memcpy(more, r->files, (size_t)r->nfiles * sizeof *more);
        }
        r->files = more;
    }
    r->files[r->nfiles++] = (struct upload){
        .field = p->name, .filename = p->filename, .content_type = p->content_type,
        .data = u->data.s, .size = u->data.len,
    };
    return 0;
}

/* A multipart/form-data body of len bytes, read in pieces through the
   streaming parser: fields become parameters, files r->files. 0, 400, or
   413 (*why: a file over max_file, or too many). */
static int parse_multipart(struct req *r, struct io *io, size_t len, const char *ct,
                           size_t max_file, const char **why)
{
    static const struct mp_callbacks cb = { part_begin, part_data, part_end };
    struct upload_ctx u = { .r = r, .max_file = max_file };
    const char *boundary = mp_boundary(r->a, ct);
    struct mp_parser *p = boundary ? mp_new(r->a, boundary, &cb, &u) : NULL;
    if (!p) {
        return 400;
    }
    char buf[65536];
    enum mp_status st = MP_OK;
    for (size_t got = 0; got < len;) {
        size_t n = io_read(io, buf, len - got < sizeof buf ? len - got : sizeof buf);
        if (n == 0) {
            return 400;
        }
        got += n;
        if (st == MP_OK) {
            st = mp_feed(p, buf, n);    /* after a stop, the rest is only drained */
        }
    }
    if (u.too_large) {
        *why = u.why;
        return 413;
    }
    if (st == MP_OK) {
        st = mp_finish(p);
    }
    if (st != MP_OK) {
        LOG_INFO("multipart body refused: %s", mp_error(p) ? mp_error(p) : "stopped");
        return 400;
    }
    return 0;
}

/* Reads and parses the query string, cookies and an urlencoded or
   multipart body. Returns 0, or the HTTP status of the problem (400, 413,
   415), with *why the Lang.Err key when it is more specific. */
static int parse_input(struct req *r, struct io *io, size_t max_file, const char **why)
{
    const char *uri = req_env(r, "REQUEST_URI");
    if (!uri || !*uri) {
        const char *sn = req_env(r, "SCRIPT_NAME"), *pi = req_env(r, "PATH_INFO");
        uri = arena_printf(r->a, "%s%s", sn ? sn : "", pi ? pi : "");
    }
    const char *q = strchr(uri, '?');
    r->path = q ? arena_strndup(r->a, uri, (size_t)(q - uri)) : uri;
    if (!*r->path) {
        r->path = "/";
    }
    r->query = req_env(r, "QUERY_STRING");
    size_t max = (size_t)conf.max_params;
    if (r->query && form_parse_urlencoded(r->a, r->query, strlen(r->query), &r->params, max)) {
        return 400;
    }
    if (form_parse_cookies(r->a, req_env(r, "HTTP_COOKIE"), &r->cookies, 64)) {
        return 400;
    }
    const char *cl = req_env(r, "CONTENT_LENGTH");
    long long len = cl && *cl ? strtoll(cl, NULL, 10) : 0;
    if (len < 0) {
        return 400;
    }
    if (len == 0) {
        return 0;
    }
    const char *ct = req_env(r, "CONTENT_TYPE");
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
        if (len > conf.max_upload) {
            *why = "file_too_large";
            return 413;
        }
        return parse_multipart(r, io, (size_t)len, ct, max_file, why);
    }
    if (len > conf.max_body) {
        return 413;
    }
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
        return 415;
    }
    char *body = arena_alloc(r->a, (size_t)len + 1);
    size_t got = 0;
    while (got < (size_t)len) {
        size_t n = io_read(io, body + got, (size_t)len - got);
        if (n == 0) {
            return 400;
        }
        got += n;
    }
    return form_parse_urlencoded(r->a, body, got, &r->params, max) ? 400 : 0;
}

static int wants_json(const struct req *r)
{
    const char *f = req_param(r, "format");
    if (f) {
        return strcmp(f, "json") == 0;
    }
    const char *accept = req_env(r, "HTTP_ACCEPT");
    return accept && strstr(accept, "application/json") && !strstr(accept, "text/html");
}

/* Precedence: an explicit ?lang= (remembered in a cookie), the cookie, the
   user's own setting, the browser's Accept-Language, the site default. */
static void pick_lang(struct req *r)
{
    const char *l = req_param(r, "lang");
    if (l && (strcmp(l, "es") == 0 || strcmp(l, "en") == 0)) {
        resp_cookie(r, "atiende_lang", l, 365L * 24 * 3600, 0);
        r->lang = l;
        return;
    }
    l = params_get(&r->cookies, "atiende_lang");
    if (!l || (strcmp(l, "es") && strcmp(l, "en"))) {
        l = r->user.lang && *r->user.lang ? r->user.lang : NULL;
    }
    if (!l) {
        l = form_accept_language(req_env(r, "HTTP_ACCEPT_LANGUAGE"));
    }
    r->lang = l && strcmp(l, "en") == 0 ? "en" : (l ? "es" : conf.default_lang);
}

/* Length of the host name at the start of s, without its port
   ("[::1]:8080" -> "[::1]", "example.org:443" -> "example.org"). */
static size_t host_len(const char *s)
{
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        return end ? (size_t)(end - s) + 1 : strlen(s);
    }
    return strcspn(s, ":/");
}

/* A POST whose Origin names another site is refused, whatever it carries.
   Only host names are compared: Debian's fastcgi_params passes HTTP_HOST
   without the port, and cookies do not tell ports apart anyway. */
static int same_origin(const struct req *r)
{
    const char *origin = req_env(r, "HTTP_ORIGIN");
    const char *host = req_env(r, "HTTP_HOST");
    if (!origin || !*origin) {
        return 1;
    }
    const char *p = strstr(origin, "://");
    if (!p || !host || strcmp(origin, "null") == 0) {
        return 0;
    }
    p += 3;
    size_t n = host_len(p);
    return n == host_len(host) && strncasecmp(p, host, n) == 0;
}

static int authorize(const struct screen *s, struct req *r)
{
    if (r->bad_token) {
        /* RFC 6750: a token that does not authenticate is an error, even on
           public screens, rather than a silent fall back to anonymous. */
        resp_header(r, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return req_fail(r, 401, "invalid_token", "unauthorized");
    }
    int is_get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if ((is_get && !(s->methods & M_GET)) || (r->is_post && !(s->methods & M_POST)) ||
        (!is_get && !r->is_post)) {
        resp_header(r, "Allow", s->methods & M_POST ? (s->methods & M_GET ? "GET, HEAD, POST" : "POST")
                                                    : "GET, HEAD");
        return req_fail(r, 405, "method_not_allowed", "method");
    }
    if (r->user.id == 0 && !(s->roles & ROLE_ANON)) {
        if (is_get && !r->want_json) {
            const char *next = arena_printf(r->a, "/login?next=%s", r->path);
            return resp_redirect(r, next);
        }
        resp_header(r, "WWW-Authenticate", "Bearer");
        return req_fail(r, 401, "unauthorized", "unauthorized");
    }
    if (r->user.id != 0 && !(s->roles & r->user.role)) {
        return req_fail(r, 403, "forbidden", "forbidden");
    }
    if (r->is_post && !r->via_token && !same_origin(r)) {
        return req_fail(r, 403, "csrf", "csrf");
    }
    if (r->is_post && s->csrf && !r->via_token && r->user.id != 0 && !csrf_ok(r)) {
        return req_fail(r, 403, "csrf", "csrf");
    }
    return 0;
}

static void destroy_hdf(void *p)
{
    struct req *r = p;
    hdf_destroy(&r->hdf);
}

static void handle(const struct screen *s, struct arena *a, char **envp, struct io *io)
{
    struct req *r = arena_alloc(a, sizeof *r);
    r->a = a;
    r->envp = envp;
    r->status = 200;
    r->lang = conf.default_lang;
    sbuf_init(&r->body, a);
    hdf_init(&r->hdf);
    arena_cleanup_add(a, destroy_hdf, r);
    r->method = req_env(r, "REQUEST_METHOD");
    if (!r->method) {
        r->method = "GET";
    }
    r->is_post = strcmp(r->method, "POST") == 0;
    const char *https = req_env(r, "HTTPS");
    r->https = conf.cookie_secure == 1 || (conf.cookie_secure < 0 && https && *https &&
                                           strcasecmp(https, "off") != 0);
    const char *why = NULL;
    int bad = parse_input(r, io, (size_t)(s->max_file ? *s->max_file : conf.max_file), &why);
    r->want_json = wants_json(r);
    if (bad) {
        const char *code = bad == 413 ? "too_large" : bad == 415 ? "unsupported_media" : "bad_request";
        pick_lang(r);
        req_fail(r, bad, code, why ? why : code);
    } else if (auth_identify(r) != DB_OK) {
        pick_lang(r);
        req_fail(r, 503, "db_unavailable", "db_down");
    } else {
        pick_lang(r);
        if (authorize(s, r) == 0) {
            s->handler(r);
        }
    }
    db_request_end();
    send_response(r, io);
}

int app_main(const struct screen *s)
{
    const char *err;
    if (conf_load(NULL, &err) < 0) {
        LOG_ERROR("configuration: %s", err);
        return 1;
    }
    if (sodium_init() < 0 || view_init() < 0) {
        LOG_ERROR("cannot initialise %s", s->name);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    struct arena *a = arena_new();
    if (FCGX_Init() != 0) {
        return 1;
    }
    if (FCGX_IsCGI()) {
        struct io io = { NULL, NULL };
        handle(s, a, NULL, &io);
        fflush(stdout);
        arena_free(a);
        db_close();
        return 0;
    }
    struct sigaction sa = { 0 };
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    FCGX_Request fr;
    FCGX_InitRequest(&fr, 0, 0);
    while (!stopping && FCGX_Accept_r(&fr) >= 0) {
        struct io io = { fr.in, fr.out };
        handle(s, a, fr.envp, &io);
        FCGX_Finish_r(&fr);
        arena_reset(a);
    }
    arena_free(a);
    db_close();
    return 0;
}
