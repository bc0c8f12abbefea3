/* atiende-admin: migrations, users, API tokens and demo data from the shell.
   Finds the database through the same configuration as the screens. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "conf.h"
#include "db.h"
#include "migrate.h"
#include "users.h"

static const char usage[] =
    "usage: atiende-admin COMMAND\n"
    "  migrate                         apply pending migrations\n"
    "  user add LOGIN --role ROLE --name NAME [--email EMAIL] [--lang es|en]\n"
    "                                  (password read from standard input)\n"
    "  user list                       list users\n"
    "  user passwd LOGIN               set a password (read from standard input)\n"
    "  user disable LOGIN              disable a user and end their sessions\n"
    "  token create --user LOGIN [--name NAME]   print a new API token\n"
    "  demo                            load demo data (idempotent)\n"
    "configuration: $ATIENDE_CONF, else conf/atiende.hdf\n";

/* The value after --name in argv, or NULL. */
static const char *opt(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            return argv[i + 1];
        }
    }
    return NULL;
}

/* One line from standard input, without its newline. */
static char *read_password(struct arena *a)
{
    if (isatty(0)) {
        fprintf(stderr, "password: ");
    }
    char line[512];
    if (!fgets(line, sizeof line, stdin)) {
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    char *p = arena_strdup(a, line);
    sodium_memzero(line, sizeof line);
    return p;
}

static int fail(const char *msg)
{
    fprintf(stderr, "atiende-admin: %s\n", msg);
    return 1;
}

static int user_add(struct arena *a, int argc, char **argv)
{
    const char *login = argv[0], *role = opt(argc, argv, "--role");
    const char *name = opt(argc, argv, "--name"), *email = opt(argc, argv, "--email");
    const char *lang = opt(argc, argv, "--lang");
    struct field_error fe;
    user_validate(login, name, email, role, lang, &fe);
    if (fe.field) {
        fprintf(stderr, "atiende-admin: invalid %s (%s)\n", fe.field, fe.key);
        return 2;
    }
    char *pw = read_password(a);
    const char *problem = password_problem(pw);
    if (problem) {
        return fail(strcmp(problem, "password_short") == 0 ? "password: at least 8 characters"
                                                           : "password: at most 200 characters");
    }
    long long id = user_create(login, name, email, role, lang, pw);
    if (id == DB_DUPLICATE) {
        return fail("that login exists already");
    }
    if (id < 0) {
        return fail(db_errmsg());
    }
    audit(0, "", "user_create", "user", id, login);
    printf("user %s created (id %lld)\n", login, id);
    return 0;
}

static int user_list(struct arena *a)
{
    struct db_rows rows;
    if (db_select(a, &rows, "SELECT id, login, role, active, name, email FROM users ORDER BY login",
                  "") != DB_OK) {
        return fail(db_errmsg());
    }
    printf("%-6s %-20s %-10s %-8s %s\n", "id", "login", "role", "active", "name <email>");
    for (int i = 0; i < rows.n; i++) {
        printf("%-6s %-20s %-10s %-8s %s <%s>\n", db_cell(&rows, i, 0), db_cell(&rows, i, 1),
               db_cell(&rows, i, 2), strcmp(db_cell(&rows, i, 3), "1") == 0 ? "yes" : "no",
               db_cell(&rows, i, 4), db_cell(&rows, i, 5));
    }
    return 0;
}

static int user_passwd(struct arena *a, const char *login)
{
    char *pw = read_password(a);
    if (password_problem(pw)) {
        return fail("password: between 8 and 200 characters");
    }
    long long rc = user_set_password(login, pw);
    if (rc == 0) {
        return fail("no such user");
    }
    if (rc < 0) {
        return fail(db_errmsg());
    }
    audit(0, "", "user_passwd", "user", 0, login);
    printf("password of %s changed\n", login);
    return 0;
}

static int user_disable(const char *login)
{
    long long rc = db_exec("UPDATE users SET active = 0, version = version + 1,"
                           " updated_at = UTC_TIMESTAMP() WHERE login = ?", "s", login);
    if (rc < 0) {
        return fail(db_errmsg());
    }
    if (rc == 0) {
        return fail("no such user, or already disabled");
    }
    db_exec("DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = ?", "s", login);
    audit(0, "", "user_disable", "user", 0, login);
    printf("user %s disabled\n", login);
    return 0;
}

static int token_create(struct arena *a, int argc, char **argv)
{
    const char *login = opt(argc, argv, "--user"), *name = opt(argc, argv, "--name");
    char *id;
    if (!login) {
        return fail("token create needs --user LOGIN");
    }
    if (db_value(a, &id, "SELECT id FROM users WHERE login = ? AND active = 1", "s", login) != DB_OK) {
        return fail(db_errmsg());
    }
    if (!id) {
        return fail("no such active user");
    }
    char *token = api_token_create(a, strtoll(id, NULL, 10), name ? name : "");
    if (!token) {
        return fail(db_errmsg());
    }
    audit(0, "", "token_create", "user", strtoll(id, NULL, 10), login);
    printf("%s\n", token);
    return 0;
}

/* Runs each statement; -1 at the first that fails. */
static int exec_all(const char *const *sql, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (db_exec(sql[i], "") < 0) {
            return -1;
        }
    }
    return 0;
}

