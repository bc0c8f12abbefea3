/* notify.h: who is told what when a case is created or changed (A9, P5).
   Everything is written inside the caller's transaction — alerts (the
   bell), tasks (activities) and e-mails (the outbox) — so a change that
   fails leaves none behind. Nobody is told about their own action. */
#ifndef ATIENDE_NOTIFY_H
#define ATIENDE_NOTIFY_H

#include "req.h"

enum notify_event {
    NOTIFY_CREATED,     /* area subscribers (alert, task, e-mail), the assignee */
    NOTIFY_CHANGED,     /* area subscribers (alert, e-mail) */
    NOTIFY_ASSIGNED,    /* the new assignee */
    NOTIFY_STATUS,      /* area subscribers; the customer when the portal state changed */
    NOTIFY_NOTE,        /* area subscribers; the customer when the note is public */
    NOTIFY_MESSAGE,     /* a customer's message (e-mail): area subscribers, the assignee */
};

/* Tells everyone concerned about event on case id. detail: what changed, as
   people read it (a field list, the new status, the note's title).
   customer: 1 when the customer is to be told too (portal state changed,
   public note). 0, or a negative db status (the caller rolls back). */
int notify_case(struct req *r, long long id, enum notify_event event, const char *detail,
                int customer);

/* The number of unread alerts of a user (the header's bell). */
long long notify_unread(struct req *r);

#endif
