/* outbox.c: queueing e-mails in the outbox (see outbox.h). */
#include "outbox.h"

#include "auth.h"
#include "db.h"

const char *outbox_message_id(struct arena *a, const char *number)
{
    return arena_printf(a, "%s.%s@atiende", number, auth_random_token(a));
}

const char *outbox_case_thread(struct arena *a, long long case_id)
{
    return arena_printf(a, "case-%lld@atiende", case_id);
}

long long outbox_queue(const struct outbox_mail *m)
{
    long long rc = db_exec("INSERT INTO outbox (case_id, to_addr, to_name, subject, body_text,"
                           " body_html, message_id, thread_id, note_id)"
                           " VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))", "lsssssssl",
                           m->case_id, m->to_addr, m->to_name ? m->to_name : "", m->subject,
                           m->body_text, m->body_html, m->message_id,
                           m->thread_id ? m->thread_id : "", m->note_id);
    return rc == 1 ? db_last_id() : rc < 0 ? rc : DB_ERROR;
}
