/* messages.c: the channels of a case's conversation, the outbound form's
   view and e-mail HTML from plain text (see messages.h). */
#include "messages.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "conf.h"
#include "db.h"
#include "view.h"

/* The allowed channels: parameters lang, campaign, campaign. A channel
   without contact types reaches nobody (the portal's), so it is never
   offered. The form and the write read the same rule. */
#define ALLOWED_CHANNELS \
    "SELECT ch.id, COALESCE(ch.code, '') AS code, " CATALOG_NAME_OF("ch") " AS name," \
    " ch.contact_types, COALESCE(ch.code, '') <> 'email' AS manual FROM channels ch" \
    " WHERE ch.active = 1 AND ch.contact_types <> '' AND (? = 0 OR EXISTS (SELECT 1" \
    " FROM campaign_channels cc WHERE cc.campaign_id = ? AND cc.channel_id = ch.id))"

int message_channel(struct req *r, long long campaign_id, const char *want,
                    struct message_channel *ch)
{
    struct db_rows row;
    char *end;
    long long id = strtoll(want, &end, 10);
    if (!*want) {
        return 0;
    }
    if (*end || id <= 0) {
        id = 0;     /* a code */
    }
    int rc = db_select(r->a, &row, ALLOWED_CHANNELS " AND (ch.id = ? OR (? = 0 AND ch.code = ?))",
                       "slllls", r->lang, campaign_id, campaign_id, id, id, want);
    if (rc != DB_OK) {
        return rc;
    }
    if (row.n == 0) {
        return 0;
    }
    ch->id = strtoll(db_cell(&row, 0, 0), NULL, 10);
    ch->code = db_cell(&row, 0, 1);
    ch->name = db_cell(&row, 0, 2);
    ch->contact_types = db_cell(&row, 0, 3);
    ch->manual = *db_cell(&row, 0, 4) == '1';
    return 1;
}

int message_form_view(struct req *r, long long campaign_id)
{
    struct db_rows ch;
    if (db_select_memo(r->a, &ch, ALLOWED_CHANNELS " ORDER BY ch.position, ch.name_es", "sll",
                       r->lang, campaign_id, campaign_id) != DB_OK) {
        return DB_DOWN;
    }
    struct sbuf types;
    sbuf_init(&types, r->a);
    sbuf_addc(&types, ',');
    for (int i = 0; i < ch.n; i++) {
        sbuf_addf(&types, "%s,", db_cell(&ch, i, 3));
    }
    view_rows(r, "MessageChannels", &ch);
    view_str(r, types.s, "MessageForm.types");
    view_str(r, message_subject(r, hdf_get_value(r->hdf, "Case.number", ""),
                                hdf_get_value(r->hdf, "Case.subject", "")), "MessageForm.subject");
    view_int(r, conf.max_file, "MessageForm.max_file");
    return 1;
}

const char *message_subject(struct req *r, const char *number, const char *subject)
{
    return lang_fill(r->a, conf.default_lang, "Cases.Message.default_subject", number, subject, NULL);
}

const char *message_html(struct arena *a, const char *text)
{
    struct sbuf b;
    sbuf_init(&b, a);
    sbuf_adds(&b, "<div>");
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': sbuf_adds(&b, "&amp;"); break;
        case '<': sbuf_adds(&b, "&lt;"); break;
        case '>': sbuf_adds(&b, "&gt;"); break;
        case '"': sbuf_adds(&b, "&quot;"); break;
        case '\'': sbuf_adds(&b, "&#39;"); break;
        case '\r': break;       /* CRLF and LF end a line alike */
        case '\n': sbuf_adds(&b, "<br>\n"); break;
        default: sbuf_addc(&b, *p);
        }
    }
    sbuf_adds(&b, "</div>\n");
    return b.s;
}
