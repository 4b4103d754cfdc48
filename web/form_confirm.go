package web

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// confirmTimeout bounds one confirmation mail, SMTP dialogue included.
const confirmTimeout = 2 * time.Minute

// confirmEntry mails the person who sent a form a confirmation in the
// form's language, with the conversation's number as reference, through
// the email account — if one is connected. It runs after the entry is
// stored and on its own: a slow or failing mail server never delays or
// loses a submission. The mail repeats nothing the person typed, so that a
// form cannot be used to send others someone's text.
func (s *Server) confirmEntry(v *formView, res resonanz.IngestResult) {
	if s.AutoReplies == nil || v.Entry.Email == "" || res.Duplicate {
		return
	}
	ref := strconv.FormatInt(res.ConversationID, 10)
	mail := &resonanz.AutoReply{To: v.Entry.Email, Subject: strings.Replace(v.T("form.confirm.subject"), "%s", ref, 1),
		Text: strings.Replace(v.T("form.confirm.text"), "%s", ref, 1)}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), confirmTimeout)
		defer cancel()
		err := s.AutoReplies.SendAutoReply(ctx, mail)
		if reason, held := resonanz.HeldReason(err); held {
			s.Logger.Info("no confirmation mail for a form entry", "form", v.Form.Slug, "reason", reason)
		} else if err != nil {
			s.Logger.Warn("the confirmation mail of a form entry failed; the entry is stored", "form", v.Form.Slug, "conversation", ref, "err", err)
		}
	}()
}
