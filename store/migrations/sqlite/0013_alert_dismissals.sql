-- What each user has hidden of the alert bar: an alert stays hidden for a
-- user until its severity rises above the one the user dismissed.
CREATE TABLE alert_dismissals (
	user_id      INTEGER NOT NULL REFERENCES users (id),
	alert_id     INTEGER NOT NULL REFERENCES alerts (id),
	severity     INTEGER NOT NULL,
	dismissed_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, alert_id)
) WITHOUT ROWID;
