-- How an account is reached outside the app, both optional: an e-mail address (notices
-- are mailed there when the server sends mail) and a phone number (digits, shown to the
-- unit's reviewer).
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
