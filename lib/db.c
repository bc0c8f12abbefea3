/* db.c: see db.h. One connection per process, statements prepared once and
   cached by their SQL text; MYSQL_OPT_RECONNECT stays off because it silently
   invalidates prepared statements: on a lost connection we reconnect ourselves
   and prepare again. */
#include "db.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "log.h"

#define MAX_PARAMS 48
#define CACHE_SIZE 128

static MYSQL *conn;
static int tx_depth;
static long long last_id;
static char errmsg[512];

/* The SQL is copied: callers may build it in a request arena (from constant
   parts), so its address says nothing about its text next time. */
static struct cached {
    char *sql;
    MYSQL_STMT *st;
} cache[CACHE_SIZE];
static int ncached;

const char *db_errmsg(void)
{
    return errmsg;
}

static void set_err(const char *msg)
{
    snprintf(errmsg, sizeof errmsg, "%s", msg ? msg : "");
}

static void forget_statements(void)
{
    for (int i = 0; i < ncached; i++) {
        mysql_stmt_close(cache[i].st);
        free(cache[i].sql);
    }
    ncached = 0;
}

void db_close(void)
{
    forget_statements();
    if (conn) {
        mysql_close(conn);
        conn = NULL;
    }
    tx_depth = 0;
}

static int db_connect(void)
{
    if (conn) {
        return DB_OK;
    }
    conn = mysql_init(NULL);
    if (!conn) {
        return DB_DOWN;
    }
    unsigned int connect_timeout = 2, rw_timeout = (unsigned)conf.db_timeout;
    unsigned long packet = 64UL << 20;     /* uploads travel in one packet */
    my_bool off = 0;
    mysql_options(conn, MYSQL_OPT_MAX_ALLOWED_PACKET, &packet);
    mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
    mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
    mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
    mysql_options(conn, MYSQL_OPT_RECONNECT, &off);
    mysql_options(conn, MYSQL_INIT_COMMAND,
                  "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci, time_zone = '+00:00', "
                  /* pages join a few rows to small catalogs by primary key: a join
                     buffer there made MariaDB sort every matching case (7 s at a
                     million) where one lookup per row reads the index in order */
                  "join_cache_level = 0, "
                  "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                  "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    int tcp = conf.db_port > 0;
    if (!mysql_real_connect(conn, conf.db_host, conf.db_user, conf.db_password, conf.db_name,
                            tcp ? (unsigned)conf.db_port : 0, tcp ? NULL : conf.db_socket,
                            CLIENT_MULTI_RESULTS)) {
        set_err(mysql_error(conn));
        LOG_ERROR("cannot connect to MariaDB: %s", errmsg);
        mysql_close(conn);
        conn = NULL;
        return DB_DOWN;
    }
    return DB_OK;
}

static int is_lost(unsigned err)
{
    return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
           err == CR_SERVER_LOST_EXTENDED || err == ER_CONNECTION_KILLED;
}

static int classify(unsigned err)
{
    switch (err) {
    case ER_DUP_ENTRY:
        return DB_DUPLICATE;
    case ER_ROW_IS_REFERENCED_2:
    case ER_NO_REFERENCED_ROW_2:
    case 4025: /* ER_CONSTRAINT_FAILED (CHECK) */
    case ER_BAD_NULL_ERROR:
        return DB_CONSTRAINT;
    case ER_LOCK_DEADLOCK:
    case ER_LOCK_WAIT_TIMEOUT:
        return DB_DEADLOCK;
    default:
        return is_lost(err) ? DB_DOWN : DB_ERROR;
    }
}

static MYSQL_STMT *prepare(const char *sql, unsigned *err)
{
    for (int i = 0; i < ncached; i++) {
        if (strcmp(cache[i].sql, sql) == 0) {
            return cache[i].st;
        }
    }
    if (ncached == CACHE_SIZE) {
        /* More distinct statements than expected: start the cache over. */
        forget_statements();
    }
    MYSQL_STMT *st = mysql_stmt_init(conn);
    if (!st) {
        *err = CR_OUT_OF_MEMORY;
        return NULL;
    }
    if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
        *err = mysql_stmt_errno(st);
        set_err(mysql_stmt_error(st));
        mysql_stmt_close(st);
        return NULL;
    }
    my_bool on = 1;
    mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
    cache[ncached].sql = strdup(sql);
    if (!cache[ncached].sql) {
        *err = CR_OUT_OF_MEMORY;
        mysql_stmt_close(st);
        return NULL;
    }
    cache[ncached].st = st;
    ncached++;
    return st;
}

