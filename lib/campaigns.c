/* campaigns.c: the campaign script as HTML, the typification tree in tree
   order, and a case's campaign for the case view. */
#include "campaigns.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "view.h"

const char *campaign_script_html(struct arena *a, const char *markdown)
{
    if (!markdown || !*markdown) {
        return "";
    }
    /* CMARK_OPT_DEFAULT, never CMARK_OPT_UNSAFE: the output is trusted by
       the templates (printed unescaped) only because of this */
    char *html = cmark_markdown_to_html(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    if (!html) {
        return "";
    }
    char *copy = arena_strdup(a, html);
    free(html);
    return copy;
}

/* Building the tree order: the rows as read (siblings already by position,
   name) and the output being filled. */
struct build {
    struct typification *in, *out;
    char *placed;
    int n, count;
};

static void place(struct req *r, struct build *b, int i, int depth, const char *parent_path)
{
    struct typification *t = &b->out[b->count++];
    *t = b->in[i];
    b->placed[i] = 1;
    t->depth = depth;
    t->path = parent_path ? arena_printf(r->a, "%s" TYPIFICATION_SEP "%s", parent_path, t->name) : t->name;
    t->leaf = 1;
    for (int k = 0; k < b->n; k++) {
        if (!b->placed[k] && b->in[k].parent_id == b->in[i].id) {
            t->leaf = 0;
            place(r, b, k, depth + 1, t->path);
        }
    }
}

/* The campaign's outcomes as stored, siblings in their order. */
static int read_rows(struct req *r, long long campaign_id, enum tree_mode mode,
                     struct typification **rows)
{
    static const char active_sql[] =
        "SELECT id, parent_id, name, position, active, closes_case, requires_next, version, 0"
        " FROM typifications WHERE campaign_id = ? AND active = 1 ORDER BY position, name, id";
    static const char all_sql[] =
        "SELECT t.id, t.parent_id, t.name, t.position, t.active, t.closes_case, t.requires_next,"
        " t.version, (SELECT COUNT(*) FROM managements m WHERE m.typification_id = t.id)"
        " FROM typifications t WHERE t.campaign_id = ? ORDER BY t.position, t.name, t.id";
    struct db_rows v;
    int rc = mode == TREE_OFFERED ? db_select_memo(r->a, &v, active_sql, "l", campaign_id)
                                  : db_select(r->a, &v, mode == TREE_ALL ? all_sql : active_sql,
                                              "l", campaign_id);
    if (rc != DB_OK) {
        return rc;
    }
    *rows = arena_alloc(r->a, (size_t)(v.n + 1) * sizeof **rows);
    for (int i = 0; i < v.n; i++) {
        struct typification *t = &(*rows)[i];
        t->id = strtoll(db_cell(&v, i, 0), NULL, 10);
        t->parent_id = db_cell(&v, i, 1) ? strtoll(db_cell(&v, i, 1), NULL, 10) : 0;
        t->name = db_cell(&v, i, 2);
        t->position = atoi(db_cell(&v, i, 3));
        t->active = *db_cell(&v, i, 4) == '1';
        t->closes_case = *db_cell(&v, i, 5) == '1';
        t->requires_next = *db_cell(&v, i, 6) == '1';
        t->version = atoi(db_cell(&v, i, 7));
        t->uses = strtoll(db_cell(&v, i, 8), NULL, 10);
    }
    return v.n;
}

int typification_tree(struct req *r, long long campaign_id, enum tree_mode mode,
                      struct typification **out)
{
    struct typification *rows = NULL;
    int n = read_rows(r, campaign_id, mode, &rows);
    if (n < 0) {
        return n;
    }
    struct build b = { .in = rows, .n = n, .out = arena_alloc(r->a, (size_t)(n + 1) * sizeof *rows),
                       .placed = arena_alloc(r->a, (size_t)n + 1) };
    for (int i = 0; i < n; i++) {
        /* outcomes under an inactive parent were not read: they are not reached */
        if (!b.placed[i] && rows[i].parent_id == 0) {
            place(r, &b, i, 0, NULL);
        }
    }
    for (int i = 0; i < b.count; i++) {
        int next = i + 1 < b.count ? b.out[i + 1].depth : 0;
        b.out[i].close_levels = b.out[i].leaf ? b.out[i].depth - next : 0;
    }
    *out = b.out;
    return b.count;
}

void typification_view(struct req *r, const char *name, const struct typification *t, int n,
                       int all)
{
    view_list(r, name);
    for (int i = 0; i < n; i++) {
        const char *p = arena_printf(r->a, "%s.%d", name, i);
        view_int(r, t[i].id, "%s.id", p);
        view_int(r, t[i].parent_id, "%s.parent_id", p);
        view_str(r, t[i].name, "%s.name", p);
        view_str(r, t[i].path, "%s.path", p);
        view_int(r, t[i].depth, "%s.depth", p);
        view_bool(r, t[i].leaf, "%s.leaf", p);
        view_bool(r, t[i].closes_case, "%s.closes_case", p);
        view_bool(r, t[i].requires_next, "%s.requires_next", p);
        if (all) {
            view_int(r, t[i].position, "%s.position", p);
            view_bool(r, t[i].active, "%s.active", p);
            view_int(r, t[i].version, "%s.version", p);
            view_int(r, t[i].uses, "%s.uses", p);
            view_int(r, t[i].close_levels, "%s.close_levels", p);
        }
    }
}

int campaign_view(struct req *r, long long campaign_id)
{
    struct db_rows c, channels;
    struct typification *tree;
    if (campaign_id <= 0) {
        return 0;
    }
    if (db_select_memo(r->a, &c, "SELECT id, name, active, form_title, script FROM campaigns"
                       " WHERE id = ?", "l", campaign_id) != DB_OK) {
        return DB_DOWN;
    }
    if (c.n == 0) {
        return 0;
    }
    int n = typification_tree(r, campaign_id, TREE_OFFERED, &tree);
    if (n < 0 ||
        db_select_memo(r->a, &channels, "SELECT ch.id, ch.code, " CATALOG_NAME_OF("ch") " AS name"
                       " FROM campaign_channels cc JOIN channels ch ON ch.id = cc.channel_id"
                       " WHERE cc.campaign_id = ? AND ch.active = 1 ORDER BY ch.position, ch.name_es",
                       "sl", r->lang, campaign_id) != DB_OK) {
        return DB_DOWN;
    }
    const char *title = db_cell(&c, 0, 3);
    view_int(r, campaign_id, "Campaign.id");
    view_str(r, db_cell(&c, 0, 1), "Campaign.name");
    view_bool(r, *db_cell(&c, 0, 2) == '1', "Campaign.active");
    view_str(r, title, "Campaign.form_title");
    view_str(r, *title ? title : db_cell(&c, 0, 1), "Campaign.title");
    view_str(r, campaign_script_html(r->a, db_cell(&c, 0, 4)), "Campaign.script_html");
    view_rows(r, "Campaign.Channels", &channels);
    typification_view(r, "Campaign.Typifications", tree, n, 0);
    return 1;
}

int campaign_options(struct req *r)
{
    struct db_rows rows;
    int rc = db_select_memo(r->a, &rows, "SELECT id, name, active FROM campaigns"
                            " ORDER BY active DESC, name", "");
    if (rc == DB_OK) {
        view_rows(r, "Options.campaigns", &rows);
    }
    return rc;
}
