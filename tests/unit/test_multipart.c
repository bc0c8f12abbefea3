/* test_multipart: the streaming multipart/form-data parser in lib/multipart.c.
   Every body is parsed whole and in pieces of 1, 2, 3, 5, 7, 13 and 64 bytes;
   each piece is a fresh malloc'd copy, so ASan sees any read past a piece or
   any pointer kept after mp_feed returned. */
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "t.h"

static struct arena *A;

/* What the callbacks saw, as one string: "[name file=f type=t]content[/]" per
   part, with bytes below 0x20, 0x7F and '\' written as \xHH. */
struct rec {
    struct sbuf out;
    int begins, ends, data_calls;
    size_t bytes;
    unsigned long sum;      /* of the content bytes */
    int stop_begin;         /* part_begin returns nonzero for this part (1-based); 0: never */
    int stop_data;          /* part_data returns nonzero on this call (1-based); 0: never */
    int stop_end;           /* part_end returns nonzero for this part (1-based); 0: never */
    int stopped;            /* a callback returned nonzero */
    int after_stop;         /* callbacks that ran after that */
    int empty_data;         /* part_data calls with n == 0 */
    int quiet;              /* keep no transcript (big bodies) */
};

static void add_escaped(struct sbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || c == '\\') {
            sbuf_addf(b, "\\x%02X", c);
        } else {
            sbuf_addc(b, (char)c);
        }
    }
}

static int on_begin(void *ctx, const struct mp_part *p)
{
    struct rec *r = ctx;
    r->after_stop += r->stopped;
    r->begins++;
    if (!r->quiet) {
        sbuf_addf(&r->out, "[%s", p->name);
        if (p->filename) sbuf_addf(&r->out, " file=%s", p->filename);
        if (p->content_type[0]) sbuf_addf(&r->out, " type=%s", p->content_type);
        sbuf_addc(&r->out, ']');
    }
    return r->stopped = r->begins == r->stop_begin;
}

static int on_data(void *ctx, const char *data, size_t n)
{
    struct rec *r = ctx;
    r->after_stop += r->stopped;
    r->empty_data += n == 0;
    r->data_calls++;
    r->bytes += n;
    for (size_t i = 0; i < n; i++) r->sum += (unsigned char)data[i];
    if (!r->quiet) add_escaped(&r->out, data, n);
    return r->stopped = r->data_calls == r->stop_data;
}

static int on_end(void *ctx)
{
    struct rec *r = ctx;
    r->after_stop += r->stopped;
    r->ends++;
    if (!r->quiet) sbuf_adds(&r->out, "[/]");
    return r->stopped = r->ends == r->stop_end;
}

static const struct mp_callbacks CB = { on_begin, on_data, on_end };

static const char *status_name(enum mp_status st)
{
    switch (st) {
    case MP_OK: return "MP_OK";
    case MP_STOPPED: return "MP_STOPPED";
    case MP_BAD: return "MP_BAD";
    }
    return "?";
}

/* Parses body[0..len) with boundary b, fed in pieces of chunk bytes (0: whole),
   then mp_finish when the feeds were MP_OK. *why gets mp_error. */
static enum mp_status run(const char *b, const char *body, size_t len, size_t chunk,
                          struct rec *r, const char **why)
{
    sbuf_init(&r->out, A);
    struct mp_parser *p = mp_new(A, b, &CB, r);
    if (!p) {
        *why = "mp_new gave NULL";
        return MP_BAD;
    }
    enum mp_status st = MP_OK;
    size_t step = chunk ? chunk : len;
    for (size_t i = 0; i < len && st == MP_OK; i += step) {
        size_t n = len - i < step ? len - i : step;
        char *piece = malloc(n);
        memcpy(piece, body + i, n);
        st = mp_feed(p, piece, n);
        free(piece);
    }
    if (st == MP_OK) {
        st = mp_finish(p);
    }
    *why = mp_error(p);
    return st;
}

static int stop_begin;         /* for expect(): part_begin stops at this part */

static const size_t CHUNKS[] = { 1, 2, 3, 5, 7, 13, 64 };
#define NCHUNKS (sizeof CHUNKS / sizeof *CHUNKS)