struct bound {
    MYSQL_BIND bind[MAX_PARAMS];
    long long ints[MAX_PARAMS];
    unsigned long lens[MAX_PARAMS];
    my_bool nulls[MAX_PARAMS];
    int n;
};

static int bind_params(struct bound *b, const char *types, va_list ap)
{
    memset(b, 0, sizeof *b);
    for (const char *t = types; t && *t; t++) {
        if (b->n == MAX_PARAMS) {
            return -1;
        }
        MYSQL_BIND *x = &b->bind[b->n];
        switch (*t) {
        case 'i':
        case 'l':
            b->ints[b->n] = *t == 'i' ? va_arg(ap, int) : va_arg(ap, long long);
            x->buffer_type = MYSQL_TYPE_LONGLONG;
            x->buffer = &b->ints[b->n];
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            x->buffer_type = MYSQL_TYPE_STRING;
            x->buffer = (void *)s;
            b->lens[b->n] = s ? strlen(s) : 0;
            b->nulls[b->n] = s == NULL;
            x->length = &b->lens[b->n];
            x->is_null = &b->nulls[b->n];
            break;
        }
        case 'b': {
            const void *p = va_arg(ap, const void *);
            b->lens[b->n] = va_arg(ap, size_t);
            x->buffer_type = MYSQL_TYPE_BLOB;
            x->buffer = (void *)p;
            x->length = &b->lens[b->n];
            break;
        }
        default:
            return -1;
        }
        b->n++;
    }
    return 0;
}

/* Prepares (or finds) sql, binds and executes it; on a lost connection outside
   a transaction it reconnects and, when retry is allowed, runs it once more. */
static MYSQL_STMT *run(const char *sql, struct bound *b, int retry, int *status)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (db_connect() != DB_OK) {
            *status = DB_DOWN;
            return NULL;
        }
        unsigned err = 0;
        MYSQL_STMT *st = prepare(sql, &err);
        if (st) {
            if (mysql_stmt_param_count(st) != (unsigned long)b->n) {
                LOG_ERROR("statement wants %lu parameters, got %d: %s",
                          mysql_stmt_param_count(st), b->n, sql);
                *status = DB_ERROR;
                return NULL;
            }
            if (mysql_stmt_bind_param(st, b->bind) == 0 && mysql_stmt_execute(st) == 0) {
                *status = DB_OK;
                return st;
            }
            err = mysql_stmt_errno(st);
            set_err(mysql_stmt_error(st));
        }
        if (!is_lost(err)) {
            *status = classify(err);
            if (*status == DB_ERROR) {
                LOG_ERROR("SQL error %u: %s in: %.200s", err, errmsg, sql);
            }
            return NULL;
        }
        int in_tx = tx_depth > 0;
        LOG_WARN("lost the database connection (%u: %s); reconnecting", err, errmsg);
        db_close();
        if (in_tx || !retry) {
            *status = DB_DOWN;
            return NULL;
        }
    }
    *status = DB_DOWN;
    return NULL;
}

static int fetch_rows(struct arena *a, MYSQL_STMT *st, struct db_rows *out)
{
    memset(out, 0, sizeof *out);
    MYSQL_RES *meta = mysql_stmt_result_metadata(st);
    if (!meta) {
        return DB_OK;
    }
    if (mysql_stmt_store_result(st) != 0) {
        set_err(mysql_stmt_error(st));
        mysql_free_result(meta);
        return classify(mysql_stmt_errno(st));
    }
    int ncols = (int)mysql_num_fields(meta);
    MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    MYSQL_BIND *bind = arena_alloc(a, (size_t)ncols * sizeof *bind);
    unsigned long *len = arena_alloc(a, (size_t)ncols * sizeof *len);
    my_bool *isnull = arena_alloc(a, (size_t)ncols * sizeof *isnull);
    my_bool *trunc = arena_alloc(a, (size_t)ncols * sizeof *trunc);
    out->ncols = ncols;
    out->names = arena_alloc(a, (size_t)ncols * sizeof *out->names);
    out->numeric = arena_alloc(a, (size_t)ncols);
    for (int c = 0; c < ncols; c++) {
        unsigned long size = fields[c].max_length + 1;
        bind[c].buffer_type = MYSQL_TYPE_STRING;
        bind[c].buffer_length = size < 64 ? 64 : size;
        bind[c].buffer = arena_alloc(a, bind[c].buffer_length);
        bind[c].length = &len[c];
        bind[c].is_null = &isnull[c];
        bind[c].error = &trunc[c];
        out->names[c] = arena_strdup(a, fields[c].name);
        out->numeric[c] = IS_NUM(fields[c].type) ? 1 : 0;
    }
    mysql_free_result(meta);
    int status = DB_OK;
    if (mysql_stmt_bind_result(st, bind) != 0) {
        set_err(mysql_stmt_error(st));
        status = DB_ERROR;
    }
    size_t nrows = (size_t)mysql_stmt_num_rows(st);
    out->cells = arena_alloc(a, (nrows ? nrows : 1) * (size_t)ncols * sizeof *out->cells);
    out->lens = arena_alloc(a, (nrows ? nrows : 1) * (size_t)ncols * sizeof *out->lens);
    int rc;
    while (status == DB_OK && (rc = mysql_stmt_fetch(st)) != MYSQL_NO_DATA) {
        if (rc == 1 || (size_t)out->n >= nrows) {
            set_err(mysql_stmt_error(st));
            status = DB_ERROR;
            break;
        }
        for (int c = 0; c < ncols; c++) {
            size_t i = (size_t)out->n * (size_t)ncols + (size_t)c;
            if (isnull[c]) {
                continue;
            }
            char *cell = arena_alloc(a, len[c] + 1);
            if (trunc[c]) {
                MYSQL_BIND one = { 0 };
                one.buffer_type = MYSQL_TYPE_STRING;
                one.buffer = cell;
                one.buffer_length = len[c] + 1;
                mysql_stmt_fetch_column(st, &one, (unsigned)c, 0);
            } else {
                memcpy(cell, bind[c].buffer, len[c]);
            }
            cell[len[c]] = '\0';
            out->cells[i] = cell;
            out->lens[i] = len[c];
        }
        out->n++;
    }
    mysql_stmt_free_result(st);
    return status;
}

