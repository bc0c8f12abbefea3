-- 0011_list_indexes: the case list without filters, newest change first,
-- reads the first page straight from an index instead of sorting every case.

ALTER TABLE cases ADD KEY IF NOT EXISTS ix_cases_updated (updated_at);