/* The portal's customers: an organization with two people, Carla (sees
   her own cases) and Esteban (the company's portal admin), their space and
   two of the demo cases as Carla's, one with a reply, one solved. */
static int demo_portal(void)
{
    static const char *const sql[] = {
        "INSERT IGNORE INTO customers (kind, doc_type_id, doc_number, legal_name)"
        " SELECT 'organization', id, '900123456', 'Comercial Andina S.A.S.' FROM document_types"
        " WHERE code = 'NIT'",
        "INSERT IGNORE INTO customers (kind, doc_type_id, doc_number, first_name, first_surname,"
        " organization_id) SELECT 'person', d.id, p.doc, p.first, p.last, o.id FROM document_types d"
        " JOIN customers o ON o.doc_number = '900123456' JOIN (SELECT '52123456' AS doc, 'Carla' AS first,"
        " 'Cliente' AS last UNION ALL SELECT '79123456', 'Esteban', 'Empresa') p WHERE d.code = 'CC'",
        "INSERT INTO contact_data (customer_id, type, value, preferred) SELECT c.id, 'email', u.email, 1"
        " FROM customers c JOIN users u ON u.login = IF(c.doc_number = '52123456', 'cliente', 'empresa')"
        " WHERE c.doc_number IN ('52123456', '79123456') AND NOT EXISTS"
        " (SELECT 1 FROM contact_data d WHERE d.customer_id = c.id AND d.type = 'email')",
        "UPDATE users u JOIN customers c ON c.doc_number = IF(u.login = 'cliente', '52123456', '79123456')"
        " SET u.customer_id = c.id, u.portal_admin = u.login = 'empresa'"
        " WHERE u.login IN ('cliente', 'empresa') AND u.customer_id IS NULL",
        "INSERT IGNORE INTO teams (name, description) VALUES"
        " ('Clientes Andina', 'Espacio de Comercial Andina en el portal de casos')",
        "INSERT IGNORE INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t JOIN users u"
        " ON u.login IN ('cliente', 'empresa') WHERE t.name = 'Clientes Andina'",
        "UPDATE cases c JOIN customers cu ON cu.doc_number = '52123456'"
        " JOIN teams t ON t.name = 'Clientes Andina'"
        " SET c.customer_id = cu.id, c.team_id = t.id, c.requester_first_name = '',"
        " c.requester_last_name = '', c.requester_email = '',"
        " c.resolution = IF(c.closed = 1, 'Enviamos el paz y salvo a su correo.', c.resolution)"
        " WHERE c.number IN (CONCAT(YEAR(UTC_DATE()), '-000001'), CONCAT(YEAR(UTC_DATE()), '-000005'))"
        " AND c.customer_id IS NULL",
        "INSERT INTO notes (title, body, public, author_id) SELECT 'Estamos revisando su factura',"
        " 'Hola Carla: ya pedimos al área de facturación que reenvíe la factura electrónica.', 1, u.id"
        " FROM users u WHERE u.login = 'agente2' AND NOT EXISTS (SELECT 1 FROM notes)",
        "INSERT IGNORE INTO note_cases (note_id, case_id, linked_by) SELECT n.id, c.id, n.author_id"
        " FROM notes n JOIN cases c ON c.number = CONCAT(YEAR(UTC_DATE()), '-000001')"
        " WHERE n.title = 'Estamos revisando su factura'",
    };
    return exec_all(sql, sizeof sql / sizeof *sql);
}

