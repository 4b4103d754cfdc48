package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// surveysView is the leads' page of the satisfaction surveys: the settings,
// which question which team and channel gets, and the results.
type surveysView struct {
	Settings  *resonanz.SurveySettings
	Teams     []*resonanz.Team
	Channels  []resonanz.ChannelInfo
	Questions []string
	Languages []string
	Results   []*resonanz.SurveyResult
	Days      int // of the results
	Error     string
}

// DelayMinutes is the settings' delay in minutes, for the form.
func (v surveysView) DelayMinutes() int { return int(v.Settings.Delay / time.Minute) }

// resultDays is how far back the page sums up the surveys.
const resultDays = 90

func (s *Server) handleSurveySettings(w http.ResponseWriter, r *http.Request) {
	s.renderSurveys(w, r, http.StatusOK, nil, "")
}

// renderSurveys shows the page; kept, when given, is the settings form as
// typed with the problem beside it.
func (s *Server) renderSurveys(w http.ResponseWriter, r *http.Request, status int, kept *resonanz.SurveySettings, problem string) {
	ctx := r.Context()
	v := surveysView{Channels: resonanz.Channels, Questions: resonanz.Questions, Languages: []string{resonanz.LangGerman, resonanz.LangEnglish},
		Days: resultDays, Error: problem}
	var err error
	if v.Settings, err = s.Surveys.SurveySettings(ctx); err == nil {
		if v.Teams, err = s.Users.FindTeams(ctx); err == nil {
			v.Results, err = s.Surveys.SurveyResults(ctx, s.Now().AddDate(0, 0, -resultDays))
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if kept != nil {
		kept.Choices = v.Settings.Choices
		v.Settings = kept
	}
	s.render(w, r, status, "surveys", v)
}

// handleSaveSurveySettings changes the delay, the days between surveys,
// whether to ask customers who said nothing, and the texts.
func (s *Server) handleSaveSurveySettings(w http.ResponseWriter, r *http.Request) {
	set := &resonanz.SurveySettings{AskUnknown: r.PostFormValue("ask_unknown") == "1", Footer: r.PostFormValue("footer") == "1",
		Invite: map[string]string{}, FooterText: map[string]string{}}
	for _, lang := range []string{resonanz.LangGerman, resonanz.LangEnglish} {
		set.Invite[lang], set.FooterText[lang] = r.PostFormValue("invite_"+lang), r.PostFormValue("footer_"+lang)
	}
	minutes, err := formMinutes(r, "delay")
	set.Delay = time.Duration(minutes) * time.Minute
	if err == nil {
		set.Every, err = strconv.Atoi(strings.TrimSpace(r.PostFormValue("every")))
		if err != nil {
			err = resonanz.FieldError("every", "The days between two surveys are 1 to 365.").Keyed("survey.every")
		}
	}
	if err == nil {
		err = s.Surveys.SaveSurveySettings(r.Context(), set, userFrom(r.Context()))
	}
	s.settingsDone(w, r, err, "/settings/surveys", func(status int, problem string) { s.renderSurveys(w, r, status, set, problem) })
}

// handleSaveSurveyChoice sets the question of a team and channel.
func (s *Server) handleSaveSurveyChoice(w http.ResponseWriter, r *http.Request) {
	c := &resonanz.SurveyChoice{Channel: r.PostFormValue("channel"), Question: r.PostFormValue("question")}
	var err error
	if c.TeamID, err = optionalID(r, "team"); err == nil {
		err = s.Surveys.SaveSurveyChoice(r.Context(), c, userFrom(r.Context()))
	}
	s.settingsDone(w, r, err, "/settings/surveys", func(status int, problem string) { s.renderSurveys(w, r, status, nil, problem) })
}

func (s *Server) handleDeleteSurveyChoice(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Surveys.DeleteSurveyChoice(r.Context(), id)
	}
	s.settingsDone(w, r, err, "/settings/surveys", func(status int, problem string) { s.renderSurveys(w, r, status, nil, problem) })
}
