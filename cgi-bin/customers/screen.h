/* screen.h: the parts of the customers screen kept apart from
   customers.c — match.c (/customers/match: find the customers like the
   data typed, and move a case to the one chosen). */
#ifndef ATIENDE_CUSTOMERS_SCREEN_H
#define ATIENDE_CUSTOMERS_SCREEN_H

#include "req.h"

/* GET /customers/match: the criteria form and the ranked matches;
   POST: change a case's customer (a confirmation page, then with
   confirm=1 the change). */
int customer_match(struct req *r);

#endif
