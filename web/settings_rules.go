package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

type rulesView struct {
	Rules         []ruleLine
	Edit          *resonanz.Rule // the rule in the form; ID 0 for a new one
	Teams         []*resonanz.Team
	Users         []*resonanz.User
	Labels        labelChoices
	Urgency       []string
	Channels      []resonanz.ChannelInfo
	Priorities    []string
	Error         string
	Sample        string // the sample message of the last test
	SampleChannel string
	Test          *ruleTest
}

// ruleLine is a rule as the list shows it: its conditions and actions in words.
type ruleLine struct {
	*resonanz.Rule
	Conditions, Actions []string
}

// ruleTest is what routing would do with a sample message, and the answer
// time it would get.
type ruleTest struct {
	Analysis  resonanz.Analysis
	Decision  resonanz.RouteDecision
	TeamName  string
	OwnerName string
	SLA       policyChoice
}

var urgencyKinds = []string{resonanz.UrgentPublic, resonanz.UrgentLegal, resonanz.UrgentCancel, resonanz.UrgentSafety, resonanz.UrgentRepeat}

func (s *Server) handleRules(w http.ResponseWriter, r *http.Request) {
	v, err := s.rulesView(r, nil)
	if err == nil {
		if id, _ := strconv.ParseInt(r.URL.Query().Get("edit"), 10, 64); id != 0 {
			for _, l := range v.Rules {
				if l.ID == id {
					v.Edit = l.Rule
				}
			}
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "rules", v)
}

// rulesView gathers the rules page; edit, when given, is the rule in the form.
func (s *Server) rulesView(r *http.Request, edit *resonanz.Rule) (*rulesView, error) {
	ctx := r.Context()
	rules, err := s.Rules.FindRules(ctx)
	if err != nil {
		return nil, err
	}
	v := &rulesView{Edit: edit, Labels: s.labelChoices(), Urgency: urgencyKinds, Channels: resonanz.Channels, Priorities: resonanz.Priorities}
	if v.Edit == nil {
		v.Edit = &resonanz.Rule{Enabled: true}
	}
	if v.Teams, err = s.Users.FindTeams(ctx); err != nil {
		return nil, err
	}
	if v.Users, err = s.Users.FindUsers(ctx); err != nil {
		return nil, err
	}
	loc := s.locale(r)
	for _, rule := range rules {
		v.Rules = append(v.Rules, describeRule(loc, rule, v.Teams, v.Users))
	}
	return v, nil
}

func (s *Server) handleSaveRule(w http.ResponseWriter, r *http.Request) {
	rule, err := ruleFromForm(r, s.labelChoices())
	if err == nil {
		err = s.Rules.SaveRule(r.Context(), rule)
	}
	if err != nil {
		s.rulesFormError(w, r, rule, err)
		return
	}
	http.Redirect(w, r, "/settings/rules", http.StatusSeeOther)
}

// handleTestRule shows where a sample message would go with the rule in the
// form as if it were saved, without saving it.
func (s *Server) handleTestRule(w http.ResponseWriter, r *http.Request) {
	rule, err := ruleFromForm(r, s.labelChoices())
	if err != nil {
		s.rulesFormError(w, r, rule, err)
		return
	}
	v, err := s.rulesView(r, rule)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Sample, v.SampleChannel = strings.TrimSpace(r.PostFormValue("sample")), r.PostFormValue("sample_channel")
	if v.Sample == "" {
		v.Error = s.locale(r).T("rules.sample.missing")
		s.render(w, r, http.StatusBadRequest, "rules", v)
		return
	}
	rules := make([]*resonanz.Rule, 0, len(v.Rules)+1)
	for _, l := range v.Rules {
		if l.ID != rule.ID {
			rules = append(rules, l.Rule)
		} else {
			rules = append(rules, rule)
		}
	}
	if rule.ID == 0 {
		rule.Position = len(rules) + 1
		rules = append(rules, rule)
	}
	a := s.Analyzer.Analyze(v.Sample)
	in := &resonanz.RouteInput{Channel: v.SampleChannel, Language: a.Language, Sentiment: a.Sentiment, Kind: a.Kind,
		Topics: a.Topics, Urgency: a.Urgency, VIP: r.PostFormValue("sample_vip") == "1", Text: v.Sample}
	t := &ruleTest{Analysis: a, Decision: s.TryRules(rules, in)}
	for _, team := range v.Teams {
		if team.ID == t.Decision.TeamID {
			t.TeamName = team.Name
		}
	}
	for _, u := range v.Users {
		if u.ID == t.Decision.OwnerID {
			t.OwnerName = u.Name
		}
	}
	if t.SLA, err = s.choosePolicy(r.Context(), t.Decision, in.Channel); err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Test = t
	s.render(w, r, http.StatusOK, "rules", v)
}

func (s *Server) rulesFormError(w http.ResponseWriter, r *http.Request, rule *resonanz.Rule, err error) {
	v, verr := s.rulesView(r, rule)
	if verr != nil || resonanz.ErrorCode(err) == resonanz.EINTERNAL {
		s.pageError(w, r, err)
		return
	}
	v.Error = s.locale(r).Error(err)
	s.render(w, r, errorStatus(err), "rules", v)
}

func (s *Server) handleMoveRule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		delta := 1
		if r.PostFormValue("dir") == "up" {
			delta = -1
		}
		err = s.Rules.MoveRule(r.Context(), id, delta)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/rules", http.StatusSeeOther)
}

