/* mime.c: the e-mail parser; see mime.h. The message is read in place (spans
   into raw); only what comes out is copied into the arena. */
#include "mime.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "form.h"

static const char REPL[] = "\xEF\xBF\xBD";     /* U+FFFD */

/* ---------------------------------------------------------------- UTF-8 */

/* The length of the valid UTF-8 sequence opening s[0..n), 0 when it is not one
   (overlongs and surrogates are not). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0], min, cp;
    size_t need;
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 1; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; min = 0x10000;
    } else {
        return 0;
    }
    if (n <= need) {
        return 0;
    }
    cp = c & (0x3Fu >> need);
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : need + 1;
}

static void add_cp(struct sbuf *b, unsigned cp)
{
    char u[4];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        sbuf_add(b, REPL, 3);
    } else if (cp < 0x80) {
        sbuf_addc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, u, 4);
    }
}

/* Appends s[0..n), each byte of a broken UTF-8 sequence as U+FFFD. */
static void add_utf8_fixed(struct sbuf *b, const char *s, size_t n)
{
    size_t i = 0, start = 0;
    while (i < n) {
        size_t k = utf8_seq((const unsigned char *)s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        if (i > start) {
            sbuf_add(b, s + start, i - start);
        }
        sbuf_add(b, REPL, 3);
        start = ++i;
    }
    if (i > start) {
        sbuf_add(b, s + start, i - start);
    }
}

/* windows-1252's 0x80-0x9F; the five holes stay the C1 code points, as Latin-1. */
static const unsigned short CP1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static unsigned cp1252(unsigned char c)
{
    return c >= 0x80 && c < 0xA0 ? CP1252[c - 0x80] : c;
}

/* Appends windows-1252 bytes as UTF-8: every byte means something, so this
   never fails (the fallback for unknown charsets). */
static void add_1252(struct sbuf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            continue;
        }
        if (i > start) {
            sbuf_add(b, s + start, i - start);
        }
        add_cp(b, cp1252(c));
        start = i + 1;
    }
    if (n > start) {
        sbuf_add(b, s + start, n - start);
    }
}

/* ---------------------------------------------------------------- charsets */

enum cs_kind { CS_UTF8, CS_GUESS, CS_1252, CS_ICONV };

static enum cs_kind cs_kind(const char *cs)
{
    static const char *const guess[] = { "us-ascii", "ascii", "ansi_x3.4-1968", NULL };
    static const char *const latin[] = { "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                                         "latin-1", "l1", "windows-1252", "cp1252",
                                         "x-cp1252", "cp819", NULL };
    if (!cs || !*cs) {
        return CS_GUESS;
    }
    if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0) {
        return CS_UTF8;
    }
    for (int i = 0; guess[i]; i++) {
        if (strcasecmp(cs, guess[i]) == 0) {
            return CS_GUESS;
        }
    }
    for (int i = 0; latin[i]; i++) {
        if (strcasecmp(cs, latin[i]) == 0) {
            return CS_1252;
        }
    }
    /* Only plain names reach iconv: glibc reads "//" suffixes and more from it. */
    size_t n = strlen(cs);
    if (n > 40 || strspn(cs, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") != n) {
        return CS_1252;
    }
    return CS_ICONV;
}

/* Converts s[0..n) from cs with iconv, appending valid UTF-8 (a byte the
   charset has no meaning for becomes U+FFFD); 0 when iconv does not know cs. */
static int add_iconv(struct sbuf *b, const char *cs, const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1) {
        return 0;
    }
    struct sbuf tmp;
    sbuf_init(&tmp, b->a);
    char buf[1024], *in = (char *)s, *out;
    size_t inleft = n, room;
    while (inleft > 0) {
        out = buf;
        room = sizeof buf;
        size_t r = iconv(cd, &in, &inleft, &out, &room);
        int err = r == (size_t)-1 ? errno : 0;
        sbuf_add(&tmp, buf, (size_t)(out - buf));
        if (err && err != E2BIG) {
            sbuf_add(&tmp, REPL, 3);
            if (err == EINVAL) {
                break;                  /* a sequence cut by the end */
            }
            in++;                       /* skip the byte it cannot read */
            inleft--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    out = buf;
    room = sizeof buf;
    iconv(cd, NULL, NULL, &out, &room);   /* a stateful charset's closing bytes */
    sbuf_add(&tmp, buf, (size_t)(out - buf));
    iconv_close(cd);
    add_utf8_fixed(b, tmp.s, tmp.len);    /* trust, but check */
    return 1;
}

/* Appends s[0..n), in charset cs (NULL: none declared), as valid UTF-8. */
static void add_charset(struct sbuf *b, const char *cs, const char *s, size_t n)
{
    if (n == 0) {
        return;
    }
    switch (cs_kind(cs)) {
    case CS_UTF8:
        add_utf8_fixed(b, s, n);
        break;
    case CS_GUESS:
        if (utf8_valid(s, n)) {
            sbuf_add(b, s, n);
        } else {
            add_1252(b, s, n);
        }
        break;
    case CS_ICONV:
        if (!add_iconv(b, cs, s, n)) {
            add_1252(b, s, n);          /* unknown to iconv */
        }
        break;
    case CS_1252:
        add_1252(b, s, n);
        break;
    }
}

/* ---------------------------------------------------------------- decoders */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t';
}

/* Decodes base64 s[0..n) into dst (room for n bytes); returns the length, or
   -1 at a character that is neither base64, '=' nor white space. Some mailers
   glue encoded blocks together, so decoding goes on after '=' padding; a quantum
   cut by the end keeps its whole bytes. */
static long b64_decode(char *dst, const char *s, size_t n)
{
    size_t o = 0;
    unsigned long acc = 0;
    int k = 0;
    for (size_t i = 0; i <= n; i++) {
        int v = i < n ? b64val((unsigned char)s[i]) : -1;
        if (v >= 0) {
            acc = acc << 6 | (unsigned)v;
            if (++k == 4) {
                dst[o++] = (char)(acc >> 16);
                dst[o++] = (char)(acc >> 8);
                dst[o++] = (char)acc;
                k = 0;
                acc = 0;
            }
            continue;
        }
        if (i < n && s[i] != '=') {
            if (!strchr(" \t\r\n\f\v", s[i]) || s[i] == '\0') {
                return -1;
            }
            continue;
        }
        if (k == 2) {
            dst[o++] = (char)(acc >> 4);
        } else if (k == 3) {
            dst[o++] = (char)(acc >> 10);
            dst[o++] = (char)(acc >> 2);
        }
        k = 0;
        acc = 0;
    }
    return (long)o;
}

