-- What the webhook and email receivers last heard of each alert, so that a
-- restart neither repeats news nor forgets it. Alerts from before are taken
-- as told.
CREATE TABLE alert_news (
	alert_id INTEGER PRIMARY KEY REFERENCES alerts (id),
	severity INTEGER NOT NULL,
	status   TEXT NOT NULL
);
INSERT INTO alert_news (alert_id, severity, status) SELECT id, severity, status FROM alerts;
