/* multipart.c: the streaming multipart/form-data parser; see multipart.h. */
#include "multipart.h"

#include <string.h>
#include <strings.h>

#include "form.h"

enum state {
    S_PREAMBLE,     /* before the first delimiter: bytes dropped */
    S_AFTER,        /* just after a delimiter: "--", padding or CRLF follows */
    S_AFTER_DASH,   /* after "-": a second "-" closes the body */
    S_AFTER_PAD,    /* in spaces/tabs after a delimiter */
    S_AFTER_CR,     /* the CR ending a delimiter line: LF must follow */
    S_HEADERS,      /* collecting a part's header block */
    S_DATA,         /* in a part's content, looking for the delimiter */
    S_EPILOGUE,     /* after the closing delimiter: bytes dropped */
};

struct mp_parser {
    struct mp_callbacks cb;
    void *ctx;
    enum mp_status status;
    enum state state;
    const char *error;
    char *delim;            /* "\r\n--" boundary */
    size_t dlen;
    /* How many bytes of delim the input has matched so far. Those bytes are
       held back from part_data but not stored: they are delim[0..matched). */
    size_t matched;
    char *hdr;              /* the current part's header block, MP_MAX_HEADERS */
    size_t hlen;
    char *str;              /* the decoded strings of part; never longer than hdr */
    size_t slen;
    struct mp_part part;
};

#define STR_SIZE (MP_MAX_HEADERS + 8)

struct span {
    const char *s;
    size_t n;
};

static enum mp_status bad(struct mp_parser *p, const char *why)
{
    p->status = MP_BAD;
    p->error = why;
    return MP_BAD;
}

static int span_is(struct span a, const char *lit)
{
    size_t n = strlen(lit);
    return a.n == n && strncasecmp(a.s, lit, n) == 0;
}

static const char *skip_ows(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t')) {
        s++;
    }
    return s;
}

/* RFC 2046 bchars: what a boundary may hold (a space, but not at the end). */
static int boundary_ok(const char *b, size_t n)
{
    if (n == 0 || n > MP_MAX_BOUNDARY || b[n - 1] == ' ') {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        int alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!alnum && (c == '\0' || !strchr("'()+_,-./:=? ", c))) {
            return 0;
        }
    }
    return 1;
}

/* The next "; name=value" of a header value, from *sp to end: 1 with name and
   value set (value without its quotes), 0 at the end, -1 when malformed.
   Quoted values are literal up to the next '"' (see multipart.h for why). */
static int next_param(const char **sp, const char *end, struct span *name, struct span *value)
{
    const char *s = skip_ows(*sp, end);
    if (s == end) {
        return 0;
    }
    if (*s != ';') {
        return -1;
    }
    while (s < end && (*s == ';' || *s == ' ' || *s == '\t')) {
        s++;
    }
    if (s == end) {
        return 0;
    }
    name->s = s;
    while (s < end && !strchr("=; \t\"", *s)) {
        s++;
    }
    name->n = (size_t)(s - name->s);
    s = skip_ows(s, end);
    if (name->n == 0 || s == end || *s != '=') {
        return -1;
    }
    s = skip_ows(s + 1, end);
    if (s < end && *s == '"') {
        value->s = ++s;
        while (s < end && *s != '"') {
            s++;
        }
        if (s == end) {
            return -1;
        }
        value->n = (size_t)(s++ - value->s);
    } else {
        value->s = s;
        while (s < end && !strchr("; \t\"", *s)) {
            s++;
        }
        value->n = (size_t)(s - value->s);
    }
    *sp = s;
    return 1;
}

const char *mp_boundary(struct arena *a, const char *content_type)
{
    static const char type[] = "multipart/form-data";
    if (!content_type) {
        return NULL;
    }
    const char *end = content_type + strlen(content_type);
    const char *s = skip_ows(content_type, end);
    if (strncasecmp(s, type, sizeof type - 1) != 0) {
        return NULL;
    }
    s += sizeof type - 1;
    struct span name, value, found = { NULL, 0 };
    int r;
    while ((r = next_param(&s, end, &name, &value)) > 0) {
        if (span_is(name, "boundary")) {
            if (found.s) {
                return NULL;        /* two boundaries: which one? */
            }
            found = value;
        }
    }
    if (r < 0 || !found.s || !boundary_ok(found.s, found.n)) {
        return NULL;
    }
    return arena_strndup(a, found.s, found.n);
}