/* bind_params, saying which statement got the wrong types (a bug). */
static int bind_checked(struct bound *b, const char *sql, const char *types, va_list ap)
{
    if (bind_params(b, types, ap) != 0) {
        LOG_ERROR("bad parameter types \"%s\" for: %s", types, sql);
        return -1;
    }
    return 0;
}

/* A SELECT with its parameters already bound, its rows copied into a. */
static int select_bound(struct arena *a, struct db_rows *out, const char *sql, struct bound *b)
{
    int status;
    MYSQL_STMT *st = run(sql, b, 1, &status);
    if (!st) {
        return status;
    }
    status = fetch_rows(a, st, out);
    if (status != DB_OK) {
        LOG_ERROR("fetch failed: %s in: %.200s", errmsg, sql);
    }
    return status;
}

int db_select_sets(struct arena *a, struct db_rows *sets, int nsets, const char *sql,
                   const char *types, ...)
{
    struct bound b;
    va_list ap;
    va_start(ap, types);
    int bad = bind_checked(&b, sql, types, ap);
    va_end(ap);
    memset(sets, 0, (size_t)nsets * sizeof *sets);
    if (bad) {
        return DB_ERROR;
    }
    int status, got = 0, more;
    MYSQL_STMT *st = run(sql, &b, 1, &status);
    if (!st) {
        return status;
    }
    /* read every result, also past nsets: the statement is reused and must be drained */
    do {
        if (mysql_stmt_field_count(st) > 0) {
            struct db_rows extra;
            int rc = fetch_rows(a, st, got < nsets ? &sets[got] : &extra);
            status = status == DB_OK ? rc : status;
            got++;
        }
        more = mysql_stmt_next_result(st);
    } while (more == 0);
    if (more > 0) {
        set_err(mysql_stmt_error(st));
        LOG_ERROR("next result failed: %s in: %.200s", errmsg, sql);
        return classify(mysql_stmt_errno(st)) == DB_OK ? DB_ERROR : classify(mysql_stmt_errno(st));
    }
    if (status == DB_OK && got != nsets) {
        LOG_ERROR("%d result sets, %d expected: %.200s", got, nsets, sql);
        return DB_ERROR;
    }
    return status;
}

/* Remembered results (db_select_memo): one arena for all of them, dropped
   together between requests once Cache.lists_seconds old, so no request ever holds
   rows of a dropped generation. */
#define MEMO_MAX 64
static struct arena *memo_arena;
static time_t memo_born;
static struct memo {
    const char *key;
    struct db_rows rows;
} memo[MEMO_MAX];
static int nmemo;

/* The SQL and its parameter values as one string. */
static const char *memo_key(struct arena *a, const char *sql, const struct bound *b)
{
    struct sbuf k;
    sbuf_init(&k, a);
    sbuf_adds(&k, sql);
    for (int i = 0; i < b->n; i++) {
        const MYSQL_BIND *x = &b->bind[i];
        if (x->buffer_type == MYSQL_TYPE_LONGLONG) {
            sbuf_addf(&k, "\x1f%lld", b->ints[i]);
        } else if (b->nulls[i]) {
            sbuf_adds(&k, "\x1f\x01");
        } else {
            sbuf_addf(&k, "\x1f%.*s", (int)b->lens[i], (const char *)x->buffer);
        }
    }
    return k.s;
}

