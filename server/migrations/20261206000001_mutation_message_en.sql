-- A refused mutation's message in English too: an id sent again (its answer was lost) is
-- answered in the language it is asked in. Rows from before have none; they answer with
-- the Vietnamese.
ALTER TABLE mutations ADD COLUMN message_en TEXT;