/* Areas with who they notify, roles and two escalation rules. */
static int demo_service(void)
{
    static const char *const sql[] = {
        "INSERT IGNORE INTO areas (name, description) VALUES"
        " ('Soporte técnico', 'Fallas, instalación y configuración'),"
        " ('Reclamos', 'Reclamos y quejas de clientes'),"
        " ('Facturación', 'Cobros, facturas y pagos')",
        "INSERT IGNORE INTO area_subscriptions (area_id, user_id, alert, task, email)"
        " SELECT a.id, u.id, 1, u.login = 'agente', u.login = 'supervisor' FROM areas a JOIN users u"
        " ON (a.name = 'Soporte técnico' AND u.login IN ('agente', 'supervisor'))"
        " OR (a.name = 'Reclamos' AND u.login IN ('agente2', 'supervisor'))",
        "INSERT IGNORE INTO roles (name, description) VALUES"
        " ('Supervisores', 'Coordinan a los agentes de cada área'),"
        " ('Gerencia', 'Gerencia de servicio al cliente')",
        "INSERT IGNORE INTO role_participants (role_id, user_id) SELECT r.id, u.id FROM roles r"
        " JOIN users u ON (r.name = 'Supervisores' AND u.login = 'supervisor')"
        " OR (r.name = 'Gerencia' AND u.login = 'admin')",
        "INSERT INTO escalation_rules (position, area_id, priority_id, hours_open, role_id, email,"
        " set_status_id) SELECT 10, a.id, p.id, 24, r.id, 1, s.id FROM areas a, priorities p,"
        " roles r, statuses s WHERE a.name = 'Reclamos' AND p.code = 'high'"
        " AND r.name = 'Supervisores' AND s.code = 'TRA'"
        " AND NOT EXISTS (SELECT 1 FROM escalation_rules)",
        /* a few cases, spread over statuses, areas and priorities */
        "INSERT INTO case_numbers (year, last) SELECT YEAR(UTC_DATE()), 8 FROM DUAL"
        " WHERE NOT EXISTS (SELECT 1 FROM cases)"
        " ON DUPLICATE KEY UPDATE last = GREATEST(last, 8)",
        "INSERT INTO cases (number, subject, description, status_id, closed, area_id, priority_id,"
        " type_id, assignee_id, received_at, requester_first_name, requester_last_name,"
        " requester_email, due_at, episode_started_at, created_by, created_at, updated_at)"
        " SELECT CONCAT(YEAR(UTC_DATE()), '-', LPAD(q.seq, 6, '0')),"
        " ELT(q.seq, 'No llega la factura electrónica', 'Cobro duplicado en noviembre',"
        "  'Internet intermitente en la noche', 'Cambio de plan sin autorización',"
        "  'Solicitud de paz y salvo', 'Router sin señal tras la tormenta',"
        "  'Reclamo por demora en la instalación', 'Actualizar datos de facturación'),"
        " 'Caso de demostración: el cliente describe su solicitud aquí.',"
        " s.id, s.closed, a.id, p.id, t.id, IF(q.seq % 3 = 0, NULL, u.id),"
        " UTC_TIMESTAMP() - INTERVAL q.seq * 9 HOUR,"
        " ELT(q.seq, 'Laura', 'Pedro', 'Marta', 'Jorge', 'Sofía', 'Andrés', 'Lucía', 'Camilo'),"
        " ELT(q.seq, 'Gómez', 'Pérez', 'Rojas', 'Díaz', 'Castro', 'Mejía', 'Vargas', 'Ríos'),"
        " CONCAT('cliente', q.seq, '@example.com'), UTC_DATE() + INTERVAL (CAST(q.seq AS SIGNED) - 4) DAY,"
        " UTC_TIMESTAMP() - INTERVAL q.seq * 9 HOUR, u.id,"
        " UTC_TIMESTAMP() - INTERVAL q.seq * 9 HOUR, UTC_TIMESTAMP() - INTERVAL q.seq * 5 HOUR"
        " FROM seq_1_to_8 q"
        " JOIN statuses s ON s.code = ELT(q.seq, 'NEW', 'PRO', 'WRC', 'NEW', 'CLO', 'PRO', 'TRA', 'RIT')"
        " JOIN areas a ON a.name = ELT(1 + q.seq % 3, 'Soporte técnico', 'Reclamos', 'Facturación')"
        " JOIN priorities p ON p.code = ELT(1 + q.seq % 3, 'high', 'medium', 'low')"
        " JOIN request_types t ON t.code = ELT(1 + q.seq % 4, 'query', 'claim', 'complaint', 'incident')"
        " JOIN users u ON u.login = IF(q.seq % 2 = 0, 'agente', 'agente2')"
        " WHERE NOT EXISTS (SELECT 1 FROM cases)",
        "INSERT INTO case_history (case_id, user_id, kind, field, new_value, at)"
        " SELECT c.id, c.created_by, 'status', 'status', s.code, c.created_at FROM cases c"
        " JOIN statuses s ON s.id = c.status_id"
        " WHERE NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id)",
        "INSERT INTO escalation_rules (position, hours_open, role_id, alert, task)"
        " SELECT 20, 72, r.id, 1, 1 FROM roles r WHERE r.name = 'Gerencia'"
        " AND (SELECT COUNT(*) FROM escalation_rules) = 1",
    };
    return exec_all(sql, sizeof sql / sizeof *sql);
}

