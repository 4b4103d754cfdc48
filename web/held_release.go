package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// releaseHeldMail queues the replies that waited for an email account, now
// that account a can send them; each is audited in its conversation. The
// account is connected either way: a failure here is only logged, and the
// next connect or resume tries again.
func (s *Server) releaseHeldMail(r *http.Request, a *resonanz.ChannelAccount) {
	if a.Kind != "email" || a.Demo || a.Paused {
		return
	}
	n, err := s.Outbox.ReleaseHeldReplies(r.Context(), resonanz.HeldNoEmail, userFrom(r.Context()))
	if err != nil {
		s.logInternal(r, err)
		return
	}
	if n > 0 {
		s.Logger.Info("replies held for want of an email account are queued", "account", a.ID, "replies", n)
	}
}
