/* rules.c: an escalation rule in words. The word order lives in the
   language files as templates with {1} {2} placeholders. */
#include "rules.h"

#include <string.h>

static const char *w(HDF *lang, const char *key)
{
    char name[64];
    snprintf(name, sizeof name, "Lang.Rules.W.%s", key);
    return hdf_get_value(lang, name, "");
}

/* tmpl with {1} and {2} replaced by a1 and a2. */
static const char *fill(struct arena *a, const char *tmpl, const char *a1, const char *a2)
{
    struct sbuf out;
    sbuf_init(&out, a);
    out.s[0] = '\0';
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}') {
            sbuf_adds(&out, p[1] == '1' ? a1 : a2);
            p += 2;
        } else {
            sbuf_addc(&out, *p);
        }
    }
    return out.s;
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
static const char *flags_text(struct arena *a, HDF *lang, const struct rule_text *t)
{
    const char *names[3];
    int n = 0;
    if (t->alert) names[n++] = w(lang, "alert");
    if (t->task) names[n++] = w(lang, "task");
    if (t->email) names[n++] = w(lang, "email");
    const char *s = n ? names[0] : "";
    for (int i = 1; i < n; i++) {
        s = i == n - 1 ? arena_printf(a, "%s %s %s", s, w(lang, "and"), names[i])
                       : arena_printf(a, "%s, %s", s, names[i]);
    }
    return s;
}

static int given(const char *s)
{
    return s && *s;
}

const char *rule_words(struct arena *a, HDF *lang, const struct rule_text *t)
{
    int any = !given(t->status) && !given(t->area) && !given(t->type) && !given(t->priority);
    const char *s = w(lang, any ? "all" : "cases");
    const char *conds[4][2] = {
        { "status", t->status }, { "area", t->area }, { "type", t->type }, { "priority", t->priority },
    };
    for (int i = 0; i < 4; i++) {
        if (given(conds[i][1])) {
            s = arena_printf(a, "%s %s", s, fill(a, w(lang, conds[i][0]), conds[i][1], ""));
        }
    }
    const char *hours = hours_text(a, t->hours, w(lang, "decimal"));
    s = arena_printf(a, "%s %s:", s, fill(a, w(lang, "open"), hours, ""));
    const char *sep = " ";
    if (given(t->role)) {
        s = arena_printf(a, "%s%s%s", s, sep, fill(a, w(lang, "notify"), flags_text(a, lang, t), t->role));
        sep = arena_printf(a, " %s ", w(lang, "and"));
    }
    if (given(t->set_status)) {
        s = arena_printf(a, "%s%s%s", s, sep, fill(a, w(lang, "set"), t->set_status, ""));
    }
    return s;
}
