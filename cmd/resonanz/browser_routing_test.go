package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// TestBrowserRoutingRuleAndClock: a lead tries and saves a routing rule and
// an SLA policy; a message sent through the API then lands in the right team,
// assigned, with a clock in the inbox and the reason on the conversation.
func TestBrowserRoutingRuleAndClock(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	team, err := m.DB.CreateTeam(bg, "Versand")
	must(t, err)
	team.Members, team.RoundRobin = []int64{agent.ID}, true
	must(t, m.DB.SaveTeam(bg, team))
	token, _ := m.DB.CreateAPIToken(bg, "test")
	teamID := strconv.FormatInt(team.ID, 10)

	logIn(t, ctx, m, lead)
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/settings/rules"), chromedp.WaitVisible("#rule-form"),
		chromedp.SendKeys("#rule-name", "Pakete"), chromedp.Click("#rule-topic-delivery"),
		chromedp.SetValue("#rule-team", teamID), chromedp.SetValue("#rule-priority", "high"),
		chromedp.SendKeys("#rule-sample", "Wo bleibt mein Paket? Die Lieferung ist seit einer Woche überfällig."),
		chromedp.Click("#rule-test")))
	waitFor(t, ctx, `document.querySelector("#test-team") && document.querySelector("#test-team").textContent === "Versand"`)
	if why := evalString(t, ctx, `document.querySelector("#rule-result .reasons").textContent`); !strings.Contains(why, "Pakete") {
		t.Fatalf("the try-it box does not name the rule: %q", why)
	}
	if rules, _ := m.DB.FindRules(bg); len(rules) != 0 {
		t.Fatal("trying a rule saved it")
	}
	must(t, chromedp.Do(ctx, chromedp.Click("#rule-save"), chromedp.WaitVisible("#rules")))

	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/settings/sla"), chromedp.WaitVisible("#policy-form"),
		chromedp.SendKeys("#policy-name", "Versand schnell"), chromedp.SetValue("#policy-team", teamID),
		chromedp.SendKeys("#policy-first", "120"), chromedp.Click("#policy-save"), chromedp.WaitVisible("#policies")))

	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "p1",
		Author: resonanz.Author{Handle: "kim@example.org", DisplayName: "Kim"}, Text: "Mein Paket ist nicht angekommen, die Lieferung fehlt.",
		Visibility: resonanz.Private, Time: time.Now()})
	deadline := time.Now().Add(20 * time.Second)
	for {
		must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/"), chromedp.WaitVisible("#inbox")))
		row := evalString(t, ctx, `(document.querySelector("tr.conversation") || {textContent: ""}).textContent`)
		if strings.Contains(row, "Versand") && strings.Contains(row, "due in") {
			if !strings.Contains(row, "Tom Berger") || !strings.Contains(row, "high") {
				t.Fatalf("routed row lacks owner or priority: %q", row)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the message did not arrive routed with a clock: %q", row)
		}
		time.Sleep(200 * time.Millisecond)
	}
	must(t, chromedp.Do(ctx, chromedp.Click("tr.conversation a"), chromedp.WaitVisible("#case-route")))
	if why := evalString(t, ctx, `document.querySelector("#case-route").textContent`); !strings.Contains(why, "Pakete") {
		t.Fatalf("the conversation does not say which rule routed it: %q", why)
	}
	if clock := evalString(t, ctx, `document.querySelector("#case-sla").textContent`); !strings.Contains(clock, "first response") ||
		!strings.Contains(clock, "Versand schnell") {
		t.Fatalf("the conversation's clock reads %q", clock)
	}
}
