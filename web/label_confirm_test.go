package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// An agent confirms the labels of a message with one click: each is kept
// for learning as a label the analysis got right, and nothing else changes.
func TestConfirmLabels(t *testing.T) {
	base, db, _ := newTestServer(t)
	agent, _ := logInAs(t, base, db, "ann", resonanz.RoleAgent)
	m := resonanz.IncomingMessage{Channel: "email", ExternalID: "c1", Author: resonanz.Author{Handle: "kim@example.org"}, Text: "Danke für die schnelle Hilfe",
		Visibility: resonanz.Private, Time: time.Now(), Analysis: resonanz.Analysis{Language: "de", Sentiment: resonanz.Positive, Kind: resonanz.KindPraise}}
	res, err := db.Ingest(context.Background(), []resonanz.IncomingMessage{m})
	if err != nil {
		t.Fatal(err)
	}
	status, body := agent.post(fmt.Sprint("/messages/", res[0].MessageID, "/labels/confirm"), "sentiment", "positive", "kind", "praise", "language", "de")
	if status != http.StatusSeeOther {
		t.Fatalf("confirming answered %d, want back to the conversation: %s", status, errorText(body))
	}
	corrections, err := db.LabelCorrections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range corrections {
		got[c.Field] = c.Value
	}
	if len(corrections) != 3 || got["sentiment"] != "positive" || got["kind"] != "praise" || got["language"] != "de" {
		t.Fatalf("kept for learning: %+v", corrections)
	}
	if status, _ := agent.post(fmt.Sprint("/messages/", res[0].MessageID, "/labels/confirm"), "sentiment", "furious"); status != http.StatusBadRequest {
		t.Fatalf("confirming a label no analysis gives answered %d", status)
	}
}