/* Decodes quoted-printable s[0..n) into dst (room for n bytes); returns the
   length. Soft line breaks ("=" at a line end, white space allowed before the
   break) go, as does white space at line ends (added in transport); an '='
   that starts nothing is kept. */
static size_t qp_decode(char *dst, const char *s, size_t n)
{
    size_t o = 0, i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '=') {
            int h = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
            int l = h >= 0 ? hexval((unsigned char)s[i + 2]) : -1;
            if (l >= 0) {
                dst[o++] = (char)(h * 16 + l);
                i += 3;
                continue;
            }
            size_t j = i + 1;
            while (j < n && is_ws(s[j])) {
                j++;
            }
            if (j == n || s[j] == '\n' || (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n')) {
                i = j == n ? n : j + (s[j] == '\r' ? 2 : 1);
                continue;
            }
            dst[o++] = c;
            i++;
        } else if (is_ws(c)) {
            size_t j = i;
            while (j < n && is_ws(s[j])) {
                j++;
            }
            int eol = j == n || s[j] == '\n' || (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n');
            if (!eol) {
                memcpy(dst + o, s + i, j - i);
                o += j - i;
            }
            i = j;
        } else {
            dst[o++] = c;
            i++;
        }
    }
    return o;
}

/* ---------------------------------------------------------------- headers */

struct header {
    const char *name;
    size_t nlen;
    const char *value;      /* unfolded, trimmed, valid UTF-8, no control characters */
};

struct headers {
    struct header *v;
    size_t n, cap;
};

struct ctx {
    struct arena *a;
    const char *why;
    int parts;
    struct sbuf plain, html;
    int got_html;
    struct mime_file *files;
    int nfiles, cap;
};

static int fail(struct ctx *c, const char *why)
{
    c->why = why;
    return -1;
}

/* The line starting at s[i] (i < n): returns its end without the line break
   (a CR before the LF goes too); *next is where the next line starts. */
static size_t line_end(const char *s, size_t i, size_t n, size_t *next)
{
    const char *lf = memchr(s + i, '\n', n - i);
    size_t e = lf ? (size_t)(lf - s) : n;
    *next = lf ? e + 1 : n;
    if (e > i && s[e - 1] == '\r') {
        e--;
    }
    return e;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_ws(s[i])) {
            return 0;
        }
    }
    return 1;
}

/* The length of the name of the header line s[0..n) ("Name:" or the old
   "Name :"), 0 when the line is no header. */
static size_t header_name(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] > 32 && (unsigned char)s[i] < 127 && s[i] != ':') {
        i++;
    }
    size_t nl = i;
    while (i < n && is_ws(s[i])) {
        i++;
    }
    return nl > 0 && i < n && s[i] == ':' ? nl : 0;
}

/* s[0..n) as a header value: control characters (NUL, CR...) become spaces,
   ends trimmed, and bytes that are not UTF-8 read as windows-1252 (raw 8-bit
   headers come from old mailers, in Latin-1 more often than not). */
static char *clean_value(struct arena *a, const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)*s <= ' ' || *s == 0x7F)) {
        s++;
        n--;
    }
    while (n > 0 && ((unsigned char)s[n - 1] <= ' ' || s[n - 1] == 0x7F)) {
        n--;
    }
    char *t = arena_strndup(a, s, n);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)t[i] < ' ' || t[i] == 0x7F) {
            t[i] = ' ';
        }
    }
    if (utf8_valid(t, n)) {
        return t;
    }
    struct sbuf b;
    sbuf_init(&b, a);
    add_1252(&b, t, n);
    return b.s;
}

static void header_add(struct arena *a, struct headers *h, const char *name, size_t nlen,
                       const char *value)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        struct header *v = arena_alloc(a, cap * sizeof *v);
        if (h->n) {
            memcpy(v, h->v, h->n * sizeof *v);
        }
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n++] = (struct header){ name, nlen, value };
}

/* The value of the header whose first line is s[i..e) with the colon at
   colon, joined with its continuation lines (unfolding drops only the line
   breaks); *next: the line after them. -1 past MIME_MAX_HEADER_BYTES. */
static int unfold(struct ctx *c, const char *s, size_t n, size_t colon, size_t e, size_t *next,
                  const char **value)
{
    size_t total = e - colon - 1, j = *next;
    while (j < n && is_ws(s[j])) {
        size_t nx, e2 = line_end(s, j, n, &nx);
        if (blank(s + j, e2 - j)) {
            break;
        }
        if (nx > MIME_MAX_HEADER_BYTES) {
            return fail(c, "header too long");
        }
        total += e2 - j;
        j = nx;
    }
    char *v = arena_alloc(c->a, total + 1);
    size_t o = e - colon - 1;
    memcpy(v, s + colon + 1, o);
    for (size_t k = *next; k < j;) {
        size_t nx, e2 = line_end(s, k, n, &nx);
        memcpy(v + o, s + k, e2 - k);
        o += e2 - k;
        k = nx;
    }
    *next = j;
    *value = clean_value(c->a, v, o);
    return 0;
}

/* Reads the header block at s[0..n) into h; *body: where the body starts.
   The block ends at the first blank line (spaces only count as blank: some
   mailers leave them). strict (the message itself): a line that is no header
   before it is "no header/body separator"; in a part it starts the body. */
static int read_headers(struct ctx *c, const char *s, size_t n, int strict,
                        struct headers *h, size_t *body)
{
    size_t i = 0;
    memset(h, 0, sizeof *h);
    while (i < n) {
        size_t next, e = line_end(s, i, n, &next);
        if (next > MIME_MAX_HEADER_BYTES) {
            return fail(c, "header too long");
        }
        if (blank(s + i, e - i)) {
            *body = next;
            return 0;
        }
        size_t nl = header_name(s + i, e - i);
        if (nl == 0) {
            if (strict) {
                return fail(c, "no header/body separator");
            }
            *body = i;
            return 0;
        }
        const char *colon = memchr(s + i, ':', e - i), *value;
        if (unfold(c, s, n, (size_t)(colon - s), e, &next, &value)) {
            return -1;
        }
        header_add(c->a, h, s + i, nl, value);
        i = next;
    }
    *body = n;
    return 0;
}

/* The first header called name (lower case), or NULL: single-valued headers
   count once, and a second one is more often forged than meant. */
static const char *hget(const struct headers *h, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < h->n; i++) {
        if (h->v[i].nlen == n && strncasecmp(h->v[i].name, name, n) == 0) {
            return h->v[i].value;
        }
    }
    return NULL;
}

static char *lower(char *s)
{
    for (char *c = s; c && *c; c++) {
        if (*c >= 'A' && *c <= 'Z') {
            *c = (char)(*c - 'A' + 'a');
        }
    }
    return s;
}

