/* messages.h: the conversation with a customer (S4, S6) as the case view
   and the outbound-message screen both need it: which channels a case's
   messages may go by, the outbound form's view, and a message's text as
   e-mail HTML. */
#ifndef ATIENDE_MESSAGES_H
#define ATIENDE_MESSAGES_H

#include "req.h"

/* A channel a case's message may go by. */
struct message_channel {
    long long id;
    const char *code;           /* "" when the channel has none */
    const char *name;           /* in the user's language */
    const char *contact_types;  /* "email" or "mobile,phone": the contact data it reaches */
    int manual;                 /* no connector: the agent sends it by hand (all but e-mail) */
};

/* The channel want (an id or a code) when a message of a case in
   campaign_id (0: none) may go by it: an active channel that reaches some
   contact type, configured for the campaign, or any such channel when
   the case has no campaign. Read now (a write checks against it).
   1 found (*ch set), 0 not allowed, <0 db. */
int message_channel(struct req *r, long long campaign_id, const char *want,
                    struct message_channel *ch);

/* The case view's outbound form, for the case already in the view (reads
   Case.number and Case.subject): MessageChannels.N.{id, code, name,
   contact_types, manual} (the channels message_channel allows, through the
   process memo), MessageForm.types (",email,mobile,": every contact type
   they reach, for the contact data offered), MessageForm.subject (the
   default, message_subject) and MessageForm.max_file (bytes).
   1, or a negative db status. */
int message_form_view(struct req *r, long long campaign_id);

/* The default subject of an e-mail from case number: "Caso 2026-000123:
   subject", in the site's language (the customer reads it). */
const char *message_subject(struct req *r, const char *number, const char *subject);

/* text as the HTML part of an e-mail: every character escaped, line
   breaks as <br>. Never raw HTML from the agent. */
const char *message_html(struct arena *a, const char *text);

#endif
