-- A restarted storm monitor learns the usual level of complaints from the
-- negative customer messages of the last weeks, in time order. This index
-- holds only those, so the replay neither reads every message nor sorts.
CREATE INDEX messages_complaints ON messages (sent_at, id) WHERE direction = 'in' AND sentiment = 'negative';
