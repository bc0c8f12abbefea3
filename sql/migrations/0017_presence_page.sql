-- 0017_presence_page: which case page set an agent's presence, so that the
-- goodbye of a page that has been replaced (a save that comes back to the
-- case, a reload, the same case opened in another tab) does not end the work
-- the newer page is doing.

ALTER TABLE agent_presence
  ADD COLUMN IF NOT EXISTS page_id BIGINT UNSIGNED NULL
    COMMENT 'a random number per case page view that set the current work; a leaving page only ends it when it is that page'
    AFTER case_id;