/* ---------------------------------------------------------------- parameters */

#define MAX_SECTIONS 100        /* RFC 2231 continuations of one parameter */

struct mparam {
    char *name;                 /* lower case, without the *N* marks */
    int section;                /* N of name*N, -1 when none */
    int ext;                    /* name* or name*N*: charset'lang'%XX */
    const char *value;          /* unquoted */
};

/* A structured header value: "main; a=1; b=\"x\"" (Content-Type, -Disposition). */
struct hvalue {
    char *main;                 /* lower case, trimmed; "" when absent */
    struct mparam *p;
    size_t np;
};

/* Sets p's name, section and ext from the raw name s[0..n); 0 when it is no
   usable name. */
static int param_name(struct arena *a, const char *s, size_t n, struct mparam *p)
{
    p->ext = n > 1 && s[n - 1] == '*';
    n -= (size_t)p->ext;
    p->section = -1;
    const char *star = memchr(s, '*', n);
    if (star) {
        size_t digits = n - (size_t)(star + 1 - s);
        if (digits == 0 || digits > 2 || strspn(star + 1, "0123456789") < digits) {
            return 0;
        }
        p->section = (star[1] - '0') * (digits == 2 ? 10 : 1) + (digits == 2 ? star[2] - '0' : 0);
        n = (size_t)(star - s);
    }
    p->name = lower(arena_strndup(a, s, n));
    return n > 0;
}

/* Reads one parameter value at s (after '='): a quoted string (with \
   escapes; unclosed: up to the end) or up to the next ';', trimmed (sloppy
   mailers send unquoted names with spaces). Returns where it ends. */
static const char *param_value(struct arena *a, const char *s, const char **value)
{
    if (*s == '"') {
        size_t n = strlen(++s), o = 0;
        char *v = arena_alloc(a, n + 1);
        while (*s && *s != '"') {
            if (*s == '\\' && s[1]) {
                s++;
            }
            v[o++] = *s++;
        }
        *value = v;
        return *s ? s + 1 : s;
    }
    const char *e = strchr(s, ';');
    if (!e) {
        e = s + strlen(s);
    }
    size_t n = (size_t)(e - s);
    while (n > 0 && is_ws(s[n - 1])) {
        n--;
    }
    *value = arena_strndup(a, s, n);
    return e;
}

/* Parses a Content-Type or Content-Disposition value (NULL: an empty one).
   A malformed parameter is skipped, not fatal. */
static void parse_hvalue(struct arena *a, const char *v, struct hvalue *out)
{
    memset(out, 0, sizeof *out);
    if (!v) {
        out->main = "";
        return;
    }
    size_t n = strcspn(v, ";");
    while (n > 0 && is_ws(v[n - 1])) {
        n--;
    }
    out->main = lower(arena_strndup(a, v, n));
    size_t cap = 1;
    for (const char *c = v; *c; c++) {
        cap += *c == ';';
    }
    out->p = arena_alloc(a, cap * sizeof *out->p);
    const char *s = strchr(v, ';');
    while (s && *s) {
        while (*s == ';' || is_ws(*s)) {
            s++;
        }
        size_t nl = strcspn(s, "=;");
        const char *eq = s + nl;
        size_t raw = nl;
        while (raw > 0 && is_ws(s[raw - 1])) {
            raw--;
        }
        if (*eq != '=') {
            s = eq;
            continue;
        }
        const char *vs = eq + 1;
        while (is_ws(*vs)) {
            vs++;
        }
        struct mparam p;
        const char *end = param_value(a, vs, &p.value);
        if (out->np < cap && param_name(a, s, raw, &p)) {
            out->p[out->np++] = p;
        }
        s = strchr(end, ';');
    }
}

/* The first plain (name=value) parameter, undecoded: boundary, charset. */
static const char *param_raw(const struct hvalue *h, const char *name)
{
    for (size_t i = 0; i < h->np; i++) {
        if (h->p[i].section < 0 && !h->p[i].ext && strcmp(h->p[i].name, name) == 0) {
            return h->p[i].value;
        }
    }
    return NULL;
}

/* Appends the %XX-decoded s (an RFC 2231 extended value); a stray '%' stays. */
static void add_pct(struct sbuf *b, const char *s)
{
    for (; *s; s++) {
        int h = *s == '%' ? hexval((unsigned char)s[1]) : -1;
        int l = h >= 0 ? hexval((unsigned char)s[2]) : -1;
        if (l >= 0) {
            sbuf_addc(b, (char)(h * 16 + l));
            s += 2;
        } else {
            sbuf_addc(b, *s);
        }
    }
}

/* An RFC 2231 extended first value: "charset'lang'rest": sets *cs (copied)
   and returns rest; no quotes: no charset, all of it is rest. */
