/* rules.c: an escalation rule in words. The word order lives in the
   language files as templates with {1} {2} placeholders. */
#include "rules.h"

#include <string.h>

#include "view.h"

/* The language's text of Rules.W.key with {1} {2} filled in. */
static const char *w(struct arena *a, const char *lang, const char *key, const char *a1,
                     const char *a2)
{
    return lang_fill(a, lang, arena_printf(a, "Rules.W.%s", key), a1, a2, NULL);
}

const char *hours_text(struct arena *a, const char *hours, const char *decimal_mark)
{
    char *s = arena_strdup(a, hours ? hours : "");
    char *dot = strchr(s, '.');
    if (!dot) {
        return s;
    }
    char *end = s + strlen(s);
    while (end > dot + 1 && end[-1] == '0') {
        *--end = '\0';
    }
    if (end == dot + 1) {
        *dot = '\0';
        return s;
    }
    return arena_printf(a, "%.*s%s%s", (int)(dot - s), s, decimal_mark, dot + 1);
}

/* "alerta, tarea y e-mail" */
static const char *flags_text(struct arena *a, const char *lang, const struct rule_text *t)
{
    const char *names[3];
    int n = 0;
    if (t->alert) names[n++] = w(a, lang, "alert", NULL, NULL);
    if (t->task) names[n++] = w(a, lang, "task", NULL, NULL);
    if (t->email) names[n++] = w(a, lang, "email", NULL, NULL);
    const char *s = n ? names[0] : "";
    for (int i = 1; i < n; i++) {
        s = i == n - 1 ? arena_printf(a, "%s %s %s", s, w(a, lang, "and", NULL, NULL), names[i])
                       : arena_printf(a, "%s, %s", s, names[i]);
    }
    return s;
}

static int given(const char *s)
{
    return s && *s;
}

const char *rule_words(struct arena *a, const char *lang, const struct rule_text *t)
{
    int any = !given(t->status) && !given(t->area) && !given(t->type) && !given(t->priority);
    const char *s = w(a, lang, any ? "all" : "cases", NULL, NULL);
    const char *conds[4][2] = {
        { "status", t->status }, { "area", t->area }, { "type", t->type }, { "priority", t->priority },
    };
    for (int i = 0; i < 4; i++) {
        if (given(conds[i][1])) {
            s = arena_printf(a, "%s %s", s, w(a, lang, conds[i][0], conds[i][1], ""));
        }
    }
    const char *hours = hours_text(a, t->hours, w(a, lang, "decimal", NULL, NULL));
    s = arena_printf(a, "%s %s:", s, w(a, lang, "open", hours, ""));
    const char *sep = " ";
    if (given(t->role)) {
        s = arena_printf(a, "%s%s%s", s, sep, w(a, lang, "notify", flags_text(a, lang, t), t->role));
        sep = arena_printf(a, " %s ", w(a, lang, "and", NULL, NULL));
    }
    if (given(t->set_status)) {
        s = arena_printf(a, "%s%s%s", s, sep, w(a, lang, "set", t->set_status, ""));
    }
    return s;
}
