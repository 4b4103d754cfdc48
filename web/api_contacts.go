package web

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// apiContactSummary is a person in a list: who they are and their handles;
// their conversations are on GET /api/v1/contacts/{id}.
type apiContactSummary struct {
	ID         int64         `json:"id"`
	Name       string        `json:"name"`
	VIP        bool          `json:"vip"`
	Identities []apiIdentity `json:"identities"`
}

// handleAPIContacts lists people newest first, by a part of their name or
// handle and by channel, in pages; a user who sees only some conversations
// sees only the people of those.
func (s *Server) handleAPIContacts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := resonanz.ContactFilter{Query: q.Get("q"), VisibleTo: userFrom(r.Context()).VisibleTo()}
	var err error
	if f.Channel, err = apiChannel(q); err == nil {
		if f.Limit, err = apiLimit(q); err == nil {
			f.Before, err = decodeContactCursor(q.Get("cursor"))
		}
	}
	var list *resonanz.ContactList
	if err == nil {
		list, err = s.Contacts.FindContacts(r.Context(), f)
	}
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	out := make([]apiContactSummary, 0, len(list.Contacts))
	for _, c := range list.Contacts {
		a := apiContactSummary{ID: c.ID, Name: c.Name, VIP: c.VIP, Identities: []apiIdentity{}}
		for _, i := range c.Identities {
			a.Identities = append(a.Identities, apiIdentity{Channel: i.Channel, Handle: i.Handle, DisplayName: i.DisplayName})
		}
		out = append(out, a)
	}
	var next *string
	if list.Next != 0 {
		cursor := base64.RawURLEncoding.EncodeToString([]byte("contact:" + strconv.FormatInt(list.Next, 10)))
		next = &cursor
	}
	writeJSON(w, http.StatusOK, map[string]any{"contacts": out, "next_cursor": next})
}

// decodeContactCursor reads a next_cursor of the contact list; "": the first page.
func decodeContactCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	id, ok := strings.CutPrefix(string(raw), "contact:")
	n, perr := strconv.ParseInt(id, 10, 64)
	if err != nil || !ok || perr != nil || n <= 0 {
		return 0, resonanz.FieldError("cursor", "The cursor is not one this API gave; pass next_cursor unchanged.")
	}
	return n, nil
}
