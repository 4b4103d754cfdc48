package main

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
)

// An urgent message on social media gets the urgent goal (one hour), not
// the social media one (two hours): a policy for a priority comes first. The
// settings list the policies in that order, and the rule tester says which
// policy a sample would get, why, and which fit but come later.
func TestUrgentGoalBeforeSocialMedia(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	m, _ := startDemoLogged(t, "")
	page, err := m.DB.FindConversations(context.Background(), resonanz.ConversationFilter{Channel: "mastodon", Priority: resonanz.PriorityUrgent, Limit: 50})
	must(t, err)
	if len(page.Conversations) == 0 {
		t.Fatal("the demo has no urgent conversation on Mastodon")
	}
	for _, c := range page.Conversations {
		if c.SLA == nil || c.SLA.PolicyName != "Dringend" {
			t.Errorf("urgent Mastodon conversation %d (%s) gets %+v, want the policy Dringend", c.ID, c.Preview, c.SLA)
		}
	}

	lead := logInWeb(t, m, "lea@example.org", demo.Password, "de")
	_, settings := lead.get("/settings/sla")
	order := regexp.MustCompile(`<td class="rank">\d+</td><td><a href="/settings/sla\?edit=\d+">([^<]+)</a>`).FindAllStringSubmatch(settings, -1)
	var names []string
	for _, o := range order {
		names = append(names, o[1])
	}
	if strings.Join(names, ", ") != "Dringend, Social Media, Standard" || !strings.Contains(settings, `id="sla-precedence"`) {
		t.Errorf("the settings list the policies as %q, want them in the order they win", names)
	}

	status, tested := lead.post("/settings/rules/test", url.Values{"name": {"Versuch"}, "sample_channel": {"mastodon"},
		"sample": {"@nordstern Wenn mein Paket nicht morgen kommt, schalte ich meinen Anwalt ein!"}})
	result := readableText(regexp.MustCompile(`(?s)<div id="rule-result".*?</div>`).FindString(tested))
	for _, want := range []string{"Priorität: dringend", "Antwortzeit: Dringend — Erstantwort 1 Std.", "Sie gilt für Priorität dringend.",
		"Passen auch, kommen aber danach: Social Media (Kanal Mastodon), Standard (alle Gespräche)."} {
		if !strings.Contains(strings.Join(strings.Fields(result), " "), want) {
			t.Errorf("the rule tester (%d) does not say %q:\n%s", status, want, result)
		}
	}
}
