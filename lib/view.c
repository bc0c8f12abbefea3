/* view.c: see view.h. Templates are parsed once per process and rendered many
   times by pointing the parse tree at each request's HDF (stack.md §1.6). */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "log.h"
#include "notify.h"

static HDF *base_hdf;           /* holds Config.VarEscapeMode for every cs_init */
static HDF *lang_es, *lang_en;
static const char *render_lang = "es";

#define MAX_TEMPLATES 64
static struct {
    char *name;
    CSPARSE *cs;
} templates[MAX_TEMPLATES];
static int ntemplates;

static int log_nerr(NEOERR *err, const char *what)
{
    STRING s;
    string_init(&s);
    nerr_error_traceback(err, &s);
    LOG_ERROR("%s: %s", what, s.buf ? s.buf : "?");
    string_clear(&s);
    nerr_ignore(&err);
    return -1;
}

static int load_lang(HDF **out, const char *const *files)
{
    NEOERR *err = hdf_init(out);
    for (int i = 0; err == STATUS_OK && files[i]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/lang/%s", conf.templates_dir, files[i]);
        err = hdf_read_file(*out, path);
    }
    return err == STATUS_OK ? 0 : log_nerr(err, "reading language files");
}

int view_init(void)
{
    static const char *const es[] = { "es.hdf", NULL };
    /* English falls back to Spanish for any key it lacks. */
    static const char *const en[] = { "es.hdf", "en.hdf", NULL };
    if (base_hdf) {
        return 0;
    }
    NEOERR *err = hdf_init(&base_hdf);
    if (err == STATUS_OK) {
        err = hdf_set_value(base_hdf, "Config.VarEscapeMode", "html");
    }
    if (err != STATUS_OK) {
        return log_nerr(err, "view init");
    }
    if (conf.timezone && *conf.timezone) {
        setenv("TZ", conf.timezone, 1);
    }
    tzset();
    return load_lang(&lang_es, es) | load_lang(&lang_en, en);
}

HDF *view_lang(const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? lang_en : lang_es;
}

/* Template function: "2026-11-22 19:05:00" (UTC) -> local time in the user's
   format, e.g. 22/11/2026 14:05. ClearSilver frees the result. */
static NEOERR *fmt_time(const char *in, char **out, int with_time)
{
    struct tm tm = { 0 };
    const char *end = in ? strptime(in, "%Y-%m-%d %H:%M:%S", &tm) : NULL;
    if (!end) {
        end = in ? strptime(in, "%Y-%m-%d", &tm) : NULL;
        with_time = 0;
        if (!end) {
            *out = strdup(in ? in : "");
            return STATUS_OK;
        }
    } else {
        time_t t = timegm(&tm);
        localtime_r(&t, &tm);
    }
    char buf[64];
    int es = strcmp(render_lang, "es") == 0;
    if (with_time) {
        strftime(buf, sizeof buf, es ? "%d/%m/%Y %H:%M" : "%Y-%m-%d %H:%M", &tm);
    } else {
        strftime(buf, sizeof buf, es ? "%d/%m/%Y" : "%Y-%m-%d", &tm);
    }
    *out = strdup(buf);
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "date");
}

static NEOERR *fn_datetime(const char *in, char **out)
{
    return fmt_time(in, out, 1);
}

static NEOERR *fn_date(const char *in, char **out)
{
    return fmt_time(in, out, 0);
}

static CSPARSE *template_get(const char *name)
{
    for (int i = 0; i < ntemplates; i++) {
        if (strcmp(templates[i].name, name) == 0) {
            return templates[i].cs;
        }
    }
    if (ntemplates == MAX_TEMPLATES) {
        LOG_ERROR("too many templates");
        return NULL;
    }
    CSPARSE *cs = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", conf.templates_dir, name);
    /* Includes are resolved at parse time through the load path. */
    hdf_set_value(base_hdf, "hdf.loadpaths.0", conf.templates_dir);
    NEOERR *err = cs_init(&cs, base_hdf);
    if (err == STATUS_OK) err = cgi_register_strfuncs(cs);
    if (err == STATUS_OK) err = cs_register_strfunc(cs, "datetime", fn_datetime);
    if (err == STATUS_OK) err = cs_register_strfunc(cs, "date", fn_date);
    if (err == STATUS_OK) err = cs_parse_file(cs, path);
    if (err != STATUS_OK) {
        log_nerr(err, name);
        cs_destroy(&cs);
        return NULL;
    }
    templates[ntemplates].name = strdup(name);
    templates[ntemplates].cs = cs;
    ntemplates++;
    return cs;
}

