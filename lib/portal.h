/* portal.h: who a portal user is (the customer they are linked to, their
   organization, whether they administer it) and the SQL that keeps every
   portal query to the cases that user may see. */
#ifndef ATIENDE_PORTAL_H
#define ATIENDE_PORTAL_H

#include "db.h"
#include "req.h"

struct portal_user {
    long long customer;         /* the person this user is */
    long long organization;     /* the person's organization; 0: none */
    int admin;                  /* 1: sees every case of the organization */
};

/* The signed-in customer's portal identity. 1: linked to an active
   customer; 0: no portal access (not a customer, or not linked); <0: db. */
int portal_user(struct req *r, struct portal_user *p);

/* Adds to q the condition (on cases alias c) that keeps only the cases p
   may see: their own customer's, or for a portal admin every case of a
   customer of their organization. */
void portal_scope(struct db_query *q, const struct portal_user *p);

/* 1 when case id is one p may see, 0 when not (or no such case), <0 db. */
int portal_case_visible(struct req *r, const struct portal_user *p, long long id);

#endif
