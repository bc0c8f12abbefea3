/* atiende-escalate: applies the escalation rules (A3) to the open cases.
   For each active rule, in order, the database finds the matching cases in
   batches and records a firing per case and episode; the rule's actions —
   status change, history row, alerts, tasks and e-mails for the role's
   participants — are written in the same transaction as the firings, so a
   crash or a second run at the same time neither repeats nor loses one.

   atiende-escalate [--once | --every SECONDS] [--dry-run] [--now "YYYY-MM-DD HH:MM:SS"] */
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "calendar.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "rules.h"
#include "view.h"

#define BATCH 1000

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
}

/* The conditions every matching case meets; parameters: see add_match. */
#define MATCH \
    " FROM cases c WHERE c.closed = 0" \
    " AND (? = 0 OR c.status_id = ?) AND (? = 0 OR c.area_id = ?)" \
    " AND (? = 0 OR c.type_id = ?) AND (? = 0 OR c.priority_id = ?)" \
    " AND c.episode_started_at <= ? - INTERVAL ? MINUTE" \
    " AND NOT EXISTS (SELECT 1 FROM escalation_firings f WHERE f.rule_id = ? AND f.case_id = c.id" \
    " AND f.episode = c.episode)"

struct rule {
    long long id, status, area, type, priority, role, set_status, minutes;
    int alert, task, email, business;
    const char *words;
};

/* Clock hours count back from now; business hours from the calendar's
   cutoff (lib/calendar.c), so both are one indexed comparison. */
static void add_match(struct arena *a, struct db_query *q, const struct rule *u, const char *now)
{
    const char *since = now;
    long long minutes = u->minutes;
    if (u->business) {
        struct tm tm = { 0 };
        strptime(now, "%Y-%m-%d %H:%M:%S", &tm);
        time_t cut = business_cutoff(timegm(&tm), (long)u->minutes, conf.cal_days, conf.cal_start,
                                     conf.cal_end, conf.cal_holidays);
        char *utc = arena_alloc(a, 20);
        strftime(utc, 20, "%Y-%m-%d %H:%M:%S", gmtime(&cut));
        since = utc, minutes = 0;
    }
    db_query_add(q, MATCH, "llllllllsll", u->status, u->status, u->area,
                 u->area, u->type, u->type, u->priority, u->priority, since, minutes, u->id);
}

/* The active rules in order, each with its sentence (site language). */
static int load_rules(struct arena *a, struct db_rows *rows)
{
    return db_select(a, rows,
                     "SELECT r.id, COALESCE(r.status_id, 0), COALESCE(r.area_id, 0), COALESCE(r.type_id, 0),"
                     " COALESCE(r.priority_id, 0), COALESCE(r.role_id, 0), COALESCE(r.set_status_id, 0),"
                     " ROUND(r.hours_open * 60), r.alert, r.task, r.email,"
                     " st.code, ar.name, t.name_es, p.name_es, r.hours_open, ro.name, ss.code,"
                     " r.business_hours"
                     " FROM escalation_rules r LEFT JOIN statuses st ON st.id = r.status_id"
                     " LEFT JOIN areas ar ON ar.id = r.area_id LEFT JOIN request_types t ON t.id = r.type_id"
                     " LEFT JOIN priorities p ON p.id = r.priority_id LEFT JOIN roles ro ON ro.id = r.role_id"
                     " LEFT JOIN statuses ss ON ss.id = r.set_status_id"
                     " WHERE r.active = 1 ORDER BY r.position, r.id", "");
}

static void read_rule(struct arena *a, const struct db_rows *rows, int i, struct rule *u)
{
    long long *ids[] = { &u->id, &u->status, &u->area, &u->type, &u->priority, &u->role,
                         &u->set_status, &u->minutes };
    for (int k = 0; k < 8; k++) {
        *ids[k] = strtoll(db_cell(rows, i, k), NULL, 10);
    }
    u->alert = *db_cell(rows, i, 8) == '1';
    u->task = *db_cell(rows, i, 9) == '1';
    u->email = *db_cell(rows, i, 10) == '1';
    u->business = *db_cell(rows, i, 18) == '1';
    struct rule_text t = {
        .status = db_cell(rows, i, 11), .area = db_cell(rows, i, 12), .type = db_cell(rows, i, 13),
        .priority = db_cell(rows, i, 14), .hours = db_cell(rows, i, 15), .role = db_cell(rows, i, 16),
        .alert = u->alert, .task = u->task, .email = u->email, .set_status = db_cell(rows, i, 17),
    };
    u->words = rule_words(a, conf.default_lang, &t);
}

