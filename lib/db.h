/* db.h: the process's one MariaDB connection and prepared-statement helpers.
   SQL text is always a literal; user data goes only through parameters. */
#ifndef ATIENDE_DB_H
#define ATIENDE_DB_H

#include <stddef.h>

#include "arena.h"

enum db_status {
    DB_OK = 0,
    DB_ERROR = -1,          /* a bug or an unexpected server error; logged */
    DB_DOWN = -2,           /* the server cannot be reached */
    DB_DUPLICATE = -3,      /* a unique key refused the row */
    DB_CONSTRAINT = -4,     /* a foreign key or CHECK refused the change */
    DB_DEADLOCK = -5,       /* the transaction lost a conflict; retry it */
};

/* Rows of a result, copied into the caller's arena. */
struct db_rows {
    int n, ncols;
    const char **names;
    char **cells;           /* n * ncols; NULL for SQL NULL */
    size_t *lens;           /* byte length of each cell (for binary data) */
    unsigned char *numeric; /* per column: 1 when the server typed it as a number */
};

static inline const char *db_cell(const struct db_rows *r, int row, int col)
{
    return r->cells[row * r->ncols + col];
}

/* Parameter types, one letter each, followed by their arguments:
   'i' int, 'l' long long, 's' const char * (NULL binds SQL NULL),
   'b' const void *, size_t (binary). */

/* Runs a SELECT and copies every row into a. Returns DB_OK or a negative status. */
int db_select(struct arena *a, struct db_rows *out, const char *sql, const char *types, ...);

/* As db_select, for small lists that change rarely (catalog options, areas,
   teams, staff names): the rows are kept by the process and the same SQL
   with the same parameters answers from memory for up to Cache.lists_seconds
   (0: only within the request), so a change shows within that time. The rows are read-only and live until the
   request ends (not in a). */
int db_select_memo(struct arena *a, struct db_rows *out, const char *sql, const char *types, ...);

/* Runs a statement that answers several result sets (a CALL of a stored
   procedure): one round trip for what would be nsets queries. Each set is
   copied into sets[i]; DB_ERROR when the count differs. */
int db_select_sets(struct arena *a, struct db_rows *sets, int nsets, const char *sql,
                   const char *types, ...);

/* Runs INSERT/UPDATE/DELETE. Returns the number of affected rows (>= 0) or a
   negative status. */
long long db_exec(const char *sql, const char *types, ...);

/* A statement put together at run time (filters, sort orders) from constant
   SQL fragments, with the parameters each fragment brings. */
#define DB_QUERY_MAX 40
struct db_query {
    struct sbuf sql;
    int n, bad;
    char types[DB_QUERY_MAX + 1];
    long long ints[DB_QUERY_MAX];
    const char *strs[DB_QUERY_MAX];
};

/* Starts q with sql (a literal). */
void db_query_init(struct db_query *q, struct arena *a, const char *sql);

/* Appends fragment (a literal SQL text) and its parameters: types as for
   db_exec, but only 'i', 'l' and 's'. */
void db_query_add(struct db_query *q, const char *fragment, const char *types, ...);

/* Runs the assembled statement: as db_select / db_exec. */
int db_query_select(struct arena *a, struct db_rows *out, const struct db_query *q);
long long db_query_exec(const struct db_query *q);

/* The AUTO_INCREMENT id of the last INSERT through db_exec. */
long long db_last_id(void);

/* The first column of the first row, copied into a; *out is NULL when there is
   no row or the value is NULL. Returns DB_OK or a negative status. */
int db_value(struct arena *a, char **out, const char *sql, const char *types, ...);

/* A LIKE pattern matching s anywhere ("%s%"), with % _ and \ in s escaped. */
char *db_like(struct arena *a, const char *s);

/* Transactions nest: only the outermost begin/commit reach the server.
   A rollback at any depth rolls the whole transaction back. */
int db_begin(void);
int db_commit(void);
void db_rollback(void);

/* Called once a request is over: rolls back and logs a transaction left open. */
void db_request_end(void);

/* Connects if needed and checks the server answers. DB_OK or DB_DOWN. */
int db_ping(void);

/* Runs a script of several statements (migrations only). DB_OK or negative;
   the server's message is available from db_errmsg(). */
int db_script(const char *sql, size_t len);

/* The last server error message (static storage, for logs and the admin tool). */
const char *db_errmsg(void);

/* Closes the connection and forgets every prepared statement. */
void db_close(void);

#endif
