-- 0007_notifications: alerts (the bell) and the e-mail outbox. Both are
-- written in the same transaction as the change that causes them (a
-- transactional outbox); bin/atiende-mailer delivers the e-mails.

CREATE TABLE IF NOT EXISTS notifications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id BIGINT UNSIGNED NOT NULL COMMENT 'whose bell',
  case_id BIGINT UNSIGNED NULL,
  kind VARCHAR(12) CHARACTER SET ascii NOT NULL COMMENT 'created, changed, assigned, status, note, escalated',
  text VARCHAR(400) NOT NULL COMMENT 'what happened, in the recipient''s language',
  actor_id BIGINT UNSIGNED NULL COMMENT 'who did it; NULL: the system',
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  read_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY ix_notifications_unread (user_id, read_at, id),
  CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_notifications_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_notifications_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Alerts shown in a user''s bell';

CREATE TABLE IF NOT EXISTS outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  case_id BIGINT UNSIGNED NULL,
  to_addr VARCHAR(254) NOT NULL,
  to_name VARCHAR(200) NOT NULL DEFAULT '',
  subject VARCHAR(400) NOT NULL COMMENT 'UTF-8; the mailer encodes it (RFC 2047)',
  body_text MEDIUMTEXT NOT NULL,
  body_html MEDIUMTEXT NOT NULL,
  message_id VARCHAR(200) CHARACTER SET ascii NOT NULL COMMENT 'without the angle brackets',
  thread_id VARCHAR(200) CHARACTER SET ascii NOT NULL DEFAULT '' COMMENT 'In-Reply-To / References: the case''s thread',
  status VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'pending' COMMENT 'pending, sending, sent or failed',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  last_error VARCHAR(1000) NOT NULL DEFAULT '',
  claimed_by VARCHAR(64) CHARACTER SET ascii NULL COMMENT 'the mailer run sending it',
  claimed_at DATETIME NULL,
  sent_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_outbox_message (message_id),
  KEY ix_outbox_due (status, next_attempt_at),
  KEY ix_outbox_claim (claimed_by),
  CONSTRAINT fk_outbox_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL,
  CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'sending', 'sent', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='E-mails to send, written with the change that causes them; delivered by atiende-mailer';
