/* log.h: one-line log records on stderr, with the source position for errors. */
#ifndef ATIENDE_LOG_H
#define ATIENDE_LOG_H

void log_write(const char *level, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A job's own line ("<time> atiende-mailer[pid] message"): what a run did,
   for the mailer's and the fetcher's logs. */
void log_job(const char *program, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define LOG_ERROR(...) log_write("error", __FILE__, __LINE__, __VA_ARGS__)
#define LOG_WARN(...) log_write("warn", __FILE__, __LINE__, __VA_ARGS__)
#define LOG_INFO(...) log_write("info", __FILE__, __LINE__, __VA_ARGS__)

#endif
