package resonanz

import "errors"

// Reasons why a reply is held rather than sent, beyond "no account" and
// "demo" (which the store decides when it queues): codes the UI words in
// the reader's language.
const (
	// HeldNoReply: the account has no way to answer (a review feed, a
	// source without a reply address); answer where the customer wrote.
	HeldNoReply = "no_reply"
	// HeldNoEmail: the account's replies go by email, and no email account
	// is connected yet.
	HeldNoEmail = "no_email"
	// HeldNoAddress: the replies go by email, and the customer left no address.
	HeldNoAddress = "no_address"
	// HeldConsent: the customer stated a wish after the message was queued
	// that rules it out (see MayContact); it never leaves.
	HeldConsent = "consent"
)

// HeldError says that a reply cannot leave at all the way it was queued:
// the outbox holds it with the reason instead of trying again and again.
type HeldError struct{ Reason string }

func (e *HeldError) Error() string { return "held: " + e.Reason }

// Held returns a HeldError with one of the Held* reasons.
func Held(reason string) error { return &HeldError{Reason: reason} }

// HeldReason returns the reason of a HeldError in err.
func HeldReason(err error) (string, bool) {
	var h *HeldError
	if errors.As(err, &h) {
		return h.Reason, true
	}
	return "", false
}
