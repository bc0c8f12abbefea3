/* files.c: attachments. The bytes live in file_contents keyed by sha256, so
   the same file uploaded twice (or linked in several notes) is stored once. */
#include "files.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "db.h"

static const char *sha256_hex(struct arena *a, const char *data, size_t n)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, n);
    char *hex = arena_alloc(a, sizeof h * 2 + 1);
    sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
    return hex;
}

/* "image/png" as given when it looks like a media type, else the safe default. */
static const char *media_type(const char *s)
{
    size_t n = strlen(s), slash = strcspn(s, "/");
    const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-";
    if (n == 0 || n > 100 || slash == 0 || slash >= n - 1 || strspn(s, ok) != slash ||
        strspn(s + slash + 1, ok) != n - slash - 1) {
        return "application/octet-stream";
    }
    return s;
}

long long file_attach(struct req *r, const struct upload *u, long long note_id)
{
    const char *sha = sha256_hex(r->a, u->data, u->size);
    if (db_exec("INSERT IGNORE INTO file_contents (sha256, size, content) VALUES (?, ?, ?)",
                "slb", sha, (long long)u->size, u->data, u->size) < 0 ||
        db_exec("INSERT INTO attachments (note_id, name, content_type, size, sha256, created_by)"
                " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0))", "lsslsl", note_id,
                utf8_prefix(r->a, u->filename, 255), media_type(u->content_type),
                (long long)u->size, sha, r->user.id) < 0) {
        return DB_ERROR;
    }
    return db_last_id();
}

long long file_forget_unused(void)
{
    return db_exec("DELETE f FROM file_contents f LEFT JOIN attachments a ON a.sha256 = f.sha256"
                   " WHERE a.id IS NULL", "");
}

/* The name for the plain filename= parameter: ASCII, no quotes or controls. */
static const char *ascii_name(struct arena *a, const char *name)
{
    char *out = arena_strdup(a, name);
    for (char *p = out; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f || *p == '"' || *p == '\\') {
            *p = '_';
        }
    }
    return out;
}

/* RFC 5987 value: UTF-8 bytes percent-encoded but for unreserved ones. */
static const char *ext_value(struct arena *a, const char *name)
{
    struct sbuf b;
    sbuf_init(&b, a);
    b.s[0] = '\0';
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (isalnum(*p) || strchr("!#$&+-.^_`|~", *p)) {
            sbuf_addc(&b, (char)*p);
        } else {
            sbuf_addf(&b, "%%%02X", *p);
        }
    }
    return b.s;
}

int file_send(struct req *r, long long id)
{
    struct db_rows f;
    if (db_select(r->a, &f, "SELECT a.name, a.content_type, f.content FROM attachments a"
                  " JOIN file_contents f ON f.sha256 = a.sha256 WHERE a.id = ?", "l", id) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (f.n == 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    const char *name = db_cell(&f, 0, 0);
    r->body.len = 0;
    sbuf_add(&r->body, db_cell(&f, 0, 2) ? db_cell(&f, 0, 2) : "", f.lens[2]);
    r->content_type = media_type(db_cell(&f, 0, 1));
    resp_header(r, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                             ascii_name(r->a, name), ext_value(r->a, name)));
    r->status = 200;
    return 200;
}