/* The actions of the firings of batch run, set-based. */
static int act(struct arena *a, const struct rule *u, const char *run)
{
    const char *note = arena_printf(a, "%s %lld: %s",
                                    lang_fill(a, conf.default_lang, "Escalation.by_rule", NULL, NULL, NULL),
                                    u->id, u->words);
    const char *alert = lang_fill(a, conf.default_lang, "Notifications.Text.escalated", "", "{N}", u->words);
    const char *task = lang_fill(a, conf.default_lang, "Notifications.task", "{N}", u->words, NULL);
    if (db_exec("INSERT INTO case_history (case_id, episode, version, kind, field, old_value, new_value,"
                " old_ref, new_ref, note) SELECT c.id, c.episode, c.version + (? <> 0), 'escalate',"
                " IF(? <> 0, 'status', ''), IF(? <> 0, s.code, NULL), ns.code, IF(? <> 0, c.status_id, NULL),"
                " NULLIF(?, 0), ? FROM escalation_firings f JOIN cases c ON c.id = f.case_id"
                " JOIN statuses s ON s.id = c.status_id LEFT JOIN statuses ns ON ns.id = ?"
                " WHERE f.run_id = ?", "lllllsls", u->set_status, u->set_status, u->set_status,
                u->set_status, u->set_status, note, u->set_status, run) < 0) {
        return DB_ERROR;
    }
    if (u->set_status &&
        db_exec("UPDATE cases c JOIN escalation_firings f ON f.case_id = c.id AND f.run_id = ?"
                " JOIN statuses ns ON ns.id = ? SET c.status_id = ns.id, c.closed = ns.closed,"
                " c.closed_at = IF(ns.closed = 1, UTC_TIMESTAMP(), NULL), c.version = c.version + 1,"
                " c.updated_at = UTC_TIMESTAMP()", "sl", run, u->set_status) < 0) {
        return DB_ERROR;
    }
    if (u->role && u->alert &&
        db_exec("INSERT INTO notifications (user_id, case_id, kind, text) SELECT rp.user_id, c.id,"
                " 'escalated', REPLACE(?, '{N}', CONVERT(c.number USING utf8mb4)) FROM escalation_firings f"
                " JOIN cases c ON c.id = f.case_id JOIN role_participants rp ON rp.role_id = ?"
                " JOIN users u ON u.id = rp.user_id AND u.active = 1 WHERE f.run_id = ?",
                "sls", alert, u->role, run) < 0) {
        return DB_ERROR;
    }
    if (u->role && u->task &&
        db_exec("INSERT INTO activities (case_id, description, executor_id, status)"
                " SELECT c.id, REPLACE(?, '{N}', CONVERT(c.number USING utf8mb4)), rp.user_id, 'pending'"
                " FROM escalation_firings f JOIN cases c ON c.id = f.case_id"
                " JOIN role_participants rp ON rp.role_id = ? JOIN users u ON u.id = rp.user_id"
                " AND u.active = 1 WHERE f.run_id = ?", "sls", task, u->role, run) < 0) {
        return DB_ERROR;
    }
    if (u->role && u->email &&
        db_exec("INSERT INTO outbox (case_id, to_addr, to_name, subject, body_text, body_html,"
                " message_id, thread_id) SELECT c.id, u.email, u.name, CONCAT('[', c.number, '] ', c.subject),"
                " CONCAT(REPLACE(?, '{N}', CONVERT(c.number USING utf8mb4)), '\\n\\n', c.subject, '\\n\\n', c.description, '\\n\\n',"
                " ?, '/cases/', c.id, '\\n'),"
                " CONCAT('<p>', REPLACE(?, '{N}', CONVERT(c.number USING utf8mb4)), '</p><p><strong>', REPLACE(REPLACE(REPLACE("
                " c.subject, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '</strong></p><p><a href=\"', ?,"
                " '/cases/', c.id, '\">', c.number, '</a></p>'),"
                " CONCAT(c.number, '.esc', f.id, '.', u.id, '@atiende'), CONCAT('case-', c.id, '@atiende')"
                " FROM escalation_firings f JOIN cases c ON c.id = f.case_id"
                " JOIN role_participants rp ON rp.role_id = ? JOIN users u ON u.id = rp.user_id"
                " AND u.active = 1 AND u.email LIKE '%@%' WHERE f.run_id = ?", "ssssls",
                alert, conf.base_url, alert, conf.base_url, u->role, run) < 0) {
        return DB_ERROR;
    }
    return 0;
}

/* Fires rule u on every matching case, a batch per transaction. The number
   of firings, or a negative db status. */
/* The last case id of the next batch of candidates after case id last, or
   0 when there are none: batches walk the cases by id (keyset), so a run is
   linear in the cases and a firing another run made meanwhile (ignored by
   the unique key) never ends this one early. */
