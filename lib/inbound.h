/* inbound.h: e-mail that comes in (S4), as bin/atiende-fetch hands it over
   and as an admin releases it from the quarantine (/admin/quarantine).

   A message is taken exactly once: its key (the Message-ID, else the sha256
   of its bytes) goes into inbound_mail (migration 0020) in the same
   transaction as what it causes, so a second take of the same message
   finds the key and does nothing.

   What it causes:
   - a reply (In-Reply-To/References naming a message of ours, or the case
     number in the subject) becomes a message on that case, its files a
     public note "Adjuntos del correo"; a case waiting on the customer (WRC,
     RIT) goes back to PRO. A reply to a closed case opens a follow-up case
     (same customer, area and assignee) instead of reopening it: only a
     supervisor reactivates a case, and a customer's "thank you" should not;
   - any other mail opens a case in Inbound.area, the sender matched to a
     customer by e-mail or kept as the requester, and queues an
     acknowledgement, unless the mail is automatic (Auto-Submitted, bulk
     Precedence, a list), comes from us or from a mailer daemon or noreply;
   - too large, malformed, without a From, or over Inbound.rate_per_hour
     from one sender: the quarantine, raw bytes kept, never a case;
   - a copy of a message we sent ourselves: ignored. */
#ifndef ATIENDE_INBOUND_H
#define ATIENDE_INBOUND_H

#include <stddef.h>

#include "req.h"

struct inbound_outcome {
    const char *status;     /* processed, quarantined, ignored; "duplicate" when taken before */
    const char *reason;     /* why quarantined or ignored; for processed: what it became */
    long long row;          /* inbound_mail.id */
    long long case_id;      /* the case it landed on or opened */
    long long message_id;   /* the messages row it became */
    const char *number;     /* that case's number */
    int acknowledged;       /* 1: an acknowledgement was queued */
};

/* Takes one message fetched from the mailbox: raw holds len bytes of a
   message of size bytes (len < size: only its beginning was fetched, the
   message being too large to keep whole). uid: its IMAP UID, 0 if none.
   Runs and commits its own transaction. 0 when committed (or found taken
   before: out->status "duplicate"), else a negative db status: nothing was
   written, the message is to be taken again later. */
int inbound_take(struct req *r, const char *raw, size_t len, long long size, long long uid,
                 struct inbound_outcome *out);

/* Releases quarantined message id: processed as if it had just come, but
   without the size and rate limits (an admin looked at it). 1 when it went
   through, 0 when there is no such message, -1 when it cannot be (not in
   the quarantine: out->reason "not_quarantined"; only its beginning kept:
   "truncated"; still malformed: the parser's reason), else a negative db
   status. r->user is the admin. */
int inbound_release(struct req *r, long long id, struct inbound_outcome *out);

/* The Lang.Quarantine.Reason key of a stored quarantine reason (kept in
   English with the parser's own words after a colon): too_large, malformed,
   no_from, rate_limit, cannot_store, or other. */
const char *inbound_reason_kind(const char *reason);

/* Sets up r for a job outside the web server (bin/atiende-fetch): the
   arena, an empty view model, the site language, nobody signed in. The
   caller destroys r->hdf. */
void inbound_job_req(struct req *r, struct arena *a);

#endif
