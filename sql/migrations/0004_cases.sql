-- 0004_cases: cases (casos), their numbering per year, and their history:
-- every change is a row (who, when, field, old -> new, note) written in the
-- same transaction as the change. Reporting views for DBAs at the end.

CREATE TABLE IF NOT EXISTS case_numbers (
  year SMALLINT UNSIGNED NOT NULL,
  last INT UNSIGNED NOT NULL COMMENT 'the last sequence number given out this year',
  PRIMARY KEY (year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Case number sequences: 2026-000123 is year 2026, sequence 123';

CREATE TABLE IF NOT EXISTS cases (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  number VARCHAR(16) CHARACTER SET ascii NOT NULL COMMENT 'year and sequence, e.g. 2026-000123',
  subject VARCHAR(200) NOT NULL,
  description MEDIUMTEXT NOT NULL,
  status_id BIGINT UNSIGNED NOT NULL,
  closed TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'copy of the status''s closed flag, kept with every status change (for the indexes)',
  area_id BIGINT UNSIGNED NULL,
  type_id BIGINT UNSIGNED NULL,
  priority_id BIGINT UNSIGNED NOT NULL,
  assignee_id BIGINT UNSIGNED NULL COMMENT 'the executor (Asignado a / Ejecutor)',
  coordinator_id BIGINT UNSIGNED NULL,
  received_at DATETIME NOT NULL COMMENT 'when the request was received (UTC)',
  source_id BIGINT UNSIGNED NULL,
  customer_id BIGINT UNSIGNED NULL,
  contact_id BIGINT UNSIGNED NULL,
  account_id BIGINT UNSIGNED NULL,
  requester_first_name VARCHAR(60) NOT NULL DEFAULT '' COMMENT 'free-form requester, when not a customer',
  requester_last_name VARCHAR(60) NOT NULL DEFAULT '',
  requester_title VARCHAR(100) NOT NULL DEFAULT '',
  requester_phone VARCHAR(30) NOT NULL DEFAULT '',
  requester_email VARCHAR(254) NOT NULL DEFAULT '',
  due_at DATE NULL COMMENT 'estimated resolution date',
  start_at DATE NULL COMMENT 'planned start',
  close_at DATE NULL COMMENT 'planned close',
  stage_id BIGINT UNSIGNED NULL,
  progress TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'percent',
  article_id BIGINT UNSIGNED NULL,
  class_id BIGINT UNSIGNED NULL,
  internal TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'mostly for an internal customer',
  team_id BIGINT UNSIGNED NULL COMMENT 'group (Grupo)',
  department_id BIGINT UNSIGNED NULL,
  comment MEDIUMTEXT NOT NULL DEFAULT '',
  estimate_hours DECIMAL(7,2) NULL,
  complexity VARCHAR(6) CHARACTER SET ascii NULL COMMENT 'high, medium or low',
  level INT NOT NULL DEFAULT 0 COMMENT 'weight in the next-cases ranking',
  billable TINYINT(1) NOT NULL DEFAULT 0,
  resolution MEDIUMTEXT NULL COMMENT 'the solution; a case closed as CLO with one is in the solutions base',
  closed_at DATETIME NULL,
  closed_by BIGINT UNSIGNED NULL,
  episode SMALLINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'bumped when a closed case is reactivated',
  episode_started_at DATETIME NOT NULL COMMENT 'opening, or the last reactivation: escalation counts hours from here',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'last change of any kind',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY uq_cases_number (number),
  KEY ix_cases_open_updated (closed, updated_at),
  KEY ix_cases_status_updated (status_id, updated_at),
  KEY ix_cases_area_updated (area_id, closed, updated_at),
  KEY ix_cases_assignee_updated (assignee_id, closed, updated_at),
  KEY ix_cases_team_updated (team_id, closed, updated_at),
  KEY ix_cases_customer (customer_id, created_at),
  KEY ix_cases_created (created_at),
  KEY ix_cases_due (due_at, closed),
  KEY ix_cases_priority (priority_id, closed, updated_at),
  KEY ix_cases_type (type_id, closed, updated_at),
  KEY ix_cases_stage (stage_id, closed, updated_at),
  FULLTEXT KEY ft_cases_text (subject, description),
  CONSTRAINT fk_cases_status FOREIGN KEY (status_id) REFERENCES statuses (id),
  CONSTRAINT fk_cases_area FOREIGN KEY (area_id) REFERENCES areas (id),
  CONSTRAINT fk_cases_type FOREIGN KEY (type_id) REFERENCES request_types (id),
  CONSTRAINT fk_cases_priority FOREIGN KEY (priority_id) REFERENCES priorities (id),
  CONSTRAINT fk_cases_assignee FOREIGN KEY (assignee_id) REFERENCES users (id),
  CONSTRAINT fk_cases_coordinator FOREIGN KEY (coordinator_id) REFERENCES users (id),
  CONSTRAINT fk_cases_source FOREIGN KEY (source_id) REFERENCES sources (id),
  CONSTRAINT fk_cases_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_cases_contact FOREIGN KEY (contact_id) REFERENCES contacts (id),
  CONSTRAINT fk_cases_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_cases_stage FOREIGN KEY (stage_id) REFERENCES stages (id),
  CONSTRAINT fk_cases_article FOREIGN KEY (article_id) REFERENCES articles (id),
  CONSTRAINT fk_cases_class FOREIGN KEY (class_id) REFERENCES classes (id),
  CONSTRAINT fk_cases_team FOREIGN KEY (team_id) REFERENCES teams (id),
  CONSTRAINT fk_cases_department FOREIGN KEY (department_id) REFERENCES departments (id),
  CONSTRAINT fk_cases_closed_by FOREIGN KEY (closed_by) REFERENCES users (id),
  CONSTRAINT fk_cases_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_cases_progress CHECK (progress <= 100),
  CONSTRAINT ck_cases_planned CHECK (start_at IS NULL OR close_at IS NULL OR start_at <= close_at),
  CONSTRAINT ck_cases_complexity CHECK (complexity IS NULL OR complexity IN ('high', 'medium', 'low'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Cases: customers'' requests and complaints';

CREATE TABLE IF NOT EXISTS case_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  case_id BIGINT UNSIGNED NOT NULL,
  episode SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'the case version this change produced (what a stale editor missed)',
  at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  user_id BIGINT UNSIGNED NULL COMMENT 'who; NULL: the system (escalation)',
  kind VARCHAR(12) CHARACTER SET ascii NOT NULL COMMENT 'create, change, status, assign, close, reactivate, escalate',
  field VARCHAR(40) CHARACTER SET ascii NOT NULL DEFAULT '' COMMENT 'the form field that changed',
  old_value MEDIUMTEXT NULL COMMENT 'as shown (names, not ids)',
  new_value MEDIUMTEXT NULL,
  old_ref BIGINT UNSIGNED NULL COMMENT 'the old id, for fields that refer to a row',
  new_ref BIGINT UNSIGNED NULL,
  note MEDIUMTEXT NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_case_history_case (case_id, id),
  KEY ix_case_history_status (field, at),
  CONSTRAINT fk_case_history_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_case_history_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Everything that happened to a case; field = status rows are its status history';

CREATE OR REPLACE VIEW report_cases AS
SELECT c.id, c.number, c.subject, s.code AS status_code, s.name_es AS status,
       c.closed = 1 AS is_closed, s.portal_state,
       a.name AS area, t.name_es AS request_type, p.name_es AS priority,
       u.name AS assignee, co.name AS coordinator, src.name_es AS source,
       cu.display_name AS customer, ct.name AS contact, acc.number AS account,
       TRIM(CONCAT(c.requester_first_name, ' ', c.requester_last_name)) AS requester,
       st.name_es AS stage, c.progress, tm.name AS team, d.name_es AS department,
       c.received_at, c.created_at, c.updated_at, c.due_at, c.closed_at,
       c.episode, c.episode_started_at,
       TIMESTAMPDIFF(HOUR, c.created_at, COALESCE(c.closed_at, UTC_TIMESTAMP())) AS age_hours,
       c.closed = 0 AND c.due_at IS NOT NULL AND c.due_at < UTC_DATE() AS overdue,
       c.estimate_hours, c.complexity, c.level, c.billable, c.internal
FROM cases c
JOIN statuses s ON s.id = c.status_id
JOIN priorities p ON p.id = c.priority_id
LEFT JOIN areas a ON a.id = c.area_id
LEFT JOIN request_types t ON t.id = c.type_id
LEFT JOIN users u ON u.id = c.assignee_id
LEFT JOIN users co ON co.id = c.coordinator_id
LEFT JOIN sources src ON src.id = c.source_id
LEFT JOIN customers cu ON cu.id = c.customer_id
LEFT JOIN contacts ct ON ct.id = c.contact_id
LEFT JOIN accounts acc ON acc.id = c.account_id
LEFT JOIN stages st ON st.id = c.stage_id
LEFT JOIN teams tm ON tm.id = c.team_id
LEFT JOIN departments d ON d.id = c.department_id;

CREATE OR REPLACE VIEW report_case_status_history AS
SELECT h.id, c.number, h.case_id, h.episode, h.at, u.name AS changed_by,
       h.old_value AS old_status, h.new_value AS new_status, h.note
FROM case_history h
JOIN cases c ON c.id = h.case_id
LEFT JOIN users u ON u.id = h.user_id
WHERE h.field = 'status';