static void view_vset(struct req *r, const char *value, const char *type,
                      const char *fmt, va_list ap)
{
    char *name = arena_vprintf(r->a, fmt, ap);
    hdf_set_value(r->hdf, name, value ? value : "");
    if (type) {
        hdf_set_attr(r->hdf, name, "t", type);
    }
}

void view_str(struct req *r, const char *value, const char *name_fmt, ...)
{
    va_list ap;
    va_start(ap, name_fmt);
    view_vset(r, value, NULL, name_fmt, ap);
    va_end(ap);
}

/* view_int and view_decimal: the number as text, marked a number for JSON. */
#define VIEW_NUMBER(fmt, value) do { \
        char num[48]; \
        snprintf(num, sizeof num, fmt, value); \
        va_list ap; \
        va_start(ap, name_fmt); \
        view_vset(r, num, "n", name_fmt, ap); \
        va_end(ap); \
    } while (0)

void view_int(struct req *r, long long value, const char *name_fmt, ...)
{
    VIEW_NUMBER("%lld", value);
}

void view_decimal(struct req *r, double value, const char *name_fmt, ...)
{
    VIEW_NUMBER("%.2f", value);
}

void view_bool(struct req *r, int value, const char *name_fmt, ...)
{
    va_list ap;
    va_start(ap, name_fmt);
    view_vset(r, value ? "1" : "0", "b", name_fmt, ap);
    va_end(ap);
}

void view_list(struct req *r, const char *name)
{
    HDF *node = hdf_get_obj(r->hdf, name);
    if (!node) {
        hdf_set_value(r->hdf, name, "");
    }
    hdf_set_attr(r->hdf, name, "t", "a");
}

void view_row(struct req *r, const char *name, const struct db_rows *rows, int i)
{
    for (int c = 0; c < rows->ncols; c++) {
        const char *v = db_cell(rows, i, c);
        char *key = arena_printf(r->a, "%s.%s", name, rows->names[c]);
        if (!v) {
            hdf_set_value(r->hdf, key, "");
            hdf_set_attr(r->hdf, key, "t", "z");    /* null in JSON */
            continue;
        }
        hdf_set_value(r->hdf, key, v);
        if (rows->numeric[c]) {
            hdf_set_attr(r->hdf, key, "t", "n");
        }
    }
}

void view_rows(struct req *r, const char *name, const struct db_rows *rows)
{
    view_list(r, name);
    for (int i = 0; i < rows->n; i++) {
        view_row(r, arena_printf(r->a, "%s.%d", name, i), rows, i);
    }
}

void json_string(struct sbuf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    sbuf_addc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        switch (*p) {
        case '"': sbuf_add(out, "\\\"", 2); break;
        case '\\': sbuf_add(out, "\\\\", 2); break;
        case '\n': sbuf_add(out, "\\n", 2); break;
        case '\r': sbuf_add(out, "\\r", 2); break;
        case '\t': sbuf_add(out, "\\t", 2); break;
        default:
            /* Control characters, and <>& so JSON is safe to embed in HTML. */
            if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
                char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
                sbuf_add(out, u, 6);
            } else {
                sbuf_addc(out, (char)*p);
            }
        }
    }
    sbuf_addc(out, '"');
}

static const char *node_type(HDF *n)
{
    for (HDF_ATTR *a = hdf_obj_attr(n); a; a = a->next) {
        if (strcmp(a->key, "t") == 0) {
            return a->value;
        }
    }
    return "";
}

