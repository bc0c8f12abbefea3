/* catalog.h: the catalogs every case field draws from (statuses, priorities,
   request types ...). Each is its own table with one shared shape (code,
   name_es, name_en, position, active), plus extra columns for two of them. */
#ifndef ATIENDE_CATALOG_H
#define ATIENDE_CATALOG_H

#include "req.h"

enum catalog_shape {
    CAT_PLAIN,
    CAT_STATUS,     /* + closed, portal_state, is_initial; code required */
    CAT_PRIORITY,   /* + weight */
};

struct catalog {
    const char *kind;       /* the URL part and the Lang.Catalogs key */
    const char *table;      /* a constant: the only name ever put into SQL text */
    enum catalog_shape shape;
};

extern const struct catalog catalogs[];
extern const int catalog_count;

/* The catalog for a URL part, or NULL. */
const struct catalog *catalog_find(const char *kind);

/* SQL for "the item's name in the language given as parameter": the English
   name when asked for "en" and one is set, else the Spanish one. */
#define CATALOG_NAME "IF(? = 'en' AND name_en <> '', name_en, name_es)"
/* The same for a catalog table joined as alias t (a string literal). */
#define CATALOG_NAME_OF(t) "IF(? = 'en' AND " t ".name_en <> '', " t ".name_en, " t ".name_es)"

/* The catalog's active items (and keep_id, even when inactive: the value a
   record already has) as view list name.N.{id, code, name}, in the user's
   language and order. DB_OK or a negative db status. */
int catalog_options(struct req *r, const struct catalog *c, const char *name, long long keep_id);

#endif
