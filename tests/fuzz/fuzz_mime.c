/* fuzz_mime: libFuzzer target for the e-mail parser in lib/mime.c.

   The input is a raw message (seeds: tests/fuzz/corpus-mime, the unit
   tests' samples, written by `build/tests/test_mime --corpus DIR`). It goes to
   mime_parse, to mime_html_text as HTML, and (up to its first NUL) to
   mime_decode_header. The fuzz build lowers MIME_MAX_HEADER_BYTES to 4 KiB
   (Makefile) so short inputs reach the header limit too.

   Checked (a failure traps): mime_parse gives 0 or -1, -1 with a reason and m
   zeroed; after 0 every string is valid UTF-8 (header strings without control
   characters, text without NUL/CR or controls but tab and LF), the address
   lower case with an '@', msg-ids without brackets or spaces, files with a
   safe name (no path, no controls, at most MIME_MAX_NAME bytes), a lower-case
   type/subtype, data that lies in the arena (never in the input, which the
   caller may free) and is readable to its end plus the NUL after it (every
   byte is read, so ASan sees an overrun); a second parse of the same bytes
   gives the same. mime_html_text: valid UTF-8, no controls but LF and tab,
   no blank line at either end nor two in a row. mime_decode_header: valid
   UTF-8 without control characters. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        __builtin_trap();
    }
}

static const char *IN;          /* the input, to check nothing points into it */
static size_t IN_LEN;

static void outside_input(const void *p)
{
    const char *c = p;
    check(!c || c < IN || c >= IN + IN_LEN);
}

/* Valid UTF-8; controls: 0 none, 1 tab and LF only. */
static void text_ok(const char *s, int controls)
{
    check(s != NULL);
    outside_input(s);
    size_t n = strlen(s);
    check(utf8_valid(s, n));
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        check(c == 0x7F ? 0 : c >= ' ' || (controls && (c == '\t' || c == '\n')));
    }
}

static void opt_ok(const char *s)
{
    if (s) {
        text_ok(s, 0);
    }
}

static void id_ok(const char *s)
{
    if (s) {
        text_ok(s, 0);
        check(*s && !strpbrk(s, " \t<>"));
    }
}

static uint64_t hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 1099511628211ULL;
    }
    return h;
}

static uint64_t message_ok(const struct mime_message *m)
{
    id_ok(m->message_id);
    id_ok(m->in_reply_to);
    opt_ok(m->references);
    check(!m->references || m->references[0] == '<');
    if (m->from_addr) {
        text_ok(m->from_addr, 0);
        check(strchr(m->from_addr, '@') && !strpbrk(m->from_addr, " <>\"ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    }
    if (m->reply_to) {
        text_ok(m->reply_to, 0);
        check(strchr(m->reply_to, '@') != NULL);
    }
    text_ok(m->from_name, 0);
    text_ok(m->to, 0);
    text_ok(m->subject, 0);
    opt_ok(m->date);
    opt_ok(m->auto_submitted);
    opt_ok(m->precedence);
    check(!m->precedence || !strpbrk(m->precedence, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    check(m->list == 0 || m->list == 1);
    text_ok(m->text, 1);
    if (m->html) {
        text_ok(m->html, 1);
    }
    check(m->nfiles >= 0 && m->nfiles <= MIME_MAX_PARTS + 1 && (m->nfiles == 0 || m->files));
    uint64_t h = hash(14695981039346656037ULL, m->text, strlen(m->text));
    for (int i = 0; i < m->nfiles; i++) {
        const struct mime_file *f = &m->files[i];
        text_ok(f->name, 0);
        check(strlen(f->name) <= MIME_MAX_NAME && !strpbrk(f->name, "/\\") &&
              strcmp(f->name, ".") != 0 && strcmp(f->name, "..") != 0);
        text_ok(f->content_type, 0);
        check(strchr(f->content_type, '/') && !strpbrk(f->content_type, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        check(f->data != NULL);
        outside_input(f->data);
        outside_input(f->data + f->len);
        check(f->data[f->len] == '\0');
        h = hash(h, f->data, f->len);
        h = hash(h, f->name, strlen(f->name) + 1);
    }
    return h;
}

static void html_ok(const char *t)
{
    text_ok(t, 1);
    size_t n = strlen(t);
    check(n == 0 || (t[0] != '\n' && t[n - 1] != '\n'));
    check(!strstr(t, "\n\n\n"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    IN = (const char *)data;
    IN_LEN = size;
    struct arena *a = arena_new();
    struct mime_message m, m2;
    const char *why = NULL, *why2 = NULL;
    int r = mime_parse(a, IN, size, &m, &why);
    check(r == 0 || r == -1);
    uint64_t h = 0;
    if (r == 0) {
        check(why == NULL);
        h = message_ok(&m);
    } else {
        check(why && *why && !m.text && !m.subject && !m.files && m.nfiles == 0);
    }
    struct arena *b = arena_new();
    int r2 = mime_parse(b, IN, size, &m2, &why2);
    check(r2 == r);
    check(r != -1 || strcmp(why, why2) == 0);
    check(r != 0 || (m2.nfiles == m.nfiles && message_ok(&m2) == h));
    arena_free(b);

    html_ok(mime_html_text(a, IN, size));

    size_t n = strnlen(IN, size < 8192 ? size : 8192);
    char *line = arena_strndup(a, IN, n);
    text_ok(mime_decode_header(a, line), 0);
    arena_free(a);
    return 0;
}
