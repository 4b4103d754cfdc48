package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/resonanz/resonanz"
)

// failingChannels counts the failing accounts, for the admins' header.
func (s *Server) failingChannels(r *http.Request, u *resonanz.User) (int, error) {
	if u.Role != resonanz.RoleAdmin || s.ChannelAccounts == nil {
		return 0, nil
	}
	accounts, err := s.ChannelAccounts.FindChannelAccounts(r.Context())
	n := 0
	for _, a := range accounts {
		if a.Health.Failing() && !a.Paused {
			n++
		}
	}
	return n, err
}

type channelsView struct {
	Accounts []*resonanz.ChannelAccount
	Kinds    []resonanz.ChannelKind
	Kind     string            // the kind chosen in the connect form
	Values   map[string]string // what was typed, secrets left out
	Name     string
	Error    string
	Field    string // the field the error is about
	Tested   string // the name of an account whose test just passed
	Base     string // where this resonanz answers, for the forms' addresses and snippets
}

func (s *Server) handleChannels(w http.ResponseWriter, r *http.Request) {
	v := &channelsView{Kind: r.URL.Query().Get("kind"), Tested: r.URL.Query().Get("tested")}
	s.renderChannels(w, r, http.StatusOK, v)
}

func (s *Server) renderChannels(w http.ResponseWriter, r *http.Request, status int, v *channelsView) {
	accounts, err := s.ChannelAccounts.FindChannelAccounts(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Accounts, v.Kinds, v.Base = accounts, s.Channels.Kinds(), s.baseURL(r)
	if v.Kind == "" && len(v.Kinds) > 0 {
		v.Kind = v.Kinds[0].Kind
	}
	s.render(w, r, status, "channels", v)
}

// handleConnectChannel connects a new account; a failed connection test
// shows the form again with what was typed, secrets excepted.
func (s *Server) handleConnectChannel(w http.ResponseWriter, r *http.Request) {
	a := &resonanz.ChannelAccount{Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name")}
	values := map[string]string{}
	for _, k := range s.Channels.Kinds() {
		if k.Kind != a.Kind {
			continue
		}
		for _, f := range k.Fields {
			values[f.Name] = r.PostFormValue(f.Name)
		}
	}
	err := s.Channels.Connect(r.Context(), a, values)
	if code := resonanz.ErrorCode(err); code == resonanz.EINVALID {
		kept := map[string]string{}
		for _, k := range s.Channels.Kinds() {
			for _, f := range k.Fields {
				if k.Kind == a.Kind && !f.Secret {
					kept[f.Name] = values[f.Name]
				}
			}
		}
		s.renderChannels(w, r, http.StatusUnprocessableEntity, &channelsView{Kind: a.Kind, Name: a.Name, Values: kept,
			Error: s.locale(r).Error(err), Field: resonanz.ErrorField(err)})
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.releaseHeldMail(r, a)
	http.Redirect(w, r, "/settings/channels", http.StatusSeeOther)
}

func (s *Server) handleTestChannel(w http.ResponseWriter, r *http.Request) {
	id, ok := s.channelID(w, r)
	if !ok {
		return
	}
	a, err := s.ChannelAccounts.FindChannelAccountByID(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.Channels.Test(r.Context(), id); err != nil {
		s.renderChannels(w, r, http.StatusOK, &channelsView{Error: a.Name + ": " + s.locale(r).Error(err)})
		return
	}
	http.Redirect(w, r, "/settings/channels?tested="+url.QueryEscape(a.Name), http.StatusSeeOther)
}

func (s *Server) handlePauseChannel(w http.ResponseWriter, r *http.Request) {
	id, ok := s.channelID(w, r)
	if !ok {
		return
	}
	paused := r.PostFormValue("paused") == "1"
	if err := s.ChannelAccounts.SetChannelAccountPaused(r.Context(), id, paused); err != nil {
		s.pageError(w, r, err)
		return
	}
	if !paused {
		a, err := s.ChannelAccounts.FindChannelAccountByID(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.releaseHeldMail(r, a)
	}
	http.Redirect(w, r, "/settings/channels", http.StatusSeeOther)
}

func (s *Server) handleDeleteChannel(w http.ResponseWriter, r *http.Request) {
	id, ok := s.channelID(w, r)
	if !ok {
		return
	}
	if err := s.ChannelAccounts.DeleteChannelAccount(r.Context(), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/channels", http.StatusSeeOther)
}

func (s *Server) channelID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such channel account.").Keyed("channel.account.unknown"))
		return 0, false
	}
	return id, true
}
