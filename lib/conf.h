/* conf.h: the configuration (conf/atiende.hdf or $ATIENDE_CONF), read once per process. */
#ifndef ATIENDE_CONF_H
#define ATIENDE_CONF_H

struct conf {
    const char *site_name, *base_url, *timezone, *default_lang;
    const char *db_socket, *db_host, *db_name, *db_user, *db_password;
    int db_port, db_timeout;
    const char *templates_dir, *sql_dir;
    int session_idle_minutes, session_absolute_hours;
    int cookie_secure;          /* 1 always, 0 never, -1 when the request came over HTTPS */
    int login_max_per_login, login_max_per_addr, login_window_minutes;
    long max_body;
    long max_file;          /* bytes per uploaded file (staff screens) */
    long max_file_portal;   /* bytes per uploaded file in the customer portal */
    long max_upload;        /* bytes of a whole multipart body */
    int max_params;
    const char *smtp_url;   /* smtp://host:port or smtps://... */
    const char *mail_from;  /* the From address of every e-mail */
    const char *smtp_user, *smtp_password;
    int smtp_starttls;      /* 1: require STARTTLS on smtp:// */
    int mail_max_attempts;  /* after this many failures a message is marked failed */
    const char *cal_days;       /* business hours: working days, 1 = Monday ... 7 = Sunday */
    const char *cal_start, *cal_end;    /* "08:00", "18:00", site time */
    const char *cal_holidays;   /* "2026-12-25,2027-01-01" */
    int cases_agents_restricted;   /* 1: agents see only cases of their areas, teams or their own */
    const char *portal_area;    /* the area (by name) portal cases are filed in; "": none */
    int portal_invite_hours;    /* how long an invitation's set-password link works */
    int cache_seconds;          /* how long a screen keeps rarely changing lists (db_select_memo) */
    int presence_timeout_seconds;   /* a "working" agent without a heartbeat this long reads as waiting */
    const char *imap_url;       /* Inbound: the mailbox bin/atiende-fetch reads; "": none */
    const char *imap_user, *imap_password;
    int imap_starttls;          /* 1: require STARTTLS on imap:// */
    const char *inbound_area;   /* the area (by name) new cases from e-mail are filed in */
    long inbound_max_bytes;     /* a larger message is quarantined */
    int inbound_rate_per_hour;  /* messages per sender and hour before the rest are quarantined */
    const char *inbound_move_to;    /* folder processed mail moves to; "": it is only marked seen */
};

/* The process's configuration; valid after conf_load. */
extern struct conf conf;

/* Reads path (NULL: $ATIENDE_CONF, else conf/atiende.hdf). Unknown keys and
   malformed numbers are errors: returns 0 on success, else -1 with a message
   in err (a static string buffer owned by conf.c). */
int conf_load(const char *path, const char **err);

#endif
