-- 0014_case_tabs: the contact-center case screen's tabs in the same one call:
-- case_row adds the campaign, the next management and the case merged into;
-- case_view adds the managements, the customer's contact data, the
-- conversation and the customer (and the accounts' detail). Restated whole,
-- since landed migrations are never edited.

CREATE OR REPLACE PROCEDURE case_row(IN p_id BIGINT UNSIGNED, IN p_lang CHAR(2))
  READS SQL DATA
  COMMENT 'A case with the names of its status, area, type, priority, people, customer, catalogs, campaign and merge'
BEGIN
  SELECT c.id, c.number, c.subject, c.description, c.status_id, s.code AS status_code,
         IF(p_lang = 'en' AND s.name_en <> '', s.name_en, s.name_es) AS status, s.portal_state,
         c.closed, a.name AS area,
         IF(p_lang = 'en' AND t.name_en <> '', t.name_en, t.name_es) AS type, p.code AS priority_code,
         IF(p_lang = 'en' AND p.name_en <> '', p.name_en, p.name_es) AS priority,
         u.name AS assignee, co.name AS coordinator,
         IF(p_lang = 'en' AND src.name_en <> '', src.name_en, src.name_es) AS source,
         c.customer_id, cu.display_name AS customer, cu.kind AS customer_kind, dt.code AS doc_type,
         cu.doc_number, ct.name AS contact, ct.email AS contact_email, acc.number AS account,
         acc.product AS account_product, c.requester_first_name, c.requester_last_name,
         c.requester_title, c.requester_phone, c.requester_email, c.received_at, c.due_at,
         c.start_at, c.close_at, IF(p_lang = 'en' AND st.name_en <> '', st.name_en, st.name_es) AS stage,
         c.progress, IF(p_lang = 'en' AND ar.name_en <> '', ar.name_en, ar.name_es) AS article,
         IF(p_lang = 'en' AND cl.name_en <> '', cl.name_en, cl.name_es) AS class, c.internal,
         tm.name AS team, IF(p_lang = 'en' AND d.name_en <> '', d.name_en, d.name_es) AS department,
         c.comment, c.estimate_hours, c.complexity, c.level, c.billable, c.resolution, c.closed_at,
         cb.name AS closed_by, c.episode, c.episode_started_at, c.created_at, cr.name AS created_by,
         c.updated_at, c.version, COALESCE(c.closed = 0 AND c.due_at < UTC_DATE(), 0) AS overdue,
         c.campaign_id, cp.name AS campaign, c.next_at, COALESCE(c.next_at <= UTC_TIMESTAMP(), 0) AS next_due,
         c.merged_into_id, mi.number AS merged_into
  FROM cases c JOIN statuses s ON s.id = c.status_id JOIN priorities p ON p.id = c.priority_id
  LEFT JOIN areas a ON a.id = c.area_id LEFT JOIN request_types t ON t.id = c.type_id
  LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN users co ON co.id = c.coordinator_id
  LEFT JOIN sources src ON src.id = c.source_id LEFT JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN document_types dt ON dt.id = cu.doc_type_id LEFT JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN accounts acc ON acc.id = c.account_id LEFT JOIN stages st ON st.id = c.stage_id
  LEFT JOIN articles ar ON ar.id = c.article_id LEFT JOIN classes cl ON cl.id = c.class_id
  LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN departments d ON d.id = c.department_id
  LEFT JOIN users cb ON cb.id = c.closed_by LEFT JOIN users cr ON cr.id = c.created_by
  LEFT JOIN campaigns cp ON cp.id = c.campaign_id LEFT JOIN cases mi ON mi.id = c.merged_into_id
  WHERE c.id = p_id;
END;

CREATE OR REPLACE PROCEDURE case_view(IN p_id BIGINT UNSIGNED, IN p_lang CHAR(2))
  READS SQL DATA
  COMMENT 'The case view: case with names, stored values, history, accounts, activities, notes, notes in other cases, files, escalations, managements, contact data, messages, customer'
BEGIN
  -- 1. the case with the names of what it refers to
  CALL case_row(p_id, p_lang);
  -- 2. the stored values, for the edit form
  SELECT * FROM cases WHERE id = p_id;
  -- 3. the history, newest first
  SELECT h.id, h.at, h.kind, h.field, h.old_value, h.new_value, h.note, h.episode, u.name AS user
  FROM case_history h LEFT JOIN users u ON u.id = h.user_id WHERE h.case_id = p_id ORDER BY h.id DESC;
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
  -- 12. the conversation, oldest first
  SELECT m.id, m.direction, ch.code AS channel_code,
         IF(p_lang = 'en' AND ch.name_en <> '', ch.name_en, ch.name_es) AS channel, m.from_addr,
         m.to_addr, m.subject, m.body, m.at, m.state, u.name AS user
  FROM messages m JOIN channels ch ON ch.id = m.channel_id LEFT JOIN users u ON u.id = m.user_id
  WHERE m.case_id = p_id ORDER BY m.at, m.id;
  -- 13. the customer, for the customer tab
  SELECT cu.id, cu.kind, cu.doc_type_id, cu.doc_number, cu.first_name, cu.second_name,
         cu.first_surname, cu.second_surname, cu.legal_name, cu.birth_date, cu.sex, cu.version,
         cu.organization_id, o.display_name AS organization
  FROM cases c JOIN customers cu ON cu.id = c.customer_id LEFT JOIN customers o ON o.id = cu.organization_id
  WHERE c.id = p_id;
END;
