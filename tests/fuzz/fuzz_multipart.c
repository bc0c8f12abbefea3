/* fuzz_multipart: libFuzzer target for the multipart/form-data parser in
   lib/multipart.c.

   Input format (also of the seeds in tests/fuzz/corpus-multipart): the first
   line, up to the first LF (a CR before it is dropped), is either a
   Content-Type value ("multipart/form-data; boundary=x", given to mp_boundary)
   or, when mp_boundary finds no boundary in it, the boundary itself. The rest
   is the body. An input without a LF is all first line.

   The body is parsed three times: 1 byte at a time, whole, and in
   pseudo-random pieces (1 to 97 bytes, sometimes the whole rest) chosen by a
   hash of the input; each piece is a fresh malloc'd copy so ASan catches a
   read past a piece. Checked (a failure traps): callbacks balanced
   (part_begin/part_data/part_end nesting, no callback after one stopped or
   after MP_BAD), the part's strings valid UTF-8 without control characters,
   a filename with no path separator, no empty part_data, content bytes <=
   body length, mp_error set exactly on MP_BAD, the status sticky, and the
   three feedings giving the same status, error, parts and bytes.
   Fed 1 byte at a time, the position of each callback is known, so the parser
   is also checked against the body itself (not only against itself): a part
   begins on the LF of its header block's empty line, that block is at most
   MP_MAX_HEADERS bytes from the end of the delimiter line, the part's content
   is exactly the body's bytes from there up to the "\r\n--boundary" on
   which part_end comes.
   A part named "stop" stops the parser in part_begin, one named "stop-end" in
   part_end, to reach MP_STOPPED. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOWHERE SIZE_MAX

struct seen {
    /* Set in the byte-at-a-time run only: where things are in the body. */
    const char *body;
    const char *delim;              /* "\r\n--boundary" */
    size_t dlen;
    size_t pos;                     /* the byte being fed */
    size_t hstart;                  /* where the next part's headers start; NOWHERE: no part can */
    size_t cstart, cbytes;          /* where the current part's content starts; bytes so far */

    size_t body_len;
    int in_part, end_stops, done;   /* done: a callback stopped, none may run again */
    size_t bytes;
    uint64_t hash;                  /* of every event and content byte, in order */
};

static void check(int cond)
{
    if (!cond) {
        __builtin_trap();
    }
}

static void mix(struct seen *s, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        s->hash = (s->hash ^ b[i]) * 1099511628211ULL;
    }
}

static int text_ok(const char *s)
{
    for (const char *c = s; *c; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7F) {
            return 0;
        }
    }
    return utf8_valid(s, strlen(s));
}

/* Just past the CRLF that ends a delimiter line whose "--boundary" ends at i
   (padding allowed), or NOWHERE when the line is not that. */
static size_t after_delimiter_line(const struct seen *s, size_t i)
{
    while (i < s->body_len && (s->body[i] == ' ' || s->body[i] == '\t')) {
        i++;
    }
    return s->body_len - i >= 2 && memcmp(s->body + i, "\r\n", 2) == 0 ? i + 2 : NOWHERE;
}

/* Where the first part's headers start: after the first delimiter, which may
   open the body without its CRLF. */
static size_t first_headers(const struct seen *s)
{
    size_t blen = s->dlen - 2;
    if (s->body_len >= blen && memcmp(s->body, s->delim + 2, blen) == 0) {
        return after_delimiter_line(s, blen);
    }
    const char *d = memmem(s->body, s->body_len, s->delim, s->dlen);
    return d ? after_delimiter_line(s, (size_t)(d - s->body) + s->dlen) : NOWHERE;
}

static void begin_at(struct seen *s)
{
    size_t hlen = s->pos + 1 - s->hstart;
    const char *h = s->body + s->hstart;
    check(s->hstart != NOWHERE && s->pos >= s->hstart);
    check(hlen <= MP_MAX_HEADERS);
    check((hlen == 2 && memcmp(h, "\r\n", 2) == 0) ||
          (hlen >= 4 && memcmp(h + hlen - 4, "\r\n\r\n", 4) == 0));
    check(!memmem(h, hlen - 2, "\r\n\r\n", 4));     /* it ends at the first empty line */
    s->cstart = s->pos + 1;
    s->cbytes = 0;
}

static void data_at(struct seen *s, const char *d, size_t n)
{
    check(s->cstart + s->cbytes + n <= s->body_len);
    check(memcmp(d, s->body + s->cstart + s->cbytes, n) == 0);
    s->cbytes += n;
}

static void end_at(struct seen *s)
{
    check(s->pos + 1 >= s->cstart + s->dlen);
    check(memcmp(s->body + s->pos + 1 - s->dlen, s->delim, s->dlen) == 0);
    check(s->cstart + s->cbytes == s->pos + 1 - s->dlen);
    /* The content holds no delimiter. */
    check(!memmem(s->body + s->cstart, s->cbytes, s->delim, s->dlen));
    s->hstart = after_delimiter_line(s, s->pos + 1);
}

