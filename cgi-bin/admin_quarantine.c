/* admin_quarantine: the e-mails bin/atiende-fetch kept aside instead of
   making cases of them (too large, malformed, no sender, over the sender's
   hourly rate), newest first, with their raw bytes. An admin looks at one
   (its headers and the start of its body, as text), releases it — taken as
   if it had just come, without the size and rate limits (lib/inbound.c) —
   or deletes it (the bytes go; the row stays, so the message is never taken
   again). Admins only. Paths: /admin/quarantine (?page=),
   /admin/quarantine/{id}, /admin/quarantine/{id}/release|delete (POST). */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "app.h"
#include "db.h"
#include "form.h"
#include "inbound.h"
#include "view.h"

#define PER_PAGE 50
#define HEAD_MAX (64 * 1024)    /* bytes of the header block shown */
#define BODY_SHOWN 1024         /* bytes of the body shown */

static int list(struct req *r)
{
    long long page = 1, released = 0;
    char *total = NULL;
    struct db_rows rows, done;
    if (req_int(r, "page", 1, 1000000, &page) < 0) {
        page = 1;
    }
    if (db_value(r->a, &total, "SELECT COUNT(*) FROM inbound_mail WHERE status = 'quarantined'", "") != DB_OK ||
        db_select(r->a, &rows, "SELECT id, received_at, from_addr, subject, size, reason, truncated"
                  " FROM inbound_mail WHERE status = 'quarantined' ORDER BY id DESC LIMIT ? OFFSET ?",
                  "ll", (long long)PER_PAGE, (page - 1) * PER_PAGE) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    view_rows(r, "Quarantine", &rows);
    view_list(r, "Quarantine");
    for (int i = 0; i < rows.n; i++) {     /* reason: column 5 */
        view_str(r, inbound_reason_kind(db_cell(&rows, i, 5)), "Quarantine.%d.kind", i);
    }
    /* after a release: what the message became */
    if (req_int(r, "released", 1, (long long)1 << 62, &released) == 1) {
        if (db_select(r->a, &done, "SELECT i.id, i.case_id, c.number, i.status FROM inbound_mail i"
                      " LEFT JOIN cases c ON c.id = i.case_id WHERE i.id = ?", "l", released) != DB_OK) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        if (done.n) {
            view_row(r, "Released", &done, 0);
        }
    }
    view_bool(r, req_param(r, "deleted") != NULL, "Page.deleted");
    view_pager(r, total ? strtoll(total, NULL, 10) : 0, page, PER_PAGE);
    return view_render(r, "admin_quarantine.cs");
}

/* Bytes as text a page can show: valid UTF-8 kept, any other byte and
   control characters (but line feeds and tabs) shown as U+FFFD. */
static const char *as_text(struct arena *a, const char *s, size_t n)
{
    struct sbuf b;
    sbuf_init(&b, a);
    b.s[0] = '\0';
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (c == '\r') {
            i++;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && k == 1)) {
            sbuf_addc(&b, (char)c), i++;
        } else if (k > 1 && i + k <= n && utf8_valid(s + i, k)) {
            sbuf_add(&b, s + i, k), i += k;
        } else {
            sbuf_adds(&b, "\xEF\xBF\xBD"), i++;
        }
    }
    return b.s;
}

