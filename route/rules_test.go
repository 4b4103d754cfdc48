package route

import (
	"slices"
	"testing"

	"github.com/resonanz/resonanz"
)

func TestRuleConditions(t *testing.T) {
	email := resonanz.RouteInput{Channel: "email", Kind: "complaint", Sentiment: "negative", Language: "de",
		Topics: []string{"returns", "billing"}, Urgency: []string{"legal", "press"}, VIP: true, Repeat: true,
		Text: "Wo bleiben meine Lieferungen? Ich will den Vertrag kündigen, das Paket kam beschädigt an."}
	plain := resonanz.RouteInput{Channel: "chat", Language: "en", Text: "Hello, where is my refund?"}
	tests := []struct {
		name    string
		cond    resonanz.RuleConditions
		in      resonanz.RouteInput
		reasons []string // nil: the rule must not match
	}{
		{"Channel", resonanz.RuleConditions{Channels: []string{"chat", "email"}}, email, []string{"channel=email"}},
		{"ChannelIgnoresCase", resonanz.RuleConditions{Channels: []string{"Email"}}, email, []string{"channel=email"}},
		{"OtherChannel", resonanz.RuleConditions{Channels: []string{"email"}}, plain, nil},
		{"Kind", resonanz.RuleConditions{Kinds: []string{"complaint"}}, email, []string{"kind=complaint"}},
		{"OtherKind", resonanz.RuleConditions{Kinds: []string{"question"}}, email, nil},
		{"Sentiment", resonanz.RuleConditions{Sentiments: []string{"negative"}}, email, []string{"sentiment=negative"}},
		{"OtherSentiment", resonanz.RuleConditions{Sentiments: []string{"positive"}}, email, nil},
		{"Language", resonanz.RuleConditions{Languages: []string{"de"}}, email, []string{"language=de"}},
		{"OtherLanguage", resonanz.RuleConditions{Languages: []string{"de"}}, plain, nil},
		{"AnyTopic", resonanz.RuleConditions{Topics: []string{"delivery", "billing"}}, email, []string{"topic=billing"}},
		{"NoTopic", resonanz.RuleConditions{Topics: []string{"delivery"}}, email, nil},
		{"UrgencySignal", resonanz.RuleConditions{Urgency: []string{"press"}}, email, []string{"urgency=press"}},
		{"OtherUrgencySignal", resonanz.RuleConditions{Urgency: []string{"safety"}}, email, nil},
		{"Urgent", resonanz.RuleConditions{Urgent: true}, email, []string{"urgent=legal,press"}},
		{"NotUrgent", resonanz.RuleConditions{Urgent: true}, plain, nil},
		{"VIP", resonanz.RuleConditions{VIP: true}, email, []string{"vip="}},
		{"NotVIP", resonanz.RuleConditions{VIP: true}, plain, nil},
		{"Repeat", resonanz.RuleConditions{Repeat: true}, email, []string{"repeat="}},
		{"FirstContact", resonanz.RuleConditions{Repeat: true}, plain, nil},
		{"Keyword", resonanz.RuleConditions{Keywords: []string{"storno", "kündigen"}}, email, []string{"keyword=kündigen"}},
		{"KeywordStemmed", resonanz.RuleConditions{Keywords: []string{"Lieferung"}}, email, []string{"keyword=Lieferung"}},
		{"KeywordOtherForm", resonanz.RuleConditions{Keywords: []string{"Kündigung"}}, email, []string{"keyword=Kündigung"}},
		{"KeywordEnglishPlural", resonanz.RuleConditions{Keywords: []string{"refunds"}}, plain, []string{"keyword=refunds"}},
		{"KeywordPhrase", resonanz.RuleConditions{Keywords: []string{"Paket beschädigt"}}, email, []string{"keyword=Paket beschädigt"}},
		{"KeywordPhraseNeedsAllWords", resonanz.RuleConditions{Keywords: []string{"Paket verloren"}}, email, nil},
		{"NoKeyword", resonanz.RuleConditions{Keywords: []string{"Rechnung"}}, email, nil},
		{"KeywordWithoutWords", resonanz.RuleConditions{Keywords: []string{"!!!"}}, email, nil},
		{"NoConditions", resonanz.RuleConditions{}, plain, []string{"always="}},
		{"AllMustHold", resonanz.RuleConditions{Channels: []string{"email"}, Topics: []string{"returns"}, Keywords: []string{"kündigen"}},
			email, []string{"channel=email", "topic=returns", "keyword=kündigen"}},
		{"OneFails", resonanz.RuleConditions{Channels: []string{"email"}, VIP: true, Keywords: []string{"Rechnung"}}, email, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEngine([]*resonanz.Rule{{ID: 1, Name: "r", Enabled: true, Conditions: tt.cond, Actions: resonanz.RuleActions{TeamID: 9}}})
			d := e.Route(&tt.in)
			if tt.reasons == nil {
				if len(d.Matches) != 0 || d.TeamID != 0 {
					t.Fatalf("matched: %+v", d)
				}
				return
			}
			if len(d.Matches) != 1 || d.TeamID != 9 {
				t.Fatalf("did not match: %+v", d)
			}
			if got := d.Matches[0].Reasons; !slices.Equal(got, tt.reasons) {
				t.Errorf("reasons %q, want %q", got, tt.reasons)
			}
		})
	}
}

