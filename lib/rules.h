/* rules.h: escalation rules said in words, in a user's language, e.g.
   "Casos del área Reclamos con prioridad Alta abiertos más de 24 h: avisar
   por e-mail al rol Supervisores y cambiar el estado a TRA". */
#ifndef ATIENDE_RULES_H
#define ATIENDE_RULES_H

#include "arena.h"

struct rule_text {
    const char *status, *area, *type, *priority;  /* NULL or "": any */
    const char *hours;                             /* "24.00" as stored */
    const char *role;                              /* NULL: nobody notified */
    int alert, task, email;
    const char *set_status;                        /* NULL: no change */
};

/* The rule as one sentence, from the Lang.Rules.W texts of lang ("es", "en"). */
const char *rule_words(struct arena *a, const char *lang, const struct rule_text *t);

/* "24.00" -> "24", "1.50" -> "1,5" with the language's decimal mark. */
const char *hours_text(struct arena *a, const char *hours, const char *decimal_mark);

#endif
