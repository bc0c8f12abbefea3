/* test_form: the request parsers in lib/form.c (urlencoded, cookies, UTF-8, Accept-Language). */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "t.h"

static struct arena *A;
static struct params P;         /* the list from the last url()/cookies() call */

static const char *status_name(enum form_status st)
{
    switch (st) {
    case FORM_OK: return "FORM_OK";
    case FORM_BAD_ENCODING: return "FORM_BAD_ENCODING";
    case FORM_BAD_UTF8: return "FORM_BAD_UTF8";
    case FORM_TOO_MANY: return "FORM_TOO_MANY";
    }
    return "?";
}

/* "name=value|name=value" for the whole list, to compare in one check. */
static const char *dump(const struct params *p)
{
    struct sbuf b;
    sbuf_init(&b, A);
    for (size_t i = 0; i < p->n; i++) {
        if (i) sbuf_addc(&b, '|');
        sbuf_addf(&b, "%s=%s", p->v[i].name, p->v[i].value);
    }
    return b.s;
}

/* Checks the status of a parse, and the pairs when want_pairs is not NULL. */
static void check(const char *what, enum form_status st, enum form_status want, const char *want_pairs)
{
    T_OK(st == want, "%s -> %s", what, status_name(want));
    if (st != want) printf("#   got %s\n", status_name(st));
    if (want_pairs) {
        T_STR(dump(&P), want_pairs, "%s: pairs", what);
    }
}

/* Parses the first n bytes of s into a fresh P (n < 0: all of s). */
static void url_n(const char *s, long n, size_t max, enum form_status want, const char *want_pairs,
                  const char *what)
{
    memset(&P, 0, sizeof P);
    size_t len = n < 0 ? strlen(s) : (size_t)n;
    check(what, form_parse_urlencoded(A, s, len, &P, max), want, want_pairs);
}

static void url(const char *s, enum form_status want, const char *want_pairs, const char *what)
{
    url_n(s, -1, 100, want, want_pairs, what);
}

static void cookies(const char *hdr, size_t max, enum form_status want, const char *want_pairs,
                    const char *what)
{
    memset(&P, 0, sizeof P);
    check(what, form_parse_cookies(A, hdr, &P, max), want, want_pairs);
}

static void test_urlencoded_basic(void)
{
    url("a=1&b=hello", FORM_OK, "a=1|b=hello", "plain pairs");
    T_OK(P.n == 2 && P.v[0].len == 1 && P.v[1].len == 5, "lengths of plain values");
    T_STR(params_get(&P, "b"), "hello", "params_get finds b");
    T_STR(params_get(&P, "c"), NULL, "params_get of an absent name is NULL");
    T_STR(params_get(&P, "A"), NULL, "params_get is case-sensitive");

    url("q=hola+mundo&x=a+%2B+b", FORM_OK, "q=hola mundo|x=a + b", "'+' is a space, %2B a plus");
    url("my+key=1", FORM_OK, "my key=1", "'+' in a name is a space");

    url("n=%C3%B1and%C3%BA&m=%c3%b1", FORM_OK, "n=\xC3\xB1" "and\xC3\xBA|m=\xC3\xB1",
        "upper and lowercase %XX decode to UTF-8");
    T_OK(P.n == 2 && P.v[0].len == 7 && P.v[1].len == 2, "len counts decoded bytes");
    url("a=%41%4a%4A%7e%25%26%3D", FORM_OK, "a=AJJ~%&=", "mixed-case hex");
    url("e=%F0%9F%98%80", FORM_OK, "e=\xF0\x9F\x98\x80", "4-byte UTF-8 (emoji)");
    url("a=\xC3\xB1", FORM_OK, "a=\xC3\xB1", "raw (unencoded) valid UTF-8");
    url("%6Eame=v", FORM_OK, "name=v", "percent-encoded name");

    url("a=b=c&d==", FORM_OK, "a=b=c|d==", "'=' inside a value (split at the first '=')");
    url("a=1;b=2&c=3", FORM_OK, "a=1|b=2|c=3", "';' separates like '&'");

    url("flag&b=2", FORM_OK, "flag=|b=2", "a name without '=' has an empty value");
    T_OK(P.n == 2 && P.v[0].len == 0 && P.v[0].value[0] == '\0', "its value is \"\" with len 0");
    url("a=&b=", FORM_OK, "a=|b=", "empty values are kept");

    url("a=1&a=2&b=3&a=4", FORM_OK, "a=1|a=2|b=3|a=4", "repeated keys are all kept");
    T_STR(params_get(&P, "a"), "1", "params_get returns the first of a repeated key");

    url("=x&&a=1&=&;;&=y", FORM_OK, "a=1", "empty names and empty items are skipped");
    url("", FORM_OK, "", "empty input");
    url("&", FORM_OK, "", "\"&\" alone");
    url("a=1&", FORM_OK, "a=1", "a trailing '&'");

    url_n("a=1&b=2", 3, 100, FORM_OK, "a=1", "only len bytes are parsed");
    url_n("a=x\0y", 5, 100, FORM_BAD_ENCODING, NULL, "a raw NUL byte in the input");
}