/* The contact center (manual 003): two campaigns with their channels,
   scripts and typification trees, the demo agent's open cases in the
   collections campaign (the others' in customer service), and two earlier
   managements: one due an hour ago, one for tomorrow. */
static int demo_campaigns(void)
{
    static const char collections[] =
        "## Saludo\n"
        "Buenos días, le habla **{su nombre}** del área de cobranza, en nombre de su entidad"
        " financiera. ¿Tengo el gusto de hablar con **{nombre del cliente}**?\n\n"
        "> Si no es el titular: pregunte a qué hora se le encuentra, **no** dé detalles de la"
        " deuda y tipifique *No contactado*.\n\n"
        "## Verificación de identidad\n"
        "Por su seguridad, ¿me confirma los **últimos cuatro dígitos de su documento** y su"
        " **fecha de nacimiento**?\n\n"
        "- Si los datos no coinciden, agradezca y termine la llamada.\n"
        "- Nunca pida contraseñas ni claves.\n\n"
        "## Motivo de la llamada\n"
        "Le llamamos porque su obligación **{número de cuenta}** tiene un saldo vencido de"
        " **{valor}** con **{días}** días de mora.\n\n"
        "## Ofrecimiento\n"
        "1. **Pago total** hoy: se condonan los intereses de mora.\n"
        "2. **Acuerdo de pago** hasta en 6 cuotas, sin intereses adicionales.\n"
        "3. **Promesa de pago**: acordemos la fecha exacta del pago (máximo 5 días).\n\n"
        "## Cierre\n"
        "Repita el compromiso (valor, fecha y medio de pago) y recuerde los canales: la app,"
        " los corresponsales y las oficinas. Gracias por su tiempo, **{nombre del cliente}**."
        " Que tenga un buen día.\n";
    static const char service[] =
        "## Saludo\n"
        "Gracias por comunicarse con **Servicio al cliente**, le atiende **{su nombre}**."
        " ¿Con quién tengo el gusto?\n\n"
        "## Verificación\n"
        "Confirme el **documento** y el **correo** registrados antes de dar información.\n\n"
        "## Atención\n"
        "- Escuche la solicitud completa sin interrumpir.\n"
        "- Busque casos parecidos en la **base de soluciones**.\n"
        "- Si no se resuelve ahora, explique el siguiente paso y su plazo.\n\n"
        "## Cierre\n"
        "¿Hay algo más en lo que le pueda ayudar? Gracias por preferirnos.\n";
    static const char *const sql[] = {
        "INSERT IGNORE INTO campaign_channels (campaign_id, channel_id) SELECT c.id, ch.id"
        " FROM campaigns c JOIN channels ch ON (c.name = 'Cobranza cartera vencida'"
        " AND ch.code IN ('phone', 'whatsapp', 'sms', 'email')) OR (c.name = 'Servicio al cliente'"
        " AND ch.code IN ('email', 'phone'))",
        /* unique per parent (0015): the tree is added once */
        "INSERT IGNORE INTO typifications (campaign_id, name, position) SELECT c.id, x.name, x.pos"
        " FROM campaigns c JOIN (SELECT 'Cobranza cartera vencida' AS cp, 'Contactado' AS name,"
        " 10 AS pos UNION ALL SELECT 'Cobranza cartera vencida', 'No contactado', 20"
        " UNION ALL SELECT 'Servicio al cliente', 'Contactado', 10"
        " UNION ALL SELECT 'Servicio al cliente', 'No contactado', 20) x ON x.cp = c.name",
        "INSERT IGNORE INTO typifications (campaign_id, parent_id, name, position, closes_case,"
        " requires_next) SELECT p.campaign_id, p.id, x.name, x.pos, x.closes, x.next"
        " FROM typifications p JOIN campaigns c ON c.id = p.campaign_id JOIN ("
        " SELECT 'Cobranza cartera vencida' AS cp, 'Contactado' AS parent, 'Promesa de pago' AS name,"
        " 10 AS pos, 0 AS closes, 1 AS next"
        " UNION ALL SELECT 'Cobranza cartera vencida', 'Contactado', 'Acuerdo de pago', 20, 1, 0"
        " UNION ALL SELECT 'Cobranza cartera vencida', 'Contactado', 'No interesado', 30, 0, 0"
        " UNION ALL SELECT 'Cobranza cartera vencida', 'No contactado', 'Buzón de voz', 10, 0, 1"
        " UNION ALL SELECT 'Cobranza cartera vencida', 'No contactado', 'Número errado', 20, 0, 0"
        " UNION ALL SELECT 'Cobranza cartera vencida', 'No contactado', 'No contesta', 30, 0, 1"
        " UNION ALL SELECT 'Servicio al cliente', 'Contactado', 'Solicitud resuelta', 10, 1, 0"
        " UNION ALL SELECT 'Servicio al cliente', 'Contactado', 'Requiere seguimiento', 20, 0, 1"
        " UNION ALL SELECT 'Servicio al cliente', 'Contactado', 'Escalado a otra área', 30, 0, 0"
        " UNION ALL SELECT 'Servicio al cliente', 'No contactado', 'No contesta', 10, 0, 1"
        " UNION ALL SELECT 'Servicio al cliente', 'No contactado', 'Datos de contacto errados', 20, 0, 0"
        ") x ON x.cp = c.name AND x.parent = p.name WHERE p.parent_id IS NULL",
        /* the demo's own open cases only (a rerun leaves later cases alone) */
        "UPDATE cases c JOIN users u ON u.login = 'agente' JOIN campaigns cp ON cp.name ="
        " IF(c.assignee_id = u.id, 'Cobranza cartera vencida', 'Servicio al cliente')"
        " SET c.campaign_id = cp.id WHERE c.closed = 0 AND c.campaign_id IS NULL"
        " AND c.number BETWEEN CONCAT(YEAR(UTC_DATE()), '-000001') AND CONCAT(YEAR(UTC_DATE()), '-000008')",
        "INSERT INTO managements (case_id, user_id, campaign_id, typification_id, path, observations,"
        " next_at, created_at) SELECT c.id, u.id, c.campaign_id, t.id, CONCAT(p.name, ' › ', t.name),"
        " x.obs, x.next_at, x.at FROM (SELECT '000002' AS num, 'No contactado' AS parent,"
        " 'Buzón de voz' AS leaf, 'Se dejó mensaje de voz pidiendo devolver la llamada.' AS obs,"
        " UTC_TIMESTAMP() + INTERVAL 1 DAY AS next_at, UTC_TIMESTAMP() - INTERVAL 3 HOUR AS at"
        " UNION ALL SELECT '000004', 'Contactado', 'Promesa de pago', 'Promete pagar la cuota vencida"
        " hoy en la tarde; confirmar el pago.', UTC_TIMESTAMP() - INTERVAL 1 HOUR,"
        " UTC_TIMESTAMP() - INTERVAL 1 DAY) x"
        " JOIN cases c ON c.number = CONCAT(YEAR(UTC_DATE()), '-', x.num) JOIN users u ON u.login = 'agente'"
        " JOIN typifications p ON p.campaign_id = c.campaign_id AND p.parent_id IS NULL AND p.name = x.parent"
        " JOIN typifications t ON t.parent_id = p.id AND t.name = x.leaf"
        " WHERE NOT EXISTS (SELECT 1 FROM managements)",
        "UPDATE cases c JOIN managements m ON m.case_id = c.id SET c.next_at = m.next_at"
        " WHERE c.next_at IS NULL AND c.closed = 0 AND m.id = (SELECT MAX(l.id) FROM managements l"
        " WHERE l.case_id = c.id)",
        "INSERT INTO case_history (case_id, user_id, kind, field, new_value, new_ref, note, at)"
        " SELECT m.case_id, m.user_id, 'manage', 'typification', m.path, m.typification_id,"
        " m.observations, m.created_at FROM managements m WHERE NOT EXISTS (SELECT 1 FROM"
        " case_history h WHERE h.case_id = m.case_id AND h.kind = 'manage')",
    };
    if (db_exec("INSERT IGNORE INTO campaigns (name, description, script, form_title) VALUES"
                " ('Cobranza cartera vencida', 'Recuperación de cuotas vencidas de 1 a 90 días', ?,"
                " 'Gestión de cobranza'), ('Servicio al cliente', 'Solicitudes, consultas y reclamos"
                " de los clientes', ?, 'Gestión de servicio')", "ss", collections, service) < 0) {
        return -1;
    }
    return exec_all(sql, sizeof sql / sizeof *sql);
}