static const char *ext_charset(struct arena *a, const char *v, const char **cs)
{
    const char *q1 = strchr(v, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
    if (!q2) {
        *cs = NULL;
        return v;
    }
    *cs = arena_strndup(a, v, (size_t)(q1 - v));
    return q2 + 1;
}

/* A parameter's value as UTF-8, or NULL: name* (RFC 2231) wins over the
   continuations name*0, name*1... which win over name= (RFC 2047 words in it
   decoded: Outlook and Gmail write file names that way). */
static char *param(struct arena *a, const struct hvalue *h, const char *name)
{
    const struct mparam *plain = NULL, *ext = NULL, *seg[MAX_SECTIONS] = { NULL };
    for (size_t i = 0; i < h->np; i++) {
        const struct mparam *p = &h->p[i];
        if (strcmp(p->name, name) != 0) {
            continue;
        }
        if (p->section >= 0) {
            seg[p->section] = seg[p->section] ? seg[p->section] : p;
        } else if (p->ext) {
            ext = ext ? ext : p;
        } else {
            plain = plain ? plain : p;
        }
    }
    const char *cs = NULL;
    struct sbuf bytes, out;
    sbuf_init(&bytes, a);
    sbuf_init(&out, a);
    if (ext) {
        add_pct(&bytes, ext_charset(a, ext->value, &cs));
    } else if (seg[0]) {
        for (int k = 0; k < MAX_SECTIONS && seg[k]; k++) {
            const char *v = seg[k]->value;
            if (seg[k]->ext) {
                add_pct(&bytes, k == 0 ? ext_charset(a, v, &cs) : v);
            } else {
                sbuf_adds(&bytes, v);
            }
        }
    } else {
        return plain ? mime_decode_header(a, plain->value) : NULL;
    }
    add_charset(&out, cs, bytes.s, bytes.len);
    return out.s;
}

/* ---------------------------------------------------------------- RFC 2047 */

#define EW_MAX 1000     /* RFC 2047 says 75; some mailers go past it, none this far */

struct ew {
    char cs[48];            /* the charset without RFC 2231's "*lang" */
    char enc;               /* 'b' or 'q' */
    const char *text;
    size_t tlen;
    size_t len;             /* of the whole "=?...?=" */
};

/* 1 when s[0..n) opens with an encoded-word "=?charset?B|Q?text?=". */
static int ew_parse(const char *s, size_t n, struct ew *w)
{
    if (n > EW_MAX) {
        n = EW_MAX;
    }
    if (n < 8 || s[0] != '=' || s[1] != '?') {
        return 0;
    }
    size_t i = 2;
    while (i < n && (unsigned char)s[i] > ' ' && (unsigned char)s[i] < 127 && s[i] != '?') {
        i++;
    }
    if (i == 2 || i + 2 >= n || s[i] != '?' || s[i + 2] != '?') {
        return 0;
    }
    size_t cl = strcspn(s + 2, "*?");
    if (cl >= sizeof w->cs) {
        cl = sizeof w->cs - 1;      /* no such charset: read as windows-1252 */
    }
    memcpy(w->cs, s + 2, cl);
    w->cs[cl] = '\0';
    w->enc = (char)(s[i + 1] | 0x20);
    if (w->enc != 'b' && w->enc != 'q') {
        return 0;
    }
    size_t t = i + 3, j = t;
    while (j + 1 < n && !(s[j] == '?' && s[j + 1] == '=')) {
        if ((unsigned char)s[j] <= ' ' || s[j] == 0x7F) {
            return 0;
        }
        j++;
    }
    if (j + 1 >= n) {
        return 0;
    }
    w->text = s + t;
    w->tlen = j - t;
    w->len = j + 2;
    return 1;
}

/* The bytes of an encoded-word into d (room for w->tlen); -1 when its base64
   is broken (the word then stays as it is). */
static long ew_decode(const struct ew *w, char *d)
{
    if (w->enc == 'b') {
        return b64_decode(d, w->text, w->tlen);
    }
    size_t o = 0;
    for (size_t i = 0; i < w->tlen; i++) {
        char c = w->text[i];
        int h = c == '=' && i + 2 < w->tlen ? hexval((unsigned char)w->text[i + 1]) : -1;
        int l = h >= 0 ? hexval((unsigned char)w->text[i + 2]) : -1;
        if (l >= 0) {
            d[o++] = (char)(h * 16 + l);
            i += 2;
        } else {
            d[o++] = c == '_' ? ' ' : c;
        }
    }
    return (long)o;
}

/* 1 when a decodable encoded-word opens s[0..n); its bytes in *d, *dn. */
static int ew_at(struct arena *a, const char *s, size_t n, struct ew *w, char **d, long *dn)
{
    if (n < 8 || s[0] != '=' || !ew_parse(s, n, w)) {
        return 0;
    }
    *d = arena_alloc(a, w->tlen + 1);
    *dn = ew_decode(w, *d);
    return *dn >= 0;
}

char *mime_decode_header(struct arena *a, const char *value)
{
    if (!value) {
        return arena_strdup(a, "");
    }
    size_t n = strlen(value);
    const char *v = value;
    if (!utf8_valid(v, n)) {
        struct sbuf t;
        sbuf_init(&t, a);
        add_1252(&t, v, n);
        v = t.s;
        n = t.len;
    }
    struct sbuf out, pend;
    sbuf_init(&out, a);
    sbuf_init(&pend, a);
    char cs[48] = "";
    int pending = 0;
    size_t i = 0;
    while (i < n) {
        struct ew w;
        char *d;
        long dn;
        if (ew_at(a, v + i, n - i, &w, &d, &dn)) {
            /* Adjacent words in one charset are joined first: a character
               may be split between them. */
            if (pending && strcasecmp(cs, w.cs) != 0) {
                add_charset(&out, cs, pend.s, pend.len);
                pend.len = 0;
            }
            memcpy(cs, w.cs, sizeof cs);
            pending = 1;
            if (dn > 0) {
                sbuf_add(&pend, d, (size_t)dn);
            }
            i += w.len;
            size_t j = i;
            while (j < n && (is_ws(v[j]) || v[j] == '\r' || v[j] == '\n')) {
                j++;
            }
            if (j > i && ew_at(a, v + j, n - j, &w, &d, &dn)) {
                i = j;          /* white space between encoded-words is no text */
            }
            continue;
        }
        if (pending) {
            add_charset(&out, cs, pend.s, pend.len);
            pend.len = 0;
            pending = 0;
        }
        sbuf_addc(&out, v[i++]);
    }
    if (pending) {
        add_charset(&out, cs, pend.s, pend.len);
    }
    for (size_t k = 0; k < out.len; k++) {
        if ((unsigned char)out.s[k] < ' ' || out.s[k] == 0x7F) {
            out.s[k] = ' ';
        }
    }
    return out.s;
}

/* ---------------------------------------------------------------- addresses */

/* The addr-spec s[0..n) trimmed and lower-cased, or NULL when it is not
   local@domain without spaces (a source route "@a,@b:" before it goes). */
static const char *clean_addr(struct arena *a, const char *s, size_t n)
{
    const char *colon = memrchr(s, ':', n);
    if (colon) {
        n -= (size_t)(colon + 1 - s);
        s = colon + 1;
    }
    while (n > 0 && is_ws(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_ws(s[n - 1])) {
        n--;
    }
    const char *at = memrchr(s, '@', n);
    if (n == 0 || n > 254 || !at || at == s || at == s + n - 1) {
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] <= ' ' || strchr("<>()[],;:\"\\", s[i]) || s[i] == 0x7F) {
            return NULL;
        }
    }
    return lower(arena_strndup(a, s, n));
}

/* The display name: encoded-words decoded, white space collapsed, and the
   quotes some mailers wrap it in twice ('Juan') gone. */
static const char *clean_name(struct arena *a, const char *raw)
{
    char *d = mime_decode_header(a, raw);
    size_t o = 0;
    for (size_t i = 0; d[i]; i++) {
        if (d[i] != ' ' || (o > 0 && d[o - 1] != ' ')) {
            d[o++] = d[i];
        }
    }
    while (o > 0 && d[o - 1] == ' ') {
        o--;
    }
    d[o] = '\0';
    if (o >= 2 && ((d[0] == '\'' && d[o - 1] == '\'') || (d[0] == '"' && d[o - 1] == '"'))) {
        d[o - 1] = '\0';
        d++;
    }
    return d;
}

/* Skips the comment opening at v[i] ("(...)", nested, with \ escapes),
   keeping its text in c; returns where it ends. */