static void test_urlencoded_bad(void)
{
    url("a=%zz", FORM_BAD_ENCODING, NULL, "%zz");
    url("a=%4", FORM_BAD_ENCODING, NULL, "%4 at the end");
    url("a=%4&b=1", FORM_BAD_ENCODING, NULL, "%4 before '&'");
    url("a=%", FORM_BAD_ENCODING, NULL, "'%' at the end");
    url("a=x%", FORM_BAD_ENCODING, NULL, "'x%' at the end");
    url("a=%g1", FORM_BAD_ENCODING, NULL, "%g1");
    url("a=%1g", FORM_BAD_ENCODING, NULL, "%1g");
    url("a=%%41", FORM_BAD_ENCODING, NULL, "%%41");
    url("%zz=1", FORM_BAD_ENCODING, NULL, "bad encoding in a name");
    url("a=%00", FORM_BAD_ENCODING, NULL, "%00");
    url("a=x%00y", FORM_BAD_ENCODING, NULL, "%00 inside a value");
    url("%00=1", FORM_BAD_ENCODING, NULL, "%00 in a name");
    url("a=1&b=%zz&c=3", FORM_BAD_ENCODING, NULL, "a bad pair after a good one");

    url("a=%C3%28", FORM_BAD_UTF8, NULL, "%C3%28");
    url("a=%C0%AF", FORM_BAD_UTF8, NULL, "overlong %C0%AF");
    url("a=%E0%80%AF", FORM_BAD_UTF8, NULL, "overlong %E0%80%AF");
    url("a=%ED%A0%80", FORM_BAD_UTF8, NULL, "surrogate %ED%A0%80");
    url("a=%F4%90%80%80", FORM_BAD_UTF8, NULL, "past U+10FFFF %F4%90%80%80");
    url("a=%C3", FORM_BAD_UTF8, NULL, "truncated %C3");
    url("a=%FF", FORM_BAD_UTF8, NULL, "%FF");
    url("a=\xC3(", FORM_BAD_UTF8, NULL, "raw invalid UTF-8");
    url("%C3%28=1", FORM_BAD_UTF8, NULL, "invalid UTF-8 in a name");
}

