package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// TestPrivacyCommands: a person found by handle is exported as JSON and as
// a page, erased only with --confirm, and gone from a later export.
func TestPrivacyCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	cmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append(args, "--data", dir), &out, &errOut)
		return out.String(), err
	}
	if _, err := cmd("privacy", "retention"); err != nil { // makes the data directory
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "x1", Author: resonanz.Author{Handle: "holger@example.org",
		DisplayName: "Holger Wendlandt"}, Text: "Mein Toaster qualmt", Visibility: resonanz.Private, Time: time.Now()}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	out, err := cmd("privacy", "export", "Holger@example.org")
	if err != nil || !json.Valid([]byte(out)) || !strings.Contains(out, "Mein Toaster qualmt") {
		t.Fatalf("export json: %v\n%s", err, out)
	}
	out, err = cmd("privacy", "export", "1", "--format", "html", "--lang", "de")
	if err != nil || !strings.Contains(out, "Was wir über Sie gespeichert haben") || !strings.Contains(out, "Holger Wendlandt") {
		t.Fatalf("export html: %v\n%s", err, out)
	}
	if _, err := cmd("privacy", "erase", "1"); err == nil || !strings.Contains(err.Error(), "--confirm") {
		t.Fatalf("erase without --confirm: %v", err)
	}
	if out, err = cmd("privacy", "erase", "holger@example.org", "--confirm"); err != nil || !strings.Contains(out, "messages") {
		t.Fatalf("erase: %v\n%s", err, out)
	}
	out, err = cmd("privacy", "export", "1")
	if err != nil || strings.Contains(out, "Toaster") || strings.Contains(out, "Holger") {
		t.Fatalf("export after the erasure: %v\n%s", err, out)
	}
	if _, err := cmd("privacy", "export", "holger@example.org"); err == nil {
		t.Fatal("the erased handle is still found")
	}
	if out, err = cmd("privacy", "retention", "email", "24"); err != nil || !strings.Contains(out, "email    24") {
		t.Fatalf("retention: %v\n%s", err, out)
	}
	if _, err = cmd("privacy", "retention", "email", "999"); err == nil {
		t.Fatal("a retention of 999 months was accepted")
	}
}
