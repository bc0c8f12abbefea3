/* admin_campaigns: campaigns (campañas) — name, description, the channels
   they work through, the script (guión, in Markdown, shown rendered) and the
   title of their management form — and, under /admin/typifications, each
   campaign's typification tree (admin_campaigns/typifications.c).
   Supervisors define them (manual 003: "preestablecidos por el supervisor"),
   admins too; agents may not. Paths: /admin/campaigns, /admin/campaigns/{id},
   /admin/campaigns/{id}/delete, /admin/typifications[/...]. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "admin_campaigns/screen.h"
#include "app.h"
#include "campaigns.h"
#include "catalog.h"
#include "db.h"
#include "view.h"

#define LIST "admin_campaigns.cs"
#define PAGE "admin_campaign.cs"

/* Left out by an API client's edit: keep what is stored. */
#define KEEP 2
#define SCRIPT_MAX 50000
#define TITLE_MAX 200

struct campaign_form {
    const char *name, *description, *script, *form_title;  /* NULL: keep */
    int active;
    int channels_sent;          /* 0: leave the campaign's channels as they are */
    long long *channels;
    int nchannels;
};

int campaign_list(struct req *r)
{
    struct db_rows rows;
    int rc = db_select(r->a, &rows, "SELECT g.id, g.name, g.description, g.active, g.form_title,"
                       " (SELECT GROUP_CONCAT(" CATALOG_NAME_OF("ch") " ORDER BY ch.position"
                       " SEPARATOR ', ') FROM campaign_channels cc JOIN channels ch"
                       " ON ch.id = cc.channel_id WHERE cc.campaign_id = g.id) AS channels,"
                       " (SELECT COUNT(*) FROM typifications t WHERE t.campaign_id = g.id"
                       " AND t.active = 1) AS typifications,"
                       " (SELECT COUNT(*) FROM cases c WHERE c.campaign_id = g.id AND c.closed = 0)"
                       " AS open_cases FROM campaigns g ORDER BY g.active DESC, g.name",
                       "s", r->lang);
    if (rc == DB_OK) {
        view_rows(r, "Campaigns", &rows);
        view_bool(r, 1, "Page.editable");   /* everyone this screen admits writes */
    }
    return rc;
}

static int chosen(const struct campaign_form *f, long long id)
{
    for (int i = 0; i < f->nchannels; i++) {
        if (f->channels[i] == id) {
            return 1;
        }
    }
    return 0;
}

/* The channel checkboxes: the active channels and those campaign id already
   has, as Options.channels.N.{id, code, name, active, checked}; checked
   as the refused form f sent it, when it did. */
static int channel_options(struct req *r, long long id, const struct campaign_form *f)
{
    struct db_rows rows;
    if (db_select(r->a, &rows, "SELECT ch.id, ch.code, " CATALOG_NAME_OF("ch") " AS name,"
                  " ch.active, cc.campaign_id IS NOT NULL AS checked FROM channels ch"
                  " LEFT JOIN campaign_channels cc ON cc.channel_id = ch.id AND cc.campaign_id = ?"
                  " WHERE ch.active = 1 OR cc.campaign_id IS NOT NULL ORDER BY ch.position, ch.name_es",
                  "sl", r->lang, id) != DB_OK) {
        return DB_DOWN;
    }
    view_rows(r, "Options.channels", &rows);
    for (int i = 0; f && f->channels_sent && i < rows.n; i++) {
        view_bool(r, chosen(f, strtoll(db_cell(&rows, i, 0), NULL, 10)), "Options.channels.%d.checked", i);
    }
    return DB_OK;
}

/* Campaign id into Campaign.* with its script rendered, and the form's
   channel options. 1 found, 0 not, <0 db failure. */
static int load(struct req *r, long long id, const struct campaign_form *f)
{
    struct db_rows c;
    if (db_select(r->a, &c, "SELECT g.id, g.name, g.description, g.active, g.script, g.form_title,"
                  " g.version, g.created_at, g.updated_at,"
                  " (SELECT COUNT(*) FROM typifications t WHERE t.campaign_id = g.id AND t.active = 1)"
                  " AS typifications, (SELECT COUNT(*) FROM cases k WHERE k.campaign_id = g.id"
                  " AND k.closed = 0) AS open_cases FROM campaigns g WHERE g.id = ?", "l", id) != DB_OK ||
        channel_options(r, id, f) != DB_OK) {
        return DB_DOWN;
    }
    if (c.n == 0) {
        return 0;
    }
    view_row(r, "Campaign", &c, 0);
    view_str(r, campaign_script_html(r->a, db_cell(&c, 0, 4)), "Campaign.script_html");
    view_bool(r, 1, "Page.editable");
    return 1;
}

static int list(struct req *r)
{
    if (campaign_list(r) != DB_OK || channel_options(r, 0, NULL) != DB_OK) {
        return admin_fail(r, DB_DOWN);
    }
    return view_render(r, LIST);
}