static void test_urlencoded_limits(void)
{
    url_n("a=1&b=2&c=3", -1, 3, FORM_OK, "a=1|b=2|c=3", "exactly max pairs");
    url_n("a=1&b=2&c=3&d=4", -1, 3, FORM_TOO_MANY, NULL, "max+1 pairs");
    url_n("a=1", -1, 0, FORM_TOO_MANY, NULL, "max 0 and one pair");
    url_n("", -1, 0, FORM_OK, "", "max 0 and no pairs");
    url_n("=1&=2&=3&a=1", -1, 1, FORM_OK, "a=1", "skipped empty names do not count toward max");

    /* Appending: a second call adds to the list, and max counts the whole list. */
    url_n("a=1", -1, 3, FORM_OK, "a=1", "first call (query string)");
    check("second call appends", form_parse_urlencoded(A, "b=2&c=3", 7, &P, 3), FORM_OK, "a=1|b=2|c=3");
    check("third call past the max", form_parse_urlencoded(A, "d=4", 3, &P, 3), FORM_TOO_MANY, NULL);

    /* A 1 MB body of "a=b&". */
    size_t reps = 1024 * 1024 / 4, len = reps * 4;
    char *big = malloc(len + 1);
    for (size_t i = 0; i < reps; i++) {
        memcpy(big + i * 4, "a=b&", 4);
    }
    big[len] = '\0';
    url_n(big, (long)len, reps, FORM_OK, NULL, "1 MB body of a=b& with max = its pair count");
    int all = P.n == reps;
    for (size_t i = 0; all && i < P.n; i++) {
        all = strcmp(P.v[i].name, "a") == 0 && strcmp(P.v[i].value, "b") == 0 && P.v[i].len == 1;
    }
    T_OK(all, "1 MB body: %zu pairs, every one a=b (got %zu)", reps, P.n);
    url_n(big, (long)len, reps - 1, FORM_TOO_MANY, NULL, "1 MB body with max one short");
    url_n(big, (long)len, 500, FORM_TOO_MANY, NULL, "1 MB body with max 500");
    T_OK(P.n == 500, "it stops at the max (n=%zu)", P.n);

    /* One 1 MB value. */
    memcpy(big, "v=", 2);
    memset(big + 2, 'x', len - 2);
    url_n(big, (long)len, 10, FORM_OK, NULL, "one 1 MB value");
    T_OK(P.n == 1 && P.v[0].len == len - 2 && strlen(P.v[0].value) == len - 2 &&
         P.v[0].value[0] == 'x' && P.v[0].value[len - 3] == 'x', "one 1 MB value: intact");
    free(big);
}

static void test_cookies(void)
{
    cookies("atiende_session=abc; lang=es", 10, FORM_OK, "atiende_session=abc|lang=es", "normal cookies");
    T_STR(params_get(&P, "lang"), "es", "params_get on cookies");
    cookies("  a=1 ;   b=2\t;\tc=3  ", 10, FORM_OK, "a=1|b=2|c=3", "spaces and tabs around items");
    cookies("a=1;b=2;;;c=3;", 10, FORM_OK, "a=1|b=2|c=3", "no spaces, empty items");

    cookies("a=\"quoted\"; b=\"\"; c=\"x\"  ", 10, FORM_OK, "a=quoted|b=|c=x", "quoted values lose their quotes");
    T_OK(P.n == 3 && P.v[0].len == 6 && P.v[1].len == 0, "quoted value lengths");

    cookies("flag; a=1; other", 10, FORM_OK, "a=1", "items without '=' are skipped");
    cookies("=1; a=2; =", 10, FORM_OK, "a=2", "items with an empty name are skipped");
    cookies("a b=1; a(b=2; a@b=3; a,b=4; a/b=5; a\"b=6; ok=7; a:b=8; a?b=9; a\x01" "b=10; \xC3\xB1=11; a{b=12",
            10, FORM_OK, "ok=7", "names with invalid characters are skipped");
    cookies("a=x y; b=x\"y; c=\"x y\"; d=x\\y; e=\"; f=\"x; g=ok; h=\x01; i=\x7f", 10, FORM_OK, "g=ok",
            "values with spaces, quotes, backslashes or control characters are skipped");
    cookies("a= 1; b=2", 10, FORM_OK, "b=2", "a value with a leading space is skipped");
    cookies("a=b=c; d==", 10, FORM_OK, "a=b=c|d==", "'=' in a cookie value is kept");

    cookies("a=1; a=2", 10, FORM_OK, "a=1|a=2", "repeated cookies are both kept");
    T_STR(params_get(&P, "a"), "1", "params_get returns the first repeated cookie");

    /* Values must be valid UTF-8 (struct param's promise in form.h). */
    cookies("a=\xFF; b=\xC3(; c=\xED\xA0\x80; d=ok", 10, FORM_OK, "d=ok",
            "cookie values that are not valid UTF-8 are skipped");
    cookies("n=\xC3\xB1", 10, FORM_OK, "n=\xC3\xB1", "a valid UTF-8 cookie value is kept");

    cookies("a=1; b=2; c=3", 3, FORM_OK, "a=1|b=2|c=3", "exactly max cookies");
    cookies("a=1; b=2; c=3; d=4", 3, FORM_TOO_MANY, NULL, "max+1 cookies");
    cookies("a=1; b=2; c=3; bad; x y=1", 3, FORM_OK, "a=1|b=2|c=3", "skipped items do not count toward max");

    cookies(NULL, 10, FORM_OK, "", "NULL header");
    cookies("", 10, FORM_OK, "", "empty header");
    cookies(" ; ;\t", 10, FORM_OK, "", "only separators");
}

