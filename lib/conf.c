/* conf.c: table-driven configuration loading; see conf.h. */
#include "conf.h"

#include <ClearSilver.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct conf conf;

enum conf_type { CONF_STR, CONF_INT, CONF_LONG };

static const struct conf_key {
    const char *name;
    enum conf_type type;
    size_t offset;
    const char *def;
} keys[] = {
    { "Site.name", CONF_STR, offsetof(struct conf, site_name), "Atiende" },
    { "Site.base_url", CONF_STR, offsetof(struct conf, base_url), "http://127.0.0.1:8080" },
    { "Site.timezone", CONF_STR, offsetof(struct conf, timezone), "America/Bogota" },
    { "Site.default_lang", CONF_STR, offsetof(struct conf, default_lang), "es" },
    { "DB.socket", CONF_STR, offsetof(struct conf, db_socket), "/run/mysqld/mysqld.sock" },
    { "DB.host", CONF_STR, offsetof(struct conf, db_host), "localhost" },
    { "DB.port", CONF_INT, offsetof(struct conf, db_port), "0" },
    { "DB.name", CONF_STR, offsetof(struct conf, db_name), "atiende" },
    { "DB.user", CONF_STR, offsetof(struct conf, db_user), "atiende" },
    { "DB.password", CONF_STR, offsetof(struct conf, db_password), "" },
    { "DB.timeout", CONF_INT, offsetof(struct conf, db_timeout), "30" },
    { "Paths.templates", CONF_STR, offsetof(struct conf, templates_dir), "templates" },
    { "Paths.sql", CONF_STR, offsetof(struct conf, sql_dir), "sql" },
    { "Session.idle_minutes", CONF_INT, offsetof(struct conf, session_idle_minutes), "120" },
    { "Session.absolute_hours", CONF_INT, offsetof(struct conf, session_absolute_hours), "12" },
    { "Session.cookie_secure", CONF_INT, offsetof(struct conf, cookie_secure), "-1" },
    { "Login.max_failures_per_login", CONF_INT, offsetof(struct conf, login_max_per_login), "5" },
    { "Login.max_failures_per_addr", CONF_INT, offsetof(struct conf, login_max_per_addr), "20" },
    { "Login.window_minutes", CONF_INT, offsetof(struct conf, login_window_minutes), "15" },
    { "Limits.max_body", CONF_LONG, offsetof(struct conf, max_body), "1048576" },
    { "Limits.max_params", CONF_INT, offsetof(struct conf, max_params), "500" },
    { "Limits.max_file", CONF_LONG, offsetof(struct conf, max_file), "10485760" },
    { "Limits.max_file_portal", CONF_LONG, offsetof(struct conf, max_file_portal), "1048576" },
    { "Limits.max_upload", CONF_LONG, offsetof(struct conf, max_upload), "52428800" },
    { "Mail.smtp_url", CONF_STR, offsetof(struct conf, smtp_url), "smtp://127.0.0.1:25" },
    { "Mail.from", CONF_STR, offsetof(struct conf, mail_from), "atiende@localhost" },
    { "Mail.user", CONF_STR, offsetof(struct conf, smtp_user), "" },
    { "Mail.password", CONF_STR, offsetof(struct conf, smtp_password), "" },
    { "Mail.starttls", CONF_INT, offsetof(struct conf, smtp_starttls), "0" },
    { "Mail.max_attempts", CONF_INT, offsetof(struct conf, mail_max_attempts), "8" },
    { "Calendar.days", CONF_STR, offsetof(struct conf, cal_days), "1,2,3,4,5" },
    { "Calendar.start", CONF_STR, offsetof(struct conf, cal_start), "08:00" },
    { "Calendar.end", CONF_STR, offsetof(struct conf, cal_end), "18:00" },
    { "Calendar.holidays", CONF_STR, offsetof(struct conf, cal_holidays), "" },
    { "Cases.agents_restricted", CONF_INT, offsetof(struct conf, cases_agents_restricted), "0" },
    { "Portal.area", CONF_STR, offsetof(struct conf, portal_area), "Soporte técnico" },
    { "Cache.lists_seconds", CONF_INT, offsetof(struct conf, cache_seconds), "5" },
    { "Portal.invite_hours", CONF_INT, offsetof(struct conf, portal_invite_hours), "72" },
    { "Presence.timeout_seconds", CONF_INT, offsetof(struct conf, presence_timeout_seconds), "90" },
    { "Inbound.imap_url", CONF_STR, offsetof(struct conf, imap_url), "" },
    { "Inbound.user", CONF_STR, offsetof(struct conf, imap_user), "" },
    { "Inbound.password", CONF_STR, offsetof(struct conf, imap_password), "" },
    { "Inbound.starttls", CONF_INT, offsetof(struct conf, imap_starttls), "0" },
    { "Inbound.area", CONF_STR, offsetof(struct conf, inbound_area), "Soporte técnico" },
    { "Inbound.max_bytes", CONF_LONG, offsetof(struct conf, inbound_max_bytes), "10485760" },
    { "Inbound.rate_per_hour", CONF_INT, offsetof(struct conf, inbound_rate_per_hour), "20" },
    { "Inbound.move_to", CONF_STR, offsetof(struct conf, inbound_move_to), "" },
};

