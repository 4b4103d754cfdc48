-- A password an admin handed out (invitation, reset) works for one login:
-- the user then chooses their own before anything else.
ALTER TABLE users ADD COLUMN password_temporary INTEGER NOT NULL DEFAULT 0;