static int memo_select(struct arena *a, struct db_rows *out, const char *sql, struct bound *b)
{
    const char *key = memo_key(a, sql, b);
    for (int i = 0; i < nmemo; i++) {
        if (strcmp(memo[i].key, key) == 0) {
            *out = memo[i].rows;
            return DB_OK;
        }
    }
    if (nmemo == MEMO_MAX) {
        return select_bound(a, out, sql, b);
    }
    if (!memo_arena) {
        memo_arena = arena_new();
        memo_born = time(NULL);
    }
    int status = select_bound(memo_arena, out, sql, b);
    if (status == DB_OK) {
        memo[nmemo].key = arena_strdup(memo_arena, key);
        memo[nmemo++].rows = *out;
    }
    return status;
}

/* db_select and db_select_memo: bind, then ask the server or the memo. */
static int vselect(struct arena *a, struct db_rows *out, int remembered, const char *sql,
                   const char *types, va_list ap)
{
    struct bound b;
    memset(out, 0, sizeof *out);
    if (bind_checked(&b, sql, types, ap) != 0) {
        return DB_ERROR;
    }
    return remembered ? memo_select(a, out, sql, &b) : select_bound(a, out, sql, &b);
}

int db_select(struct arena *a, struct db_rows *out, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = vselect(a, out, 0, sql, types, ap);
    va_end(ap);
    return rc;
}

int db_select_memo(struct arena *a, struct db_rows *out, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = vselect(a, out, 1, sql, types, ap);
    va_end(ap);
    return rc;
}

static void memo_expire(void)
{
    if (memo_arena && time(NULL) - memo_born >= conf.cache_seconds) {
        arena_free(memo_arena);
        memo_arena = NULL;
        nmemo = 0;
    }
}

long long db_exec(const char *sql, const char *types, ...)
{
    struct bound b;
    va_list ap;
    va_start(ap, types);
    int bad = bind_params(&b, types, ap);
    va_end(ap);
    if (bad) {
        LOG_ERROR("bad parameter types \"%s\" for: %s", types, sql);
        return DB_ERROR;
    }
    int status;
    MYSQL_STMT *st = run(sql, &b, 0, &status);
    if (!st) {
        return status;
    }
    last_id = (long long)mysql_stmt_insert_id(st);
    return (long long)mysql_stmt_affected_rows(st);
}

long long db_last_id(void)
{
    return last_id;
}

int db_value(struct arena *a, char **out, const char *sql, const char *types, ...)
{
    struct bound b;
    va_list ap;
    va_start(ap, types);
    int bad = bind_params(&b, types, ap);
    va_end(ap);
    *out = NULL;
    if (bad) {
        LOG_ERROR("bad parameter types \"%s\" for: %s", types, sql);
        return DB_ERROR;
    }
    int status;
    MYSQL_STMT *st = run(sql, &b, 1, &status);
    if (!st) {
        return status;
    }
    struct db_rows rows;
    status = fetch_rows(a, st, &rows);
    if (status == DB_OK && rows.n > 0 && rows.ncols > 0) {
        *out = rows.cells[0];
    }
    return status;
}

static int simple_query(const char *q)
{
    if (mysql_real_query(conn, q, strlen(q)) != 0) {
        unsigned err = mysql_errno(conn);
        set_err(mysql_error(conn));
        if (is_lost(err)) {
            db_close();
        }
        return classify(err);
    }
    return DB_OK;
}

int db_begin(void)
{
    if (tx_depth > 0) {
        tx_depth++;
        return DB_OK;
    }
    /* The connection may have dropped while idle: starting a transaction is
       the safe moment to find out and reconnect. */
    for (int attempt = 0; attempt < 2; attempt++) {
        if (db_connect() != DB_OK) {
            return DB_DOWN;
        }
        int rc = simple_query("START TRANSACTION");
        if (rc == DB_OK) {
            tx_depth = 1;
            return DB_OK;
        }
        if (rc != DB_DOWN) {
            return rc;
        }
    }
    return DB_DOWN;
}

int db_commit(void)
{
    if (tx_depth == 0) {
        LOG_ERROR("commit without a transaction");
        return DB_ERROR;
    }
    if (--tx_depth > 0) {
        return DB_OK;
    }
    int rc = conn ? simple_query("COMMIT") : DB_DOWN;
    if (rc != DB_OK && conn) {
        simple_query("ROLLBACK");
    }
    return rc;
}