static void test_utf8(void)
{
    T_OK(utf8_valid("", 0) == 1, "empty is valid UTF-8");
    T_OK(utf8_valid("plain ascii", 11) == 1, "ASCII is valid");
    T_OK(utf8_valid("a\0b", 3) == 1, "a NUL byte is valid UTF-8 (the parsers refuse it separately)");
    T_OK(utf8_valid("\xC2\x80", 2) == 1, "U+0080 (C2 80) is valid");
    T_OK(utf8_valid("\xC3\xB1", 2) == 1, "n with tilde is valid");
    T_OK(utf8_valid("\xE2\x82\xAC", 3) == 1, "euro sign (3 bytes) is valid");
    T_OK(utf8_valid("\xEF\xBF\xBF", 3) == 1, "U+FFFF is valid");
    T_OK(utf8_valid("\xED\x9F\xBF", 3) == 1, "U+D7FF (just below the surrogates) is valid");
    T_OK(utf8_valid("\xEE\x80\x80", 3) == 1, "U+E000 (just above the surrogates) is valid");
    T_OK(utf8_valid("\xF0\x9F\x98\x80", 4) == 1, "4-byte emoji is valid");
    T_OK(utf8_valid("\xF4\x8F\xBF\xBF", 4) == 1, "U+10FFFF is valid");
    T_OK(utf8_valid("\xF4\x90\x80\x80", 4) == 0, "U+110000 is invalid");
    T_OK(utf8_valid("\xF5\x80\x80\x80", 4) == 0, "0xF5 lead byte is invalid");
    T_OK(utf8_valid("\xFF", 1) == 0, "0xFF is invalid");
    T_OK(utf8_valid("\xFE", 1) == 0, "0xFE is invalid");
    T_OK(utf8_valid("\x80", 1) == 0, "a lone continuation byte is invalid");
    T_OK(utf8_valid("\xC0\x80", 2) == 0, "overlong NUL (C0 80) is invalid");
    T_OK(utf8_valid("\xC1\xBF", 2) == 0, "overlong C1 BF is invalid");
    T_OK(utf8_valid("\xE0\x80\xAF", 3) == 0, "overlong E0 80 AF is invalid");
    T_OK(utf8_valid("\xE0\x9F\xBF", 3) == 0, "overlong E0 9F BF is invalid");
    T_OK(utf8_valid("\xF0\x8F\xBF\xBF", 4) == 0, "overlong F0 8F BF BF is invalid");
    T_OK(utf8_valid("\xED\xA0\x80", 3) == 0, "surrogate U+D800 is invalid");
    T_OK(utf8_valid("\xED\xBF\xBF", 3) == 0, "surrogate U+DFFF is invalid");
    T_OK(utf8_valid("\xC3", 1) == 0, "truncated 2-byte sequence is invalid");
    T_OK(utf8_valid("\xE2\x82", 2) == 0, "truncated 3-byte sequence is invalid");
    T_OK(utf8_valid("\xF0\x9F\x98", 3) == 0, "truncated 4-byte sequence is invalid");
    T_OK(utf8_valid("\xF0\x9F\x98\x80", 3) == 0, "a valid emoji cut by n is invalid");
    T_OK(utf8_valid("ab\xC3", 3) == 0, "truncated sequence at the end is invalid");
    T_OK(utf8_valid("\xC3(", 2) == 0, "bad continuation byte is invalid");
    T_OK(utf8_valid("\xE2\x28\xA1", 3) == 0, "bad second byte of 3 is invalid");
    T_OK(utf8_valid("\xF0\x9F\x98\x28", 4) == 0, "bad last byte of 4 is invalid");
    T_OK(utf8_valid("\xC3\xB1\xC3\xB1\xF0\x9F\x98\x80x", 9) == 1, "a valid mix is valid");
}

