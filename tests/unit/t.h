/* t.h: a tiny test helper. Each check prints "ok - what" or "not ok - what";
   tests/run.sh counts the lines. main returns t_done(). */
#ifndef ATIENDE_T_H
#define ATIENDE_T_H

#include <stdio.h>
#include <string.h>

static int t_failed;

#define T_OK(cond, ...)                                                        \
    do {                                                                       \
        int ok_ = (cond);                                                      \
        if (ok_) {                                                             \
            printf("ok - ");                                                   \
        } else {                                                               \
            printf("not ok - ");                                               \
            t_failed++;                                                        \
        }                                                                      \
        printf(__VA_ARGS__);                                                   \
        if (!ok_) printf(" (%s:%d)", __FILE__, __LINE__);                      \
        printf("\n");                                                          \
    } while (0)

#define T_STR(got, want, ...)                                                  \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        int same_ = (g_ == NULL && w_ == NULL) ||                              \
                    (g_ && w_ && strcmp(g_, w_) == 0);                         \
        T_OK(same_, __VA_ARGS__);                                              \
        if (!same_) printf("#   got \"%s\", want \"%s\"\n",                    \
                           g_ ? g_ : "(null)", w_ ? w_ : "(null)");            \
    } while (0)

static inline int t_done(void)
{
    return t_failed ? 1 : 0;
}

#endif
