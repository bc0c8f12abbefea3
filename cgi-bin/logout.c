/* logout: POST ends the session; GET asks for confirmation (GET never changes state). */
#include "app.h"
#include "auth.h"
#include "presence.h"
#include "users.h"
#include "view.h"

static int logout(struct req *r)
{
    if (!r->is_post) {
        if (!r->user.id) {
            return resp_redirect(r, "/login");
        }
        return view_render(r, "logout.cs");
    }
    if (r->user.id) {
        audit(r->user.id, req_env(r, "REMOTE_ADDR"), "logout", "user", r->user.id, "");
        if (req_has_role(r, ROLES_STAFF)) {
            presence_set(r, "waiting", 0);     /* no longer EN GESTIÓN anywhere */
        }
    }
    session_end(r);
    if (r->want_json) {
        r->status = 200;
        r->user.id = 0;
        hdf_remove_tree(r->hdf, "User");       /* the presence badge read with the user */
        view_bool(r, 1, "signed_out");
        return view_render(r, "logout.cs");
    }
    return resp_redirect(r, "/login");
}

/* Signing out is allowed without a CSRF token (a cross-site POST is already
   refused by the Origin check in app.c), so API clients and scripts can POST
   /logout with only the cookie, as DESIGN §7 says. */
static const struct screen screen = {
    .name = "logout", .roles = ROLE_ANON | ROLES_SIGNED_IN, .methods = M_GET | M_POST,
    .csrf = 0, .handler = logout,
};

int main(void)
{
    return app_main(&screen);
}