/* One message: its row, its header block and the first KB of its body. */
static int show(struct req *r, long long id)
{
    struct db_rows m;
    if (db_select(r->a, &m, "SELECT id, received_at, from_addr, subject, size, status, reason, truncated,"
                  " uid, case_id, LEFT(raw, ?) AS head FROM inbound_mail WHERE id = ?", "ll",
                  (long long)(HEAD_MAX + 4 + BODY_SHOWN), id) != DB_OK) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    if (m.n == 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    const char *raw = db_cell(&m, 0, 10);
    size_t len = m.lens[10], head = len;
    m.ncols = 10;       /* the bytes go out as text, below */
    view_row(r, "Mail", &m, 0);
    view_str(r, inbound_reason_kind(hdf_get_value(r->hdf, "Mail.reason", "")), "Mail.kind");
    if (raw) {
        const char *crlf = memmem(raw, len, "\r\n\r\n", 4), *lf = memmem(raw, len, "\n\n", 2);
        const char *end = crlf && (!lf || crlf < lf) ? crlf : lf;
        head = end ? (size_t)(end - raw) : len;
        size_t body = end ? (size_t)(end - raw) + (end == crlf ? 4 : 2) : len;
        size_t shown = len - body < BODY_SHOWN ? len - body : BODY_SHOWN;
        view_str(r, as_text(r->a, raw, head < HEAD_MAX ? head : HEAD_MAX), "Mail.headers");
        view_str(r, as_text(r->a, raw + body, shown), "Mail.body_start");
    }
    return view_render(r, "admin_quarantine_mail.cs");
}

static int release(struct req *r, long long id)
{
    struct inbound_outcome out;
    int rc = inbound_release(r, id, &out);
    if (rc == 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (rc == -1) {
        const char *key = strcmp(out.reason, "not_quarantined") == 0 ? "quarantine_gone"
                        : strcmp(out.reason, "truncated") == 0 ? "quarantine_truncated" : "quarantine_unreadable";
        return req_fail(r, 409, strcmp(key, "quarantine_unreadable") == 0 ? "still_refused" : out.reason, key);
    }
    if (rc < 0) {
        return req_fail(r, 503, "db_unavailable", "db_down");
    }
    const char *detail = arena_printf(r->a, "%s %s", out.status, out.number ? out.number : "");
    audit(r->user.id, req_env(r, "REMOTE_ADDR"), "quarantine_release", "inbound_mail", id, detail);
    if (!r->want_json) {
        return resp_redirect(r, arena_printf(r->a, "/admin/quarantine?released=%lld", id));
    }
    view_int(r, id, "Released.id");
    view_str(r, out.status, "Released.status");
    view_str(r, out.reason, "Released.reason");
    if (out.case_id) {
        view_int(r, out.case_id, "Released.case_id");
        view_str(r, out.number, "Released.number");
    }
    view_bool(r, out.acknowledged, "Released.acknowledged");
    return view_render(r, "admin_quarantine.cs");
}

/* The bytes go, the row stays: its key keeps the message from being taken again. */
static int delete(struct req *r, long long id)
{
    long long n = db_exec("UPDATE inbound_mail SET status = 'deleted', raw = NULL, decided_by = ?"
                          " WHERE id = ? AND status = 'quarantined'", "ll", r->user.id, id);
    if (n == 0) {
        char *found = NULL;
        if (db_value(r->a, &found, "SELECT id FROM inbound_mail WHERE id = ?", "l", id) != DB_OK) {
            return req_fail(r, 503, "db_unavailable", "db_down");
        }
        return found ? req_fail(r, 409, "not_quarantined", "quarantine_gone")
                     : req_fail(r, 404, "not_found", "not_found");
    }
    if (n < 0) {
        return admin_fail(r, n);
    }
    return admin_done(r, "quarantine_delete", "inbound_mail", id, "", "/admin/quarantine?deleted=1");
}

static int not_allowed(struct req *r, const char *allow)
{
    resp_header(r, "Allow", allow);
    return req_fail(r, 405, "method_not_allowed", "method");
}

static int admin_quarantine(struct req *r)
{
    long long id = 0;
    const char *rest = "";
    if (strcmp(r->path, "/admin/quarantine") == 0) {
        return r->is_post ? not_allowed(r, "GET, HEAD") : list(r);
    }
    if (!req_path_id(r, "/admin/quarantine", &id, &rest)) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!*rest) {
        return r->is_post ? not_allowed(r, "GET, HEAD") : show(r, id);
    }
    if (strcmp(rest, "release") != 0 && strcmp(rest, "delete") != 0) {
        return req_fail(r, 404, "not_found", "not_found");
    }
    if (!r->is_post) {
        return not_allowed(r, "POST");
    }
    return strcmp(rest, "release") == 0 ? release(r, id) : delete(r, id);
}

static const struct screen screen = {
    .name = "admin_quarantine", .roles = ROLE_ADMIN, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_quarantine,
};

int main(void)
{
    return app_main(&screen);
}
