/* migrate.c: applies sql/migrations/NNNN_name.sql in order, once each,
   recording them in schema_migrations; refuses when a landed file changed. */
#include "migrate.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(struct arena *a, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    struct sbuf b;
    sbuf_init(&b, a);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sbuf_add(&b, chunk, n);
    }
    fclose(f);
    *len = b.len;
    return b.s;
}

static char *sha256_hex(struct arena *a, const char *s, size_t n)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, n);
    char *out = arena_alloc(a, sizeof h * 2 + 1);
    sodium_bin2hex(out, sizeof h * 2 + 1, h, sizeof h);
    return out;
}

/* Applies one file unless already applied with the same checksum. */
static int apply(struct arena *a, const char *dir, const char *file, int *applied)
{
    char *path = arena_printf(a, "%s/%s", dir, file);
    size_t len;
    char *sql = read_file(a, path, &len);
    if (!sql) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    int version = atoi(file);
    char *sum = sha256_hex(a, sql, len);
    char *have;
    if (db_value(a, &have, "SELECT checksum FROM schema_migrations WHERE version = ?",
                 "i", version) != DB_OK) {
        fprintf(stderr, "cannot read schema_migrations: %s\n", db_errmsg());
        return -1;
    }
    if (have) {
        if (strcmp(have, sum) != 0) {
            fprintf(stderr, "%s was changed after it was applied; add a new migration instead\n", file);
            return -1;
        }
        return 0;
    }
    if (db_script(sql, len) != DB_OK) {
        fprintf(stderr, "%s failed: %s\n", file, db_errmsg());
        return -1;
    }
    if (db_exec("INSERT INTO schema_migrations (version, name, checksum, applied_at)"
                " VALUES (?, ?, ?, UTC_TIMESTAMP())", "iss", version, file, sum) != 1) {
        fprintf(stderr, "cannot record %s: %s\n", file, db_errmsg());
        return -1;
    }
    printf("applied %s\n", file);
    (*applied)++;
    return 0;
}

int migrate_run(struct arena *a)
{
    static const char create[] =
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT UNSIGNED NOT NULL PRIMARY KEY,"
        " name VARCHAR(200) NOT NULL,"
        " checksum CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'sha256 of the file as applied',"
        " applied_at DATETIME NOT NULL"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
        " COMMENT='Migrations from sql/migrations applied to this database'";
    if (db_script(create, sizeof create - 1) != DB_OK) {
        fprintf(stderr, "cannot reach the database: %s\n", db_errmsg());
        return -1;
    }
    const char *dir = arena_printf(a, "%s/migrations", conf.sql_dir);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        return -1;
    }
    char **files = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 9 && e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
            strcmp(e->d_name + len - 4, ".sql") == 0) {
            if (n == cap) {
                cap = cap ? cap * 2 : 32;
                char **grown = arena_alloc(a, cap * sizeof *grown);
                if (n) {
                    memcpy(grown, files, n * sizeof *grown);
                }
                files = grown;
            }
            files[n++] = arena_strdup(a, e->d_name);
        }
    }
    closedir(d);
    qsort(files, n, sizeof *files, by_name);
    int applied = 0;
    for (size_t i = 0; i < n; i++) {
        if (apply(a, dir, files[i], &applied) < 0) {
            return -1;
        }
    }
    printf("migrations: %d applied, %zu known\n", applied, n);
    return 0;
}
