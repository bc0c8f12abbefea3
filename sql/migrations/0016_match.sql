-- 0016_match: the words of every customer's name, for "find matches" (S5,
-- /customers/match). A customer typed with a typo, without accents or with
-- the surnames first is found through any of its words, exactly (accent-
-- and case-insensitive, the unicode_ci collation) or by how the word
-- sounds (SOUNDEX, so Fernada finds Fernanda, Gonzales González, Velez
-- Bélez); the screen then scores each candidate in C (lib/match.c).
--
-- The words are kept by triggers, so every way a customer is written (the
-- screens, case registration, bulk loads, plain SQL) keeps them right.
-- Filling them for existing customers takes about a minute per million:
-- run `atiende-admin migrate` with a larger DB.timeout on such a site. The
-- migration can run again after an interruption.

CREATE TABLE IF NOT EXISTS customer_name_words (
  customer_id BIGINT UNSIGNED NOT NULL,
  position TINYINT UNSIGNED NOT NULL COMMENT 'the word''s place in display_name, from 1',
  word VARCHAR(60) NOT NULL COMMENT 'lower case, without signs; compared accent-insensitively',
  sound VARCHAR(8) CHARACTER SET ascii NULL COMMENT 'LEFT(SOUNDEX(CONCAT(''a'', word)), 5): the first letter is coded too (v and b sound alike); NULL when the word has no consonant',
  PRIMARY KEY (customer_id, position),
  KEY ix_customer_name_words_word (word),
  KEY ix_customer_name_words_sound (sound),
  CONSTRAINT fk_customer_name_words_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='The words of each customer''s display_name (kept by triggers), to find customers by name with typos';

-- "María  O'Brien-Muñoz" -> "maría o brien munoz": lower case, ñ and ç
-- plain, anything but letters and digits a single blank.
CREATE OR REPLACE FUNCTION customer_name_text(p_name VARCHAR(250)) RETURNS VARCHAR(250)
  DETERMINISTIC NO SQL
  COMMENT 'A customer name as words: lower case, signs made blanks'
  RETURN TRIM(REGEXP_REPLACE(REPLACE(REPLACE(LOWER(p_name), 'ñ', 'n'), 'ç', 'c'),
                             '[^\\p{L}\\p{N}]+', ' '));

-- One customer's words, again (up to 12 words of two letters or more).
CREATE OR REPLACE PROCEDURE customer_name_words_put(IN p_id BIGINT UNSIGNED, IN p_name VARCHAR(250))
  MODIFIES SQL DATA
  COMMENT 'Rewrites the customer_name_words of one customer'
BEGIN
  DECLARE w VARCHAR(250) DEFAULT customer_name_text(p_name);
  DELETE FROM customer_name_words WHERE customer_id = p_id;
  INSERT INTO customer_name_words (customer_id, position, word, sound)
  SELECT p_id, t.seq, LEFT(t.word, 60), NULLIF(LEFT(SOUNDEX(CONCAT('a', t.word)), 5), 'A000')
  FROM (SELECT s.seq, SUBSTRING_INDEX(SUBSTRING_INDEX(w, ' ', s.seq), ' ', -1) AS word
        FROM seq_1_to_12 s
        WHERE w <> '' AND s.seq <= 1 + CHAR_LENGTH(w) - CHAR_LENGTH(REPLACE(w, ' ', ''))) t
  WHERE CHAR_LENGTH(t.word) >= 2;
END;

CREATE OR REPLACE TRIGGER customers_name_words_insert AFTER INSERT ON customers FOR EACH ROW
  CALL customer_name_words_put(NEW.id, NEW.display_name);

CREATE OR REPLACE TRIGGER customers_name_words_update AFTER UPDATE ON customers FOR EACH ROW
  IF NOT (BINARY NEW.display_name <=> BINARY OLD.display_name) THEN
    CALL customer_name_words_put(NEW.id, NEW.display_name);
  END IF;

-- The customers already there, in one pass (the same words as the procedure).
INSERT IGNORE INTO customer_name_words (customer_id, position, word, sound)
SELECT n.id, s.seq, LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(n.w, ' ', s.seq), ' ', -1), 60),
       NULLIF(LEFT(SOUNDEX(CONCAT('a', SUBSTRING_INDEX(SUBSTRING_INDEX(n.w, ' ', s.seq), ' ', -1))), 5), 'A000')
FROM (SELECT id, customer_name_text(display_name) AS w FROM customers
      LIMIT 18446744073709551615) n      -- the LIMIT keeps the words computed once per customer
JOIN seq_1_to_12 s ON n.w <> '' AND s.seq <= 1 + CHAR_LENGTH(n.w) - CHAR_LENGTH(REPLACE(n.w, ' ', ''))
WHERE CHAR_LENGTH(SUBSTRING_INDEX(SUBSTRING_INDEX(n.w, ' ', s.seq), ' ', -1)) >= 2;
