-- 0001_core: people who sign in, their teams, sessions, API tokens, sign-in
-- attempts (for throttling) and the audit trail. All times are UTC.

CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  login VARCHAR(64) NOT NULL COMMENT 'sign-in name; unique, case-insensitive',
  name VARCHAR(200) NOT NULL COMMENT 'full name as shown to others',
  email VARCHAR(254) NOT NULL DEFAULT '',
  role VARCHAR(16) CHARACTER SET ascii NOT NULL COMMENT 'admin, supervisor, agent or customer',
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: disabled, cannot sign in',
  language CHAR(2) CHARACTER SET ascii NULL COMMENT 'es or en; NULL: follow the browser',
  password_hash VARCHAR(255) CHARACTER SET ascii NULL COMMENT 'argon2id (libsodium); NULL: no password set yet',
  version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'bumped on every change; a stale edit gets 409',
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_login (login),
  KEY ix_users_role (role, active),
  CONSTRAINT ck_users_role CHECK (role IN ('admin', 'supervisor', 'agent', 'customer')),
  CONSTRAINT ck_users_language CHECK (language IS NULL OR language IN ('es', 'en'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Everyone who signs in: staff (admin, supervisor, agent) and portal customers';

CREATE TABLE IF NOT EXISTS teams (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL,
  description VARCHAR(500) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_teams_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Teams (groups, the portal''s spaces) that users belong to';

CREATE TABLE IF NOT EXISTS team_members (
  team_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  added_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (team_id, user_id),
  KEY ix_team_members_user (user_id),
  CONSTRAINT fk_team_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
  CONSTRAINT fk_team_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Which users are members of which teams';

CREATE TABLE IF NOT EXISTS sessions (
  id CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'sha256 (hex) of the cookie value; the cookie itself is never stored',
  user_id BIGINT UNSIGNED NOT NULL,
  csrf_token VARCHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'must come back with every form POST',
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL COMMENT 'for the idle expiry; updated at most once a minute',
  expires_at DATETIME NOT NULL COMMENT 'absolute expiry',
  ip VARCHAR(45) CHARACTER SET ascii NULL,
  user_agent VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_expires (expires_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Signed-in browser sessions';

CREATE TABLE IF NOT EXISTS api_tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL DEFAULT '',
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'sha256 (hex) of the bearer token',
  created_at DATETIME NOT NULL,
  last_used_at DATETIME NULL,
  revoked_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  KEY ix_api_tokens_user (user_id),
  CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Bearer tokens for API clients (atiende-admin token create)';

CREATE TABLE IF NOT EXISTS login_attempts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  login VARCHAR(64) NOT NULL,
  ip VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  success TINYINT(1) NOT NULL,
  attempted_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY ix_login_attempts_login (login, attempted_at),
  KEY ix_login_attempts_ip (ip, attempted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Sign-in attempts, for throttling repeated failures per login and per address';

CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  user_id BIGINT UNSIGNED NULL COMMENT 'who; NULL for the system or an unknown sign-in',
  action VARCHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'e.g. login, login_failed, user_create',
  object_type VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
  object_id BIGINT UNSIGNED NULL,
  detail VARCHAR(1000) NOT NULL DEFAULT '',
  ip VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_audit_log_object (object_type, object_id),
  KEY ix_audit_log_at (at),
  KEY ix_audit_log_user (user_id),
  CONSTRAINT fk_audit_log_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Who did what and when: sign-ins and every administrative change';
