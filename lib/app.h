/* app.h: the screen descriptor and the FastCGI/CGI request loop that enforces
   method, sign-in, role and CSRF before a screen's handler runs. */
#ifndef ATIENDE_APP_H
#define ATIENDE_APP_H

#include "req.h"

enum { M_GET = 1, M_POST = 2 };

struct screen {
    const char *name;
    int roles;                      /* ROLE_* bits admitted; ROLE_ANON: public */
    int methods;                    /* M_GET and/or M_POST (HEAD goes with GET) */
    int csrf;                       /* 1: a session POST must carry the CSRF token */
    int (*handler)(struct req *r);  /* returns the HTTP status it set */
    const long *max_file;           /* largest uploaded file (a conf value); NULL: Limits.max_file */
};

/* Runs the screen as a FastCGI worker (or once, as plain CGI). Never returns
   normally from FastCGI mode until SIGTERM; returns the process exit code. */
int app_main(const struct screen *s);

/* 1 when the signed-in user has one of the roles. */
static inline int req_has_role(const struct req *r, int roles)
{
    return (r->user.role & roles) != 0;
}

#endif