/* Checks that the body parses to want (status and transcript), whole and in
   every piece size. want_why: a part of mp_error's text when MP_BAD is wanted. */
static void expect(const char *what, const char *b, const char *body, size_t len,
                   enum mp_status want, const char *want_parts, const char *want_why)
{
    struct rec r = { .stop_begin = stop_begin };
    const char *why;
    enum mp_status st = run(b, body, len, 0, &r, &why);
    T_OK(st == want, "%s -> %s", what, status_name(want));
    if (st != want) printf("#   got %s (%s)\n", status_name(st), why ? why : "");
    if (want_parts) {
        T_STR(r.out.s, want_parts, "%s: parts and bytes", what);
    }
    if (want_why) {
        T_OK(why && strstr(why, want_why), "%s: the error says \"%s\"", what, want_why);
        if (!why || !strstr(why, want_why)) printf("#   got \"%s\"\n", why ? why : "(null)");
    }
    T_OK(r.empty_data == 0 && r.after_stop == 0 && r.ends <= r.begins && r.begins <= r.ends + 1,
         "%s: callbacks balanced, none after a stop, no empty data", what);
    int same = 1;
    for (size_t k = 0; k < NCHUNKS; k++) {
        struct rec c = { .stop_begin = r.stop_begin };
        const char *cwhy;
        enum mp_status cst = run(b, body, len, CHUNKS[k], &c, &cwhy);
        if (cst != st || strcmp(c.out.s, r.out.s) != 0 || c.empty_data || c.after_stop ||
            (why && (!cwhy || strcmp(why, cwhy) != 0))) {
            printf("#   fed %zu bytes at a time: %s \"%s\" (%s)\n", CHUNKS[k], status_name(cst),
                   c.out.s, cwhy ? cwhy : "");
            same = 0;
        }
    }
    T_OK(same, "%s: the same fed 1, 2, 3, 5, 7, 13, 64 bytes at a time", what);
}

#define BODY(lit) lit, sizeof lit - 1
#define GOOD(what, b, body, parts) expect(what, b, BODY(body), MP_OK, parts, NULL)
#define BAD(what, b, body, why) expect(what, b, BODY(body), MP_BAD, NULL, why)

/* "Content-Disposition: form-data; name=..." headers of one part, for brevity. */
#define CD "Content-Disposition: form-data; "

static void test_boundary(void)
{
    T_STR(mp_boundary(A, "multipart/form-data; boundary=AaB03x"), "AaB03x", "unquoted boundary");
    T_STR(mp_boundary(A, "multipart/form-data; boundary=\"a b:c?\""), "a b:c?",
          "quoted boundary with a space and bchars");
    T_STR(mp_boundary(A, "multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
          "----WebKitFormBoundary7MA4YWxkTrZu0gW", "Chrome's boundary, no space after ';'");
    T_STR(mp_boundary(A, "Multipart/Form-Data; BOUNDARY=x"), "x",
          "type and parameter names are case-insensitive");
    T_STR(mp_boundary(A, "  multipart/form-data ; charset=utf-8 ;boundary = \"q\" ; x=1 "), "q",
          "spaces around ';' and '=', other parameters before and after");
    T_STR(mp_boundary(A, "multipart/form-data; boundary=x;"), "x", "a trailing ';'");
    char b70[71], ct[128];
    memset(b70, 'b', 70);
    b70[70] = '\0';
    snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b70);
    T_STR(mp_boundary(A, ct), b70, "a 70-char boundary");
    snprintf(ct, sizeof ct, "multipart/form-data; boundary=%sb", b70);
    T_STR(mp_boundary(A, ct), NULL, "a 71-char boundary -> NULL");

    static const char *const bad[] = {
        "multipart/form-data", "multipart/form-data;", "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"", "multipart/mixed; boundary=x",
        "text/plain; boundary=x", "application/x-www-form-urlencoded", "",
        "multipart/form-datax; boundary=x", "multipart/form-data boundary=x",
        "multipart/form-data; boundary=x; boundary=y", "multipart/form-data; boundary=\"x",
        "multipart/form-data; boundary=\"x \"", "multipart/form-data; boundary=a\\b",
        "multipart/form-data; boundary=\"a\"b", "multipart/form-data; boundary=\"a\\\"b\"",
        "multipart/form-data; boundary=\"a\xC3\xB1\"", "multipart/form-data; =x; boundary=y",
        "multipart/form-data; boundary", NULL,
    };
    for (int i = 0; bad[i]; i++) {
        T_STR(mp_boundary(A, bad[i]), NULL, "mp_boundary(\"%s\") -> NULL", bad[i]);
    }
    T_STR(mp_boundary(A, NULL), NULL, "mp_boundary(NULL) -> NULL");

    T_OK(mp_new(A, "", &CB, NULL) == NULL, "mp_new with an empty boundary -> NULL");
    T_OK(mp_new(A, NULL, &CB, NULL) == NULL, "mp_new with a NULL boundary -> NULL");
    T_OK(mp_new(A, "a\r\nb", &CB, NULL) == NULL, "mp_new with CRLF in the boundary -> NULL");
    T_OK(mp_new(A, "x", NULL, NULL) != NULL, "mp_new without callbacks is fine");
}

