/* admin_roles: roles (cargos) and their participants, the people escalation
   rules notify. Admins change them; supervisors may read. Paths: /admin/roles,
   /admin/roles/{id}, /admin/roles/{id}/delete, /admin/roles/{id}/participants,
   /admin/roles/{id}/participants/{user}/remove. */
#include "app.h"
#include "groups.h"

static const struct group_kind roles = {
    .table = "roles", .object = "role", .path = "/admin/roles",
    .list_node = "Roles", .node = "Role",
    .list_template = "admin_roles.cs", .template = "admin_role.cs",
    .name_required = "role_name_required", .name_taken = "role_name_taken",
    .count_sql = "(SELECT COUNT(*) FROM role_participants m JOIN users u ON u.id = m.user_id"
                 " WHERE m.role_id = g.id AND u.active = 1) AS participants",
    .member_table = "role_participants", .member_fk = "role_id",
    .members_node = "Participants", .members_path = "participants", .staff_only = 1,
    .unknown_user = "staff_unknown",
};

static int admin_roles(struct req *r)
{
    long long id;
    const char *rest;
    int status = group_route(r, &roles, &id, &rest);
    return status >= 0 ? status : req_fail(r, 404, "not_found", "not_found");
}

static const struct screen screen = {
    .name = "admin_roles", .roles = ROLE_ADMIN | ROLE_SUPERVISOR, .methods = M_GET | M_POST,
    .csrf = 1, .handler = admin_roles,
};

int main(void)
{
    return app_main(&screen);
}
