/* invite.h: one-time links to set a password (table password_tokens). An
   invitation e-mails a new user a link to /password?token=...; the link
   works once and for Portal.invite_hours. The database keeps only the
   token's sha256, so a copy of it opens nothing. */
#ifndef ATIENDE_INVITE_H
#define ATIENDE_INVITE_H

#include "req.h"

/* Issues a new link for user_id and queues the e-mail that carries it, in
   the user's language, inside the caller's transaction. The user's earlier
   unused links stop working. Returns 1 when queued; 0 when the user cannot
   be invited, with *problem set to the Lang.Err key saying why (not_found,
   invite_inactive, invite_no_email); or a negative db status. */
int invite_send(struct req *r, long long user_id, const char **problem);

/* Whom a link is for. */
struct invitee {
    long long id;
    const char *login, *name, *lang;    /* lang: "es", "en" or "" (not chosen) */
};

/* The active user a still-valid link (token as in the link) belongs to.
   1 found, 0 unknown, used, expired or the user disabled, <0 db status. */
int invite_find(struct req *r, const char *token, struct invitee *out);

/* Uses the link up: marks it used, so it works exactly once even when two
   requests race (only one of them changes the row). Call it in the
   transaction that sets the password. 1 used now, 0 no longer valid, <0 db. */
int invite_use(struct req *r, const char *token);

#endif