static void test_basic(void)
{
    GOOD("two fields", "AaB03x",
         "--AaB03x\r\n" CD "name=\"a\"\r\n\r\nhola\r\n"
         "--AaB03x\r\n" CD "name=b\r\n\r\nmundo\r\n--AaB03x--\r\n",
         "[a]hola[/][b]mundo[/]");
    GOOD("preamble and epilogue are ignored", "AaB03x",
         "This is a preamble. --AaB03x is not a delimiter here.\r\n\r\n"
         "--AaB03x\r\n" CD "name=a\r\n\r\n1\r\n--AaB03x--\r\nan epilogue\r\n--AaB03x\r\ngarbage",
         "[a]1[/]");
    GOOD("a preamble ending with CRLF", "b",
         "\r\n--b\r\n" CD "name=a\r\n\r\n1\r\n--b--", "[a]1[/]");
    GOOD("no CRLF after the closing boundary", "b",
         "--b\r\n" CD "name=a\r\n\r\nx\r\n--b--", "[a]x[/]");
    GOOD("padding after a delimiter", "b",
         "--b \t \r\n" CD "name=a\r\n\r\nx\r\n--b\t\r\n" CD "name=c\r\n\r\ny\r\n--b--",
         "[a]x[/][c]y[/]");
    GOOD("a body with no part, only the closing boundary", "b", "--b--\r\n", "");
    GOOD("an empty field", "b", "--b\r\n" CD "name=e\r\n\r\n\r\n--b--", "[e][/]");
    GOOD("header names are case-insensitive, unknown headers ignored", "b",
         "--b\r\ncontent-disposition: FORM-DATA; NAME=\"n\"\r\nX-Whatever: 1\r\n"
         "CONTENT-TYPE:text/plain; charset=utf-8 \r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
         "v\r\n--b--",
         "[n type=text/plain; charset=utf-8]v[/]");
    GOOD("unknown Content-Disposition parameters ignored, no space after ';'", "b",
         "--b\r\n" "Content-Disposition: form-data;name=\"n\";size=3;x=\"y;z\"\r\n\r\nv\r\n--b--",
         "[n]v[/]");
    GOOD("a UTF-8 field name and value", "b",
         "--b\r\n" CD "name=\"a\xC3\xB1o\"\r\n\r\n\xE2\x82\xAC\r\n--b--", "[a\xC3\xB1o]\xE2\x82\xAC[/]");
    GOOD("a boundary with spaces and punctuation", "a b'()+_,-./:=?",
         "--a b'()+_,-./:=?\r\n" CD "name=a\r\n\r\nx\r\n--a b'()+_,-./:=?--", "[a]x[/]");
}

