/* screen.h: the parts of the portal screen — list.c (the customer's
   cases), create.c (opening a case), case.c (a case as the customer sees
   it: view, print, add information). Each takes the portal user whose
   scope the dispatcher has already checked for a case id. */
#ifndef ATIENDE_PORTAL_SCREEN_H
#define ATIENDE_PORTAL_SCREEN_H

#include "portal.h"
#include "req.h"

int portal_list(struct req *r, const struct portal_user *p);
int portal_blank(struct req *r, const struct portal_user *p);
int portal_create(struct req *r, const struct portal_user *p);
int portal_show(struct req *r, const struct portal_user *p, long long id, int print);
int portal_add_info(struct req *r, const struct portal_user *p, long long id);

/* Page.max_file and Page.max_file_label ("1 MB"): the portal's file limit. */
void portal_limits(struct req *r);

/* Stores the request's `file` uploads as a public note of case id, with
   title and body, written by the customer; inside the caller's transaction.
   The note's id, or a negative db status. */
long long portal_note(struct req *r, long long id, const char *title, const char *body);

#endif
