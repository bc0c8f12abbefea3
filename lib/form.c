/* form.c: urlencoded, cookie and Accept-Language parsing; see form.h. */
#include "form.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1; min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; min = 0x10000;
        } else {
            return 0;
        }
        if (n - i <= need) {
            return 0;
        }
        unsigned cp = c & (0x3F >> need);
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        i += need + 1;
    }
    return 1;
}

void params_add(struct arena *a, struct params *p, const char *name,
                const char *value, size_t len)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        struct param *v = arena_alloc(a, cap * sizeof *v);
        if (p->n) {
            memcpy(v, p->v, p->n * sizeof *v);
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n].name = arena_strdup(a, name);
    p->v[p->n].value = arena_strndup(a, value, len);
    p->v[p->n].len = len;
    p->n++;
}

const char *params_get(const struct params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->v[i].name, name) == 0) {
            return p->v[i].value;
        }
    }
    return NULL;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) into dst (room for n+1); returns the decoded length or -1. */
static long url_decode(char *dst, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            dst[o++] = ' ';
        } else if (c == '%') {
            if (i + 2 >= n) {
                return -1;
            }
            int h = hexval((unsigned char)s[i + 1]), l = hexval((unsigned char)s[i + 2]);
            if (h < 0 || l < 0 || (h == 0 && l == 0)) {
                return -1;
            }
            dst[o++] = (char)(h * 16 + l);
            i += 2;
        } else if (c == '\0') {
            return -1;
        } else {
            dst[o++] = c;
        }
    }
    dst[o] = '\0';
    return (long)o;
}

enum form_status form_parse_urlencoded(struct arena *a, const char *s, size_t len,
                                       struct params *out, size_t max_pairs)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&' && s[end] != ';') {
            end++;
        }
        size_t eq = i;
        while (eq < end && s[eq] != '=') {
            eq++;
        }
        if (eq > i) {
            if (out->n >= max_pairs) {
                return FORM_TOO_MANY;
            }
            size_t vstart = eq < end ? eq + 1 : end;
            char *name = arena_alloc(a, eq - i + 1);
            char *value = arena_alloc(a, end - vstart + 1);
            long nl = url_decode(name, s + i, eq - i);
            long vl = url_decode(value, s + vstart, end - vstart);
            if (nl < 0 || vl < 0) {
                return FORM_BAD_ENCODING;
            }
            if (!utf8_valid(name, (size_t)nl) || !utf8_valid(value, (size_t)vl)) {
                return FORM_BAD_UTF8;
            }
            params_add(a, out, name, value, (size_t)vl);
        }
        i = end + 1;
    }
    return FORM_OK;
}

static int cookie_name_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !strchr("()<>@,;:\\\"/[]?={}", c);
}

enum form_status form_parse_cookies(struct arena *a, const char *hdr,
                                    struct params *out, size_t max_pairs)
{
    const char *p = hdr;
    while (p && *p) {
        while (*p == ' ' || *p == '\t' || *p == ';') {
            p++;
        }
        const char *item = p;
        while (*p && *p != ';') {
            p++;
        }
        const char *eq = memchr(item, '=', (size_t)(p - item));
        if (!eq || eq == item) {
            continue;
        }
        int ok = 1;
        for (const char *c = item; c < eq; c++) {
            ok = ok && cookie_name_char((unsigned char)*c);
        }
        const char *v = eq + 1, *vend = p;
        while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t')) {
            vend--;
        }
        if (vend - v >= 2 && *v == '"' && vend[-1] == '"') {
            v++;
            vend--;
        }
        for (const char *c = v; c < vend; c++) {
            ok = ok && (unsigned char)*c > 0x20 && *c != '"' && *c != '\\' && *c != 0x7F;
        }
        if (!ok || !utf8_valid(v, (size_t)(vend - v))) {
            continue;
        }
        if (out->n >= max_pairs) {
            return FORM_TOO_MANY;
        }
        char *name = arena_strndup(a, item, (size_t)(eq - item));
        params_add(a, out, name, v, (size_t)(vend - v));
    }
    return FORM_OK;
}

const char *form_accept_language(const char *hdr)
{
    static const char *const supported[] = { "es", "en" };
    const char *best = NULL;
    double best_q = 0.0;
    const char *p = hdr;
    while (p && *p) {
        while (*p == ' ' || *p == ',') {
            p++;
        }
        const char *tag = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ') {
            p++;
        }
        size_t tlen = (size_t)(p - tag);
        double q = 1.0;
        while (*p && *p != ',') {
            if (*p == ';') {
                const char *qs = p + 1;
                while (*qs == ' ') qs++;
                if (qs[0] == 'q' && qs[1] == '=') {
                    q = strtod(qs + 2, NULL);
                    q = q > 1.0 || !(q >= 0.0) ? 0.0 : q;
                }
            }
            p++;
        }
        for (size_t k = 0; k < sizeof supported / sizeof *supported; k++) {
            if (tlen >= 2 && strncasecmp(tag, supported[k], 2) == 0 &&
                (tlen == 2 || tag[2] == '-' || tag[2] == '_') && q > best_q) {
                best = supported[k];
                best_q = q;
            }
        }
    }
    return best;
}

int date_valid(const char *s)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10) {
        return 0;
    }
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1000 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days[m - 1] + (m == 2 && leap);
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

char *utf8_prefix(struct arena *a, const char *s, size_t n)
{
    const char *p = s;
    for (size_t k = 0; *p && k <= n; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && k++ == n) {
            break;
        }
    }
    return arena_printf(a, "%.*s", (int)(p - s), s);
}
