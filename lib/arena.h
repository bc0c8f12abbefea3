/* arena.h: one memory arena per request, freed as a whole when the request ends. */
#ifndef ATIENDE_ARENA_H
#define ATIENDE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new empty arena; aborts when memory is exhausted (there is no useful recovery). */
struct arena *arena_new(void);
/* Frees every block and runs the cleanups, newest first. */
void arena_free(struct arena *a);
/* Frees everything but keeps the first block, ready for the next request. */
void arena_reset(struct arena *a);

/* Memory that lives until arena_free/arena_reset; zeroed. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Runs fn(p) when the arena is freed or reset (closing files, HDF trees...). */
void arena_cleanup_add(struct arena *a, void (*fn)(void *), void *p);

/* A growable byte buffer whose storage lives in the arena. */
struct sbuf {
    struct arena *a;
    char *s;
    size_t len, cap;
};
void sbuf_init(struct sbuf *b, struct arena *a);
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
