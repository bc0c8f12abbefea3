/* groups.h: the configuration objects that are a named group of users —
   teams (members), roles (participants) and resolver areas (subscriptions).
   They share the object itself (name, description, active, version), its
   list, page, create, edit and delete; teams and roles also share plain
   membership. A screen describes its kind and lets group_route answer. */
#ifndef ATIENDE_GROUPS_H
#define ATIENDE_GROUPS_H

#include "req.h"

struct group_kind {
    const char *table;          /* constant SQL table name: "teams" */
    const char *object;         /* audit object type and action prefix: "team" */
    const char *path;           /* "/admin/teams" */
    const char *list_node;      /* view list of the objects: "Teams" */
    const char *node;           /* view node of one object: "Team" */
    const char *list_template, *template;
    const char *name_required, *name_taken;   /* Lang.Err keys */
    const char *count_sql;      /* SQL of the list's member count for object g */

    /* Plain membership (NULL member_table: the screen handles its own). */
    const char *member_table;   /* "team_members" */
    const char *member_fk;      /* its column naming the group: "team_id" */
    const char *members_node;   /* "Members" */
    const char *members_path;   /* path part: "members" */
    int staff_only;             /* 1: customers cannot join */
    const char *unknown_user;   /* Lang.Err key: the user cannot join */

    /* Loads what else the group page shows (areas: subscriptions). */
    int (*load_more)(struct req *r, long long id);
};

/* Loads the group's page data. 1 found, 0 not found, negative db status. */
int group_load(struct req *r, const struct group_kind *k, long long id);

/* The group page again with the form's problem next to its field. */
int group_invalid(struct req *r, const struct group_kind *k, long long id,
                  const char *field, const char *key);

/* Renders the group page (404/503 when it cannot be loaded). */
int group_show(struct req *r, const struct group_kind *k, long long id);

/* Answers every path of the group screen except the ones the kind handles
   itself: those (a "rest" after /{id}/ it does not know) return -1 with
   *id and *rest set. Writes need the admin role. */
int group_route(struct req *r, const struct group_kind *k, long long *id, const char **rest);

#endif