static int show(struct req *r, long long id)
{
    int found = load(r, id, NULL);
    if (found <= 0) {
        return admin_fail(r, found);
    }
    view_bool(r, req_param(r, "saved") != NULL, "Page.saved");
    return view_render(r, PAGE);
}

/* The checked channel boxes (repeated "channel"): each an active channel or
   one campaign id already has. */
static void read_channels(struct req *r, long long id, struct campaign_form *f,
                          struct field_error *fe)
{
    f->channels = arena_alloc(r->a, (r->params.n + 1) * sizeof *f->channels);
    for (size_t i = 0; i < r->params.n; i++) {
        const char *v = r->params.v[i].value;
        char *end, *ok = NULL;
        if (strcmp(r->params.v[i].name, "channel") != 0) {
            continue;
        }
        long long ch = strtoll(v, &end, 10);
        if (*v < '0' || *v > '9' || *end || ch <= 0 ||
            db_value(r->a, &ok, "SELECT 1 FROM channels ch WHERE ch.id = ? AND (ch.active = 1 OR"
                     " EXISTS (SELECT 1 FROM campaign_channels cc WHERE cc.channel_id = ch.id"
                     " AND cc.campaign_id = ?))", "ll", ch, id) != DB_OK || !ok) {
            if (!fe->field) {
                fe->field = "channel", fe->key = "channel_unknown";
            }
            return;
        }
        if (!chosen(f, ch)) {
            f->channels[f->nchannels++] = ch;
        }
    }
}

/* The fields after the name and description. */
static void check_rest(const struct campaign_form *f, struct field_error *fe)
{
    if (f->script && utf8_chars(f->script) > SCRIPT_MAX) {
        fe->field = "script", fe->key = "script_long";
    } else if (f->form_title && utf8_chars(f->form_title) > TITLE_MAX) {
        fe->field = "form_title", fe->key = "form_title_long";
    } else if (f->active < 0) {
        fe->field = "active", fe->key = "flag_invalid";
    }
}

/* Reads and checks the form; on an edit (id > 0) what is left out stays. */
static void parse(struct req *r, long long id, struct campaign_form *f, struct field_error *fe)
{
    int creating = id == 0;
    memset(f, 0, sizeof *f);
    f->name = req_trimmed(r, "name");
    f->description = req_param(r, "description");
    f->script = req_param(r, "script");
    f->form_title = req_param(r, "form_title") ? req_trimmed(r, "form_title") : NULL;
    if (creating) {
        f->description = f->description ? f->description : "";
        f->script = f->script ? f->script : "";
        f->form_title = f->form_title ? f->form_title : "";
    }
    f->active = req_flag(r, "active", creating ? 1 : KEEP);
    /* a browser always sends channels_sent (no box ticked sends nothing) */
    f->channels_sent = creating || strcmp(req_str(r, "channels_sent"), "1") == 0 ||
                       req_param(r, "channel") != NULL;
    admin_name_check(f->name, f->description ? f->description : "", "campaign_name_required", fe);
    if (!fe->field) {
        check_rest(f, fe);
    }
    if (f->channels_sent) {     /* also after a problem: a refused form keeps the boxes */
        read_channels(r, id, f, fe);
    }
}

/* The form again, with what was sent and its problem. */
static int invalid(struct req *r, long long id, const struct campaign_form *f,
                   const struct field_error *fe)
{
    const char *node = id ? "Campaign" : "Form";
    if (id ? load(r, id, f) <= 0 : campaign_list(r) != DB_OK || channel_options(r, 0, f) != DB_OK) {
        return admin_fail(r, id ? 0 : DB_DOWN);
    }
    view_str(r, f->name, "%s.name", node);
    if (f->description) {
        view_str(r, f->description, "%s.description", node);
    }
    if (f->script) {
        view_str(r, f->script, "%s.script", node);
    }
    if (f->form_title) {
        view_str(r, f->form_title, "%s.form_title", node);
    }
    if (f->active != KEEP) {
        view_bool(r, f->active > 0, "%s.active", node);
    }
    return req_invalid(r, fe->field, fe->key, id ? PAGE : LIST);
}

/* Makes the campaign's channels what the form says. */
static long long save_channels(long long id, const struct campaign_form *f)
{
    if (!f->channels_sent) {
        return 0;
    }
    long long rc = db_exec("DELETE FROM campaign_channels WHERE campaign_id = ?", "l", id);
    for (int i = 0; rc >= 0 && i < f->nchannels; i++) {
        rc = db_exec("INSERT INTO campaign_channels (campaign_id, channel_id) VALUES (?, ?)",
                     "ll", id, f->channels[i]);
    }
    return rc;
}

