package resonanz

import "context"

// AutoReply is a mail resonanz writes by itself, not an agent: a web
// form's confirmation. It is marked as automatic (Auto-Submitted), so that
// the customer's mail system does not answer it in turn.
type AutoReply struct {
	To      string // one bare address
	Subject string
	Text    string
}

// AutoReplySender sends automatic mails through the company's email
// account; Held(HeldNoEmail) when none is connected.
type AutoReplySender interface {
	SendAutoReply(ctx context.Context, r *AutoReply) error
}