struct mp_parser *mp_new(struct arena *a, const char *boundary,
                         const struct mp_callbacks *cb, void *ctx)
{
    if (!boundary || !boundary_ok(boundary, strlen(boundary))) {
        return NULL;
    }
    struct mp_parser *p = arena_alloc(a, sizeof *p);
    if (cb) {
        p->cb = *cb;
    }
    p->ctx = ctx;
    p->delim = arena_printf(a, "\r\n--%s", boundary);
    p->dlen = strlen(p->delim);
    /* The first delimiter may open the body, as if a CRLF came before it. */
    p->matched = 2;
    p->state = S_PREAMBLE;
    p->hdr = arena_alloc(a, MP_MAX_HEADERS);
    p->str = arena_alloc(a, STR_SIZE);
    return p;
}

/* A NUL-terminated copy of s[0..n) in p->str, or NULL when it is full (it
   cannot be: the strings come from distinct bytes of the header block). */
static char *store(struct mp_parser *p, const char *s, size_t n)
{
    if (STR_SIZE - p->slen < n + 1) {
        return NULL;
    }
    char *d = p->str + p->slen;
    memcpy(d, s, n);
    d[n] = '\0';
    p->slen += n + 1;
    return d;
}

/* 1 when s[0..n) is valid UTF-8 without control characters. */
static int text_ok(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            return 0;
        }
    }
    return utf8_valid(s, n);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes an RFC 5987 ext-value (UTF-8'lang'%C3%B1.txt) in place; returns
   the decoded length or -1 when it is malformed or not UTF-8. */
static long ext_value_decode(char *s)
{
    char *q1 = strchr(s, '\'');
    char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
    if (!q2 || q1 - s != 5 || strncasecmp(s, "utf-8", 5) != 0) {
        return -1;
    }
    size_t o = 0;
    for (const char *c = q2 + 1; *c; c++) {
        if (*c != '%') {
            s[o++] = *c;
            continue;
        }
        int h = hexval((unsigned char)c[1]), l = h < 0 ? -1 : hexval((unsigned char)c[2]);
        if (l < 0) {
            return -1;
        }
        s[o++] = (char)(h * 16 + l);
        c += 2;
    }
    s[o] = '\0';
    return (long)o;
}

/* The last path part of f: browsers (and old IE) may send a whole path. */
static const char *last_path_part(const char *f)
{
    const char *b = f;
    for (const char *c = f; *c; c++) {
        if (*c == '/' || *c == '\\') {
            b = c + 1;
        }
    }
    if (strcmp(b, ".") == 0 || strcmp(b, "..") == 0) {
        return b + strlen(b);
    }
    return b;
}

/* Sets part.filename from filename= or filename*= (which wins); NULL on success,
   else why it is bad. */
static const char *take_filename(struct mp_parser *p, const struct span *plain,
                                 const struct span *ext)
{
    const struct span *v = ext->s ? ext : plain;
    if (!v->s) {
        p->part.filename = NULL;
        return NULL;
    }
    char *f = store(p, v->s, v->n);
    if (!f) {
        return "out of room for the part's strings";
    }
    long n = ext->s ? ext_value_decode(f) : (long)v->n;
    if (n < 0) {
        return "filename* is malformed or not UTF-8''";
    }
    if (!text_ok(f, (size_t)n)) {
        return "the filename is not valid UTF-8 or has control characters";
    }
    p->part.filename = last_path_part(f);
    return NULL;
}

/* Parses a Content-Disposition value into part.name and part.filename; NULL
   on success, else why it is bad. */
