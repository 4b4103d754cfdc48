package resonanz

import "context"

// Attachment is a file that came with a customer's message, or the
// message's original as received (a whole mail, for download). Its bytes
// lie in the data directory at Path; one that was not kept has no Path and
// says why in Refused.
type Attachment struct {
	ID             int64
	MessageID      int64
	ConversationID int64
	// Name is the name the sender gave, made safe to show; it never names
	// a file on disk.
	Name     string
	Type     string // the media type the sender declared
	Size     int64
	Original bool   // the whole message as received
	Path     string // relative to the data directory; "" when not kept
	Refused  string // AttachmentTooLarge or AttachmentNoRoom; "" when kept
	Limit    int64  // the limit in bytes that refused it
	// Data are the bytes until they are kept; never stored in the database.
	Data []byte
}

// Why an attachment was not kept: codes the UI words in the reader's language.
const (
	// AttachmentTooLarge: the file alone is larger than one file may be.
	AttachmentTooLarge = "too_large"
	// AttachmentNoRoom: the message's files together passed their limit.
	AttachmentNoRoom = "no_room"
)

// AttachmentKeeper writes the bytes of an incoming message's attachments to
// the data directory, or marks them refused, before the message is stored.
type AttachmentKeeper interface {
	Keep(m *IncomingMessage) error
}

// AttachmentService finds stored attachments.
type AttachmentService interface {
	// FindAttachment returns one attachment with its conversation; ENOTFOUND if there is none.
	FindAttachment(ctx context.Context, id int64) (*Attachment, error)
	// AttachmentConversation returns the conversation of an attachment's message.
	AttachmentConversation(ctx context.Context, id int64) (int64, error)
}
