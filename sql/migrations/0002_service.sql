-- 0002_service: the service configuration of the customer-service module
-- (manual 001, "Configurar Servicio"): resolver areas and who they notify,
-- roles (cargos) and their participants, escalation rules, and the catalogs
-- every case field draws from. Catalog rows that are referenced are
-- deactivated, never deleted: foreign keys here RESTRICT deletes.

-- Catalogs share one shape: an optional short code, a name in Spanish and in
-- English (empty: show the Spanish one), an order and an active flag.

CREATE TABLE IF NOT EXISTS statuses (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NOT NULL COMMENT 'short code shown in lists and rules (WRC, PRO, CLO ...)',
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'empty: the Spanish name is shown',
  closed TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: a case in this status is closed (resolved or rejected)',
  portal_state VARCHAR(16) CHARACTER SET ascii NOT NULL DEFAULT 'investigating'
    COMMENT 'what the customer sees in the portal: pending, investigating or finished',
  is_initial TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: the status of a newly registered case (exactly one)',
  initial_key TINYINT AS (IF(is_initial = 1, 1, NULL)) PERSISTENT COMMENT 'makes is_initial unique',
  position INT NOT NULL DEFAULT 0 COMMENT 'order in lists',
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: kept for old cases, not offered any more',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_statuses_code (code),
  UNIQUE KEY uq_statuses_name (name_es),
  UNIQUE KEY uq_statuses_initial (initial_key),
  CONSTRAINT ck_statuses_portal CHECK (portal_state IN ('pending', 'investigating', 'finished')),
  CONSTRAINT ck_statuses_initial_open CHECK (is_initial = 0 OR closed = 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Case statuses (Estado de la Petición) and how each shows in the portal';

CREATE TABLE IF NOT EXISTS priorities (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  weight INT NOT NULL DEFAULT 0 COMMENT 'higher is more urgent; orders work queues',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_priorities_code (code),
  UNIQUE KEY uq_priorities_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Case priorities (Alta, Media, Baja) with their weight';

CREATE TABLE IF NOT EXISTS request_types (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_request_types_code (code),
  UNIQUE KEY uq_request_types_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Request types (Tipo de la Petición): query, complaint, claim ...';

CREATE TABLE IF NOT EXISTS sources (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_sources_code (code),
  UNIQUE KEY uq_sources_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Where a request came from (Fuente / Origen): call, e-mail, portal ...';

CREATE TABLE IF NOT EXISTS stages (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_stages_code (code),
  UNIQUE KEY uq_stages_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Stage of a case''s execution (Etapa); a case without one shows blank';

CREATE TABLE IF NOT EXISTS articles (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_articles_code (code),
  UNIQUE KEY uq_articles_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Article (Artículo): the nature of the work done on a case or activity';

CREATE TABLE IF NOT EXISTS classes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_classes_code (code),
  UNIQUE KEY uq_classes_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Class (Clase): the higher-level grouping of cases';

CREATE TABLE IF NOT EXISTS departments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL,
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_departments_code (code),
  UNIQUE KEY uq_departments_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Department of the executor (Depto.)';

CREATE TABLE IF NOT EXISTS areas (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL COMMENT 'short name (Nombre Corto)',
  description VARCHAR(500) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: no new cases; kept for existing ones',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_areas_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Resolver areas (áreas resolutorias): who handles a case';

CREATE TABLE IF NOT EXISTS area_subscriptions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  area_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  alert TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'create an alert (the bell)',
  task TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'create a task (an activity with the user as executor)',
  email TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'send an e-mail',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_area_subscriptions (area_id, user_id),
  KEY ix_area_subscriptions_user (user_id),
  CONSTRAINT fk_area_subscriptions_area FOREIGN KEY (area_id) REFERENCES areas (id) ON DELETE CASCADE,
  CONSTRAINT fk_area_subscriptions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT ck_area_subscriptions_some CHECK (alert = 1 OR task = 1 OR email = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Notificaciones para el Área: who is told about the area''s cases, and how';

CREATE TABLE IF NOT EXISTS roles (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL COMMENT 'short name of the position (cargo)',
  description VARCHAR(500) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_roles_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Roles (cargos) of the organization, notified by escalation rules; not the sign-in role of users.role';

CREATE TABLE IF NOT EXISTS role_participants (
  role_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  added_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (role_id, user_id),
  KEY ix_role_participants_user (user_id),
  CONSTRAINT fk_role_participants_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
  CONSTRAINT fk_role_participants_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Users who hold a role and receive its escalations';

CREATE TABLE IF NOT EXISTS escalation_rules (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  position INT NOT NULL DEFAULT 0 COMMENT 'rules are applied in this order',
  status_id BIGINT UNSIGNED NULL COMMENT 'condition; NULL: any status',
  area_id BIGINT UNSIGNED NULL COMMENT 'condition; NULL: any area',
  type_id BIGINT UNSIGNED NULL COMMENT 'condition; NULL: any request type',
  priority_id BIGINT UNSIGNED NULL COMMENT 'condition; NULL: any priority',
  hours_open DECIMAL(8,2) NOT NULL COMMENT 'condition: open longer than this many hours',
  role_id BIGINT UNSIGNED NULL COMMENT 'action: notify this role''s participants',
  alert TINYINT(1) NOT NULL DEFAULT 0,
  task TINYINT(1) NOT NULL DEFAULT 0,
  email TINYINT(1) NOT NULL DEFAULT 0,
  set_status_id BIGINT UNSIGNED NULL COMMENT 'action: change the case to this status; NULL: no change',
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_escalation_rules_order (active, position),
  CONSTRAINT fk_escalation_rules_status FOREIGN KEY (status_id) REFERENCES statuses (id),
  CONSTRAINT fk_escalation_rules_area FOREIGN KEY (area_id) REFERENCES areas (id),
  CONSTRAINT fk_escalation_rules_type FOREIGN KEY (type_id) REFERENCES request_types (id),
  CONSTRAINT fk_escalation_rules_priority FOREIGN KEY (priority_id) REFERENCES priorities (id),
  CONSTRAINT fk_escalation_rules_role FOREIGN KEY (role_id) REFERENCES roles (id),
  CONSTRAINT fk_escalation_rules_set_status FOREIGN KEY (set_status_id) REFERENCES statuses (id),
  CONSTRAINT ck_escalation_rules_hours CHECK (hours_open > 0),
  CONSTRAINT ck_escalation_rules_action CHECK (set_status_id IS NOT NULL OR role_id IS NOT NULL),
  CONSTRAINT ck_escalation_rules_notify CHECK ((role_id IS NULL AND alert = 0 AND task = 0 AND email = 0)
    OR (role_id IS NOT NULL AND (alert = 1 OR task = 1 OR email = 1)))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Reglas de Escalamiento: conditions on open cases and what to do; run by atiende-escalate';

-- Seeds: the values of the manuals (001 statuses, 002 stages and origins).
INSERT IGNORE INTO statuses (code, name_es, name_en, closed, portal_state, is_initial, position) VALUES
  ('NEW', 'Nuevo', 'New', 0, 'pending', 1, 10),
  ('WRC', 'En espera de recaudos', 'Waiting for documents', 0, 'investigating', 0, 20),
  ('RIT', 'Con recaudos en tránsito', 'Documents in transit', 0, 'investigating', 0, 30),
  ('PRO', 'En proceso', 'In progress', 0, 'investigating', 0, 40),
  ('WCE', 'Tramitación', 'In processing', 0, 'investigating', 0, 50),
  ('TRA', 'Caso transferido', 'Transferred', 0, 'pending', 0, 60),
  ('REA', 'Reactivado', 'Reactivated', 0, 'investigating', 0, 70),
  ('REJ', 'No procede', 'Rejected', 1, 'finished', 0, 80),
  ('CLO', 'Procede', 'Resolved', 1, 'finished', 0, 90);

INSERT IGNORE INTO priorities (code, name_es, name_en, weight, position) VALUES
  ('high', 'Alta', 'High', 30, 10),
  ('medium', 'Media', 'Medium', 20, 20),
  ('low', 'Baja', 'Low', 10, 30);

INSERT IGNORE INTO request_types (code, name_es, name_en, position) VALUES
  ('query', 'Consulta', 'Question', 10),
  ('request', 'Petición', 'Request', 20),
  ('claim', 'Reclamo', 'Claim', 30),
  ('complaint', 'Queja', 'Complaint', 40),
  ('incident', 'Incidente', 'Incident', 50),
  ('suggestion', 'Sugerencia', 'Suggestion', 60);

INSERT IGNORE INTO sources (code, name_es, name_en, position) VALUES
  ('internal', 'Interno', 'Internal', 10),
  ('idea', 'Idea', 'Idea', 20),
  ('social', 'Redes sociales', 'Social media', 30),
  ('meeting', 'Reunión', 'Meeting', 40),
  ('email', 'Correo', 'E-mail', 50),
  ('call', 'Llamada', 'Phone call', 60),
  ('fax', 'Fax', 'Fax', 70),
  ('portal', 'Portal de casos', 'Case portal', 80);

INSERT IGNORE INTO stages (code, name_es, name_en, position) VALUES
  ('not_started', 'No iniciada', 'Not started', 10),
  ('in_progress', 'En progreso', 'In progress', 20),
  ('completed', 'Completada', 'Completed', 30),
  ('waiting_data', 'Pendiente por datos', 'Waiting for data', 40),
  ('late', 'Retrasada', 'Late', 50),
  ('planned', 'Planeada', 'Planned', 60),
  ('other1', 'Otros 1', 'Other 1', 70),
  ('other2', 'Otros 2', 'Other 2', 80),
  ('other3', 'Otros 3', 'Other 3', 90);

INSERT IGNORE INTO articles (code, name_es, name_en, position) VALUES
  ('install', 'Instalación', 'Installation', 10),
  ('maint', 'Mantenimiento', 'Maintenance', 20),
  ('training', 'Capacitación', 'Training', 30),
  ('consulting', 'Consultoría', 'Consulting', 40);

INSERT IGNORE INTO classes (code, name_es, name_en, position) VALUES
  ('service', 'Servicio', 'Service', 10),
  ('support', 'Soporte', 'Support', 20),
  ('warranty', 'Garantía', 'Warranty', 30);

INSERT IGNORE INTO departments (code, name_es, name_en, position) VALUES
  ('care', 'Atención al cliente', 'Customer care', 10),
  ('tech', 'Soporte técnico', 'Technical support', 20),
  ('billing', 'Facturación', 'Billing', 30),
  ('sales', 'Ventas', 'Sales', 40);
