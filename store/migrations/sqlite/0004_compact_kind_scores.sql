-- Kind scores are stored as "complaint:0.974,question:0.018" now; scores
-- stored as JSON before are dropped (resonanz reanalyze fills them again).
UPDATE messages SET kind_scores = '' WHERE kind_scores LIKE '{%';
