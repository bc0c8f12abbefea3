/* test_conf: configuration loading in lib/conf.c (defaults, values, unknown keys, bad numbers, missing file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "t.h"

static char path[64];

/* Writes text to a new temporary file; its name goes to path. */
static const char *write_conf(const char *text)
{
    snprintf(path, sizeof path, "/tmp/atiende-test-conf-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        exit(2);
    }
    size_t n = strlen(text);
    if (write(fd, text, n) != (ssize_t)n) {
        perror("write");
        exit(2);
    }
    close(fd);
    return path;
}

/* Loads text as a configuration file; returns conf_load's result. */
static int load(const char *text, const char **err)
{
    int rc = conf_load(write_conf(text), err);
    unlink(path);
    return rc;
}

/* conf.c copies strings read from a file and never frees them (once per
   process); this test loads many times, so it frees the ones it set. */
static void release(const char **field)
{
    free((char *)*field);
    *field = NULL;
}

static void test_defaults(void)
{
    const char *err = NULL;
    int rc = load("# nothing but a comment\n", &err);
    T_OK(rc == 0, "a file with no keys loads");
    T_STR(conf.site_name, "Atiende", "default Site.name");
    T_STR(conf.base_url, "http://127.0.0.1:8080", "default Site.base_url");
    T_STR(conf.timezone, "America/Bogota", "default Site.timezone");
    T_STR(conf.default_lang, "es", "default Site.default_lang");
    T_STR(conf.db_socket, "/run/mysqld/mysqld.sock", "default DB.socket");
    T_STR(conf.db_host, "localhost", "default DB.host");
    T_STR(conf.db_name, "atiende", "default DB.name");
    T_STR(conf.db_user, "atiende", "default DB.user");
    T_STR(conf.db_password, "", "default DB.password");
    T_STR(conf.templates_dir, "templates", "default Paths.templates");
    T_STR(conf.sql_dir, "sql", "default Paths.sql");
    T_OK(conf.db_port == 0, "default DB.port 0 (got %d)", conf.db_port);
    T_OK(conf.db_timeout == 30, "default DB.timeout 30 (got %d)", conf.db_timeout);
    T_OK(conf.session_idle_minutes == 120, "default Session.idle_minutes 120 (got %d)", conf.session_idle_minutes);
    T_OK(conf.session_absolute_hours == 12, "default Session.absolute_hours 12 (got %d)", conf.session_absolute_hours);
    T_OK(conf.cookie_secure == -1, "default Session.cookie_secure -1 (got %d)", conf.cookie_secure);
    T_OK(conf.login_max_per_login == 5, "default Login.max_failures_per_login 5 (got %d)", conf.login_max_per_login);
    T_OK(conf.login_max_per_addr == 20, "default Login.max_failures_per_addr 20 (got %d)", conf.login_max_per_addr);
    T_OK(conf.login_window_minutes == 15, "default Login.window_minutes 15 (got %d)", conf.login_window_minutes);
    T_OK(conf.max_body == 1048576L, "default Limits.max_body 1048576 (got %ld)", conf.max_body);
    T_OK(conf.max_params == 500, "default Limits.max_params 500 (got %d)", conf.max_params);

    rc = load("", &err);
    T_OK(rc == 0 && conf.db_timeout == 30, "an empty file loads, with defaults");
}

