package ingest_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/store/storetest"
)

// A form's message carries the form's topic, for routing rules, and the
// consent its sender gave, in the form's wording at that time.
func TestFormMessageKeepsTopicAndConsent(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	in := ingest.New(db, newAnalyzer(t))
	defer in.Close()
	wording := "Ich bin einverstanden, dass meine Angaben zur Beantwortung gespeichert werden."
	m := resonanz.IncomingMessage{Channel: "form", ExternalID: "form:x1", Author: resonanz.Author{Handle: "kim@example.org", DisplayName: "Kim"},
		Text: "Die Filiale hatte heute geschlossen, obwohl sie offen sein sollte.", Time: time.Now().Add(-time.Minute),
		Visibility: resonanz.Private, TopicHint: "filiale", Consent: wording}
	res, err := in.Ingest(ctx, []resonanz.IncomingMessage{m})
	if err != nil {
		t.Fatal(err)
	}
	tl, err := db.Timeline(ctx, res[0].ConversationID)
	if err != nil {
		t.Fatal(err)
	}
	got := tl.Entries[0].Message
	if len(got.Analysis.Topics) == 0 || got.Analysis.Topics[0] != "filiale" {
		t.Errorf("topics %v, want the form's topic first", got.Analysis.Topics)
	}
	if got.Consent != wording {
		t.Errorf("consent %q, want the form's wording", got.Consent)
	}
	if tl.Conversation.Topics[0] != "filiale" {
		t.Errorf("conversation topics %v", tl.Conversation.Topics)
	}
}
