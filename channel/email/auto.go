package email

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message"
)

// vacation matches the subjects of out-of-office notices of the common
// clients, in the languages customers here write.
var vacation = regexp.MustCompile(`(?i)^\s*(auto(matic|matische)?[ -]?(reply|antwort|response)|out of (the )?office|abwesenheits(notiz|nachricht|meldung)|abwesend\b|vacation (reply|notice)|urlaubsabwesenheit|réponse automatique|risposta automatica|respuesta automática)`)

// autoReason says why a mail was written by a machine rather than a person,
// or "" for a person's mail: auto-replies (RFC 3834 Auto-Submitted, the
// X-Autoreply family, Precedence, out-of-office subjects) and bounces
// (delivery status reports, MAILER-DAEMON and postmaster senders, the null
// sender). Such mails never become messages, and so are never answered:
// no mail loop can start.
func autoReason(h message.Header, sender, subject string) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "auto-submitted (" + oneLine(v) + ")"
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponder"} {
		if h.Has(k) {
			return "auto-reply (" + k + ")"
		}
	}
	switch p := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); p {
	case "bulk", "auto_reply", "junk":
		return "precedence " + p
	}
	if t, params, _ := h.ContentType(); t == "multipart/report" {
		switch strings.ToLower(params["report-type"]) {
		case "delivery-status":
			return "bounce (a delivery status report)"
		case "disposition-notification":
			return "read receipt"
		}
	}
	local, _, _ := strings.Cut(sender, "@")
	switch local {
	case "mailer-daemon", "postmaster":
		return "bounce (sent by " + local + ")"
	}
	if strings.TrimSpace(h.Get("Return-Path")) == "<>" {
		return "bounce (null sender)"
	}
	if vacation.MatchString(subject) {
		return "out-of-office subject"
	}
	return ""
}
