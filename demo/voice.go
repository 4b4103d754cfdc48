package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
)

// voiceMessages are customer messages of the demo that praise a named agent
// or suggest an improvement, labelled as the analysis would.
var voiceMessages = []struct {
	channel, handle, name, kind, topic, text string
}{
	{"mastodon", "@jana@example.social", "Jana", resonanz.KindPraise, "delivery", "Tom hat mein verlorenes Paket in zehn Minuten gefunden. Danke, Tom!"},
	{"email", "f.wolf@example.org", "Frank Wolf", resonanz.KindPraise, "delivery", "Ein großes Lob an Aylin Kaya: freundlich, schnell und die Abholung klappte sofort."},
	{"mastodon", "@mika@example.social", "Mika", resonanz.KindPraise, "delivery", "Euer Versandteam ist einfach klasse, so macht Einkaufen Spaß."},
	{"mastodon", "@ole@example.social", "Ole", resonanz.KindSuggestion, "delivery", "Bitte eine Abholstation am Hauptbahnhof, dann muss ich nicht zur Post."},
	{"email", "s.kern@example.org", "Sabine Kern", resonanz.KindSuggestion, "delivery", "Eine Abholstation am Hauptbahnhof wäre für Pendler ideal."},
	{"mastodon", "@lu@example.social", "Lu", resonanz.KindSuggestion, "delivery", "Lieferung auch samstags wäre super."},
	{"mastodon", "@ben@example.social", "Ben", resonanz.KindSuggestion, "app", "Die App bräuchte einen dunklen Modus für abends."},
	{"email", "h.roth@example.org", "Hanna Roth", resonanz.KindSuggestion, "app", "Bitte die Sendungsverfolgung direkt in der App anzeigen."},
}

// setUpVoice stores the demo's praise and suggestions in the delivery
// and app teams, collects them, and works the board a little: two station
// wishes merged, one entry planned, one done, one declined.
func setUpVoice(ctx context.Context, db Store, lead *resonanz.User) error {
	teams, err := db.FindTeams(ctx)
	if err != nil {
		return err
	}
	teamOf := map[string]int64{}
	for _, t := range teams {
		for _, topic := range t.Topics {
			teamOf[topic] = t.ID
		}
	}
	now := time.Now().UTC()
	for i, v := range voiceMessages {
		m := resonanz.IncomingMessage{Channel: v.channel, ExternalID: fmt.Sprintf("demo-voice-%d", i),
			Author: resonanz.Author{Handle: v.handle, DisplayName: v.name}, Text: v.text, Visibility: resonanz.Private,
			Time: now.Add(time.Duration(i-len(voiceMessages)) * 3 * time.Hour), Analysis: resonanz.Analysis{Kind: v.kind, Topics: []string{v.topic},
				Language: resonanz.LangGerman, Sentiment: resonanz.Positive}}
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{m})
		if err != nil {
			return err
		}
		team := teamOf[v.topic]
		if err := db.UpdateConversation(ctx, res[0].ConversationID, lead, resonanz.ConversationUpdate{TeamID: &team}); err != nil {
			return err
		}
	}
	if _, err := db.CollectVoice(ctx, 10000); err != nil {
		return err
	}
	return workBoard(ctx, db, lead)
}

// workBoard merges the two station wishes and decides on some entries.
func workBoard(ctx context.Context, db Store, lead *resonanz.User) error {
	entries, err := db.Suggestions(ctx, 0)
	if err != nil {
		return err
	}
	byText := map[string]*resonanz.Suggestion{}
	for _, s := range entries {
		byText[s.Messages[0].Text] = s
	}
	station, pendler := byText[voiceMessages[3].text], byText[voiceMessages[4].text]
	saturday, dark, tracking := byText[voiceMessages[5].text], byText[voiceMessages[6].text], byText[voiceMessages[7].text]
	if station == nil || pendler == nil || saturday == nil || dark == nil || tracking == nil {
		return fmt.Errorf("demo suggestions missing from the board")
	}
	if err := db.MergeSuggestion(ctx, pendler.ID, station.ID, lead); err != nil {
		return err
	}
	for id, status := range map[int64]string{station.ID: resonanz.SuggestionPlanned, tracking.ID: resonanz.SuggestionDone, saturday.ID: resonanz.SuggestionDeclined} {
		if err := db.SetSuggestionStatus(ctx, id, status, lead); err != nil {
			return err
		}
	}
	return nil
}
