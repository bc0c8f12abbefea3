-- 0005_activities: the activities (tasks) a case is worked through, with
-- the time spent on each; hours worked are derived from start and end time.

CREATE TABLE IF NOT EXISTS activity_types (
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
  UNIQUE KEY uq_activity_types_code (code),
  UNIQUE KEY uq_activity_types_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kinds of activity: call, visit, meeting ...';

INSERT IGNORE INTO activity_types (code, name_es, name_en, position) VALUES
  ('call', 'Llamada', 'Call', 10),
  ('email', 'Correo', 'E-mail', 20),
  ('visit', 'Visita', 'Visit', 30),
  ('meeting', 'Reunión', 'Meeting', 40),
  ('research', 'Investigación', 'Research', 50),
  ('remote', 'Soporte remoto', 'Remote support', 60),
  ('task', 'Tarea', 'Task', 70);

CREATE TABLE IF NOT EXISTS activities (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  case_id BIGINT UNSIGNED NOT NULL,
  type_id BIGINT UNSIGNED NULL,
  description VARCHAR(1000) NOT NULL,
  executor_id BIGINT UNSIGNED NULL,
  priority_id BIGINT UNSIGNED NULL,
  date DATE NULL COMMENT 'the day it was (or will be) done',
  start_time TIME NULL,
  end_time TIME NULL,
  hours DECIMAL(6,2) AS (ROUND((TIME_TO_SEC(end_time) - TIME_TO_SEC(start_time)) / 3600, 2)) PERSISTENT
    COMMENT 'hours worked: end time - start time',
  start_at DATE NULL,
  due_at DATE NULL,
  status VARCHAR(12) CHARACTER SET ascii NOT NULL DEFAULT 'pending'
    COMMENT 'pending, in_progress, done or cancelled',
  completed_at DATE NULL,
  percent TINYINT UNSIGNED NOT NULL DEFAULT 0,
  billable TINYINT(1) NOT NULL DEFAULT 0,
  article_id BIGINT UNSIGNED NULL,
  created_by BIGINT UNSIGNED NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_activities_case (case_id, date),
  KEY ix_activities_executor (executor_id, status, due_at),
  KEY ix_activities_date (date),
  CONSTRAINT fk_activities_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_activities_type FOREIGN KEY (type_id) REFERENCES activity_types (id),
  CONSTRAINT fk_activities_executor FOREIGN KEY (executor_id) REFERENCES users (id),
  CONSTRAINT fk_activities_priority FOREIGN KEY (priority_id) REFERENCES priorities (id),
  CONSTRAINT fk_activities_article FOREIGN KEY (article_id) REFERENCES articles (id),
  CONSTRAINT fk_activities_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT ck_activities_status CHECK (status IN ('pending', 'in_progress', 'done', 'cancelled')),
  CONSTRAINT ck_activities_done CHECK (status <> 'done' OR completed_at IS NOT NULL),
  CONSTRAINT ck_activities_times CHECK (start_time IS NULL OR end_time IS NULL OR end_time > start_time),
  CONSTRAINT ck_activities_percent CHECK (percent <= 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Activities (tasks) of a case: who does what, when, and the hours it took';

CREATE OR REPLACE VIEW report_activity_hours AS
SELECT a.id, c.number AS case_number, a.date, u.name AS executor, cu.display_name AS customer,
       ar.name_es AS article, t.name_es AS activity_type, a.status, a.hours,
       IF(a.billable = 1, a.hours, 0) AS billable_hours, a.description
FROM activities a
JOIN cases c ON c.id = a.case_id
LEFT JOIN users u ON u.id = a.executor_id
LEFT JOIN customers cu ON cu.id = c.customer_id
LEFT JOIN articles ar ON ar.id = a.article_id
LEFT JOIN activity_types t ON t.id = a.type_id;
