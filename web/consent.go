package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// handleConsent records a wish an agent took down for the conversation's
// customer: from the quick form "do not contact" (optout=1) or contact
// allowed again (optout=0), both with a reason; from the full form a wish
// about one purpose on one channel (or every channel), with the words the
// customer agreed to.
func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		wish := resonanz.Wish{Reason: r.PostFormValue("reason"), Wording: r.PostFormValue("wording")}
		if purpose := r.PostFormValue("purpose"); purpose != "" {
			wish.Purpose, wish.Channel, wish.State = purpose, r.PostFormValue("channel"), r.PostFormValue("state")
		} else {
			wish.Purpose, wish.State = resonanz.PurposeContact, resonanz.WishAllowed
			if r.PostFormValue("optout") == "1" {
				wish.State = resonanz.WishDenied
			}
		}
		return s.Consent.RecordWish(r.Context(), id, userFrom(r.Context()), wish)
	})
}

// handleSensitive marks the conversation sensitive, or not: no survey follows a sensitive one.
func (s *Server) handleSensitive(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		return s.Conversations.SetSensitive(r.Context(), id, userFrom(r.Context()), r.PostFormValue("sensitive") == "1")
	})
}

// wishesLink is the signed link to the customer's wishes page, for agents
// to pass on; "" when no link can be made.
func (s *Server) wishesLink(contactID int64, lang string) string {
	if s.Links == nil {
		return ""
	}
	return s.Links.WishesLink(contactID, resonanz.CustomerLanguage(lang))
}

// wishChannels are the channels a wish may name, for the agents' form.
func wishChannels() []string {
	var list []string
	for _, ch := range resonanz.Channels {
		if resonanz.IsWishChannel(ch.Name) {
			list = append(list, ch.Name)
		}
	}
	return list
}
