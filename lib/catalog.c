/* catalog.c: the list of catalogs and the queries every screen needs on them.
   Table names come only from the constant table below, never from a request. */
#include "catalog.h"

#include <string.h>

#include "db.h"
#include "view.h"

const struct catalog catalogs[] = {
    { "statuses", "statuses", CAT_STATUS },
    { "types", "request_types", CAT_PLAIN },
    { "priorities", "priorities", CAT_PRIORITY },
    { "sources", "sources", CAT_PLAIN },
    { "stages", "stages", CAT_PLAIN },
    { "articles", "articles", CAT_PLAIN },
    { "classes", "classes", CAT_PLAIN },
    { "departments", "departments", CAT_PLAIN },
    { "doc_types", "document_types", CAT_PLAIN },
    { "activity_types", "activity_types", CAT_PLAIN },
    { "channels", "channels", CAT_PLAIN },   /* contact_types: set by SQL (0013) */
};
const int catalog_count = sizeof catalogs / sizeof *catalogs;

const struct catalog *catalog_find(const char *kind)
{
    for (int i = 0; i < catalog_count; i++) {
        if (strcmp(catalogs[i].kind, kind) == 0) {
            return &catalogs[i];
        }
    }
    return NULL;
}

int catalog_options(struct req *r, const struct catalog *c, const char *name, long long keep_id)
{
    struct db_rows rows;
    const char *sql = arena_printf(r->a, "SELECT id, code, " CATALOG_NAME " AS name FROM %s"
                                   " WHERE active = 1 OR id = ? ORDER BY position, name_es",
                                   c->table);
    int rc = db_select_memo(r->a, &rows, sql, "sl", r->lang, keep_id);
    if (rc == DB_OK) {
        view_rows(r, name, &rows);
    }
    return rc;
}
