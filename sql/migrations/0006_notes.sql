-- 0006_notes: notes (notas y anexos) with their attached files, a note
-- linked to several cases without copying it (enlazar), file contents
-- stored once per sha256, and the full-text indexes of the solutions base.

CREATE TABLE IF NOT EXISTS notes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  title VARCHAR(200) NOT NULL COMMENT 'short name (Nombre Corto)',
  body MEDIUMTEXT NOT NULL DEFAULT '',
  public TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: the customer sees it in the portal; 0: internal',
  author_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  version INT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  KEY ix_notes_title (title),
  KEY ix_notes_created (created_at),
  FULLTEXT KEY ft_notes_text (title, body),
  CONSTRAINT fk_notes_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Notes with their files; one note may belong to several cases (note_cases)';

CREATE TABLE IF NOT EXISTS note_cases (
  note_id BIGINT UNSIGNED NOT NULL,
  case_id BIGINT UNSIGNED NOT NULL,
  linked_by BIGINT UNSIGNED NULL,
  linked_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (note_id, case_id),
  KEY ix_note_cases_case (case_id, linked_at),
  CONSTRAINT fk_note_cases_note FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE,
  CONSTRAINT fk_note_cases_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_note_cases_user FOREIGN KEY (linked_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Which cases hold which notes (enlazar: the same note in several cases)';

CREATE TABLE IF NOT EXISTS file_contents (
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'hex sha256 of the bytes: the same content is stored once',
  size BIGINT UNSIGNED NOT NULL,
  content LONGBLOB NOT NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='File bytes, once per distinct content';

CREATE TABLE IF NOT EXISTS attachments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  note_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(255) NOT NULL COMMENT 'the file name as uploaded, without path parts',
  content_type VARCHAR(100) CHARACTER SET ascii NOT NULL DEFAULT 'application/octet-stream',
  size BIGINT UNSIGNED NOT NULL,
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_attachments_note (note_id),
  KEY ix_attachments_sha (sha256),
  CONSTRAINT fk_attachments_note FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE,
  CONSTRAINT fk_attachments_content FOREIGN KEY (sha256) REFERENCES file_contents (sha256),
  CONSTRAINT fk_attachments_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Files attached to notes: name and type as uploaded, bytes in file_contents';

ALTER TABLE cases ADD FULLTEXT KEY IF NOT EXISTS ft_cases_solution (subject, description, resolution);

CREATE OR REPLACE VIEW report_solutions AS
SELECT c.id, c.number, c.subject, c.resolution, a.name AS area, t.name_es AS request_type,
       ar.name_es AS article, c.closed_at, u.name AS closed_by
FROM cases c
JOIN statuses s ON s.id = c.status_id AND s.code = 'CLO'
LEFT JOIN areas a ON a.id = c.area_id
LEFT JOIN request_types t ON t.id = c.type_id
LEFT JOIN articles ar ON ar.id = c.article_id
LEFT JOIN users u ON u.id = c.closed_by
WHERE c.closed = 1 AND c.resolution IS NOT NULL AND c.resolution <> '';
