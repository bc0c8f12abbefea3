/* screen.h: the parts of the admin_campaigns screen — admin_campaigns.c
   (the campaigns: name, description, channels, script, form title) and
   typifications.c (each campaign's typification tree). */
#ifndef ATIENDE_ADMIN_CAMPAIGNS_SCREEN_H
#define ATIENDE_ADMIN_CAMPAIGNS_SCREEN_H

#include "req.h"

/* Every campaign with its channels and counts into the view list
   Campaigns. DB_OK or a negative db status. */
int campaign_list(struct req *r);

/* Answers every path under /admin/typifications. */
int typifications_route(struct req *r);

#endif
