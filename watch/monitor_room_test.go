package watch_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/watch"
)

// Complaints of the app topic that are not the storm's.
var otherComplaints = []string{
	"Mein Rabattcode wird in der App nicht angenommen.",
	"Falscher Artikel geliefert, bestellt hatte ich etwas anderes.",
	"Die Kündigung meiner Mitgliedschaft wird nicht bestätigt.",
	"The discount code does not work in the app.",
	"Newsletter kommt trotz Abmeldung weiter.",
}

// The storm: carts emptied by an update, said in several ways, a fifth in English.
var cartComplaints = []string{
	"Mein Warenkorb ist nach dem Update komplett leer!",
	"Warenkorb gelöscht nach dem Update, alle Artikel weg #Warenkorbweg",
	"Nach dem Update ist der Warenkorb leer. Unmöglich.",
	"Habe eine Stunde den Warenkorb gefüllt, nach dem Update alles weg.",
	"My cart is empty after the update!",
}

// storedTexts ingests one message per time, with the texts in turn, and
// returns them as the monitor observes them.
func storedTexts(t *testing.T, db *store.DB, prefix string, times []time.Time, texts []string) []watch.Observed {
	t.Helper()
	var msgs []resonanz.IncomingMessage
	for i, at := range times {
		text := texts[i%len(texts)]
		lang := resonanz.LangGerman
		if strings.Contains(text, " the ") {
			lang = resonanz.LangEnglish
		}
		msgs = append(msgs, resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprint(prefix, i), Visibility: resonanz.Public,
			Author: resonanz.Author{Handle: fmt.Sprint("@", prefix, i)}, Text: text, Time: at,
			Analysis: resonanz.Analysis{Language: lang, Sentiment: resonanz.Negative, Topics: []string{"app"}}})
	}
	res, err := db.Ingest(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]watch.Observed, len(msgs))
	for i, m := range msgs {
		out[i] = watch.Observed{MessageID: res[i].MessageID, Channel: m.Channel, Author: m.Author.Handle, Text: m.Text, Time: m.Time, Analysis: m.Analysis}
	}
	return out
}

// A storm about emptied carts while the topic's other complaints go on:
// the crisis room holds the carts, in German and English, and leaves the
// rest in the inbox, saying for each how sure it is and why.
func TestMonitorRoomHoldsOneCritique(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	mon, err := watch.NewMonitor(watch.DefaultConfig(), db, events.NewBus())
	if err != nil {
		t.Fatal(err)
	}
	mon.Replay(storedTexts(t, db, "quiet", every(stormStart.Add(-10*24*time.Hour), stormStart, time.Hour), otherComplaints))
	storm := storedTexts(t, db, "storm", every(stormStart, stormStart.Add(time.Hour), 45*time.Second), cartComplaints)
	others := storedTexts(t, db, "other", every(stormStart.Add(time.Minute), stormStart.Add(time.Hour), 5*time.Minute), otherComplaints)
	both := append(append([]watch.Observed(nil), storm...), others...)
	slices.SortStableFunc(both, func(a, b watch.Observed) int { return a.Time.Compare(b.Time) })
	if err := mon.Observe(ctx, both); err != nil {
		t.Fatal(err)
	}
	alerts, err := storetest.AlertsWithRooms(ctx, db, true)
	if err != nil || len(alerts) != 1 {
		t.Fatalf("alerts %v, %v; want one", alerts, err)
	}
	in, err := db.RoomMessages(ctx, alerts[0].ID, true, 1000)
	if err != nil {
		t.Fatal(err)
	}
	out, err := db.RoomMessages(ctx, alerts[0].ID, false, 1000)
	if err != nil {
		t.Fatal(err)
	}
	english := 0
	for _, m := range in {
		if !strings.Contains(m.Message.ExternalID, "storm") {
			t.Errorf("in the room, but not the storm's: %q (%s %v)", m.Message.Text, m.Reason, m.Evidence)
		}
		if m.Reason == "" || len(m.Evidence) == 0 || m.Score <= 0 {
			t.Errorf("no reason told for %q: %+v", m.Message.Text, m.AlertMember)
		}
		if m.Message.Analysis.Language == resonanz.LangEnglish {
			english++
		}
	}
	for _, m := range out {
		if strings.Contains(m.Message.ExternalID, "storm") {
			t.Errorf("left out, but the storm's: %q (score %.2f)", m.Message.Text, m.Score)
		}
	}
	// The storm's first minutes come before its alarm's window opens.
	if len(in) < len(storm)*9/10 || english == 0 || len(out) < len(others)*9/10 {
		t.Fatalf("room holds %d of %d storm messages (%d in English), %d of %d other complaints left out",
			len(in), len(storm), english, len(out), len(others))
	}
	if alerts[0].Messages != len(in) || alerts[0].Authors != len(in) {
		t.Fatalf("alert counts %d messages by %d people, the room holds %d", alerts[0].Messages, alerts[0].Authors, len(in))
	}
}