static size_t comment(const char *v, size_t i, struct sbuf *c)
{
    int depth = 0;
    c->len = 0;
    c->s[0] = '\0';
    for (; v[i]; i++) {
        char ch = v[i];
        if (ch == '\\' && v[i + 1]) {
            sbuf_addc(c, v[++i]);
        } else if (ch == '(' && depth++ == 0) {
            continue;                   /* the comment's own parenthesis */
        } else if (ch == ')' && --depth == 0) {
            return i + 1;
        } else {
            sbuf_addc(c, ch);
        }
    }
    return i;
}

/* The first mailbox of an address list: "Name <addr>", "\"Name\" <addr>",
   "addr", "addr (Name)", inside a group "team: a, b;" too. */
static void mailbox(struct arena *a, const char *v, const char **addr, const char **name)
{
    *addr = NULL;
    *name = "";
    if (!v) {
        return;
    }
    struct sbuf phrase, com;
    sbuf_init(&phrase, a);
    sbuf_init(&com, a);
    const char *angle = NULL;
    size_t alen = 0, i = 0;
    while (v[i] && !angle) {
        char ch = v[i];
        if (ch == '"') {
            for (i++; v[i] && v[i] != '"'; i++) {
                i += v[i] == '\\' && v[i + 1];
                sbuf_addc(&phrase, v[i]);
            }
            i += v[i] == '"';
        } else if (ch == '(') {
            i = comment(v, i, &com);
        } else if (ch == '<') {
            angle = v + i + 1;
            alen = strcspn(angle, ">");
        } else if ((ch == ',' || ch == ';') && !blank(phrase.s, phrase.len)) {
            break;                      /* the first mailbox ended */
        } else if (ch == ':' || ch == ',' || ch == ';') {
            phrase.len = 0;             /* a group's name, or an empty element */
            phrase.s[0] = '\0';
            i++;
        } else {
            sbuf_addc(&phrase, ch);
            i++;
        }
    }
    if (angle) {
        *addr = clean_addr(a, angle, alen);
        *name = clean_name(a, blank(phrase.s, phrase.len) ? com.s : phrase.s);
    } else {
        *addr = clean_addr(a, phrase.s, phrase.len);
        *name = clean_name(a, com.s);
    }
}

/* The msg-id inside the first <...> (white space inside it dropped: long ids
   get folded), or a bare id with '@' when there are no brackets; NULL when none. */
static const char *msg_id(struct arena *a, const char *v, const char **rest)
{
    if (rest) {
        *rest = NULL;
    }
    if (!v) {
        return NULL;
    }
    const char *s = strchr(v, '<'), *e;
    if (s) {
        s++;
        e = strchr(s, '>');
        if (!e) {
            return NULL;
        }
        if (rest) {
            *rest = e + 1;
        }
    } else {
        s = v + strspn(v, " \t");
        e = s + strcspn(s, " \t");
        if (!memchr(s, '@', (size_t)(e - s))) {
            return NULL;
        }
    }
    char *id = arena_alloc(a, (size_t)(e - s) + 1);
    size_t o = 0;
    for (const char *c = s; c < e; c++) {
        if (*c == '<' || *c == '>') {
            return NULL;                /* "<a<b>", "a@b>": a broken id */
        }
        if (!is_ws(*c)) {
            id[o++] = *c;
        }
    }
    return o ? id : NULL;
}

/* Every <msg-id> of References, space-separated; NULL when there is none. */
static const char *references(struct arena *a, const char *v)
{
    struct sbuf b;
    sbuf_init(&b, a);
    const char *rest = v;
    while (rest && strchr(rest, '<')) {
        const char *id = msg_id(a, rest, &rest);
        if (id) {
            sbuf_addf(&b, "%s<%s>", b.len ? " " : "", id);
        }
    }
    return b.len ? b.s : NULL;
}

/* ---------------------------------------------------------------- the body */

/* Appends decoded text as mime.h promises: CRLF and lone CR become LF; NUL
   and other control characters but tab go (a NUL would cut the string). */
static void add_text(struct sbuf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= ' ' && c != 0x7F) {
            continue;
        }
        if (c == '\t' || c == '\n') {
            continue;
        }
        if (i > start) {
            sbuf_add(b, s + start, i - start);
        }
        if (c == '\r') {
            if (i + 1 < n && s[i + 1] == '\n') {
                start = i + 1;
                continue;
            }
            sbuf_addc(b, '\n');
        }
        start = i + 1;
    }
    if (n > start) {
        sbuf_add(b, s + start, n - start);
    }
}

/* Which body kinds an enclosing multipart/alternative has given already:
   its parts say one thing in several ways, so only the first of each counts. */
struct alt {
    int plain, html;
};

static void add_body(struct ctx *c, int plain, const struct hvalue *ct, const char *d,
                     size_t n, struct alt *alt)
{
    if (alt) {
        int *got = plain ? &alt->plain : &alt->html;
        if (*got) {
            return;
        }
        *got = 1;
    }
    struct sbuf *b = plain ? &c->plain : &c->html;
    c->got_html |= !plain;
    if (b->len) {
        sbuf_adds(b, b->s[b->len - 1] == '\n' ? "\n" : "\n\n");
    }
    struct sbuf u;
    sbuf_init(&u, c->a);
    add_charset(&u, param_raw(ct, "charset"), d, n);
    add_text(b, u.s, u.len);
}

static void add_file(struct ctx *c, const char *name, const char *type, const char *d, size_t n)
{
    if (c->nfiles == c->cap) {
        int cap = c->cap ? c->cap * 2 : 4;
        struct mime_file *f = arena_alloc(c->a, (size_t)cap * sizeof *f);
        if (c->nfiles) {
            memcpy(f, c->files, (size_t)c->nfiles * sizeof *f);
        }
        c->files = f;
        c->cap = cap;
    }
    c->files[c->nfiles++] = (struct mime_file){ name, type, d, n };
}

/* A file name as given, made safe to show and store: the last path part
   only, no control characters, trimmed, at most MIME_MAX_NAME bytes (cut at
   a character); NULL when nothing is left ("", ".", ".."). */
static const char *file_name(struct arena *a, const struct hvalue *cd, const struct hvalue *ct)
{
    char *f = param(a, cd, "filename");
    if (!f) {
        f = param(a, ct, "name");
    }
    if (!f) {
        return NULL;
    }
    for (char *p = f; *p; p++) {
        if (*p == '/' || *p == '\\') {
            f = p + 1;
        }
    }
    size_t o = 0;
    for (size_t i = 0; f[i]; i++) {
        if ((unsigned char)f[i] >= ' ' && f[i] != 0x7F) {
            f[o++] = f[i];
        }
    }
    while (o > 0 && f[o - 1] == ' ') {
        o--;
    }
    f[o] = '\0';
    while (*f == ' ') {
        f++;
        o--;
    }
    if (o > MIME_MAX_NAME) {
        o = MIME_MAX_NAME;
        while (o > 0 && ((unsigned char)f[o] & 0xC0) == 0x80) {
            o--;                        /* not inside a character */
        }
    }
    f[o] = '\0';
    return o == 0 || strcmp(f, ".") == 0 || strcmp(f, "..") == 0 ? NULL : f;
}

