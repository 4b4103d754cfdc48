package resonanz

// ReplyDraft is an answer as an agent sends it from the reply box.
type ReplyDraft struct {
	// Parts is the reply, or the numbered parts of one too long for a
	// single post (see SplitReply); each leaves as a reply of its own.
	Parts  []string
	Public bool
	// Seen is the newest message of the conversation the agent's page
	// showed. A newer one from the customer or a colleague refuses the
	// draft with ECONFLICT on the field "seen", lest the answer pass it by;
	// 0 does not check.
	Seen int64
}
