-- A user may read times in a time zone of their own; '' is the company's.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