static int on_begin(void *ctx, const struct mp_part *p)
{
    struct seen *s = ctx;
    check(!s->done && !s->in_part);
    if (s->body) {
        begin_at(s);
    }
    check(p->name && p->name[0] && text_ok(p->name) && strlen(p->name) < MP_MAX_HEADERS);
    check(p->content_type && text_ok(p->content_type));
    if (p->filename) {
        check(text_ok(p->filename) && !strpbrk(p->filename, "/\\") &&
              strcmp(p->filename, ".") != 0 && strcmp(p->filename, "..") != 0);
    }
    s->in_part = 1;
    s->end_stops = strcmp(p->name, "stop-end") == 0;
    mix(s, "B", 1);
    mix(s, p->name, strlen(p->name) + 1);
    mix(s, p->filename ? p->filename : "\x01", strlen(p->filename ? p->filename : "\x01") + 1);
    mix(s, p->content_type, strlen(p->content_type) + 1);
    return s->done = strcmp(p->name, "stop") == 0;
}

static int on_data(void *ctx, const char *d, size_t n)
{
    struct seen *s = ctx;
    check(!s->done && s->in_part && d && n > 0);
    s->bytes += n;
    check(s->bytes <= s->body_len);
    if (s->body) {
        data_at(s, d, n);
    }
    mix(s, d, n);
    return 0;
}

static int on_end(void *ctx)
{
    struct seen *s = ctx;
    check(!s->done && s->in_part);
    if (s->body) {
        end_at(s);
    }
    s->in_part = 0;
    mix(s, "E", 1);
    return s->done = s->end_stops;
}

static const struct mp_callbacks CB = { on_begin, on_data, on_end };

/* Parses body with boundary b, fed whole (seed 0), 1 byte at a time checking
   positions (seed 1), or in pieces of random size (any other seed). */
static enum mp_status parse(struct arena *a, const char *b, const char *body, size_t len,
                            uint64_t seed, struct seen *s, const char **why)
{
    memset(s, 0, sizeof *s);
    s->body_len = len;
    s->hash = 14695981039346656037ULL;
    if (seed == 1) {
        s->body = body;
        s->delim = arena_printf(a, "\r\n--%s", b);
        s->dlen = strlen(s->delim);
        s->hstart = first_headers(s);
    }
    struct mp_parser *p = mp_new(a, b, &CB, s);
    check(p != NULL);
    enum mp_status st = MP_OK;
    size_t i = 0;
    /* One reused 1-byte piece: a malloc per byte would dominate the run time. */
    char *one = malloc(1);
    while (seed == 1 && i < len && st == MP_OK) {
        s->pos = i;
        *one = body[i++];
        st = mp_feed(p, one, 1);
    }
    free(one);
    while (i < len && st == MP_OK) {
        size_t n = len - i;
        if (seed) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned r = (unsigned)(seed >> 33);
            size_t want = r % 8 == 0 ? n : r % 4 == 0 ? 1 : 1 + r % 97;
            n = want < n ? want : n;
        }
        char *piece = malloc(n);
        memcpy(piece, body + i, n);
        st = mp_feed(p, piece, n);
        free(piece);
        i += n;
    }
    if (st == MP_OK) {
        st = mp_finish(p);
    }
    *why = mp_error(p);
    check((st == MP_BAD) == (*why != NULL));
    check(st != MP_OK || !s->in_part);          /* the closing boundary ends the last part */
    check((st == MP_STOPPED) == s->done);
    int done = s->done;
    s->done = 1;                                /* no callback from here on */
    check(st == MP_OK || (mp_feed(p, body, len) == st && mp_finish(p) == st));
    s->done = done;
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    size_t first = nl ? (size_t)(nl - in) : size;
    const char *body = nl ? nl + 1 : in + size;
    size_t len = size - (size_t)(body - in);
    char *line = arena_strndup(a, in, first - (first && in[first - 1] == '\r'));

    const char *b = mp_boundary(a, line);
    if (b) {
        check(strlen(b) >= 1 && strlen(b) <= MP_MAX_BOUNDARY);
        check(mp_new(a, b, NULL, NULL) != NULL);
    } else {
        b = line;
    }
    if (mp_new(a, b, NULL, NULL)) {
        uint64_t seed = 14695981039346656037ULL;
        for (size_t i = 0; i < size; i++) {
            seed = (seed ^ data[i]) * 1099511628211ULL;
        }
        struct seen bytes, whole, pieces;
        const char *why_bytes, *why_whole, *why_pieces;
        enum mp_status st = parse(a, b, body, len, 1, &bytes, &why_bytes);
        enum mp_status st2 = parse(a, b, body, len, 0, &whole, &why_whole);
        enum mp_status st3 = parse(a, b, body, len, seed | 2, &pieces, &why_pieces);
        check(st == st2 && st == st3);
        check(bytes.hash == whole.hash && bytes.hash == pieces.hash);
        check(st != MP_BAD ||
              (strcmp(why_bytes, why_whole) == 0 && strcmp(why_bytes, why_pieces) == 0));
        if (getenv("FUZZ_MULTIPART_VERBOSE")) {
            fprintf(stderr, "status %d, %zu content bytes%s%s\n", st, bytes.bytes,
                    why_bytes ? ": " : "", why_bytes ? why_bytes : "");
        }
    }
    arena_free(a);
    return 0;
}