static void test_binary(void)
{
    static const char body[] =
        "--AaB03x\r\n" CD "name=\"f\"; filename=\"bin.dat\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
        "\r\n\r\n--\r\n--AaB03\r\n--AaB03y\r\r\n-\0\0\xFF--AaB03x\n--AaB03x\r--AaB03x\r\n-\r\n--A\r"
        "\r\n--AaB03x--\r\n";
    expect("binary content with CR, LF, NUL, '--' and pieces of the boundary", "AaB03x", BODY(body),
           MP_OK,
           "[f file=bin.dat type=application/octet-stream]"
           "\\x0D\\x0A\\x0D\\x0A--\\x0D\\x0A--AaB03\\x0D\\x0A--AaB03y\\x0D\\x0D\\x0A-\\x00\\x00\xFF"
           "--AaB03x\\x0A--AaB03x\\x0D--AaB03x\\x0D\\x0A-\\x0D\\x0A--A\\x0D[/]",
           NULL);
    GOOD("content that is only CRLF", "b", "--b\r\n" CD "name=a\r\n\r\n\r\n\r\n--b--",
         "[a]\\x0D\\x0A[/]");
    GOOD("content ending in a partial delimiter", "bnd",
         "--bnd\r\n" CD "name=a\r\n\r\nx\r\n--bn\r\n--bnd--", "[a]x\\x0D\\x0A--bn[/]");
    GOOD("a CR just before the delimiter is content", "b",
         "--b\r\n" CD "name=a\r\n\r\nx\r\r\n--b--", "[a]x\\x0D[/]");
    BAD("the boundary followed by other characters in content", "AaB03x",
        "--AaB03x\r\n" CD "name=a\r\n\r\nx\r\n--AaB03xy\r\n--AaB03x--", "followed by");
    BAD("a delimiter followed by '-' and something else", "b",
        "--b\r\n" CD "name=a\r\n\r\nx\r\n--b-x", "followed by");
    BAD("a delimiter line ending in bare LF", "b", "--b\n" CD "name=a\n\nx\n--b--\n", "followed by");
    BAD("a delimiter line ending in CR and not LF", "b", "--b\r\r\n" CD "name=a\r\n\r\nx\r\n--b--",
        "followed by");

    /* 1 MiB of every byte value, in 4 KiB pieces: all of it arrives, none kept. */
    size_t big = 1 << 20;
    const char *head = "--Zz9\r\n" CD "name=big; filename=big.bin\r\n\r\n";
    const char *tail = "\r\n--Zz9--\r\n";
    size_t hl = strlen(head), tl = strlen(tail), len = hl + big + tl;
    char *body2 = malloc(len);
    memcpy(body2, head, hl);
    unsigned long want_sum = 0;
    for (size_t i = 0; i < big; i++) {
        body2[hl + i] = (char)(i * 7 + (i >> 8));
        want_sum += (unsigned char)body2[hl + i];
    }
    memcpy(body2 + hl + big, tail, tl);
    struct rec r = { .quiet = 1 };
    const char *why;
    enum mp_status st = run("Zz9", body2, len, 4096, &r, &why);
    T_OK(st == MP_OK && r.begins == 1 && r.ends == 1 && r.bytes == big && r.sum == want_sum,
         "1 MiB of binary content fed 4 KiB at a time: all %zu bytes arrive", big);
    free(body2);
}

