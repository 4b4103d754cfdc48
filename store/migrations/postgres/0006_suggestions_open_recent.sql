-- The collector compares a new suggestion with the most recently changed
-- open entries (resonanz.SimilarAmong); this finds them without sorting a
-- board that grows with every suggestion nobody triaged.
CREATE INDEX suggestions_open_recent ON suggestions (updated_at DESC, id DESC) WHERE status IN ('new', 'planned');
