-- Audit entries, notifications and the steps of an alert say what happened
-- as a kind and its parameters (a JSON object of strings), which the UI words
-- in the reader's language. Rows written before keep their text, shown as it is.
ALTER TABLE audit_events ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN params TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN params TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_events ADD COLUMN params TEXT NOT NULL DEFAULT '';