/* 1 when the Content-Transfer-Encoding value v is the mechanism m. */
static int cte_is(const char *v, const char *m)
{
    size_t n = strlen(m);
    return v && strncasecmp(v, m, n) == 0 && (v[n] == '\0' || v[n] == ';' || is_ws(v[n]));
}

/* A leaf part: the body text, a file, or nothing (see mime.h). */
static int leaf(struct ctx *c, const struct headers *h, const struct hvalue *ct,
                const char *s, size_t n, struct alt *alt)
{
    const char *cte = hget(h, "content-transfer-encoding");
    char *d = arena_alloc(c->a, n + 1);
    size_t dn = n;
    if (cte_is(cte, "base64")) {
        long r = b64_decode(d, s, n);
        if (r < 0) {
            return fail(c, "bad base64");
        }
        dn = (size_t)r;
    } else if (cte_is(cte, "quoted-printable")) {
        dn = qp_decode(d, s, n);
    } else if (n) {
        memcpy(d, s, n);
    }
    d[dn] = '\0';
    if (strcmp(ct->main, "message/rfc822") == 0) {
        /* Not read into: a forwarded message is the customer's document. */
        add_file(c, "mensaje.eml", "message/rfc822", d, dn);
        return 0;
    }
    struct hvalue cd;
    parse_hvalue(c->a, hget(h, "content-disposition"), &cd);
    int attach = strcmp(cd.main, "attachment") == 0;
    const char *name = file_name(c->a, &cd, ct);
    int plain = strcmp(ct->main, "text/plain") == 0, html = strcmp(ct->main, "text/html") == 0;
    if ((plain || html) && !attach && !name) {
        add_body(c, plain, ct, d, dn, alt);
    } else if (attach || name) {
        add_file(c, name ? name : "", ct->main, d, dn);
    }
    return 0;
}

/* 1 when the line l[0..n) is "--boundary" (an opening delimiter), 2 when it
   is "--boundary--" (the closing one); white space may follow. */
static int delimiter(const char *l, size_t n, const char *b, size_t blen)
{
    if (n < blen + 2 || l[0] != '-' || l[1] != '-' || memcmp(l + 2, b, blen) != 0) {
        return 0;
    }
    size_t i = blen + 2;
    int close = n - i >= 2 && l[i] == '-' && l[i + 1] == '-';
    i += close ? 2 : 0;
    return blank(l + i, n - i) ? 1 + close : 0;
}

static int content(struct ctx *c, const struct headers *h, const char *s, size_t n,
                   int depth, struct alt *alt);

static int part(struct ctx *c, const char *s, size_t n, int depth, struct alt *alt)
{
    struct headers h;
    size_t body;
    if (++c->parts > MIME_MAX_PARTS) {
        return fail(c, "too many parts");
    }
    if (read_headers(c, s, n, 0, &h, &body)) {
        return -1;
    }
    return content(c, &h, s + body, n - body, depth, alt);
}

/* The parts of a multipart body s[0..n). The preamble before the first
   delimiter and the epilogue after the last are dropped; the line break
   before a delimiter belongs to it, not to the part. */
static int multipart(struct ctx *c, const char *s, size_t n, const char *b, int depth,
                     struct alt *alt)
{
    size_t blen = strlen(b), i = 0, start = SIZE_MAX;
    while (i < n) {
        size_t next, e = line_end(s, i, n, &next);
        int k = delimiter(s + i, e - i, b, blen);
        if (k && start != SIZE_MAX) {
            size_t end = i;
            end -= end > start && s[end - 1] == '\n';
            end -= end > start && s[end - 1] == '\r';
            if (part(c, s + start, end - start, depth, alt)) {
                return -1;
            }
        }
        if (k == 2) {
            return 0;
        }
        if (k == 1) {
            start = next;
        }
        i = next;
    }
    return fail(c, "unterminated multipart");
}

/* An entity's body s[0..n), read by its Content-Type. depth: the multiparts
   around it. */
static int content(struct ctx *c, const struct headers *h, const char *s, size_t n,
                   int depth, struct alt *alt)
{
    struct hvalue ct;
    parse_hvalue(c->a, hget(h, "content-type"), &ct);
    /* RFC 2045: no type, or a broken one, is text/plain. */
    const char *slash = strchr(ct.main, '/');
    if (!slash || slash == ct.main || !slash[1] || strpbrk(ct.main, " \t")) {
        ct.main = "text/plain";
    }
    if (strncmp(ct.main, "multipart/", 10) != 0) {
        return leaf(c, h, &ct, s, n, alt);
    }
    if (depth >= MIME_MAX_DEPTH) {
        return fail(c, "nesting too deep");
    }
    const char *b = param_raw(&ct, "boundary");
    if (!b || !*b) {
        return fail(c, "multipart without boundary");
    }
    struct alt mine = { 0, 0 };
    int is_alt = strcmp(ct.main, "multipart/alternative") == 0;
    return multipart(c, s, n, b, depth + 1, is_alt ? &mine : alt);
}

/* The text of the message: text/plain, unless it is only white space and
   there is HTML (some mailers send an empty plain alternative). */
static const char *body_text(struct ctx *c)
{
    char *t = c->plain.s;
    size_t n = c->plain.len;
    while (n > 0 && (is_ws(t[n - 1]) || t[n - 1] == '\n')) {
        n--;
    }
    t[n] = '\0';
    t += strspn(t, "\n");
    if (*t || !c->got_html) {
        return t;
    }
    return mime_html_text(c->a, c->html.s, c->html.len);
}