static void test_values(void)
{
    const char *err = NULL;
    int rc = load("Site.name = Mesa de ayuda\n"
                  "DB {\n"
                  "  host = db.internal\n"
                  "  port = 3307\n"
                  "}\n"
                  "Session.cookie_secure = 0\n"
                  "Limits.max_body = 5000000000\n"
                  "Limits.max_params = -3\n",
                  &err);
    T_OK(rc == 0, "a file with values loads (err: %s)", rc ? err : "none");
    T_STR(conf.site_name, "Mesa de ayuda", "Site.name read (spaces kept)");
    T_STR(conf.db_host, "db.internal", "DB.host read from a DB { } block");
    T_OK(conf.db_port == 3307, "DB.port read (got %d)", conf.db_port);
    T_OK(conf.cookie_secure == 0, "Session.cookie_secure 0 read (got %d)", conf.cookie_secure);
    T_OK(conf.max_body == 5000000000L, "Limits.max_body read as a long (got %ld)", conf.max_body);
    T_OK(conf.max_params == -3, "negative numbers read (got %d)", conf.max_params);
    T_STR(conf.db_name, "atiende", "keys not in the file keep their default");
    T_OK(conf.db_timeout == 30, "DB.timeout keeps its default (got %d)", conf.db_timeout);
    release(&conf.site_name);
    release(&conf.db_host);

    rc = load("DB.port = 3307\nDB.timeout = 5\n", &err);
    T_OK(rc == 0 && conf.db_port == 3307 && conf.db_timeout == 5, "second file loads");
    rc = load("DB.timeout = 7\n", &err);
    T_OK(rc == 0, "third file loads");
    T_OK(conf.db_port == 0, "a key absent from the reloaded file is back to its default (got %d)", conf.db_port);
    T_OK(conf.db_timeout == 7, "and the present one is read (got %d)", conf.db_timeout);

    rc = load("DB.password =\n", &err);
    T_OK(rc == 0, "an empty string value loads");
    T_STR(conf.db_password, "", "DB.password empty");
    release(&conf.db_password);

    setenv("ATIENDE_CONF", write_conf("Login.window_minutes = 99\n"), 1);
    rc = conf_load(NULL, &err);
    unlink(path);
    unsetenv("ATIENDE_CONF");
    T_OK(rc == 0 && conf.login_window_minutes == 99, "a NULL path reads $ATIENDE_CONF (got %d)",
         conf.login_window_minutes);
}

static void test_errors(void)
{
    const char *err = NULL;
    int rc;
    rc = load("DB.port = 3307\nSite.nmae = x\n", &err);
    T_OK(rc == -1, "an unknown key fails");
    T_STR(err, "unknown configuration key: Site.nmae", "the message names the unknown key");
    rc = load("Foo {\n  bar = 1\n}\n", &err);
    T_OK(rc == -1, "an unknown section fails");
    T_STR(err, "unknown configuration key: Foo.bar", "the message names the unknown section's key");
    rc = load("DB.port.extra = 1\n", &err);
    T_OK(rc == -1, "a key below a leaf fails");
    T_STR(err, "unknown configuration key: DB.port.extra", "the message names it");
    rc = load("db.port = 1\n", &err);
    T_OK(rc == -1, "keys are case-sensitive");

    rc = load("DB.port = abc\n", &err);
    T_OK(rc == -1, "a non-numeric number fails");
    T_STR(err, "DB.port: not a number: abc", "the message names the key and the value");
    rc = load("DB.timeout = 12x\n", &err);
    T_OK(rc == -1, "trailing junk after a number fails");
    T_STR(err, "DB.timeout: not a number: 12x", "the message for 12x");
    rc = load("Limits.max_body = 1.5\n", &err);
    T_OK(rc == -1, "a fraction for a long fails");
    T_STR(err, "Limits.max_body: not a number: 1.5", "the message for 1.5");
    rc = load("Limits.max_params =\n", &err);
    T_OK(rc == -1, "an empty number fails");
    T_STR(err, "Limits.max_params: not a number: ", "the message for an empty number");
    rc = load("DB.port = 99999999999\n", &err);
    T_OK(rc == -1, "a number out of the int range fails");
    rc = load("Limits.max_body = 99999999999999999999\n", &err);
    T_OK(rc == -1, "a number out of the long range fails");

    rc = conf_load("/nonexistent-dir/atiende.hdf", &err);
    T_OK(rc == -1, "a missing file fails");
    T_OK(err && strncmp(err, "/nonexistent-dir/atiende.hdf: ", 30) == 0, "the message names the file (got: %s)",
         err ? err : "(null)");

    rc = load("DB.port = 1\nthis is not hdf = = {\n", &err);
    T_OK(rc == -1, "a malformed file fails");
    T_OK(err && strncmp(err, "/tmp/atiende-test-conf-", 23) == 0, "its message names the file (got: %s)",
         err ? err : "(null)");

    /* After a failure, a good file loads again. */
    rc = load("DB.timeout = 9\n", &err);
    T_OK(rc == 0 && conf.db_timeout == 9 && conf.db_port == 0,
         "a good file loads after failures");
}

int main(void)
{
    test_defaults();
    test_values();
    test_errors();
    return t_done();
}