/* A JSON number exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *s)
{
    if (!s) {
        return 0;
    }
    if (*s == '-') s++;
    if (*s == '0') {
        s++;
    } else if (*s >= '1' && *s <= '9') {
        while (*s >= '0' && *s <= '9') s++;
    } else {
        return 0;
    }
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9')) return 0;
        while (*s >= '0' && *s <= '9') s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!(*s >= '0' && *s <= '9')) return 0;
        while (*s >= '0' && *s <= '9') s++;
    }
    return *s == '\0';
}

static void json_object(struct sbuf *out, HDF *node, int top);

static void json_value(struct sbuf *out, HDF *n)
{
    const char *t = node_type(n);
    const char *v = hdf_obj_value(n);
    HDF *child = hdf_obj_child(n);
    if (strcmp(t, "a") == 0) {
        sbuf_addc(out, '[');
        for (HDF *c = child; c; c = hdf_obj_next(c)) {
            json_value(out, c);
            if (hdf_obj_next(c)) sbuf_addc(out, ',');
        }
        sbuf_addc(out, ']');
    } else if (child) {
        json_object(out, n, 0);
    } else if (strcmp(t, "n") == 0 && is_json_number(v)) {
        sbuf_adds(out, v);
    } else if (strcmp(t, "b") == 0) {
        sbuf_adds(out, v && strcmp(v, "1") == 0 ? "true" : "false");
    } else if (strcmp(t, "z") == 0 || (strcmp(t, "n") == 0 && (!v || !*v))) {
        sbuf_adds(out, "null");
    } else {
        json_string(out, v ? v : "");
    }
}

static void json_object(struct sbuf *out, HDF *node, int top)
{
    sbuf_addc(out, '{');
    int first = 1;
    for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
        if (top && (strcmp(hdf_obj_name(c), "Config") == 0 || strcmp(hdf_obj_name(c), "hdf") == 0)) {
            continue;
        }
        if (!first) sbuf_addc(out, ',');
        first = 0;
        json_string(out, hdf_obj_name(c));
        sbuf_addc(out, ':');
        json_value(out, c);
    }
    sbuf_addc(out, '}');
}

void view_json(struct sbuf *out, HDF *node)
{
    json_object(out, node, 1);
}

void view_pager(struct req *r, long long total, long long page, int per_page)
{
    long long pages = total > 0 ? (total + per_page - 1) / per_page : 1;
    view_int(r, total, "Pager.total");
    view_int(r, page, "Pager.page");
    view_int(r, pages, "Pager.pages");
    view_int(r, page > 1 ? page - 1 : 0, "Pager.prev");
    view_int(r, page < pages ? page + 1 : 0, "Pager.next");
}

static NEOERR *out_cb(void *ctx, char *s)
{
    sbuf_adds(ctx, s);
    return STATUS_OK;
}

/* What every page's layout shows: the site, the user, the language, CSRF. */
static void fill_layout(struct req *r)
{
    view_str(r, conf.site_name, "Site.name");
    view_str(r, r->lang, "Page.lang");
    view_str(r, r->path, "Page.path");
    if (r->user.id) {
        view_int(r, r->user.id, "User.id");
        view_str(r, r->user.login, "User.login");
        view_str(r, r->user.name, "User.name");
        view_str(r, r->user.role_name, "User.role");
        view_bool(r, r->user.role == ROLE_ADMIN, "User.is_admin");
        view_bool(r, (r->user.role & (ROLE_ADMIN | ROLE_SUPERVISOR)) != 0, "User.is_supervisor");
        view_bool(r, (r->user.role & ROLES_STAFF) != 0, "User.is_staff");
        view_int(r, notify_unread(r), "User.unread");
    }
    if (r->csrf) {
        view_str(r, r->csrf, "Session.csrf");
    }
}

int view_render(struct req *r, const char *template_name)
{
    fill_layout(r);
    if (r->want_json) {
        view_json(&r->body, r->hdf);
        sbuf_addc(&r->body, '\n');
        r->content_type = "application/json; charset=utf-8";
        return r->status;
    }
    CSPARSE *cs = template_get(template_name);
    if (!cs) {
        return req_fail(r, 500, "internal", "internal");
    }
    render_lang = r->lang;
    cs->hdf = r->hdf;
    cs->global_hdf = view_lang(r->lang);
    size_t mark = r->body.len;
    NEOERR *err = cs_render(cs, &r->body, out_cb);
    cs->hdf = base_hdf;
    cs->global_hdf = NULL;
    if (err != STATUS_OK) {
        log_nerr(err, template_name);
        r->body.len = mark;
        return req_fail(r, 500, "internal", "internal");
    }
    r->content_type = "text/html; charset=utf-8";
    return r->status;
}

const char *view_render_text(struct req *r, const char *template_name, const char *lang)
{
    CSPARSE *cs = template_get(template_name);
    if (!cs) {
        return NULL;
    }
    struct sbuf out;
    sbuf_init(&out, r->a);
    out.s[0] = '\0';
    const char *saved = render_lang;
    render_lang = lang;
    cs->hdf = r->hdf;
    cs->global_hdf = view_lang(lang);
    NEOERR *err = cs_render(cs, &out, out_cb);
    cs->hdf = base_hdf;
    cs->global_hdf = NULL;
    render_lang = saved;
    if (err != STATUS_OK) {
        log_nerr(err, template_name);
        return NULL;
    }
    return out.s;
}

const char *lang_fill(struct arena *a, const char *lang, const char *key, const char *a1,
                      const char *a2, const char *a3)
{
    char name[128];
    snprintf(name, sizeof name, "Lang.%s", key);
    const char *tmpl = hdf_get_value(view_lang(lang), name, key);
    const char *args[3] = { a1 ? a1 : "", a2 ? a2 : "", a3 ? a3 : "" };
    struct sbuf out;
    sbuf_init(&out, a);
    out.s[0] = '\0';
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
            sbuf_adds(&out, args[p[1] - '1']);
            p += 2;
        } else {
            sbuf_addc(&out, *p);
        }
    }
    return out.s;
}
