/* outbox.h: queueing an e-mail in the transactional outbox (migration
   0007): the row is written inside the caller's transaction, with the
   change that causes it, and bin/atiende-mailer delivers it. The case
   notifications (notify.c) and the messages to customers (messages.c)
   queue through here. */
#ifndef ATIENDE_OUTBOX_H
#define ATIENDE_OUTBOX_H

#include "arena.h"

struct outbox_mail {
    long long case_id;              /* 0: about no case */
    const char *to_addr, *to_name;  /* to_name may be NULL */
    const char *subject;            /* UTF-8; the mailer encodes it */
    const char *body_text, *body_html;      /* body_html "": a text/plain message */
    const char *message_id;         /* without <>; outbox_message_id() makes one */
    const char *thread_id;          /* In-Reply-To / References; "" or NULL: none */
    long long note_id;              /* > 0: the note whose files go attached */
};

/* A new Message-ID (without the angle brackets) for a mail about case
   number: "2026-000123.<random>@atiende", in a. */
const char *outbox_message_id(struct arena *a, const char *number);

/* The thread every e-mail of case id answers (In-Reply-To, References),
   so mail programs keep them together: "case-<id>@atiende", in a. */
const char *outbox_case_thread(struct arena *a, long long case_id);

/* Queues m inside the caller's transaction. The outbox row's id, or a
   negative db status (the caller rolls back). */
long long outbox_queue(const struct outbox_mail *m);

#endif