func rule(id int64, position int, cont bool, cond resonanz.RuleConditions, act resonanz.RuleActions) *resonanz.Rule {
	return &resonanz.Rule{ID: id, Position: position, Name: "rule", Enabled: true, Continue: cont, Conditions: cond, Actions: act}
}

func TestRouteDecision(t *testing.T) {
	email := resonanz.RuleConditions{Channels: []string{"email"}}
	always := resonanz.RuleConditions{}
	disabled := rule(9, 0, false, always, resonanz.RuleActions{TeamID: 99})
	disabled.Enabled = false
	tests := []struct {
		name     string
		rules    []*resonanz.Rule
		in       resonanz.RouteInput
		team     int64
		owner    int64
		priority string
		tags     []string
		matched  []int64
	}{
		{"NoRules", nil, resonanz.RouteInput{Channel: "email"}, 0, 0, "normal", nil, nil},
		{"NoRulesUrgent", nil, resonanz.RouteInput{Urgency: []string{"legal"}}, 0, 0, "high", nil, nil},
		{"FirstMatchWins", []*resonanz.Rule{
			rule(1, 1, false, email, resonanz.RuleActions{TeamID: 1, Tags: []string{"a"}}),
			rule(2, 2, false, always, resonanz.RuleActions{TeamID: 2, Tags: []string{"b"}}),
		}, resonanz.RouteInput{Channel: "email"}, 1, 0, "normal", []string{"a"}, []int64{1}},
		{"NoMatchFallsThrough", []*resonanz.Rule{
			rule(1, 1, false, email, resonanz.RuleActions{TeamID: 1}),
			rule(2, 2, false, always, resonanz.RuleActions{TeamID: 2}),
		}, resonanz.RouteInput{Channel: "chat"}, 2, 0, "normal", nil, []int64{2}},
		{"ContinueAppliesLaterRules", []*resonanz.Rule{
			rule(1, 1, true, email, resonanz.RuleActions{TeamID: 1, Priority: "low", Tags: []string{"a"}, OwnerID: 7}),
			rule(2, 2, true, always, resonanz.RuleActions{TeamID: 2, Tags: []string{"a", "b"}}),
			rule(3, 3, false, always, resonanz.RuleActions{Priority: "urgent", OwnerID: 8}),
			rule(4, 4, false, always, resonanz.RuleActions{TeamID: 4, Tags: []string{"c"}}),
		}, resonanz.RouteInput{Channel: "email"}, 2, 8, "urgent", []string{"a", "b"}, []int64{1, 2, 3}},
		{"PositionOrderNotSliceOrder", []*resonanz.Rule{
			rule(1, 5, false, always, resonanz.RuleActions{TeamID: 1}),
			rule(3, 2, false, always, resonanz.RuleActions{TeamID: 3}),
			rule(2, 2, false, always, resonanz.RuleActions{TeamID: 2}),
		}, resonanz.RouteInput{}, 2, 0, "normal", nil, []int64{2}},
		{"DisabledSkipped", []*resonanz.Rule{disabled, nil, rule(1, 1, false, always, resonanz.RuleActions{TeamID: 1})},
			resonanz.RouteInput{}, 1, 0, "normal", nil, []int64{1}},
		{"RulePriorityBeatsUrgencyDefault", []*resonanz.Rule{rule(1, 1, false, always, resonanz.RuleActions{Priority: "low"})},
			resonanz.RouteInput{Urgency: []string{"press"}}, 0, 0, "low", nil, []int64{1}},
		{"InvalidPriorityIgnored", []*resonanz.Rule{rule(1, 1, false, always, resonanz.RuleActions{Priority: "asap"})},
			resonanz.RouteInput{Urgency: []string{"press"}}, 0, 0, "high", nil, []int64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewEngine(tt.rules).Route(&tt.in)
			var matched []int64
			for _, m := range d.Matches {
				matched = append(matched, m.RuleID)
			}
			if d.TeamID != tt.team || d.OwnerID != tt.owner || d.Priority != tt.priority ||
				!slices.Equal(d.Tags, tt.tags) || !slices.Equal(matched, tt.matched) {
				t.Errorf("got team %d owner %d priority %s tags %q rules %v; want team %d owner %d priority %s tags %q rules %v",
					d.TeamID, d.OwnerID, d.Priority, d.Tags, matched, tt.team, tt.owner, tt.priority, tt.tags, tt.matched)
			}
		})
	}
}

func TestRouteWithoutEngineOrInput(t *testing.T) {
	var e *Engine
	if d := e.Route(nil); d.Priority != resonanz.PriorityNormal || len(d.Matches) != 0 {
		t.Errorf("nil engine: %+v", d)
	}
	if d := NewEngine([]*resonanz.Rule{rule(1, 1, false, resonanz.RuleConditions{}, resonanz.RuleActions{TeamID: 3})}).Route(nil); d.TeamID != 3 {
		t.Errorf("nil input: %+v", d)
	}
}
