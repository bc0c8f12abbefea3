-- 0003_customers: the people and organizations cases belong to, their
-- contacts (people at an organization), contact data (e-mail, phones,
-- addresses, social handles) and accounts. Searches are accent- and
-- case-insensitive through the utf8mb4_unicode_ci collation.

CREATE TABLE IF NOT EXISTS document_types (
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
  UNIQUE KEY uq_document_types_code (code),
  UNIQUE KEY uq_document_types_name (name_es)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Identity document types (Tipo de Documento): CC, CE, NIT, TI, passport ...';

INSERT IGNORE INTO document_types (code, name_es, name_en, position) VALUES
  ('CC', 'Cédula de ciudadanía', 'Citizenship card', 10),
  ('CE', 'Cédula de extranjería', 'Foreigner ID card', 20),
  ('NIT', 'NIT', 'Tax ID (NIT)', 30),
  ('TI', 'Tarjeta de identidad', 'Identity card (minor)', 40),
  ('PAS', 'Pasaporte', 'Passport', 50);

CREATE TABLE IF NOT EXISTS customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  kind VARCHAR(12) CHARACTER SET ascii NOT NULL COMMENT 'person or organization',
  doc_type_id BIGINT UNSIGNED NULL,
  doc_number VARCHAR(30) CHARACTER SET ascii NULL COMMENT 'normalised: no spaces or dots, upper case',
  first_name VARCHAR(60) NOT NULL DEFAULT '',
  second_name VARCHAR(60) NOT NULL DEFAULT '',
  first_surname VARCHAR(60) NOT NULL DEFAULT '',
  second_surname VARCHAR(60) NOT NULL DEFAULT '',
  legal_name VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'organizations only',
  birth_date DATE NULL,
  sex CHAR(1) CHARACTER SET ascii NULL COMMENT 'F, M or O (other); NULL: not given',
  organization_id BIGINT UNSIGNED NULL COMMENT 'the organization a person belongs to',
  display_name VARCHAR(250) AS (IF(kind = 'organization', legal_name,
    CONCAT_WS(' ', NULLIF(first_name, ''), NULLIF(second_name, ''), NULLIF(first_surname, ''),
              NULLIF(second_surname, '')))) PERSISTENT COMMENT 'the name shown and searched',
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_document (doc_type_id, doc_number),
  KEY ix_customers_name (display_name),
  KEY ix_customers_doc_number (doc_number),
  KEY ix_customers_organization (organization_id),
  CONSTRAINT fk_customers_doc_type FOREIGN KEY (doc_type_id) REFERENCES document_types (id),
  CONSTRAINT fk_customers_organization FOREIGN KEY (organization_id) REFERENCES customers (id),
  CONSTRAINT fk_customers_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT ck_customers_kind CHECK (kind IN ('person', 'organization')),
  CONSTRAINT ck_customers_names CHECK ((kind = 'person' AND first_name <> '' AND first_surname <> '')
    OR (kind = 'organization' AND legal_name <> '')),
  CONSTRAINT ck_customers_document CHECK ((doc_type_id IS NULL) = (doc_number IS NULL)),
  CONSTRAINT ck_customers_sex CHECK (sex IS NULL OR sex IN ('F', 'M', 'O'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Customers: persons and organizations';

CREATE TABLE IF NOT EXISTS contacts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id BIGINT UNSIGNED NOT NULL COMMENT 'the organization',
  name VARCHAR(200) NOT NULL,
  job_title VARCHAR(100) NOT NULL DEFAULT '',
  email VARCHAR(254) NOT NULL DEFAULT '',
  phone VARCHAR(30) NOT NULL DEFAULT '',
  mobile VARCHAR(30) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_contacts_customer (customer_id),
  KEY ix_contacts_name (name),
  CONSTRAINT fk_contacts_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='People to talk to at an organization';

CREATE TABLE IF NOT EXISTS contact_data (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id BIGINT UNSIGNED NOT NULL,
  type VARCHAR(10) CHARACTER SET ascii NOT NULL COMMENT 'email, mobile, phone (fixed line), address or social',
  value VARCHAR(300) NOT NULL COMMENT 'phones: digits only (a leading + kept)',
  area_code VARCHAR(6) CHARACTER SET ascii NOT NULL DEFAULT '' COMMENT 'fixed phones: the area code (indicativo)',
  label VARCHAR(60) NOT NULL DEFAULT '' COMMENT 'home, work ...',
  preferred TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'the one to use first, per type',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  KEY ix_contact_data_customer (customer_id, type),
  KEY ix_contact_data_value (value(60)),
  CONSTRAINT fk_contact_data_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
  CONSTRAINT ck_contact_data_type CHECK (type IN ('email', 'mobile', 'phone', 'address', 'social')),
  CONSTRAINT ck_contact_data_area CHECK ((type = 'phone') = (area_code <> ''))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='How to reach a customer: e-mail, phones, addresses, social network handles';

CREATE TABLE IF NOT EXISTS accounts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id BIGINT UNSIGNED NOT NULL,
  number VARCHAR(40) NOT NULL,
  product VARCHAR(100) NOT NULL DEFAULT '',
  status VARCHAR(12) CHARACTER SET ascii NOT NULL DEFAULT 'active' COMMENT 'active, suspended or closed',
  opened_at DATE NULL,
  detail TEXT NOT NULL DEFAULT '',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (id),
  UNIQUE KEY uq_accounts_number (number),
  KEY ix_accounts_customer (customer_id),
  CONSTRAINT fk_accounts_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
  CONSTRAINT ck_accounts_status CHECK (status IN ('active', 'suspended', 'closed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Accounts (products, contracts) a customer holds';
