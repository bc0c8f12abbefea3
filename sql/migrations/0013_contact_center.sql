-- 0013_contact_center: the contact-center case screen (manual 003): channels,
-- campaigns with their script and management form, the typification tree,
-- managements (gestiones) with the next-management time, agent presence,
-- the messages of the conversation, and merged cases.

CREATE TABLE IF NOT EXISTS channels (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii NULL COMMENT 'email, phone, whatsapp, sms ...: connectors are chosen by code',
  name_es VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NOT NULL DEFAULT '',
  contact_types VARCHAR(60) CHARACTER SET ascii NOT NULL DEFAULT ''
    COMMENT 'comma list of contact_data types this channel reaches (email; mobile,phone ...)',
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_channels_code (code),
  UNIQUE KEY uq_channels_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Canales: the ways of talking with a customer (a catalog)';

INSERT IGNORE INTO channels (code, name_es, name_en, contact_types, position) VALUES
  ('email', 'Correo electrónico', 'E-mail', 'email', 10),
  ('phone', 'Teléfono', 'Phone', 'mobile,phone', 20),
  ('whatsapp', 'WhatsApp', 'WhatsApp', 'mobile', 30),
  ('sms', 'SMS', 'SMS', 'mobile', 40),
  ('portal', 'Portal de clientes', 'Customer portal', '', 50);

CREATE TABLE IF NOT EXISTS campaigns (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL,
  description VARCHAR(500) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: kept for old cases, not offered any more',
  script MEDIUMTEXT NOT NULL DEFAULT '' COMMENT 'the guión, in Markdown (raw HTML is not rendered)',
  form_title VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'the title of the management form; empty: the campaign name',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_campaigns_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Campañas: what a case is worked for, with its script, channels and management form';

CREATE TABLE IF NOT EXISTS campaign_channels (
  campaign_id BIGINT UNSIGNED NOT NULL,
  channel_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (campaign_id, channel_id),
  KEY ix_campaign_channels_channel (channel_id),
  CONSTRAINT fk_campaign_channels_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
  CONSTRAINT fk_campaign_channels_channel FOREIGN KEY (channel_id) REFERENCES channels (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='The channels configured for a campaign (outbound messages offer only these)';

CREATE TABLE IF NOT EXISTS typifications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  campaign_id BIGINT UNSIGNED NOT NULL,
  parent_id BIGINT UNSIGNED NULL COMMENT 'NULL: a first-level outcome',
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  closes_case TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'leaves only: choosing it closes the case',
  requires_next TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'leaves only: a next-management time is required',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_typifications_campaign (campaign_id, parent_id, position),
  KEY ix_typifications_parent (parent_id),
  CONSTRAINT fk_typifications_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT fk_typifications_parent FOREIGN KEY (parent_id) REFERENCES typifications (id),
  CONSTRAINT ck_typifications_close_or_next CHECK (closes_case = 0 OR requires_next = 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Tipificación: per campaign, a tree of contact outcomes defined by a supervisor';

CREATE TABLE IF NOT EXISTS managements (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  case_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL COMMENT 'the agent who recorded it',
  campaign_id BIGINT UNSIGNED NULL,
  typification_id BIGINT UNSIGNED NOT NULL COMMENT 'the leaf chosen',
  path VARCHAR(500) NOT NULL COMMENT 'the path chosen as it read then: Contactado › Promesa de pago',
  observations MEDIUMTEXT NOT NULL DEFAULT '',
  next_at DATETIME NULL COMMENT 'UTC; when to work the case again',
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_managements_case (case_id, id),
  KEY ix_managements_user (user_id, created_at),
  CONSTRAINT fk_managements_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_managements_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_managements_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT fk_managements_typification FOREIGN KEY (typification_id) REFERENCES typifications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Gestiones: each contact attempt on a case, its typification and observations';

-- The new columns are all NULL, so their foreign keys need no checking; with
-- checks off InnoDB adds them in place instead of copying the whole table
-- (minutes at a million cases).
SET foreign_key_checks = 0;
ALTER TABLE cases
  ADD COLUMN IF NOT EXISTS campaign_id BIGINT UNSIGNED NULL COMMENT 'the campaign the case belongs to' AFTER area_id,
  ADD COLUMN IF NOT EXISTS next_at DATETIME NULL COMMENT 'UTC; the next management, from the latest management',
  ADD COLUMN IF NOT EXISTS merged_into_id BIGINT UNSIGNED NULL COMMENT 'the case this one was merged into (then closed as MRG)',
  ADD KEY IF NOT EXISTS ix_cases_pending (assignee_id, closed, next_at),
  ADD KEY IF NOT EXISTS ix_cases_campaign (campaign_id, closed, updated_at),
  ADD CONSTRAINT fk_cases_campaign FOREIGN KEY IF NOT EXISTS (campaign_id) REFERENCES campaigns (id),
  ADD CONSTRAINT fk_cases_merged_into FOREIGN KEY IF NOT EXISTS (merged_into_id) REFERENCES cases (id);
SET foreign_key_checks = 1;

ALTER TABLE case_history
  ADD COLUMN IF NOT EXISTS from_case_id BIGINT UNSIGNED NULL COMMENT 'set when the row came from a case merged into this one';

INSERT IGNORE INTO statuses (code, name_es, name_en, closed, portal_state, is_initial, position) VALUES
  ('MRG', 'Combinado', 'Merged', 1, 'finished', 0, 95);

CREATE TABLE IF NOT EXISTS agent_presence (
  user_id BIGINT UNSIGNED NOT NULL,
  state VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT 'waiting'
    COMMENT 'working (EN GESTIÓN: a case view is open) or waiting (EN ESPERA)',
  case_id BIGINT UNSIGNED NULL COMMENT 'the case being worked',
  since DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'when the state began',
  seen_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP()
    COMMENT 'last heartbeat; working with an old heartbeat reads as waiting',
  PRIMARY KEY (user_id),
  KEY ix_agent_presence_case (case_id),
  CONSTRAINT fk_agent_presence_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_agent_presence_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL,
  CONSTRAINT ck_agent_presence_state CHECK (state IN ('working', 'waiting'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Estado del agente: EN GESTIÓN while a case view is open, EN ESPERA otherwise';

CREATE TABLE IF NOT EXISTS messages (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  case_id BIGINT UNSIGNED NOT NULL,
  direction VARCHAR(3) CHARACTER SET ascii NOT NULL COMMENT 'in (from the customer) or out (to the customer)',
  channel_id BIGINT UNSIGNED NOT NULL,
  from_addr VARCHAR(320) NOT NULL DEFAULT '',
  to_addr VARCHAR(320) NOT NULL DEFAULT '',
  subject VARCHAR(500) NOT NULL DEFAULT '',
  body MEDIUMTEXT NOT NULL COMMENT 'plain text',
  body_html MEDIUMTEXT NULL COMMENT 'the HTML as received; shown only as sanitized text',
  at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'sent or received',
  user_id BIGINT UNSIGNED NULL COMMENT 'the agent who sent it',
  state VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT 'received'
    COMMENT 'received, queued, sent, failed or manual (sent by hand outside the system)',
  message_key VARCHAR(255) CHARACTER SET ascii NULL COMMENT 'RFC 5322 Message-ID, for threading and duplicates',
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_messages_key (message_key),
  KEY ix_messages_case (case_id, at),
  CONSTRAINT fk_messages_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_messages_channel FOREIGN KEY (channel_id) REFERENCES channels (id),
  CONSTRAINT fk_messages_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_messages_direction CHECK (direction IN ('in', 'out'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Conversación: every message with the customer on a case';

CREATE OR REPLACE VIEW report_managements AS
SELECT m.id, c.number AS case_number, m.case_id, cp.name AS campaign, m.path, m.observations,
       m.next_at, m.created_at, u.name AS agent, c.closed = 1 AS case_closed
FROM managements m JOIN cases c ON c.id = m.case_id JOIN users u ON u.id = m.user_id
LEFT JOIN campaigns cp ON cp.id = m.campaign_id;