static long long batch_end(struct arena *a, const struct rule *u, const char *now, long long last)
{
    struct db_query q;
    struct db_rows rows;
    db_query_init(&q, a, "SELECT MAX(id) FROM (SELECT c.id");
    add_match(a, &q, u, now);
    db_query_add(&q, " AND c.id > ? ORDER BY c.id LIMIT ?) x", "ll", last, (long long)BATCH);
    if (db_query_select(a, &rows, &q) != DB_OK) {
        return DB_ERROR;
    }
    return db_cell(&rows, 0, 0) ? strtoll(db_cell(&rows, 0, 0), NULL, 10) : 0;
}

static long long dry_run(struct arena *a, const struct rule *u, const char *now)
{
    struct db_query q;
    struct db_rows rows;
    db_query_init(&q, a, "SELECT c.id, c.number");
    add_match(a, &q, u, now);
    if (db_query_select(a, &rows, &q) != DB_OK) {
        return DB_ERROR;
    }
    for (int i = 0; i < rows.n; i++) {
        printf("would fire rule %lld on case %s\n", u->id, db_cell(&rows, i, 1));
    }
    return rows.n;
}

/* Fires rule u on every matching case, a batch per transaction. The number
   of firings, or a negative db status. */
static long long apply(struct arena *a, const struct rule *u, const char *now, const char *token,
                       int dry)
{
    long long total = 0, n, last = 0, hi;
    if (dry) {
        return dry_run(a, u, now);
    }
    for (int batch = 0; (hi = batch_end(a, u, now, last)) > 0; batch++, last = hi) {
        const char *run = arena_printf(a, "%s.%lld.%d", token, u->id, batch);
        struct db_query q;
        db_query_init(&q, a, "INSERT IGNORE INTO escalation_firings (rule_id, case_id, episode,"
                      " fired_at, run_id) SELECT ");
        db_query_add(&q, "?, c.id, c.episode, ?, ?", "lss", u->id, now, run);
        add_match(a, &q, u, now);
        db_query_add(&q, " AND c.id > ? AND c.id <= ?", "ll", last, hi);
        if (db_begin() != DB_OK || (n = db_query_exec(&q)) < 0 || act(a, u, run) < 0 ||
            db_commit() != DB_OK) {
            db_rollback();
            return DB_ERROR;
        }
        struct db_rows fired;
        if (n > 0 && db_select(a, &fired, "SELECT c.number FROM escalation_firings f JOIN cases c"
                               " ON c.id = f.case_id WHERE f.run_id = ? ORDER BY c.id", "s", run) == DB_OK) {
            for (int i = 0; i < fired.n; i++) {
                printf("rule %lld fired on case %s\n", u->id, db_cell(&fired, i, 0));
            }
        }
        total += n;
    }
    return hi < 0 ? hi : total;
}

static int run_once(const char *now_arg, int dry)
{
    struct arena *a = arena_new();
    struct db_rows rules;
    char now[20];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    const char *token = arena_printf(a, "%ld.%d.%s", (long)t, (int)getpid(), "esc");
    int rc = 0;
    long long fired = 0;
    if (load_rules(a, &rules) != DB_OK) {
        arena_free(a);
        return 1;
    }
    for (int i = 0; i < rules.n && !stopping; i++) {
        struct rule u;
        read_rule(a, &rules, i, &u);
        long long n = apply(a, &u, now_arg ? now_arg : now, token, dry);
        if (n < 0) {
            LOG_ERROR("rule %lld: %s", u.id, db_errmsg());
            rc = 1;
            break;
        }
        fired += n;
    }
    printf("%s %d rules, %lld firings%s\n", now_arg ? now_arg : now, rules.n, fired,
           dry ? " (dry run: nothing changed)" : "");
    fflush(stdout);
    arena_free(a);
    return rc;
}

int main(int argc, char **argv)
{
    const char *err, *now = NULL;
    int every = 0, dry = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--once") == 0) {
            every = 0;
        } else if (strcmp(argv[i], "--every") == 0 && i + 1 < argc) {
            every = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--dry-run") == 0) {
            dry = 1;
        } else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
            now = argv[++i];
        } else {
            fprintf(stderr, "usage: atiende-escalate [--once | --every SECONDS] [--dry-run]"
                            " [--now \"YYYY-MM-DD HH:MM:SS\"]\n");
            return 2;
        }
    }
    if (conf_load(NULL, &err) < 0) {
        fprintf(stderr, "atiende-escalate: configuration: %s\n", err);
        return 1;
    }
    if (sodium_init() < 0 || view_init() != 0) {
        return 1;
    }
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    int rc;
    do {
        rc = run_once(now, dry);
        for (int s = 0; every > 0 && s < every && !stopping; s++) {
            sleep(1);
        }
    } while (every > 0 && !stopping);
    db_close();
    return rc;
}
