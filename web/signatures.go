package web

import (
	"net/http"

	"github.com/resonanz/resonanz"
)

// signatureLanguages are the languages signatures are kept in.
var signatureLanguages = []string{resonanz.LangGerman, resonanz.LangEnglish}

type signaturesView struct {
	Languages []string
	Mine      map[string]string // language → text
	Teams     []teamSignatures  // for leads
	Error     string
}

type teamSignatures struct {
	Team  *resonanz.Team
	Texts map[string]string
}

// handleSignatures shows the user's own signatures and, to leads, every team's.
func (s *Server) handleSignatures(w http.ResponseWriter, r *http.Request) {
	s.renderSignatures(w, r, http.StatusOK, "")
}

func (s *Server) renderSignatures(w http.ResponseWriter, r *http.Request, status int, problem string) {
	ctx, u := r.Context(), userFrom(r.Context())
	v := signaturesView{Languages: signatureLanguages, Mine: map[string]string{}, Error: problem}
	mine, err := s.Signatures.UserSignatures(ctx, u.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, sig := range mine {
		v.Mine[sig.Language] = sig.Text
	}
	if isLead(u) {
		teams, err := s.Users.FindTeams(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		all, err := s.Signatures.TeamSignatures(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, t := range teams {
			ts := teamSignatures{Team: t, Texts: map[string]string{}}
			for _, sig := range all {
				if sig.TeamID == t.ID {
					ts.Texts[sig.Language] = sig.Text
				}
			}
			v.Teams = append(v.Teams, ts)
		}
	}
	s.render(w, r, status, "signatures", v)
}

// handleSaveMySignature saves the user's own signatures, one per language.
func (s *Server) handleSaveMySignature(w http.ResponseWriter, r *http.Request) {
	s.saveSignatures(w, r, resonanz.Signature{UserID: userFrom(r.Context()).ID})
}

// handleSaveTeamSignature saves a team's signatures: leads only.
func (s *Server) handleSaveTeamSignature(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.saveSignatures(w, r, resonanz.Signature{TeamID: id})
}

func (s *Server) saveSignatures(w http.ResponseWriter, r *http.Request, owner resonanz.Signature) {
	var err error
	for _, lang := range signatureLanguages {
		sig := owner
		sig.Language, sig.Text = lang, r.PostFormValue("text_"+lang)
		if err = s.Signatures.SaveSignature(r.Context(), &sig); err != nil {
			break
		}
	}
	s.settingsDone(w, r, err, "/signatures", func(status int, problem string) { s.renderSignatures(w, r, status, problem) })
}