static const char *take_disposition(struct mp_parser *p, struct span v)
{
    const char *s = v.s, *end = v.s + v.n;
    while (s < end && !strchr("; \t", *s)) {
        s++;
    }
    if (!span_is((struct span){ v.s, (size_t)(s - v.s) }, "form-data")) {
        return "Content-Disposition is not form-data";
    }
    struct span name = { NULL, 0 }, plain = { NULL, 0 }, ext = { NULL, 0 };
    struct span pn, pv;
    int r;
    while ((r = next_param(&s, end, &pn, &pv)) > 0) {
        struct span *dst = span_is(pn, "name") ? &name : span_is(pn, "filename") ? &plain
                         : span_is(pn, "filename*") ? &ext : NULL;
        if (dst && dst->s) {
            return "a Content-Disposition parameter is given twice";
        }
        if (dst) {
            *dst = pv;
        }
    }
    if (r < 0) {
        return "malformed Content-Disposition";
    }
    if (!name.s || name.n == 0) {
        return "a part without a name";
    }
    if (!text_ok(name.s, name.n)) {
        return "the part's name is not valid UTF-8 or has control characters";
    }
    p->part.name = store(p, name.s, name.n);
    if (!p->part.name) {
        return "out of room for the part's strings";
    }
    return take_filename(p, &plain, &ext);
}

/* 1 when c may be in a header name (RFC 9110 tchar). */
static int tchar(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !strchr("\"(),/:;<=>?@[\\]{}", c);
}

/* Checks one header line (without its CRLF) and keeps the two headers that
   matter; NULL when fine, else why it is bad. */
static const char *header_line(const char *line, size_t n, struct span *disp, struct span *type)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            return "a control character (bare CR or LF, NUL...) in the part's headers";
        }
    }
    if (n > 0 && (line[0] == ' ' || line[0] == '\t')) {
        return "a folded header line";
    }
    const char *colon = memchr(line, ':', n), *end = line + n;
    if (!colon || colon == line) {
        return "a header line without a name";
    }
    for (const char *c = line; c < colon; c++) {
        if (!tchar((unsigned char)*c)) {
            return "a bad header name";
        }
    }
    struct span name = { line, (size_t)(colon - line) };
    const char *v = skip_ows(colon + 1, end);
    while (end > v && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    struct span *dst = span_is(name, "Content-Disposition") ? disp
                     : span_is(name, "Content-Type") ? type : NULL;
    if (dst && dst->s) {
        return "a part with two Content-Disposition or Content-Type headers";
    }
    if (dst) {
        *dst = (struct span){ v, (size_t)(end - v) };
    }
    return NULL;
}

/* Parses the complete header block into part; NULL when fine, else why not. */
static const char *parse_headers(struct mp_parser *p)
{
    struct span disp = { NULL, 0 }, type = { NULL, 0 };
    /* Every line ends with CRLF; the final empty line is left out. */
    const char *s = p->hdr, *end = p->hdr + p->hlen - 2;
    while (s < end) {
        const char *lf = memchr(s, '\n', (size_t)(end - s));
        if (lf == s || lf[-1] != '\r') {
            return "a bare LF in the part's headers";
        }
        const char *why = header_line(s, (size_t)(lf - 1 - s), &disp, &type);
        if (why) {
            return why;
        }
        s = lf + 1;
    }
    if (!disp.s) {
        return "a part without Content-Disposition";
    }
    p->slen = 0;
    const char *why = take_disposition(p, disp);
    if (why) {
        return why;
    }
    if (type.s && !text_ok(type.s, type.n)) {
        return "the part's Content-Type is not valid UTF-8";
    }
    p->part.content_type = type.s ? store(p, type.s, type.n) : "";
    return p->part.content_type ? NULL : "out of room for the part's strings";
}

static void begin_part(struct mp_parser *p)
{
    const char *why = parse_headers(p);
    if (why) {
        bad(p, why);
        return;
    }
    p->state = S_DATA;
    p->matched = 0;
    if (p->cb.part_begin && p->cb.part_begin(p->ctx, &p->part)) {
        p->status = MP_STOPPED;
    }
}

static int headers_complete(const struct mp_parser *p)
{
    return (p->hlen == 2 && p->hdr[0] == '\r') ||
           (p->hlen >= 4 && memcmp(p->hdr + p->hlen - 4, "\r\n\r\n", 4) == 0);
}