int mime_parse(struct arena *a, const char *raw, size_t len, struct mime_message *m, const char **why)
{
    const char *ignored;
    why = why ? why : &ignored;
    *why = NULL;
    memset(m, 0, sizeof *m);
    if (!raw || len == 0) {
        *why = "empty message";
        return -1;
    }
    struct ctx c = { .a = a };
    sbuf_init(&c.plain, a);
    sbuf_init(&c.html, a);
    /* An mbox "From " line is no header: a file saved from a mailbox has it. */
    size_t start = 0;
    if (len >= 5 && memcmp(raw, "From ", 5) == 0) {
        line_end(raw, 0, len, &start);
    }
    struct headers h;
    size_t body;
    if (read_headers(&c, raw + start, len - start, 1, &h, &body) ||
        content(&c, &h, raw + start + body, len - start - body, 0, NULL)) {
        *why = c.why;
        return -1;
    }
    m->message_id = msg_id(a, hget(&h, "message-id"), NULL);
    m->in_reply_to = msg_id(a, hget(&h, "in-reply-to"), NULL);
    m->references = references(a, hget(&h, "references"));
    mailbox(a, hget(&h, "from"), &m->from_addr, &m->from_name);
    const char *unused;
    mailbox(a, hget(&h, "reply-to"), &m->reply_to, &unused);
    m->to = mime_decode_header(a, hget(&h, "to"));
    m->subject = mime_decode_header(a, hget(&h, "subject"));
    m->date = hget(&h, "date");
    m->auto_submitted = hget(&h, "auto-submitted");
    m->precedence = lower(arena_strdup(a, hget(&h, "precedence")));
    m->list = hget(&h, "list-id") || hget(&h, "list-unsubscribe");
    m->text = body_text(&c);
    m->html = c.got_html ? c.html.s : NULL;
    m->files = c.files;
    m->nfiles = c.nfiles;
    return 0;
}

/* ---------------------------------------------------------------- HTML */

static const struct entity {
    const char *name;
    unsigned cp;
} ENTITIES[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", ' ' }, { "aacute", 0xE1 }, { "eacute", 0xE9 }, { "iacute", 0xED },
    { "oacute", 0xF3 }, { "uacute", 0xFA }, { "Aacute", 0xC1 }, { "Eacute", 0xC9 },
    { "Iacute", 0xCD }, { "Oacute", 0xD3 }, { "Uacute", 0xDA }, { "ntilde", 0xF1 },
    { "Ntilde", 0xD1 }, { "uuml", 0xFC }, { "Uuml", 0xDC }, { "iexcl", 0xA1 },
    { "iquest", 0xBF }, { "agrave", 0xE0 }, { "egrave", 0xE8 }, { "igrave", 0xEC },
    { "ograve", 0xF2 }, { "ugrave", 0xF9 }, { "acirc", 0xE2 }, { "ecirc", 0xEA },
    { "icirc", 0xEE }, { "ocirc", 0xF4 }, { "ucirc", 0xFB }, { "auml", 0xE4 },
    { "euml", 0xEB }, { "iuml", 0xEF }, { "ouml", 0xF6 }, { "atilde", 0xE3 },
    { "otilde", 0xF5 }, { "ccedil", 0xE7 }, { "Ccedil", 0xC7 }, { "szlig", 0xDF },
    { "laquo", 0xAB }, { "raquo", 0xBB }, { "copy", 0xA9 }, { "reg", 0xAE },
    { "deg", 0xB0 }, { "ordf", 0xAA }, { "ordm", 0xBA }, { "middot", 0xB7 },
    { "sect", 0xA7 }, { "para", 0xB6 }, { "times", 0xD7 }, { "divide", 0xF7 },
    { "pound", 0xA3 }, { "cent", 0xA2 }, { "yen", 0xA5 }, { "euro", 0x20AC },
    { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "lsquo", 0x2018 },
    { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bull", 0x2022 },
    { "trade", 0x2122 }, { "ensp", ' ' }, { "emsp", ' ' }, { "thinsp", ' ' },
    { "shy", 0 }, { "zwnj", 0 }, { "zwj", 0 },
};

/* The text being built: white space is collapsed as a browser does, except
   inside <pre>. */
struct hout {
    struct sbuf b;
    int space;              /* white space seen, not yet written */
    int pre;                /* <pre> depth */
};

static char h_last(const struct hout *o)
{
    return o->b.len ? o->b.s[o->b.len - 1] : '\n';
}

/* Writes the pending space, unless at a line start or after a space. */
static void h_space(struct hout *o)
{
    if (o->space && h_last(o) != '\n' && h_last(o) != ' ') {
        sbuf_addc(&o->b, ' ');
    }
    o->space = 0;
}

static void h_text(struct hout *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (ws && o->pre && c != '\r' && c != '\f') {
            sbuf_addc(&o->b, (char)c);
        } else if (ws) {
            o->space |= !o->pre;
        } else if (c >= ' ' && c != 0x7F) {
            h_space(o);
            sbuf_addc(&o->b, (char)c);
        }
    }
}

/* A line break: hard (<br>) always writes one; soft (blocks) only ends the
   current line. Spaces before it go. */
static void h_break(struct hout *o, int hard)
{
    o->space = 0;
    while (o->b.len && (o->b.s[o->b.len - 1] == ' ' || o->b.s[o->b.len - 1] == '\t')) {
        o->b.len--;
    }
    o->b.s[o->b.len] = '\0';
    if (hard || h_last(o) != '\n') {
        sbuf_addc(&o->b, '\n');
    }
}

/* Decodes the entity at s[i] ('&'); returns where it ends, or i + 1 when it
   is none (the '&' is then text). */
static size_t h_entity(struct hout *o, const char *s, size_t i, size_t n)
{
    size_t j = i + 1, k;
    unsigned long cp = 0;
    if (j < n && s[j] == '#') {
        int hex = j + 1 < n && (s[j + 1] | 0x20) == 'x';
        for (k = j + 1 + (size_t)hex; k < n && k < j + 10 && hexval((unsigned char)s[k]) >= 0 &&
                                      (hex || (s[k] >= '0' && s[k] <= '9')); k++) {
            cp = cp * (hex ? 16 : 10) + (unsigned long)hexval((unsigned char)s[k]);
        }
        if (k == j + 1 + (size_t)hex || k >= n || s[k] != ';') {
            return i + 1;
        }
        if (cp >= 0x80 && cp < 0xA0) {
            cp = cp1252((unsigned char)cp);     /* what HTML5 does with &#150; */
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp = 0xFFFD;
        }
    } else {
        for (k = j; k < n && k < j + 10 && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'); k++) {
        }
        if (k == j || k >= n || s[k] != ';') {
            return i + 1;
        }
        const struct entity *e = NULL;
        for (size_t x = 0; x < sizeof ENTITIES / sizeof *ENTITIES && !e; x++) {
            if (strlen(ENTITIES[x].name) == k - j && memcmp(ENTITIES[x].name, s + j, k - j) == 0) {
                e = &ENTITIES[x];
            }
        }
        for (size_t x = 0; x < sizeof ENTITIES / sizeof *ENTITIES && !e; x++) {
            if (strlen(ENTITIES[x].name) == k - j && strncasecmp(ENTITIES[x].name, s + j, k - j) == 0) {
                e = &ENTITIES[x];
            }
        }
        if (!e) {
            return i + 1;
        }
        cp = e->cp;
        if (cp == 0) {
            return k + 1;                       /* invisible: &shy; &zwnj; */
        }
    }
    if (cp == ' ') {
        h_space(o);                             /* &nbsp; is a space that stays: */
        sbuf_add(&o->b, "\xC2\xA0", 2);         /* U+00A0 until h_finish */
    } else if (cp < ' ' || cp == 0x7F) {
        if (cp == '\t' || cp == '\n') {
            o->space = 1;
        }
    } else {
        h_space(o);
        add_cp(&o->b, (unsigned)cp);
    }
    return k + 1;
}

