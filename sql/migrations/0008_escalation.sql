-- 0008_escalation: what bin/atiende-escalate did. A rule fires at most once
-- per case episode: the unique key makes two runs at once, or a run after
-- a crash, neither fire twice nor skip (the actions are written in the
-- same transaction as the firing row).

CREATE TABLE IF NOT EXISTS escalation_firings (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  rule_id BIGINT UNSIGNED NOT NULL,
  case_id BIGINT UNSIGNED NOT NULL,
  episode SMALLINT UNSIGNED NOT NULL COMMENT 'the case episode it fired in; a reactivated case re-arms',
  fired_at DATETIME NOT NULL COMMENT 'the time the run evaluated as (--now)',
  run_id VARCHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'the run and batch that fired it',
  PRIMARY KEY (id),
  UNIQUE KEY uq_escalation_firings (rule_id, case_id, episode),
  KEY ix_escalation_firings_case (case_id, fired_at),
  KEY ix_escalation_firings_run (run_id),
  CONSTRAINT fk_escalation_firings_rule FOREIGN KEY (rule_id) REFERENCES escalation_rules (id) ON DELETE CASCADE,
  CONSTRAINT fk_escalation_firings_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Each time an escalation rule acted on a case';

ALTER TABLE cases ADD KEY IF NOT EXISTS ix_cases_episode (closed, episode_started_at);

ALTER TABLE escalation_rules ADD COLUMN IF NOT EXISTS business_hours TINYINT(1) NOT NULL DEFAULT 0
  COMMENT '1: hours open count only the working hours of the Calendar configuration' AFTER hours_open;
