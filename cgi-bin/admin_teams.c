/* admin_teams: teams and their members. Admins create, rename, deactivate
   and change membership; supervisors may read. Paths: /admin/teams,
   /admin/teams/{id}, /admin/teams/{id}/delete, /admin/teams/{id}/members,
   /admin/teams/{id}/members/{user}/remove. */
#include "app.h"
#include "groups.h"

static const struct group_kind teams = {
    .table = "teams", .object = "team", .path = "/admin/teams",
    .list_node = "Teams", .node = "Team",
    .list_template = "admin_teams.cs", .template = "admin_team.cs",
    .name_required = "team_name_required", .name_taken = "team_name_taken",
    .count_sql = "(SELECT COUNT(*) FROM team_members m JOIN users u ON u.id = m.user_id"
                 " WHERE m.team_id = g.id AND u.active = 1) AS members",
    .member_table = "team_members", .member_fk = "team_id", .members_node = "Members",
    .members_path = "members", .staff_only = 0, .unknown_user = "user_unknown",
};

static int admin_teams(struct req *r)
{
    long long id;
    const char *rest;
    int status = group_route(r, &teams, &id, &rest);
    return status >= 0 ? status : req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_teams", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_teams,
};

int main(void)
{
    return app_main(&screen);
}
