/* test_arena: the request arena and sbuf in lib/arena.c (alignment, zeroing, big blocks, cleanups, reset). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "t.h"

static int all_bytes(const void *p, int c, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != (unsigned char)c) return 0;
    }
    return 1;
}

static int aligned(const void *p)
{
    return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

static void test_alloc(void)
{
    struct arena *a = arena_new();
    int ok_align = 1, ok_zero = 1, ok_distinct = 1;
    char *prev = NULL;
    for (size_t n = 0; n <= 300; n++) {
        char *p = arena_alloc(a, n);
        ok_align = ok_align && p && aligned(p);
        ok_zero = ok_zero && all_bytes(p, 0, n);
        ok_distinct = ok_distinct && p != prev;
        memset(p, 0xAB, n);      /* dirty it, so later allocations prove their own zeroing */
        prev = p;
    }
    T_OK(ok_align, "allocations of 0..300 bytes are aligned to max_align_t");
    T_OK(ok_zero, "allocations are zeroed");
    T_OK(ok_distinct, "consecutive allocations (also of 0 bytes) are distinct");

    char *x = arena_alloc(a, 1), *y = arena_alloc(a, 1);
    T_OK(y - x >= (ptrdiff_t)_Alignof(max_align_t) || x - y >= (ptrdiff_t)_Alignof(max_align_t),
         "1-byte allocations do not overlap");

    /* Fill several 64 KiB blocks with small allocations, checking they stay intact. */
    enum { N = 5000 };
    unsigned char *ps[N];
    int ok_fill = 1;
    for (int i = 0; i < N; i++) {
        ps[i] = arena_alloc(a, 100);
        ok_fill = ok_fill && aligned(ps[i]) && all_bytes(ps[i], 0, 100);
        memset(ps[i], i & 0xFF, 100);
    }
    for (int i = 0; i < N; i++) {
        ok_fill = ok_fill && all_bytes(ps[i], i & 0xFF, 100);
    }
    T_OK(ok_fill, "%d small allocations across several blocks are aligned, zeroed and intact", N);
    arena_free(a);
    arena_free(NULL);
    T_OK(1, "arena_free(NULL) is harmless");
}

static void test_strings(void)
{
    struct arena *a = arena_new();
    T_STR(arena_strdup(a, "hola"), "hola", "strdup");
    T_STR(arena_strdup(a, ""), "", "strdup of \"\"");
    T_STR(arena_strdup(a, NULL), NULL, "strdup of NULL is NULL");
    T_STR(arena_strdup(a, "a\xC3\xB1" "b"), "a\xC3\xB1" "b", "strdup keeps UTF-8");
    T_STR(arena_strndup(a, "hello", 3), "hel", "strndup cuts at n");
    T_STR(arena_strndup(a, "hello", 0), "", "strndup of 0 bytes");
    char *e = arena_strndup(a, "a\0b", 3);
    T_OK(memcmp(e, "a\0b", 4) == 0, "strndup copies n bytes (NUL included) and terminates");
    const char *src = "abc";
    char *d = arena_strdup(a, src);
    T_OK(d != src, "strdup copies");

    T_STR(arena_printf(a, "%s-%d-%05.1f-%x-%c", "x", 42, 3.14159, 255, 'z'), "x-42-003.1-ff-z", "printf formats");
    T_STR(arena_printf(a, "%s", ""), "", "printf of an empty string");
    T_STR(arena_printf(a, "%lld|%zu", -9223372036854775807LL - 1, (size_t)7), "-9223372036854775808|7", "printf of extremes");

    /* A result bigger than a block. */
    size_t n = 200000;
    char *big = malloc(n + 1);
    memset(big, 'q', n);
    big[n] = '\0';
    char *p = arena_printf(a, "<%s>", big);
    T_OK(strlen(p) == n + 2 && p[0] == '<' && p[n + 1] == '>' && all_bytes(p + 1, 'q', n),
         "printf of %zu bytes (bigger than a block)", n + 2);
    char *q = arena_strdup(a, big);
    T_OK(strcmp(q, big) == 0, "strdup of %zu bytes", n);
    free(big);
    arena_free(a);
}

