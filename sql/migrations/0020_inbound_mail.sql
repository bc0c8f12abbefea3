-- 0020_inbound_mail: every e-mail bin/atiende-fetch took from the mailbox,
-- once per message. The row is written in the same transaction as what the
-- message caused (a message on a case, a new case, or the quarantine), so a
-- fetcher that dies before its commit does the message again and one that
-- dies after it finds the key taken and only marks the message seen.

CREATE TABLE IF NOT EXISTS inbound_mail (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  message_key VARCHAR(255) CHARACTER SET ascii NOT NULL
    COMMENT 'the Message-ID without <>; sha256:<hex> of the raw bytes when it has none (or could not be read)',
  uid BIGINT UNSIGNED NULL COMMENT 'the IMAP UID it had in the mailbox when fetched',
  from_addr VARCHAR(320) NOT NULL DEFAULT '' COMMENT 'the sender''s address, lower case',
  subject VARCHAR(500) NOT NULL DEFAULT '',
  size BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'bytes of the whole message as the server gave its size',
  status VARCHAR(12) CHARACTER SET ascii NOT NULL
    COMMENT 'processed (a case or a case message), quarantined (kept with its bytes for an admin), ignored (a copy of a message we sent), deleted (an admin threw the quarantined one away)',
  reason VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'why quarantined or ignored; for processed: reply, new, follow-up',
  case_id BIGINT UNSIGNED NULL COMMENT 'the case it landed on or opened',
  message_id BIGINT UNSIGNED NULL COMMENT 'the messages row it became',
  acknowledged TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: an acknowledgement was queued in the outbox',
  raw LONGBLOB NULL COMMENT 'the message as received, kept only while quarantined',
  truncated TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: raw holds only the beginning of a message too large to keep',
  received_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  processed_at DATETIME NULL COMMENT 'when it became a case message or a case (also after a release)',
  decided_by BIGINT UNSIGNED NULL COMMENT 'the admin who released or deleted it',
  PRIMARY KEY (id),
  UNIQUE KEY uq_inbound_mail_key (message_key),
  KEY ix_inbound_mail_status (status, id),
  KEY ix_inbound_mail_sender (from_addr, received_at),
  KEY ix_inbound_mail_case (case_id),
  CONSTRAINT fk_inbound_mail_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL,
  CONSTRAINT fk_inbound_mail_message FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE SET NULL,
  CONSTRAINT fk_inbound_mail_user FOREIGN KEY (decided_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT ck_inbound_mail_status CHECK (status IN ('processed', 'quarantined', 'ignored', 'deleted'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Correo entrante: each e-mail read from the mailbox, exactly once, with what became of it';
