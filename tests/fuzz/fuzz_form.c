/* fuzz_form: libFuzzer target for the request parsers in lib/form.c. The
   input is split at the first NUL: the part before feeds the urlencoded and
   Accept-Language parsers, the part after the cookie parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    const char *s = (const char *)data;
    const char *nul = memchr(s, '\0', size);
    size_t first = nul ? (size_t)(nul - s) : size;

    struct params p = { 0 };
    if (form_parse_urlencoded(a, s, first, &p, 100) == FORM_OK) {
        for (size_t i = 0; i < p.n; i++) {
            /* Every accepted value is valid UTF-8 with no NUL inside. */
            if (!utf8_valid(p.v[i].value, p.v[i].len) || strlen(p.v[i].value) != p.v[i].len) {
                __builtin_trap();
            }
            params_get(&p, p.v[i].name);
        }
    }
    char *text = arena_strndup(a, s, first);
    form_accept_language(text);
    if (nul) {
        char *cookies = arena_strndup(a, nul + 1, size - first - 1);
        struct params c = { 0 };
        form_parse_cookies(a, cookies, &c, 64);
    }
    utf8_valid(s, size);
    arena_free(a);
    return 0;
}
