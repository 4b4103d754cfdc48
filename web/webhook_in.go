package web

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// maxWebhookBytes bounds a platform's push; Meta's are a few kilobytes.
const maxWebhookBytes = 1 << 20

// handleWebhookVerify answers a platform's subscription handshake
// (hub.mode, hub.verify_token, hub.challenge).
func (s *Server) handleWebhookVerify(w http.ResponseWriter, r *http.Request) {
	hook, ok := s.webhookChannel(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	challenge, ok := hook.VerifyWebhook(q.Get("hub.mode"), q.Get("hub.verify_token"), q.Get("hub.challenge"))
	if !ok {
		s.jsonError(w, r, resonanz.Errorf(resonanz.EFORBIDDEN, "The verify token does not match."))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, challenge)
}

// handleWebhookPush takes in what a platform pushes, once its signature
// holds; the same message pushed again is stored once.
func (s *Server) handleWebhookPush(w http.ResponseWriter, r *http.Request) {
	hook, ok := s.webhookChannel(w, r)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBytes))
	if err != nil {
		s.jsonError(w, r, resonanz.Errorf(resonanz.EINVALID, "The body is too large or broken."))
		return
	}
	// Meta signs with X-Hub-Signature-256, the company's own systems with
	// X-Resonanz-Signature; each account checks against its own secret.
	signature := r.Header.Get("X-Hub-Signature-256")
	if signature == "" {
		signature = r.Header.Get("X-Resonanz-Signature")
	}
	msgs, err := hook.ParseWebhook(body, signature)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	valid := msgs[:0:0]
	for _, m := range msgs {
		m.AccountID = id
		if m.ClampTime(time.Now()) {
			s.Logger.Warn("a pushed message's time was implausible; it counts from its arrival", "account", id, "external_id", m.ExternalID)
		}
		if err := m.Validate(); err != nil {
			s.Logger.Warn("skipped a pushed message", "account", id, "external_id", m.ExternalID, "err", err)
			continue
		}
		valid = append(valid, m)
	}
	if len(valid) > 0 {
		if _, err := s.Messages.Ingest(r.Context(), valid); err != nil {
			s.jsonError(w, r, err)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Server) webhookChannel(w http.ResponseWriter, r *http.Request) (resonanz.WebhookChannel, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.jsonError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No webhook here."))
		return nil, false
	}
	hook, err := s.Channels.Webhook(r.Context(), id)
	if resonanz.ErrorCode(err) == resonanz.ENOTFOUND {
		s.jsonError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No webhook here."))
		return nil, false
	} else if err != nil {
		s.jsonError(w, r, err)
		return nil, false
	}
	return hook, true
}
