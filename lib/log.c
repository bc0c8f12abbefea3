/* log.c: see log.h. Records go to stderr, which nginx/spawn-fcgi/systemd collect. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* The time stamp both kinds of line start with. */
static void stamp(char *when, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void log_job(const char *program, const char *fmt, ...)
{
    char when[32], msg[2048];
    stamp(when, sizeof when);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s %s[%d] %s\n", when, program, (int)getpid(), msg);
}

void log_write(const char *level, const char *file, int line, const char *fmt, ...)
{
    char when[32], msg[2048];
    stamp(when, sizeof when);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s atiende[%d] %s %s:%d %s\n", when, (int)getpid(), level, file, line, msg);
}