static void test_accept_language(void)
{
    T_STR(form_accept_language("es-CO,es;q=0.9,en;q=0.8"), "es", "es-CO,es;q=0.9,en;q=0.8 -> es");
    T_STR(form_accept_language("en-US,en;q=0.9"), "en", "en-US,en;q=0.9 -> en");
    T_STR(form_accept_language("fr,en;q=0.5"), "en", "fr,en;q=0.5 -> en");
    T_STR(form_accept_language("fr"), NULL, "fr -> NULL");
    T_STR(form_accept_language("en;q=0.2,es;q=0.8"), "es", "en;q=0.2,es;q=0.8 -> es");
    T_STR(form_accept_language(NULL), NULL, "NULL -> NULL");
    T_STR(form_accept_language(""), NULL, "\"\" -> NULL");
    T_STR(form_accept_language("es"), "es", "es -> es");
    T_STR(form_accept_language("EN-gb"), "en", "tags are case-insensitive");
    T_STR(form_accept_language("es_CO"), "es", "es_CO -> es");
    T_STR(form_accept_language("en, es"), "en", "equal q: the first wins");
    T_STR(form_accept_language("es;q=0.5, en;q=0.5"), "es", "equal explicit q: the first wins");
    T_STR(form_accept_language("fr-FR, en-US ; q=0.7 , es ;q=0.6"), "en", "spaces around ';' and ','");
    T_STR(form_accept_language("es;q=0"), NULL, "q=0 means not acceptable");
    T_STR(form_accept_language("en;q=0.1,es;q=0"), "en", "q=0 never beats a positive q");
    T_STR(form_accept_language("esperanto,eng,e"), NULL, "esperanto/eng/e are not es/en");
    T_STR(form_accept_language("*"), NULL, "* -> NULL");
    T_STR(form_accept_language("fr;q=0.9,es;level=1;q=0.4"), "es", "other parameters before q");

    /* Garbage must not crash (and must not match). */
    static const char *const garbage[] = {
        ",,,,", ";;;", ";q=", "q=1", ";q=1,", "es;q=", "es;", ";", " ", "-", "en-",
        "\xff\xfe", "es;q=abc", "es;q=;q=;q=", "\t\r\n", ",;,;,;q=0.9", NULL,
    };
    for (int i = 0; garbage[i]; i++) {
        (void)form_accept_language(garbage[i]);
    }
    T_OK(1, "garbage Accept-Language headers do not crash");
    T_STR(form_accept_language(";q=1,,;"), NULL, "garbage matches nothing");
}

int main(void)
{
    A = arena_new();
    test_urlencoded_basic();
    test_urlencoded_bad();
    test_urlencoded_limits();
    test_cookies();
    test_utf8();
    test_accept_language();
    arena_free(A);
    return t_done();
}