/* Where the tag whose name ends at s[i] ends (after its '>'), or n. A '>'
   inside a quoted attribute value does not end it. */
static size_t tag_end(const char *s, size_t i, size_t n)
{
    char q = 0, prev = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (q) {
            q = c == q ? 0 : q;
        } else if ((c == '"' || c == '\'') && prev == '=') {
            q = c;
        } else if (c == '>') {
            return i + 1;
        } else if (!strchr(" \t\r\n", c) || c == '\0') {
            prev = c;
        }
    }
    return n;
}

/* Where needle (lower case) next occurs in s[i..n) ignoring case, or n. */
static size_t find_ci(const char *s, size_t i, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (; i + m <= n; i++) {
        if ((s[i] | 0x20) == needle[0] && strncasecmp(s + i, needle, m) == 0) {
            return i;
        }
    }
    return n;
}

static int name_in(const char *name, const char *const *list)
{
    for (int i = 0; list[i]; i++) {
        if (strcmp(name, list[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* What a tag does to the text. */
static void h_tag(struct hout *o, const char *name, int close)
{
    static const char *const blocks[] = {
        "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
        "blockquote", "hr", "section", "article", "header", "footer", "aside", "nav",
        "center", "dl", "dt", "dd", "address", "form", "fieldset", "figure", "main",
        "caption", "body", "html", NULL,
    };
    if (strcmp(name, "br") == 0) {
        h_break(o, 1);
    } else if (strcmp(name, "pre") == 0) {
        h_break(o, 0);
        o->pre += close ? (o->pre > 0 ? -1 : 0) : 1;
    } else if (strcmp(name, "li") == 0 && !close) {
        h_break(o, 0);
        sbuf_adds(&o->b, "- ");
    } else if (name_in(name, blocks)) {
        h_break(o, 0);
    } else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
        o->space = 1;
    }
}

/* Skips what follows an opening <script>, <style>, <title> or <head> tag
   (ending at end): up to after its closing tag. A <head> left open ends at
   <body>, or is no head at all; the others run to the end. *missing
   remembers what a search did not find (1: "</head", 2: "<body"), so that
   many heads cost one search each, not one per head. */
static size_t h_skip(const char *s, size_t end, size_t n, const char *name, int *missing)
{
    char close[16];
    snprintf(close, sizeof close, "</%s", name);
    int head = strcmp(name, "head") == 0;
    size_t k = head && (*missing & 1) ? n : find_ci(s, end, n, close);
    if (k < n) {
        return tag_end(s, k + strlen(close), n);
    }
    if (!head) {
        return n;
    }
    *missing |= 1;
    k = *missing & 2 ? n : find_ci(s, end, n, "<body");
    if (k == n) {
        *missing |= 2;
        return end;
    }
    return k;
}

/* Collapses what h_tag built: no-break spaces become plain ones, line-end
   spaces go, blank lines (white space only: Outlook's "<p>&nbsp;</p>" is
   its blank line) shrink to one between text lines and none at either end. */
static char *h_finish(struct arena *a, const char *in, size_t len)
{
    char *s = arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int nbsp = in[i] == '\xC2' && i + 1 < len && in[i + 1] == '\xA0';
        s[n++] = nbsp ? ' ' : in[i];
        i += (size_t)nbsp;
    }
    struct sbuf o;
    sbuf_init(&o, a);
    int blank_seen = 0;
    size_t i = 0;
    while (i < n) {
        const char *lf = memchr(s + i, '\n', n - i);
        size_t e = lf ? (size_t)(lf - s) : n, t = e;
        while (t > i && is_ws(s[t - 1])) {
            t--;
        }
        if (t == i || blank(s + i, t - i)) {
            blank_seen = 1;
        } else {
            if (o.len) {
                sbuf_add(&o, "\n\n", blank_seen ? 2 : 1);
            }
            sbuf_add(&o, s + i, t - i);
            blank_seen = 0;
        }
        i = lf ? e + 1 : n;
    }
    return o.s;
}

char *mime_html_text(struct arena *a, const char *html, size_t len)
{
    struct sbuf in;
    sbuf_init(&in, a);
    if (html && len) {
        add_utf8_fixed(&in, html, len);
    }
    const char *s = in.s;
    size_t n = in.len, i = 0;
    int missing = 0;
    struct hout o = { .space = 0 };
    sbuf_init(&o.b, a);
    while (i < n) {
        char c = s[i];
        if (c == '&') {
            size_t k = h_entity(&o, s, i, n);
            if (k == i + 1) {
                h_text(&o, "&", 1);             /* no entity: "a & b" */
            }
            i = k;
            continue;
        }
        if (c != '<' || i + 1 >= n) {
            size_t j = i + 1;
            while (j < n && s[j] != '<' && s[j] != '&') {
                j++;
            }
            h_text(&o, s + i, j - i);
            i = j;
            continue;
        }
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            size_t k = i + 4;
            while (k + 3 <= n && memcmp(s + k, "-->", 3) != 0) {
                k++;
            }
            i = k + 3 <= n ? k + 3 : n;
            continue;
        }
        if (s[i + 1] == '!' || s[i + 1] == '?') {
            i = tag_end(s, i + 2, n);           /* <!DOCTYPE>, <?xml?> */
            continue;
        }
        int close = s[i + 1] == '/';
        size_t j = i + 1 + (size_t)close, k = j;
        while (k < n && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (s[k] >= '0' && s[k] <= '9'))) {
            k++;
        }
        if (k == j || !(((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))) {
            h_text(&o, "<", 1);                 /* "a < b": not a tag */
            i++;
            continue;
        }
        char name[12] = "";
        if (k - j < sizeof name) {
            memcpy(name, s + j, k - j);
            name[k - j] = '\0';
            lower(name);
        }
        i = tag_end(s, k, n);
        if (!close && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
                       strcmp(name, "title") == 0 || strcmp(name, "head") == 0)) {
            i = h_skip(s, i, n, name, &missing);
            continue;
        }
        h_tag(&o, name, close);
    }
    return h_finish(a, o.b.s, o.b.len);
}
