-- 0009_portal: the customer portal (P1–P5). A portal user is a user with
-- role customer linked to a customer (a person); through the person's
-- organization (the manual's "Empresa") a portal admin sees every case of
-- the organization. Invitations and password resets are one-time tokens.

ALTER TABLE users
  ADD COLUMN IF NOT EXISTS customer_id BIGINT UNSIGNED NULL
    COMMENT 'portal users: the customer (a person) this user is; NULL for staff' AFTER role,
  ADD COLUMN IF NOT EXISTS portal_admin TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'portal users: 1 sees every case of their organization, 0 only their own' AFTER customer_id,
  ADD UNIQUE KEY IF NOT EXISTS uq_users_customer (customer_id),
  ADD CONSTRAINT fk_users_customer FOREIGN KEY IF NOT EXISTS (customer_id) REFERENCES customers (id),
  ADD CONSTRAINT ck_users_customer CHECK (customer_id IS NULL OR role = 'customer'),
  ADD CONSTRAINT ck_users_portal_admin CHECK (portal_admin = 0 OR role = 'customer');

CREATE TABLE IF NOT EXISTS password_tokens (
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'sha256 (hex) of the token in the link; the token itself is never stored',
  user_id BIGINT UNSIGNED NOT NULL,
  purpose VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'invite' COMMENT 'invite or reset',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL COMMENT 'set when the password was chosen: a token works once',
  PRIMARY KEY (token_hash),
  KEY ix_password_tokens_user (user_id),
  CONSTRAINT fk_password_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_password_tokens_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT ck_password_tokens_purpose CHECK (purpose IN ('invite', 'reset'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='One-time links to set a password: invitations to the portal, resets';

-- What the customer sees of a case, for DBAs checking the portal's view.
CREATE OR REPLACE VIEW report_portal_cases AS
SELECT c.id, c.number, c.subject, c.created_at AS opened_at, s.portal_state,
       cu.id AS customer_id, cu.display_name AS customer,
       org.id AS organization_id, org.display_name AS organization,
       t.name AS space, c.closed_at
FROM cases c
JOIN statuses s ON s.id = c.status_id
JOIN customers cu ON cu.id = c.customer_id
LEFT JOIN customers org ON org.id = cu.organization_id
LEFT JOIN teams t ON t.id = c.team_id;