static void test_big(void)
{
    struct arena *a = arena_new();
    char *s1 = arena_alloc(a, 32);
    memset(s1, 's', 32);
    unsigned char *b1 = arena_alloc(a, 100000);
    char *s2 = arena_alloc(a, 32);
    T_OK(s2 == s1 + 32, "after a > 64 KiB allocation, small ones continue in the current block");
    memset(b1, 'b', 100000);
    memset(s2, 't', 32);

    static const size_t sizes[] = { 16 * 1024, 16 * 1024 + 1, 20000, 64 * 1024 - 1, 64 * 1024,
                                    64 * 1024 + 1, 100000, 1024 * 1024, 5 * 1024 * 1024 };
    enum { NS = sizeof sizes / sizeof *sizes };
    unsigned char *big[NS];
    int ok = 1;
    for (int i = 0; i < NS; i++) {
        big[i] = arena_alloc(a, sizes[i]);
        ok = ok && big[i] && aligned(big[i]) && all_bytes(big[i], 0, sizes[i]);
        memset(big[i], 'A' + i, sizes[i]);
    }
    T_OK(ok, "big allocations (16 KiB to 5 MiB) are aligned and zeroed");
    ok = all_bytes(s1, 's', 32) && all_bytes(s2, 't', 32) && all_bytes(b1, 'b', 100000);
    for (int i = 0; i < NS; i++) {
        ok = ok && all_bytes(big[i], 'A' + i, sizes[i]);
    }
    T_OK(ok, "big and small allocations do not overlap");
    arena_free(a);

    /* A full current block: a 20000-byte request gets its own block, and the
       few bytes left in the current one still serve a small request. */
    a = arena_new();
    unsigned char *fill = arena_alloc(a, 64 * 1024 - 32);
    unsigned char *c1 = arena_alloc(a, 20000);
    unsigned char *c2 = arena_alloc(a, 32);
    unsigned char *c3 = arena_alloc(a, 100);
    T_OK(c2 == fill + 64 * 1024 - 32, "the last 32 bytes of a block serve a 32-byte request");
    memset(fill, 1, 64 * 1024 - 32);
    memset(c1, 2, 20000);
    memset(c2, 3, 32);
    memset(c3, 4, 100);
    T_OK(aligned(c1) && aligned(c3) && all_bytes(fill, 1, 64 * 1024 - 32) && all_bytes(c1, 2, 20000) &&
         all_bytes(c2, 3, 32) && all_bytes(c3, 4, 100), "allocations around a full block do not overlap");
    arena_free(a);
}

static void test_sbuf(void)
{
    struct arena *a = arena_new();
    struct sbuf b;
    sbuf_init(&b, a);
    T_OK(b.len == 0 && b.s && b.s[0] == '\0', "a new sbuf is empty and terminated");
    sbuf_adds(&b, "");
    T_OK(b.len == 0 && b.s[0] == '\0', "adding \"\" changes nothing");
    sbuf_adds(&b, "ab");
    sbuf_addc(&b, 'c');
    sbuf_add(&b, "dexyz", 2);
    sbuf_addf(&b, "-%d-%s", 7, "g");
    T_STR(b.s, "abcde-7-g", "adds, addc, add and addf");
    T_OK(b.len == 9, "len follows the content (got %zu)", b.len);
    sbuf_add(&b, "\0z", 2);
    T_OK(b.len == 11 && memcmp(b.s, "abcde-7-g\0z", 12) == 0, "sbuf_add copies a NUL byte and keeps len");

    /* Grow to several MB with a pattern, and check every byte. */
    struct sbuf g;
    sbuf_init(&g, a);
    const char *pat = "0123456789abcdefghijklmnopqrstuvwxyz";
    size_t plen = strlen(pat), target = 6 * 1024 * 1024, count = 0;
    while (g.len < target) {
        sbuf_add(&g, pat, (count % plen) + 1);    /* varying sizes */
        count++;
    }
    int ok = g.s[g.len] == '\0' && g.cap > g.len && strlen(g.s) == g.len;
    size_t pos = 0;
    for (size_t i = 0; ok && i < count; i++) {
        size_t n = (i % plen) + 1;
        ok = memcmp(g.s + pos, pat, n) == 0;
        pos += n;
    }
    T_OK(ok && pos == g.len, "sbuf grown to %zu bytes in %zu adds keeps every byte", g.len, count);

    /* Growing by single characters and by printf. */
    struct sbuf c;
    sbuf_init(&c, a);
    for (int i = 0; i < 3 * 1024 * 1024; i++) {
        sbuf_addc(&c, (char)('a' + i % 26));
    }
    ok = c.len == 3 * 1024 * 1024 && c.s[c.len] == '\0';
    for (size_t i = 0; ok && i < c.len; i++) {
        ok = c.s[i] == (char)('a' + i % 26);
    }
    T_OK(ok, "sbuf grown to 3 MiB one character at a time");

    struct sbuf f;
    sbuf_init(&f, a);
    char *want = malloc(8 * 1024 * 1024);
    size_t wlen = 0;
    for (int i = 0; i < 400000; i++) {
        sbuf_addf(&f, "%d,", i);
        wlen += (size_t)sprintf(want + wlen, "%d,", i);
    }
    T_OK(f.len == wlen && strcmp(f.s, want) == 0, "sbuf_addf grown to %zu bytes matches sprintf", wlen);
    free(want);

    /* One add bigger than double the capacity. */
    struct sbuf h;
    sbuf_init(&h, a);
    char *chunk = malloc(3 * 1024 * 1024);
    memset(chunk, 'Z', 3 * 1024 * 1024);
    sbuf_adds(&h, "<");
    sbuf_add(&h, chunk, 3 * 1024 * 1024);
    sbuf_adds(&h, ">");
    T_OK(h.len == 3 * 1024 * 1024 + 2 && h.s[0] == '<' && all_bytes(h.s + 1, 'Z', 3 * 1024 * 1024) &&
         h.s[h.len - 1] == '>' && h.s[h.len] == '\0', "one 3 MiB add into a small sbuf");
    free(chunk);
    arena_free(a);
}