static void test_filenames(void)
{
    GOOD("a UTF-8 filename", "b",
         "--b\r\n" CD "name=f; filename=\"\xC3\xB1" "and\xC3\xBA \xF0\x9F\x98\x80.pdf\"\r\n\r\n%PDF\r\n--b--",
         "[f file=\xC3\xB1" "and\xC3\xBA \xF0\x9F\x98\x80.pdf]%PDF[/]");
    GOOD("a Windows path keeps its last part", "b",
         "--b\r\n" CD "name=f; filename=\"C:\\x\\a.pdf\"\r\n\r\nx\r\n--b--", "[f file=a.pdf]x[/]");
    GOOD("a Unix path keeps its last part", "b",
         "--b\r\n" CD "name=f; filename=\"../a.pdf\"\r\n\r\nx\r\n--b--", "[f file=a.pdf]x[/]");
    GOOD("an absolute path with mixed separators", "b",
         "--b\r\n" CD "name=f; filename=\"/etc\\..\\/passwd\"\r\n\r\nx\r\n--b--", "[f file=passwd]x[/]");
    GOOD("filename \"..\" has no usable name", "b",
         "--b\r\n" CD "name=f; filename=\"a/..\"\r\n\r\nx\r\n--b--", "[f file=]x[/]");
    GOOD("filename \".\" has no usable name", "b",
         "--b\r\n" CD "name=f; filename=.\r\n\r\nx\r\n--b--", "[f file=]x[/]");
    GOOD("a filename ending in a separator has no usable name", "b",
         "--b\r\n" CD "name=f; filename=\"dir/\"\r\n\r\nx\r\n--b--", "[f file=]x[/]");
    GOOD("\"...\" is a name, not a path part", "b",
         "--b\r\n" CD "name=f; filename=\"...\"\r\n\r\nx\r\n--b--", "[f file=...]x[/]");
    GOOD("filename*=UTF-8''%C3%B1.txt is decoded", "b",
         "--b\r\n" CD "name=f; filename*=UTF-8''%C3%B1.txt\r\n\r\nx\r\n--b--", "[f file=\xC3\xB1.txt]x[/]");
    GOOD("filename* wins over filename, in any order, with a language", "b",
         "--b\r\n" CD "name=f; filename*=utf-8'es'%c3%b1%2Fdir%2F%E2%82%AC.txt; filename=\"n.txt\"\r\n\r\n"
         "x\r\n--b--",
         "[f file=\xE2\x82\xAC.txt]x[/]");
    GOOD("a '\"' sent as %22 by browsers is kept as is", "b",
         "--b\r\n" CD "name=f; filename=\"a%22b.txt\"\r\n\r\nx\r\n--b--", "[f file=a%22b.txt]x[/]");
    BAD("filename* in ISO-8859-1", "b",
        "--b\r\n" CD "name=f; filename*=ISO-8859-1''%F1.txt\r\n\r\nx\r\n--b--", "filename*");
    BAD("filename* without the charset quotes", "b",
        "--b\r\n" CD "name=f; filename*=%C3%B1.txt\r\n\r\nx\r\n--b--", "filename*");
    BAD("filename* with a bad %XX", "b",
        "--b\r\n" CD "name=f; filename*=UTF-8''%C3%G1.txt\r\n\r\nx\r\n--b--", "filename*");
    BAD("filename* cut in a %XX", "b",
        "--b\r\n" CD "name=f; filename*=UTF-8''a%C\r\n\r\nx\r\n--b--", "filename*");
    BAD("filename* decoding to invalid UTF-8", "b",
        "--b\r\n" CD "name=f; filename*=UTF-8''%E2%82.txt\r\n\r\nx\r\n--b--", "filename");
    BAD("filename* decoding to %00", "b",
        "--b\r\n" CD "name=f; filename*=UTF-8''a%00.txt\r\n\r\nx\r\n--b--", "control");
    BAD("filename* decoding to a LF", "b",
        "--b\r\n" CD "name=f; filename*=UTF-8''a%0Ab.txt\r\n\r\nx\r\n--b--", "control");
    BAD("a filename in Latin-1 (not UTF-8)", "b",
        "--b\r\n" CD "name=f; filename=\"\xF1.txt\"\r\n\r\nx\r\n--b--", "UTF-8");
    BAD("two filename parameters", "b",
        "--b\r\n" CD "name=f; filename=a; filename=b\r\n\r\nx\r\n--b--", "twice");
}

