-- The language a user chose, so that it follows them to every device they sign in on.
-- None until they choose: the app is Vietnamese by default.
ALTER TABLE users ADD COLUMN language TEXT;
