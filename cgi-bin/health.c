/* health: 200 when the screens reach the database, 503 otherwise; for load
   balancers and monitoring. */
#include "app.h"
#include "db.h"
#include "view.h"

static int health(struct req *r)
{
    int up = db_ping() == DB_OK;
    r->status = up ? 200 : 503;
    if (r->want_json) {
        sbuf_adds(&r->body, up ? "{\"status\":\"ok\",\"database\":\"ok\"}\n"
                               : "{\"status\":\"unavailable\",\"database\":\"down\"}\n");
        r->content_type = "application/json; charset=utf-8";
    } else {
        sbuf_adds(&r->body, up ? "ok\n" : "database unavailable\n");
        r->content_type = "text/plain; charset=utf-8";
    }
    return r->status;
}

static const struct screen screen = {
    .name = "health", .roles = ROLE_ANON | ROLES_SIGNED_IN, .methods = M_GET,
    .csrf = 0, .handler = health,
};

int main(void)
{
    return app_main(&screen);
}