static int demo(void)
{
    static const struct { const char *login, *name, *email, *role, *password; } users[] = {
        { "admin", "Ana Administradora", "admin@atiende.example", "admin", "admin-demo" },
        { "supervisor", "Sergio Supervisor", "supervisor@atiende.example", "supervisor", "supervisor-demo" },
        { "agente", "Alicia Agente", "agente@atiende.example", "agent", "agente-demo" },
        { "agente2", "Andrés Agente", "agente2@atiende.example", "agent", "agente-demo" },
        { "cliente", "Carla Cliente", "cliente@cliente.example", "customer", "cliente-demo" },
        { "empresa", "Esteban Empresa", "empresa@cliente.example", "customer", "empresa-demo" },
    };
    static const struct { const char *name, *description; } teams[] = {
        { "Soporte N1", "Primer nivel: atiende y clasifica" },
        { "Reclamos", "Reclamos y quejas de clientes" },
    };
    for (size_t i = 0; i < sizeof users / sizeof *users; i++) {
        long long id = user_create(users[i].login, users[i].name, users[i].email, users[i].role,
                                   NULL, users[i].password);
        if (id < 0 && id != DB_DUPLICATE) {
            return fail(db_errmsg());
        }
    }
    for (size_t i = 0; i < sizeof teams / sizeof *teams; i++) {
        db_exec("INSERT IGNORE INTO teams (name, description) VALUES (?, ?)", "ss",
                teams[i].name, teams[i].description);
    }
    db_exec("INSERT IGNORE INTO team_members (team_id, user_id)"
            " SELECT t.id, u.id FROM teams t JOIN users u"
            " ON (t.name = 'Soporte N1' AND u.login IN ('supervisor', 'agente', 'agente2'))"
            " OR (t.name = 'Reclamos' AND u.login IN ('supervisor', 'agente2'))", "");
    if (demo_service() != 0 || demo_portal() != 0 || demo_campaigns() != 0) {
        return fail(db_errmsg());
    }
    printf("demo data loaded\n");
    return 0;
}

