-- The consent a customer gave with a message (a web form's checkbox), in the
-- exact wording the form showed: a later change of the form's wording does
-- not change what this customer agreed to.
CREATE TABLE message_consents (
	message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
	wording    TEXT NOT NULL
);
