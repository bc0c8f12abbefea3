/* campaigns.h: campaigns (campañas) as the case screens and the campaigns
   admin screen both need them: the script rendered from Markdown, the
   typification tree in tree order, a case's campaign for its view, and the
   campaign choices of the case form. */
#ifndef ATIENDE_CAMPAIGNS_H
#define ATIENDE_CAMPAIGNS_H

#include "req.h"

/* The campaign script (Markdown) as HTML, copied into a. libcmark's default
   is safe: raw HTML becomes a comment and javascript:, vbscript:, file: and
   data: (but images) links lose their address, so the result is printed
   unescaped in templates. "" for NULL or on failure. */
const char *campaign_script_html(struct arena *a, const char *markdown);

/* How a path joins its levels: " › ". No name may contain the "›", so the
   management form's cascading selects can split a path again. */
#define TYPIFICATION_SEP " \xe2\x80\xba "
#define TYPIFICATION_SEP_CHAR "\xe2\x80\xba"

/* One outcome of a campaign's typification tree. */
struct typification {
    long long id, parent_id;        /* parent_id 0: a first-level outcome */
    const char *name, *path;        /* path: "Contactado › Promesa de pago" */
    int position, active, closes_case, requires_next, version;
    int depth;                      /* 0 for first-level outcomes */
    int leaf;                       /* no child in the list read */
    int close_levels;               /* nested lists to close after it (tree rendering) */
    long long uses;                 /* managements that chose it (TREE_ALL only) */
};

enum tree_mode {
    TREE_OFFERED,   /* what the management form offers: active outcomes whose
                       ancestors are all active, through the process memo */
    TREE_CURRENT,   /* the same, read now (a write checks against it) */
    TREE_ALL,       /* every outcome with its use count, read now (admin) */
};

/* The campaign's tree in tree order (each outcome followed by its children,
   siblings by position then name), with depth, path and leaf. In the
   active modes "leaf" means no active child. Returns the count and *out,
   or a negative db status. */
int typification_tree(struct req *r, long long campaign_id, enum tree_mode mode,
                      struct typification **out);

/* Writes nodes as the view list name.N.{id, parent_id, name, path, depth,
   leaf, closes_case, requires_next}, and with all also position, active,
   version, uses and close_levels. */
void typification_view(struct req *r, const char *name, const struct typification *t, int n,
                       int all);

/* The campaign of a case for the case view: Campaign.{id, name, active,
   form_title, title (the form title, or the name), script_html},
   Campaign.Channels.N.{id, code, name} (its active channels) and
   Campaign.Typifications (TREE_OFFERED, see typification_view). Read
   through the process memo. 1 filled, 0 no such campaign (or id 0), <0 db. */
int campaign_view(struct req *r, long long campaign_id);

/* The case form's campaign choices: Options.campaigns.N.{id, name, active},
   every campaign (the form offers the active ones and the case's own).
   DB_OK or a negative db status. */
int campaign_options(struct req *r);

#endif