static int dispatch(struct arena *a, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "migrate") == 0) {
        /* a migration may build an index over a million cases: minutes, where
           DB.timeout is sized for a page's queries (the connection opens lazily) */
        conf.db_timeout = 3600;
        return migrate_run(a) == 0 ? 0 : 1;
    }
    if (argc >= 1 && strcmp(argv[0], "demo") == 0) {
        return demo();
    }
    if (argc >= 3 && strcmp(argv[0], "user") == 0 && strcmp(argv[1], "add") == 0) {
        return user_add(a, argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[0], "user") == 0 && strcmp(argv[1], "list") == 0) {
        return user_list(a);
    }
    if (argc >= 3 && strcmp(argv[0], "user") == 0 && strcmp(argv[1], "passwd") == 0) {
        return user_passwd(a, argv[2]);
    }
    if (argc >= 3 && strcmp(argv[0], "user") == 0 && strcmp(argv[1], "disable") == 0) {
        return user_disable(argv[2]);
    }
    if (argc >= 2 && strcmp(argv[0], "token") == 0 && strcmp(argv[1], "create") == 0) {
        return token_create(a, argc - 2, argv + 2);
    }
    fputs(usage, stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *err;
    if (conf_load(NULL, &err) < 0) {
        fprintf(stderr, "atiende-admin: configuration: %s\n", err);
        return 1;
    }
    if (sodium_init() < 0) {
        return 1;
    }
    struct arena *a = arena_new();
    int rc = dispatch(a, argc - 1, argv + 1);
    arena_free(a);
    db_close();
    return rc;
}
