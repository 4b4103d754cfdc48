package web

import (
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
)

// handleContact shows one person: every handle, every conversation and
// message across channels, promises, goodwill, contact wishes, and people
// who may be the same.
func (s *Server) handleContact(w http.ResponseWriter, r *http.Request) {
	id, err := s.contactID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.Contacts.ContactPage(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	lang := ""
	if len(p.Conversations) > 0 {
		lang = p.Conversations[0].Language
	}
	s.render(w, r, http.StatusOK, "contact", contactView{ContactPage: p, WishesLink: s.wishesLink(id, lang)})
}

// contactView is the contact page: the person, and the link to their wishes page.
type contactView struct {
	*resonanz.ContactPage
	WishesLink string
}

// handleLinkContact makes another contact the same person as this one.
func (s *Server) handleLinkContact(w http.ResponseWriter, r *http.Request) {
	s.changeContact(w, r, func(id int64) error {
		other, err := strconv.ParseInt(r.PostFormValue("other"), 10, 64)
		if err != nil {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No such contact.").Keyed("contact.unknown")
		}
		if ok, err := s.Contacts.CanSeeContact(r.Context(), userFrom(r.Context()), other); err != nil {
			return err
		} else if !ok {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No such contact.").Keyed("contact.unknown")
		}
		return s.Contacts.LinkContacts(r.Context(), id, other, userFrom(r.Context()))
	})
}

// handleUnlinkContact makes one handle a person of its own again.
func (s *Server) handleUnlinkContact(w http.ResponseWriter, r *http.Request) {
	s.changeContact(w, r, func(id int64) error {
		_, err := s.Contacts.UnlinkHandle(r.Context(), id, r.PostFormValue("channel"), r.PostFormValue("handle"), userFrom(r.Context()))
		return err
	})
}

func (s *Server) changeContact(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := s.contactID(r)
	if err == nil {
		err = change(id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/contacts/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// contactID reads the contact of the path and refuses one the user may not
// see as if it did not exist.
func (s *Server) contactID(r *http.Request) (int64, error) {
	notFound := resonanz.Errorf(resonanz.ENOTFOUND, "No such contact.").Keyed("contact.unknown")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound
	}
	ok, err := s.Contacts.CanSeeContact(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return 0, err
	} else if !ok {
		return 0, notFound
	}
	return id, nil
}