/* Saves a checked form: a new campaign (id 0) or an edit from version.
   The campaign's id, 0 when the edit matched nothing (stale or gone), or a
   negative db status; rolled back unless saved. */
static long long save(long long id, long long version, const struct campaign_form *f)
{
    long long rc = db_begin();
    if (rc == DB_OK && !id) {
        rc = db_exec("INSERT INTO campaigns (name, description, active, script, form_title)"
                     " VALUES (?, ?, ?, ?, ?)", "ssiss", f->name, f->description, f->active,
                     f->script, f->form_title);
        id = rc > 0 ? db_last_id() : 0;
    } else if (rc == DB_OK) {
        rc = db_exec("UPDATE campaigns SET name = ?, description = COALESCE(?, description),"
                     " script = COALESCE(?, script), form_title = COALESCE(?, form_title),"
                     " active = IF(? = 2, active, ?), version = version + 1,"
                     " updated_at = UTC_TIMESTAMP() WHERE id = ? AND version = ?",
                     "ssssiill", f->name, f->description, f->script, f->form_title, f->active,
                     f->active, id, version);
    }
    if (rc > 0) {
        rc = save_channels(id, f);
    } else if (rc == 0) {
        db_rollback();
        return 0;
    }
    if (rc < 0 || db_commit() != DB_OK) {
        db_rollback();
        return rc < 0 ? rc : DB_ERROR;
    }
    return id;
}

static int create(struct req *r)
{
    struct campaign_form f;
    struct field_error fe = { 0 };
    parse(r, 0, &f, &fe);
    long long id = fe.field ? 0 : save(0, 0, &f);
    if (id == DB_DUPLICATE) {
        fe.field = "name", fe.key = "campaign_name_taken";
    }
    if (fe.field) {
        return invalid(r, 0, &f, &fe);
    }
    if (id <= 0) {
        return admin_fail(r, id < 0 ? id : DB_ERROR);
    }
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "campaign_create", "campaign", id, f.name);
    if (resp_created(r, arena_printf(r->a, "/admin/campaigns/%lld", id)) == 201) {
        load(r, id, NULL);
        return view_render(r, PAGE);
    }
    return r->status;
}

static int update(struct req *r, long long id)
{
    struct campaign_form f;
    struct field_error fe = { 0 };
    long long version;
    if (req_int(r, "version", 1, 1LL << 31, &version) != 1) {
        return req_fail(r, 400, "bad_request", "bad_request");
    }
    parse(r, id, &f, &fe);
    long long n = fe.field ? 0 : save(id, version, &f);
    if (n == DB_DUPLICATE) {
        fe.field = "name", fe.key = "campaign_name_taken";
    }
    if (fe.field) {
        return invalid(r, id, &f, &fe);
    }
    char *v = NULL;
    if (n == 0 && db_value(r->a, &v, "SELECT 1 FROM campaigns WHERE id = ?", "l", id) == DB_OK && v) {
        return req_fail(r, 409, "conflict", "conflict");
    }
    if (n <= 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "campaign_update", "campaign", id, f.name,
                      arena_printf(r->a, "/admin/campaigns/%lld?saved=1", id));
}

/* A campaign no case and no management refers to goes, with its tree (each
   outcome after its children) and its channels; one in use answers 409. */
static int delete_campaign(struct req *r, long long id)
{
    struct typification *t;
    int n = typification_tree(r, id, TREE_ALL, &t);
    long long rc = n < 0 ? n : db_begin();
    for (int i = n - 1; rc >= 0 && i >= 0; i--) {
        rc = db_exec("DELETE FROM typifications WHERE id = ?", "l", t[i].id);
    }
    if (rc >= 0) {
        rc = db_exec("DELETE FROM campaigns WHERE id = ?", "l", id);
    }
    if (rc <= 0 || db_commit() != DB_OK) {
        db_rollback();
        return rc == DB_CONSTRAINT ? req_fail(r, 409, "in_use", "campaign_in_use")
                                   : admin_fail(r, rc < 0 ? rc : 0);
    }
    return admin_done(r, "campaign_delete", "campaign", id, "", "/admin/campaigns?saved=1");
}

static int admin_campaigns(struct req *r)
{
    if (strncmp(r->path, "/admin/typifications", 20) == 0) {
        return typifications_route(r);
    }
    long long id = 0;
    const char *rest = "";
    int is_list = strcmp(r->path, "/admin/campaigns") == 0;
    if (!is_list && !req_path_id(r, "/admin/campaigns", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return *rest ? req_fail(r, 404, "not_found", "not_found") : is_list ? list(r) : show(r, id);
    }
    if (is_list || !*rest) {
        return is_list ? create(r) : update(r, id);
    }
    return strcmp(rest, "delete") == 0 ? delete_campaign(r, id)
                                       : req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_campaigns", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_campaigns,
};

int main(void)
{
    return app_main(&screen);
}