/* Collects header bytes from data[*pos..n) until the empty line, a line at a time. */
static void take_headers(struct mp_parser *p, const char *data, size_t n, size_t *pos)
{
    size_t i = *pos;
    while (i < n) {
        size_t room = MP_MAX_HEADERS - p->hlen, avail = n - i;
        if (room == 0) {
            bad(p, "part headers over MP_MAX_HEADERS bytes");
            break;
        }
        const char *lf = memchr(data + i, '\n', avail < room ? avail : room);
        size_t take = lf ? (size_t)(lf - (data + i)) + 1 : (avail < room ? avail : room);
        memcpy(p->hdr + p->hlen, data + i, take);
        p->hlen += take;
        i += take;
        if (lf && headers_complete(p)) {
            begin_part(p);
            break;
        }
    }
    *pos = i;
}

/* Passes content to part_data (only in a part: the preamble is dropped);
   1 when the callback stopped the parser. */
static int emit(struct mp_parser *p, const char *d, size_t n)
{
    if (n == 0 || p->state != S_DATA || !p->cb.part_data) {
        return 0;
    }
    if (p->cb.part_data(p->ctx, d, n)) {
        p->status = MP_STOPPED;
        return 1;
    }
    return 0;
}

/* Looks for the delimiter in data[*pos..n), passing the content before it on.
   1 when the delimiter was completed (*pos just after it), 0 when the input
   ran out or a callback stopped. */
static int scan(struct mp_parser *p, const char *data, size_t n, size_t *pos)
{
    size_t i = *pos, start = i;     /* data[start..i) is content not yet passed on */
    while (i < n) {
        if (p->matched == 0) {
            /* Only a CR can start the delimiter: skip to the next one at once. */
            const char *cr = memchr(data + i, '\r', n - i);
            if (!cr) {
                i = n;
                break;
            }
            i = (size_t)(cr - data);
            if (emit(p, data + start, i - start)) {
                return 0;
            }
            p->matched = 1;
            start = ++i;
        } else if (data[i] == p->delim[p->matched]) {
            start = ++i;
            if (++p->matched == p->dlen) {
                p->matched = 0;
                *pos = i;
                return 1;
            }
        } else {
            /* Not the delimiter: the held bytes were content. The boundary has
               no CR, so no later start of a match hides among them; data[i]
               is looked at again from scratch. */
            if (emit(p, p->delim, p->matched)) {
                return 0;
            }
            p->matched = 0;
            start = i;
        }
    }
    emit(p, data + start, i - start);
    *pos = i;
    return 0;
}

static void delimiter_seen(struct mp_parser *p)
{
    if (p->state == S_DATA && p->cb.part_end && p->cb.part_end(p->ctx)) {
        p->status = MP_STOPPED;
    }
    p->state = S_AFTER;
}

/* One byte of what follows a delimiter: "--" (the end), or padding and CRLF. */
static void after_delimiter(struct mp_parser *p, char c)
{
    int pad = c == ' ' || c == '\t';
    switch (p->state) {
    case S_AFTER:
        if (c == '-') {
            p->state = S_AFTER_DASH;
            return;
        }
        /* fall through */
    case S_AFTER_PAD:
        if (pad || c == '\r') {
            p->state = pad ? S_AFTER_PAD : S_AFTER_CR;
            return;
        }
        break;
    case S_AFTER_DASH:
        if (c == '-') {
            p->state = S_EPILOGUE;
            return;
        }
        break;
    case S_AFTER_CR:
        if (c == '\n') {
            p->state = S_HEADERS;
            p->hlen = 0;
            return;
        }
        break;
    default:
        break;
    }
    bad(p, "the boundary is followed by something else than CRLF or \"--\"");
}

enum mp_status mp_feed(struct mp_parser *p, const char *data, size_t n)
{
    size_t i = 0;
    while (i < n && p->status == MP_OK) {
        switch (p->state) {
        case S_PREAMBLE:
        case S_DATA:
            if (scan(p, data, n, &i)) {
                delimiter_seen(p);
            }
            break;
        case S_HEADERS:
            take_headers(p, data, n, &i);
            break;
        case S_EPILOGUE:
            i = n;
            break;
        default:
            after_delimiter(p, data[i++]);
            break;
        }
    }
    return p->status;
}

enum mp_status mp_finish(struct mp_parser *p)
{
    if (p->status == MP_OK && p->state != S_EPILOGUE) {
        bad(p, "the body ended before the closing boundary");
    }
    return p->status;
}

const char *mp_error(const struct mp_parser *p)
{
    return p->status == MP_BAD ? p->error : NULL;
}
