-- 0015_typification_siblings: two outcomes under the same parent of a campaign's
-- typification tree never share a name (the management form shows the path
-- "Contactado › Promesa de pago", which must point at one outcome). A unique
-- key cannot span a NULL parent, so it goes over the parent as 0 for
-- first-level outcomes. Enforced by the database, so two supervisors saving
-- at once (or on two Galera nodes) cannot both win.

ALTER TABLE typifications
  ADD COLUMN IF NOT EXISTS parent_key BIGINT UNSIGNED AS (COALESCE(parent_id, 0)) PERSISTENT
    COMMENT 'parent_id, or 0 for a first-level outcome (for the unique key of siblings)',
  ADD UNIQUE KEY IF NOT EXISTS uq_typifications_sibling (campaign_id, parent_key, name);