void db_rollback(void)
{
    if (tx_depth == 0) {
        return;
    }
    tx_depth = 0;
    if (conn) {
        simple_query("ROLLBACK");
    }
}

void db_request_end(void)
{
    memo_expire();
    if (tx_depth > 0) {
        LOG_ERROR("a transaction was left open by the request; rolling back");
        db_rollback();
    }
}

int db_ping(void)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (db_connect() != DB_OK) {
            return DB_DOWN;
        }
        if (mysql_ping(conn) == 0) {
            return DB_OK;
        }
        set_err(mysql_error(conn));
        db_close();
    }
    return DB_DOWN;
}

int db_script(const char *sql, size_t len)
{
    if (db_connect() != DB_OK) {
        return DB_DOWN;
    }
    mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
    int status = DB_OK;
    if (mysql_real_query(conn, sql, len) != 0) {
        set_err(mysql_error(conn));
        status = classify(mysql_errno(conn));
    } else {
        int more;
        do {
            MYSQL_RES *res = mysql_store_result(conn);
            if (res) {
                mysql_free_result(res);
            }
            more = mysql_next_result(conn);
            if (more > 0) {
                set_err(mysql_error(conn));
                status = classify(mysql_errno(conn));
                if (status == DB_OK) {
                    status = DB_ERROR;
                }
            }
        } while (more == 0);
    }
    if (conn) {
        mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
    }
    return status;
}

char *db_like(struct arena *a, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *out = arena_alloc(a, 2 * n + 3), *o = out;
    *o++ = '%';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' || s[i] == '_' || s[i] == '\\') {
            *o++ = '\\';
        }
        *o++ = s[i];
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

void db_query_init(struct db_query *q, struct arena *a, const char *sql)
{
    memset(q, 0, sizeof *q);
    sbuf_init(&q->sql, a);
    sbuf_adds(&q->sql, sql);
}

void db_query_add(struct db_query *q, const char *fragment, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sbuf_adds(&q->sql, fragment);
    for (const char *t = types; *t; t++) {
        if (q->n == DB_QUERY_MAX) {
            q->bad = 1;
            break;
        }
        q->types[q->n] = *t == 'i' ? 'l' : *t;
        if (*t == 'i') {
            q->ints[q->n] = va_arg(ap, int);
        } else if (*t == 'l') {
            q->ints[q->n] = va_arg(ap, long long);
        } else if (*t == 's') {
            q->strs[q->n] = va_arg(ap, const char *);
        } else {
            q->bad = 1;
            break;
        }
        q->n++;
    }
    va_end(ap);
}

/* The query's parameters bound the way bind_params binds arguments. */
static int bind_query(struct bound *b, const struct db_query *q)
{
    memset(b, 0, sizeof *b);
    if (q->bad || q->n > MAX_PARAMS) {
        LOG_ERROR("bad query parameters for: %.200s", q->sql.s);
        return -1;
    }
    for (int i = 0; i < q->n; i++) {
        MYSQL_BIND *x = &b->bind[i];
        if (q->types[i] == 'l') {
            b->ints[i] = q->ints[i];
            x->buffer_type = MYSQL_TYPE_LONGLONG;
            x->buffer = &b->ints[i];
        } else {
            x->buffer_type = MYSQL_TYPE_STRING;
            x->buffer = (void *)q->strs[i];
            b->lens[i] = q->strs[i] ? strlen(q->strs[i]) : 0;
            b->nulls[i] = q->strs[i] == NULL;
            x->length = &b->lens[i];
            x->is_null = &b->nulls[i];
        }
    }
    b->n = q->n;
    return 0;
}

int db_query_select(struct arena *a, struct db_rows *out, const struct db_query *q)
{
    struct bound b;
    int status;
    memset(out, 0, sizeof *out);
    if (bind_query(&b, q) != 0) {
        return DB_ERROR;
    }
    MYSQL_STMT *st = run(q->sql.s, &b, 1, &status);
    if (!st) {
        return status;
    }
    status = fetch_rows(a, st, out);
    if (status != DB_OK) {
        LOG_ERROR("fetch failed: %s in: %.200s", errmsg, q->sql.s);
    }
    return status;
}

long long db_query_exec(const struct db_query *q)
{
    struct bound b;
    int status;
    if (bind_query(&b, q) != 0) {
        return DB_ERROR;
    }
    MYSQL_STMT *st = run(q->sql.s, &b, 0, &status);
    if (!st) {
        return status;
    }
    last_id = (long long)mysql_stmt_insert_id(st);
    return (long long)mysql_stmt_affected_rows(st);
}
