/* req.c: request accessors, response headers, redirects and error pages; see req.h. */
#include "req.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "view.h"

int role_from_name(const char *name)
{
    static const struct { const char *name; int role; } roles[] = {
        { "admin", ROLE_ADMIN }, { "supervisor", ROLE_SUPERVISOR },
        { "agent", ROLE_AGENT }, { "customer", ROLE_CUSTOMER },
    };
    for (size_t i = 0; name && i < sizeof roles / sizeof *roles; i++) {
        if (strcmp(roles[i].name, name) == 0) {
            return roles[i].role;
        }
    }
    return 0;
}

const char *req_env(const struct req *r, const char *name)
{
    if (!r->envp) {
        return getenv(name);
    }
    size_t n = strlen(name);
    for (char **e = r->envp; *e; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return NULL;
}

const char *req_param(const struct req *r, const char *name)
{
    return params_get(&r->params, name);
}

const char *req_str(const struct req *r, const char *name)
{
    const char *v = req_param(r, name);
    return v ? v : "";
}

int req_int(const struct req *r, const char *name, long long min, long long max, long long *out)
{
    const char *v = req_param(r, name);
    if (!v || !*v) {
        return 0;
    }
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *end || n < min || n > max) {
        return -1;
    }
    *out = n;
    return 1;
}

/* Checkbox forms send a hidden "0" before the box's "1", so every value of
   the name counts: any true value wins. */
int req_flag(const struct req *r, const char *name, int dflt)
{
    static const char *const yes[] = { "1", "on", "yes", "true", "si", "sí" };
    static const char *const no[] = { "0", "off", "no", "false", "" };
    int seen = 0, value = 0;
    for (size_t i = 0; i < r->params.n; i++) {
        if (strcmp(r->params.v[i].name, name) != 0) {
            continue;
        }
        const char *v = r->params.v[i].value;
        int known = 0;
        for (size_t k = 0; k < sizeof yes / sizeof *yes; k++) {
            if (strcasecmp(v, yes[k]) == 0) {
                value = known = 1;
            }
        }
        for (size_t k = 0; k < sizeof no / sizeof *no && !known; k++) {
            known = strcasecmp(v, no[k]) == 0;
        }
        if (!known) {
            return -1;
        }
        seen = 1;
    }
    return seen ? value : dflt;
}

const char *req_trimmed(const struct req *r, const char *name)
{
    const char *s = req_str(r, name);
    size_t n;
    s += strspn(s, " \t");
    for (n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--) {
    }
    return arena_strndup(r->a, s, n);
}

int req_local_path(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\') {
            return 0;       /* browsers drop tabs and newlines: "/\t/x" is "//x" */
        }
    }
    return s[0] == '/' && s[1] != '/';
}

int req_path_id(const struct req *r, const char *prefix, long long *id, const char **rest)
{
    size_t n = strlen(prefix);
    const char *p = r->path;
    if (strncmp(p, prefix, n) != 0 || p[n] != '/' || p[n + 1] < '1' || p[n + 1] > '9') {
        return 0;
    }
    char *end;
    errno = 0;
    long long v = strtoll(p + n + 1, &end, 10);
    if (errno || (*end && *end != '/')) {
        return 0;
    }
    *id = v;
    *rest = *end ? end + 1 : "";
    return 1;
}

int resp_header(struct req *r, const char *name, const char *value)
{
    if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n")) {
        LOG_ERROR("refused a header with CR/LF: %s", name);
        return -1;
    }
    if (r->nheaders == r->cap_headers) {
        int cap = r->cap_headers ? r->cap_headers * 2 : 8;
        struct header *h = arena_alloc(r->a, (size_t)cap * sizeof *h);
        if (r->nheaders) {
            memcpy(h, r->headers, (size_t)r->nheaders * sizeof *h);
        }
        r->headers = h;
        r->cap_headers = cap;
    }
    r->headers[r->nheaders].name = arena_strdup(r->a, name);
    r->headers[r->nheaders].value = arena_strdup(r->a, value);
    r->nheaders++;
    return 0;
}

int resp_redirect(struct req *r, const char *path)
{
    /* Only paths of this site: no scheme, no protocol-relative "//host". */
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\') {
        path = "/";
    }
    r->status = 303;
    resp_header(r, "Location", path);
    return 303;
}

int resp_created(struct req *r, const char *location)
{
    if (!r->want_json) {
        return resp_redirect(r, location);
    }
    r->status = 201;
    resp_header(r, "Location", location);
    return 201;
}

void resp_cookie(struct req *r, const char *name, const char *value, long max_age, int http_only)
{
    struct sbuf b;
    sbuf_init(&b, r->a);
    sbuf_addf(&b, "%s=%s; Path=/; SameSite=Lax", name, value);
    if (max_age >= 0) {
        sbuf_addf(&b, "; Max-Age=%ld", max_age);
    }
    if (http_only) {
        sbuf_adds(&b, "; HttpOnly");
    }
    if (r->https) {
        sbuf_adds(&b, "; Secure");
    }
    resp_header(r, "Set-Cookie", b.s);
}

const char *req_text(const struct req *r, const char *key)
{
    char name[256];
    snprintf(name, sizeof name, "Lang.%s", key);
    return hdf_get_value(view_lang(r->lang), name, key);
}

int req_invalid(struct req *r, const char *field, const char *msg_key, const char *template_name)
{
    if (r->want_json) {
        char key[128];
        snprintf(key, sizeof key, "Err.%s", msg_key);
        r->status = 422;
        r->body.len = 0;
        sbuf_adds(&r->body, "{\"error\":{\"code\":\"invalid\",\"field\":");
        json_string(&r->body, field);
        sbuf_adds(&r->body, ",\"message\":");
        json_string(&r->body, req_text(r, key));
        sbuf_adds(&r->body, ",\"status\":422}}\n");
        r->content_type = "application/json; charset=utf-8";
        return 422;
    }
    r->status = 422;
    view_str(r, msg_key, "Errors.%s", field);
    view_str(r, msg_key, "Form.error");
    view_render(r, template_name);
    return 422;
}

int req_fail(struct req *r, int status, const char *code, const char *msg_key)
{
    static int failing;
    char key[128];
    snprintf(key, sizeof key, "Err.%s", msg_key);
    const char *msg = req_text(r, key);
    r->status = status;
    r->body.len = 0;
    if (r->body.s) {
        r->body.s[0] = '\0';
    }
    if (r->want_json || failing) {
        sbuf_adds(&r->body, "{\"error\":{\"code\":");
        json_string(&r->body, code);
        sbuf_adds(&r->body, ",\"message\":");
        json_string(&r->body, msg);
        sbuf_addf(&r->body, ",\"status\":%d}}\n", status);
        r->content_type = "application/json; charset=utf-8";
        return status;
    }
    /* A fresh view model: nothing half-built by the handler leaks into the page. */
    HDF *old = r->hdf;
    hdf_init(&r->hdf);
    hdf_destroy(&old);
    view_str(r, code, "Error.code");
    view_str(r, msg, "Error.message");
    view_int(r, status, "Error.status");
    failing = 1;
    view_render(r, "error.cs");
    failing = 0;
    r->status = status;
    return status;
}
