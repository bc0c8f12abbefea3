-- 0019_outbound_messages: messages to the customer from the case (S6). A
-- message's files are a public note of the case (messages.note_id), so they
-- are case attachments with the download rules those already have and the
-- portal shows them; an e-mail is delivered through the outbox
-- (messages.outbox_id), whose note_id names the files the mailer attaches.
-- Channels without a connector (WhatsApp, SMS, phone) are recorded as sent
-- by hand with what the agent did (agent_note). case_view restated whole
-- (from 0018) for the conversation's new columns: landed migrations are
-- never edited.

-- New NULL columns: their foreign keys are added in place, without a copy of
-- the (possibly large) outbox, with checks off.
SET foreign_key_checks = 0;
ALTER TABLE messages
  ADD COLUMN IF NOT EXISTS note_id BIGINT UNSIGNED NULL
    COMMENT 'the public note holding the files sent with the message' AFTER body_html,
  ADD COLUMN IF NOT EXISTS outbox_id BIGINT UNSIGNED NULL
    COMMENT 'out by e-mail: the outbox row delivering it (the mailer sets state from it)' AFTER note_id,
  ADD COLUMN IF NOT EXISTS agent_note VARCHAR(2000) NOT NULL DEFAULT ''
    COMMENT 'sent by hand (state manual): what the agent did' AFTER outbox_id,
  ADD KEY IF NOT EXISTS ix_messages_note (note_id),
  ADD UNIQUE KEY IF NOT EXISTS uq_messages_outbox (outbox_id),
  ADD CONSTRAINT fk_messages_note FOREIGN KEY IF NOT EXISTS (note_id) REFERENCES notes (id) ON DELETE SET NULL,
  ADD CONSTRAINT fk_messages_outbox FOREIGN KEY IF NOT EXISTS (outbox_id) REFERENCES outbox (id) ON DELETE SET NULL;

ALTER TABLE outbox
  ADD COLUMN IF NOT EXISTS note_id BIGINT UNSIGNED NULL
    COMMENT 'the note whose files go as attachments' AFTER thread_id,
  ADD KEY IF NOT EXISTS ix_outbox_note (note_id),
  ADD CONSTRAINT fk_outbox_note FOREIGN KEY IF NOT EXISTS (note_id) REFERENCES notes (id) ON DELETE SET NULL;
SET foreign_key_checks = 1;

CREATE OR REPLACE PROCEDURE case_view(IN p_id BIGINT UNSIGNED, IN p_lang CHAR(2))
  READS SQL DATA
  COMMENT 'The case view: case with names, stored values, history, accounts, activities, notes, notes in other cases, files, escalations, managements, contact data, messages, customer'
BEGIN
  -- 1. the case with the names of what it refers to
  CALL case_row(p_id, p_lang);
  -- 2. the stored values, for the edit form
  SELECT * FROM cases WHERE id = p_id;
  -- 3. the history, newest first
  SELECT h.id, h.at, h.kind, h.field, h.old_value, h.new_value, h.note, h.episode, u.name AS user,
         h.from_case_id, fc.number AS from_case
  FROM case_history h LEFT JOIN users u ON u.id = h.user_id LEFT JOIN cases fc ON fc.id = h.from_case_id
  WHERE h.case_id = p_id ORDER BY h.id DESC;
  -- 4. the customer's accounts
  SELECT ac.id, ac.number, ac.product, ac.status, ac.opened_at, ac.detail FROM accounts ac JOIN cases c ON c.customer_id = ac.customer_id
  WHERE c.id = p_id ORDER BY ac.number;
  -- 5. the activities
  SELECT a.id, IF(p_lang = 'en' AND t.name_en <> '', t.name_en, t.name_es) AS type, a.description,
         u.name AS executor, a.date, TIME_FORMAT(a.start_time, '%H:%i') AS start_time,
         TIME_FORMAT(a.end_time, '%H:%i') AS end_time, a.hours, a.start_at, a.due_at, a.status,
         a.completed_at, a.percent, a.billable,
         IF(p_lang = 'en' AND ar.name_en <> '', ar.name_en, ar.name_es) AS article,
         COALESCE(a.status IN ('pending', 'in_progress') AND a.due_at < UTC_DATE(), 0) AS overdue
  FROM activities a LEFT JOIN activity_types t ON t.id = a.type_id
  LEFT JOIN users u ON u.id = a.executor_id LEFT JOIN articles ar ON ar.id = a.article_id
  WHERE a.case_id = p_id ORDER BY a.date IS NULL, a.date, a.start_time, a.id;
  -- 6. the notes, newest first
  SELECT n.id, n.title, n.body, n.public, n.created_at, u.name AS author
  FROM note_cases nc JOIN notes n ON n.id = nc.note_id LEFT JOIN users u ON u.id = n.author_id
  WHERE nc.case_id = p_id ORDER BY n.created_at DESC, n.id DESC;
  -- 7. the other cases holding the same notes
  SELECT nc.note_id, c.id, c.number FROM note_cases nc JOIN cases c ON c.id = nc.case_id
  WHERE nc.case_id <> p_id AND nc.note_id IN (SELECT note_id FROM note_cases WHERE case_id = p_id)
  ORDER BY c.number;
  -- 8. the files of the notes
  SELECT a.id, a.note_id, a.name, a.content_type, a.size, a.sha256, a.created_at
  FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = p_id ORDER BY a.id;
  -- 9. the escalations that fired
  SELECT f.rule_id, f.fired_at, f.episode FROM escalation_firings f WHERE f.case_id = p_id ORDER BY f.id;
  -- 10. the managements (gestiones), newest first, by anyone
  SELECT m.id, m.path, m.observations, m.next_at, m.created_at, u.name AS user, cp.name AS campaign
  FROM managements m JOIN users u ON u.id = m.user_id LEFT JOIN campaigns cp ON cp.id = m.campaign_id
  WHERE m.case_id = p_id ORDER BY m.created_at DESC, m.id DESC;
  -- 11. the customer's contact data, preferred first
  SELECT d.id, d.type, d.value, d.area_code, d.label, d.preferred, d.version
  FROM contact_data d JOIN cases c ON c.customer_id = d.customer_id
  WHERE c.id = p_id ORDER BY d.type, d.preferred DESC, d.id;
  -- 12. the conversation, oldest first; an e-mail's delivery attempts and last error
  SELECT m.id, m.direction, ch.code AS channel_code,
         IF(p_lang = 'en' AND ch.name_en <> '', ch.name_en, ch.name_es) AS channel, m.from_addr,
         m.to_addr, m.subject, m.body, m.at, m.state, u.name AS user, m.note_id, m.agent_note,
         o.attempts, o.last_error AS error
  FROM messages m JOIN channels ch ON ch.id = m.channel_id LEFT JOIN users u ON u.id = m.user_id
  LEFT JOIN outbox o ON o.id = m.outbox_id
  WHERE m.case_id = p_id ORDER BY m.at, m.id;
  -- 13. the customer, for the customer tab
  SELECT cu.id, cu.kind, cu.doc_type_id, cu.doc_number, cu.first_name, cu.second_name,
         cu.first_surname, cu.second_surname, cu.legal_name, cu.birth_date, cu.sex, cu.version,
         cu.organization_id, o.display_name AS organization
  FROM cases c JOIN customers cu ON cu.id = c.customer_id LEFT JOIN customers o ON o.id = cu.organization_id
  WHERE c.id = p_id;
END;