static void test_bad_headers(void)
{
    BAD("a part without Content-Disposition", "b",
        "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "without Content-Disposition");
    BAD("a part with no headers at all", "b", "--b\r\n\r\nx\r\n--b--", "without Content-Disposition");
    BAD("Content-Disposition without a name", "b",
        "--b\r\nContent-Disposition: form-data; filename=\"a.txt\"\r\n\r\nx\r\n--b--", "without a name");
    BAD("Content-Disposition with an empty name", "b",
        "--b\r\n" CD "name=\"\"\r\n\r\nx\r\n--b--", "without a name");
    BAD("Content-Disposition: attachment", "b",
        "--b\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--b--", "not form-data");
    BAD("Content-Disposition: form-data-ish", "b",
        "--b\r\nContent-Disposition: form-datax; name=a\r\n\r\nx\r\n--b--", "not form-data");
    BAD("two Content-Disposition headers", "b",
        "--b\r\n" CD "name=a\r\ncontent-disposition: form-data; name=b\r\n\r\nx\r\n--b--", "two");
    BAD("two Content-Type headers", "b",
        "--b\r\n" CD "name=a\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n\r\nx\r\n--b--", "two");
    BAD("two name parameters", "b", "--b\r\n" CD "name=a; NAME=b\r\n\r\nx\r\n--b--", "twice");
    BAD("a name that is not UTF-8", "b", "--b\r\n" CD "name=\"\xC3(\"\r\n\r\nx\r\n--b--", "UTF-8");
    BAD("an unterminated quoted name", "b", "--b\r\n" CD "name=\"abc\r\n\r\nx\r\n--b--", "malformed");
    BAD("garbage after a quoted value", "b", "--b\r\n" CD "name=\"a\"b\r\n\r\nx\r\n--b--", "malformed");
    BAD("a parameter without '='", "b", "--b\r\n" CD "name\r\n\r\nx\r\n--b--", "malformed");
    BAD("a header line without a colon", "b",
        "--b\r\n" CD "name=a\r\nNoColonHere\r\n\r\nx\r\n--b--", "without a name");
    BAD("a header line with an empty name", "b", "--b\r\n" CD "name=a\r\n: v\r\n\r\nx\r\n--b--",
        "without a name");
    BAD("a space before the colon", "b", "--b\r\nContent-Disposition : form-data; name=a\r\n\r\nx\r\n--b--",
        "bad header name");
    BAD("a folded header line", "b", "--b\r\n" CD "name=a\r\n filename=b\r\n\r\nx\r\n--b--", "folded");
    BAD("a bare LF in the headers", "b", "--b\r\n" CD "name=a\nX: 1\r\n\r\nx\r\n--b--", "bare LF");
    BAD("a bare CR in the headers", "b", "--b\r\n" CD "name=a\rX: 1\r\n\r\nx\r\n--b--", "control");
    BAD("a NUL in the headers", "b", "--b\r\n" CD "name=a\r\nX: \0\r\n\r\nx\r\n--b--", "control");
    BAD("a Content-Type that is not UTF-8", "b",
        "--b\r\n" CD "name=a\r\nContent-Type: text/\xFF\r\n\r\nx\r\n--b--", "Content-Type");
    BAD("a bad second part after a good one", "b",
        "--b\r\n" CD "name=a\r\n\r\nx\r\n--b\r\nX: y\r\n\r\nz\r\n--b--", "without Content-Disposition");
}

static void test_cut_short(void)
{
    BAD("an empty body", "b", "", "ended before");
    BAD("only a preamble", "b", "hello --b", "ended before");
    BAD("cut in the content", "b", "--b\r\n" CD "name=a\r\n\r\nhalf", "ended before");
    BAD("cut in a delimiter", "b", "--b\r\n" CD "name=a\r\n\r\nx\r\n-", "ended before");
    BAD("cut after a delimiter", "b", "--b\r\n" CD "name=a\r\n\r\nx\r\n--b", "ended before");
    BAD("cut after the first '-' of the close", "b", "--b\r\n" CD "name=a\r\n\r\nx\r\n--b-", "ended before");
    BAD("cut in the headers", "b", "--b\r\n" CD "name=a\r\n", "ended before");
    BAD("the next part never starts", "b", "--b\r\n" CD "name=a\r\n\r\nx\r\n--b\r\n", "ended before");

    struct rec r = { 0 };
    const char *why;
    static const char body[] = "--b\r\n" CD "name=a\r\n\r\nhalf";
    enum mp_status st = run("b", BODY(body), 3, &r, &why);
    T_OK(st == MP_BAD && r.begins == 1 && r.ends == 0 && strcmp(r.out.s, "[a]half") == 0,
         "a cut body: the content so far arrived, part_end did not run");
}

/* A header block of exactly n bytes (its CRLFs and the empty line included). */
static char *headers_of(size_t n, size_t *len)
{
    const char *head = "--b\r\n" CD "name=a\r\nX-Pad: ";
    const char *tail = "\r\n\r\nx\r\n--b--";
    size_t hl = strlen(head), tl = strlen(tail);
    size_t cd = strlen(CD "name=a\r\nX-Pad: ") + 4;    /* the fixed part of the block */
    size_t pad = n - cd;
    char *s = malloc(hl + pad + tl + 1);
    memcpy(s, head, hl);
    memset(s + hl, 'p', pad);
    memcpy(s + hl + pad, tail, tl + 1);
    *len = hl + pad + tl;
    return s;
}

static void test_limits(void)
{
    size_t len;
    char *s = headers_of(MP_MAX_HEADERS, &len);
    expect("a header block of exactly MP_MAX_HEADERS bytes", "b", s, len, MP_OK, NULL, NULL);
    free(s);
    s = headers_of(MP_MAX_HEADERS + 1, &len);
    expect("a header block of MP_MAX_HEADERS + 1 bytes", "b", s, len, MP_BAD, NULL, "MP_MAX_HEADERS");
    free(s);
    s = headers_of(100000, &len);
    expect("a 100 KB header line", "b", s, len, MP_BAD, NULL, "MP_MAX_HEADERS");
    free(s);

    /* Many small headers add up too. */
    struct sbuf b;
    sbuf_init(&b, A);
    sbuf_adds(&b, "--b\r\n" CD "name=a\r\n");
    for (int i = 0; i < 1100; i++) {
        sbuf_adds(&b, "X-A: 1\r\n");
    }
    sbuf_adds(&b, "\r\nx\r\n--b--");
    expect("1100 short headers (8.6 KB) in one part", "b", b.s, b.len, MP_BAD, NULL, "MP_MAX_HEADERS");

    /* The limit is per part: many parts of 6 KB headers each are fine. */
    sbuf_init(&b, A);
    for (int i = 0; i < 10; i++) {
        sbuf_adds(&b, "--b\r\n" CD "name=a\r\nX-Pad: ");
        for (int k = 0; k < 6000; k++) sbuf_addc(&b, 'p');
        sbuf_adds(&b, "\r\n\r\nv\r\n");
    }
    sbuf_adds(&b, "--b--");
    struct rec r = { .quiet = 1 };
    const char *why;
    T_OK(run("b", b.s, b.len, 0, &r, &why) == MP_OK && r.begins == 10 && r.bytes == 10,
         "ten parts with 6 KB of headers each");
}

static void test_stop(void)
{
    static const char body[] =
        "--b\r\n" CD "name=a\r\n\r\n1\r\n--b\r\n" CD "name=c\r\n\r\n2\r\n--b\r\n" CD "name=d\r\n\r\n3\r\n--b--";
    struct rec r = { .stop_begin = 2 };
    const char *why;
    enum mp_status st = run("b", BODY(body), 0, &r, &why);
    T_OK(st == MP_STOPPED && r.begins == 2 && r.ends == 1 && r.after_stop == 0,
         "part_begin returning nonzero on the second part -> MP_STOPPED, no more callbacks");
    T_STR(r.out.s, "[a]1[/][c]", "stopped at the second part: what was seen");
    T_OK(why == NULL, "mp_error is NULL after a stop");
    stop_begin = 2;
    expect("a stop, fed in pieces", "b", BODY(body), MP_STOPPED, "[a]1[/][c]", NULL);
    stop_begin = 0;

    for (size_t chunk = 0; chunk <= 1; chunk++) {
        struct rec d = { .stop_data = 1 };
        st = run("b", BODY(body), chunk, &d, &why);
        T_OK(st == MP_STOPPED && d.begins == 1 && d.ends == 0 && d.data_calls == 1 && d.after_stop == 0,
             "part_data returning nonzero -> MP_STOPPED (fed %s)", chunk ? "1 byte at a time" : "whole");
        struct rec e = { .stop_end = 1 };
        st = run("b", BODY(body), chunk, &e, &why);
        T_OK(st == MP_STOPPED && e.begins == 1 && e.ends == 1 && e.after_stop == 0,
             "part_end returning nonzero -> MP_STOPPED (fed %s)", chunk ? "1 byte at a time" : "whole");
    }

    /* The status sticks. */
    struct rec s = { .stop_begin = 1, .quiet = 1 };
    struct mp_parser *p = mp_new(A, "b", &CB, &s);
    T_OK(mp_feed(p, BODY(body)) == MP_STOPPED && mp_feed(p, BODY(body)) == MP_STOPPED &&
         mp_finish(p) == MP_STOPPED && s.begins == 1,
         "after MP_STOPPED, mp_feed and mp_finish return MP_STOPPED and call nothing");
    struct rec q = { .quiet = 1 };
    p = mp_new(A, "b", &CB, &q);
    T_OK(mp_feed(p, BODY("--b\r\n\r\n")) == MP_BAD && mp_feed(p, BODY(body)) == MP_BAD &&
         mp_finish(p) == MP_BAD && q.begins == 0 && mp_error(p) != NULL,
         "after MP_BAD, mp_feed and mp_finish return MP_BAD and call nothing");
    struct rec z = { .quiet = 1 };
    p = mp_new(A, "b", &CB, &z);
    T_OK(mp_feed(p, NULL, 0) == MP_OK && mp_feed(p, BODY(body)) == MP_OK && mp_finish(p) == MP_OK &&
         mp_feed(p, BODY("more epilogue")) == MP_OK && mp_error(p) == NULL && z.begins == 3,
         "empty feeds, then a whole body, then epilogue bytes after mp_finish");
    p = mp_new(A, "b", NULL, NULL);
    T_OK(p && mp_feed(p, BODY(body)) == MP_OK && mp_finish(p) == MP_OK, "a parser without callbacks");
}

static void test_empty_file_and_many(void)
{
    GOOD("an empty file part (no file chosen)", "----WebKitFormBoundaryx",
         "------WebKitFormBoundaryx\r\n"
         "Content-Disposition: form-data; name=\"adjunto\"; filename=\"\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n\r\n"
         "------WebKitFormBoundaryx--\r\n",
         "[adjunto file= type=application/octet-stream][/]");
    GOOD("several fields and two files", "----geckoformboundary9f1",
         "------geckoformboundary9f1\r\n" CD "name=\"asunto\"\r\n\r\nNo funciona\r\n"
         "------geckoformboundary9f1\r\n" CD "name=\"detalle\"\r\n\r\nl\xC3\xADnea 1\r\nl\xC3\xADnea 2\r\n"
         "------geckoformboundary9f1\r\n" CD "name=\"prioridad\"\r\n\r\n2\r\n"
         "------geckoformboundary9f1\r\n" CD "name=\"adjunto\"; filename=\"informe.pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n\x01\x02\r\n"
         "------geckoformboundary9f1\r\n" CD "name=\"adjunto\"; filename=\"foto.png\"\r\n"
         "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1A\n\r\n"
         "------geckoformboundary9f1\r\n" CD "name=\"csrf\"\r\n\r\nabc123\r\n"
         "------geckoformboundary9f1--\r\n",
         "[asunto]No funciona[/]"
         "[detalle]l\xC3\xADnea 1\\x0D\\x0Al\xC3\xADnea 2[/]"
         "[prioridad]2[/]"
         "[adjunto file=informe.pdf type=application/pdf]%PDF-1.4\\x0A\\x01\\x02[/]"
         "[adjunto file=foto.png type=image/png]\x89PNG\\x0D\\x0A\\x1A\\x0A[/]"
         "[csrf]abc123[/]");
}

int main(void)
{
    A = arena_new();
    test_boundary();
    test_basic();
    test_binary();
    test_filenames();
    test_bad_headers();
    test_cut_short();
    test_limits();
    test_stop();
    test_empty_file_and_many();
    arena_free(A);
    return t_done();
}
