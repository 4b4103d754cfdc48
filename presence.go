package resonanz

// Viewer is another agent on a conversation.
type Viewer struct {
	UserID  int64
	Name    string
	Writing bool
}

// PresenceService knows which agents have a conversation open and who is
// writing in it, on every node of a cluster. It is a courtesy, not a
// record: when it cannot reach its store it tells nothing rather than fail
// a page.
type PresenceService interface {
	// Mark records that a user has the conversation open, writing or not.
	// It reports whether others now see something else: a new viewer, or
	// one who started or stopped writing.
	Mark(conversationID, userID int64, name string, writing bool) (changed bool)
	// Leave records that a user closed the conversation; it reports
	// whether they had been shown on it.
	Leave(conversationID, userID int64) bool
	// Others returns who besides userID has the conversation open, by name.
	Others(conversationID, userID int64) []Viewer
}