func (s *Server) handleDeleteRule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Rules.DeleteRule(r.Context(), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/rules", http.StatusSeeOther)
}

// ruleFromForm reads the rule form; the rule is returned also on error, so the form keeps what was typed.
func ruleFromForm(r *http.Request, labels labelChoices) (*resonanz.Rule, error) {
	var channels []string
	for _, ch := range resonanz.Channels {
		channels = append(channels, ch.Name)
	}
	rule := &resonanz.Rule{Name: r.PostFormValue("name"), Enabled: r.PostFormValue("enabled") == "1", Continue: r.PostFormValue("continue") == "1",
		Conditions: resonanz.RuleConditions{
			Channels: formValues(r, "channel", channels), Kinds: formValues(r, "kind", labels.Kinds),
			Sentiments: formValues(r, "sentiment", labels.Sentiments), Topics: formValues(r, "topic", labels.Topics),
			Languages: formValues(r, "language", labels.Languages), Urgency: formValues(r, "urgency", urgencyKinds),
			Urgent: r.PostFormValue("urgent") == "1", VIP: r.PostFormValue("vip") == "1", Repeat: r.PostFormValue("repeat") == "1",
			Keywords: formList(r, "keywords")},
		Actions: resonanz.RuleActions{Priority: r.PostFormValue("priority"), Tags: formList(r, "tags")}}
	var err error
	if rule.ID, err = optionalID(r, "id"); err != nil {
		return rule, err
	}
	if rule.Actions.TeamID, err = optionalID(r, "team"); err != nil {
		return rule, err
	}
	rule.Actions.OwnerID, err = optionalID(r, "owner")
	return rule, err
}

// describeRule puts a rule's conditions and actions in the reader's words.
func describeRule(loc *locale, r *resonanz.Rule, teams []*resonanz.Team, users []*resonanz.User) ruleLine {
	l := ruleLine{Rule: r}
	c := r.Conditions
	labelled := func(key, prefix string, values []string) {
		if len(values) == 0 {
			return
		}
		var parts []string
		for _, v := range values {
			parts = append(parts, loc.Label(prefix, v))
		}
		l.Conditions = append(l.Conditions, loc.T(key)+": "+strings.Join(parts, " / "))
	}
	labelled("channel", "channel", c.Channels)
	labelled("kind", "kind", c.Kinds)
	labelled("sentiment", "sentiment", c.Sentiments)
	labelled("topic", "topic", c.Topics)
	labelled("language", "language", c.Languages)
	labelled("urgency", "urgency", c.Urgency)
	for _, flag := range []struct {
		key string
		on  bool
	}{{"urgent", c.Urgent}, {"rules.vip", c.VIP}, {"rules.repeat", c.Repeat}} {
		if flag.on {
			l.Conditions = append(l.Conditions, loc.T(flag.key))
		}
	}
	if len(c.Keywords) > 0 {
		l.Conditions = append(l.Conditions, loc.T("rules.keywords")+": "+strings.Join(c.Keywords, ", "))
	}
	a := r.Actions
	for _, t := range teams {
		if t.ID == a.TeamID {
			l.Actions = append(l.Actions, loc.T("team")+" "+t.Name)
		}
	}
	if a.Priority != "" {
		l.Actions = append(l.Actions, loc.T("priority")+" "+loc.Label("priority", a.Priority))
	}
	if len(a.Tags) > 0 {
		l.Actions = append(l.Actions, loc.T("tags")+" "+strings.Join(a.Tags, ", "))
	}
	for _, u := range users {
		if u.ID == a.OwnerID {
			l.Actions = append(l.Actions, loc.T("owner")+" "+u.Name)
		}
	}
	return l
}
