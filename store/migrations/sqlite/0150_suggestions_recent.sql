-- The board shows the most recently changed entries, and the collector
-- compares a new suggestion with the most recently changed open ones
-- (resonanz.SimilarAmong); this finds both without sorting a board that
-- grows with every suggestion nobody triaged.
CREATE INDEX suggestions_recent ON suggestions (updated_at DESC, id DESC);