#define NKEYS (sizeof keys / sizeof *keys)

static char errbuf[512];

/* Defaults point at the table's literals; values read from the file are copied
   (once per process, so they are never freed). */
static int set_value(const struct conf_key *k, const char *v, int copy_str)
{
    char *field = (char *)&conf + k->offset;
    char *end;
    switch (k->type) {
    case CONF_STR: {
        if (!copy_str) {
            *(const char **)field = v;
            return 0;
        }
        char *copy = strdup(v);
        if (!copy) {
            abort();
        }
        *(const char **)field = copy;
        return 0;
    }
    case CONF_INT:
    case CONF_LONG: {
        errno = 0;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || errno == ERANGE ||
            (k->type == CONF_INT && (n < INT_MIN || n > INT_MAX))) {
            snprintf(errbuf, sizeof errbuf, "%s: not a number: %s", k->name, v);
            return -1;
        }
        if (k->type == CONF_INT) {
            *(int *)field = (int)n;
        } else {
            *(long *)field = n;
        }
        return 0;
    }
    }
    return -1;
}

static const struct conf_key *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (strcmp(keys[i].name, name) == 0) {
            return &keys[i];
        }
    }
    return NULL;
}

/* Walks every leaf under node, rejecting names the table does not know. */
static int apply_tree(HDF *node, const char *prefix)
{
    for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
        char name[256];
        snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
        if (hdf_obj_child(c)) {
            if (apply_tree(c, name) < 0) {
                return -1;
            }
            continue;
        }
        const struct conf_key *k = find_key(name);
        if (!k) {
            snprintf(errbuf, sizeof errbuf, "unknown configuration key: %s", name);
            return -1;
        }
        if (set_value(k, hdf_obj_value(c) ? hdf_obj_value(c) : "", 1) < 0) {
            return -1;
        }
    }
    return 0;
}

int conf_load(const char *path, const char **err)
{
    *err = errbuf;
    for (size_t i = 0; i < NKEYS; i++) {
        set_value(&keys[i], keys[i].def, 0);
    }
    if (!path) {
        path = getenv("ATIENDE_CONF");
    }
    if (!path || !*path) {
        path = "conf/atiende.hdf";
    }
    HDF *hdf;
    NEOERR *e = hdf_init(&hdf);
    if (e == STATUS_OK) {
        e = hdf_read_file(hdf, path);
    }
    if (e != STATUS_OK) {
        STRING s;
        string_init(&s);
        nerr_error_string(e, &s);
        snprintf(errbuf, sizeof errbuf, "%s: %s", path, s.buf ? s.buf : "cannot read");
        string_clear(&s);
        nerr_ignore(&e);
        hdf_destroy(&hdf);
        return -1;
    }
    int rc = apply_tree(hdf, "");
    hdf_destroy(&hdf);
    return rc;
}