/* Cleanups record the order they ran in. */
static char order[64];
static size_t norder;

static void record(void *p)
{
    const char *tag = p;         /* arena memory: must still be valid when the cleanup runs */
    for (; *tag && norder < sizeof order - 1; tag++) {
        order[norder++] = *tag;
    }
    order[norder] = '\0';
}

static void test_cleanups(void)
{
    struct arena *a = arena_new();
    norder = 0;
    order[0] = '\0';
    arena_cleanup_add(a, record, arena_strdup(a, "1"));
    arena_cleanup_add(a, record, arena_strdup(a, "2"));
    (void)arena_alloc(a, 100000);               /* a big block in between */
    arena_cleanup_add(a, record, arena_strdup(a, "3"));
    T_STR(order, "", "cleanups do not run early");
    arena_reset(a);
    T_STR(order, "321", "reset runs cleanups newest first");

    norder = 0;
    order[0] = '\0';
    arena_reset(a);
    T_STR(order, "", "a second reset does not rerun them");

    arena_cleanup_add(a, record, arena_strdup(a, "a"));
    for (int i = 0; i < 2000; i++) {
        (void)arena_alloc(a, 100);              /* new blocks */
    }
    arena_cleanup_add(a, record, arena_strdup(a, "b"));
    arena_cleanup_add(a, record, arena_strdup(a, "c"));
    arena_free(a);
    T_STR(order, "cba", "free runs cleanups newest first (their arena memory still valid)");
}

static void test_reset(void)
{
    struct arena *a = arena_new();
    char *first = arena_alloc(a, 8);
    arena_reset(a);
    char *again = arena_alloc(a, 8);
    T_OK(again == first, "after reset, allocation restarts in the first block");

    int ok = 1;
    for (int round = 0; round < 50; round++) {
        char *s = arena_printf(a, "round %d", round);
        unsigned char *big = arena_alloc(a, 20000 + (size_t)round * 3000);
        unsigned char *many[300];
        for (int i = 0; i < 300; i++) {
            many[i] = arena_alloc(a, 300);
            ok = ok && all_bytes(many[i], 0, 300);
            memset(many[i], round, 300);
        }
        ok = ok && all_bytes(big, 0, 20000 + (size_t)round * 3000);
        memset(big, 0xEE, 20000 + (size_t)round * 3000);
        char want[32];
        snprintf(want, sizeof want, "round %d", round);
        ok = ok && strcmp(s, want) == 0;
        for (int i = 0; i < 300; i++) {
            ok = ok && all_bytes(many[i], round, 300);
        }
        arena_reset(a);
    }
    T_OK(ok, "50 rounds of allocate/reset: memory zeroed and intact each round");

    T_STR(arena_strdup(a, "still works"), "still works", "the arena still works after resets");
    arena_free(a);

    /* arena.h: reset "keeps the first block", also when a big allocation
       (its own block) was made while the first block was current. */
    a = arena_new();
    char *p1 = arena_alloc(a, 16);
    unsigned char *big = arena_alloc(a, 100000);
    memset(p1, 1, 16);
    memset(big, 1, 100000);
    arena_reset(a);
    char *p2 = arena_alloc(a, 16);
    T_OK(p2 == p1, "reset after a big allocation keeps the first block (p1 %p, p2 %p, big %p)",
         (void *)p1, (void *)p2, (void *)big);
    T_OK(all_bytes(p2, 0, 16), "memory handed out again after reset is zeroed");
    arena_free(a);
}

int main(void)
{
    test_alloc();
    test_strings();
    test_big();
    test_sbuf();
    test_cleanups();
    test_reset();
    return t_done();
}
