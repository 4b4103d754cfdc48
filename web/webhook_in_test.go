package web_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"testing"

	"github.com/resonanz/resonanz"
)

// TestWebhookPush: a platform's pushes pass the handshake and the signature
// check, land as messages of the account, and a replay stores nothing twice.
func TestWebhookPush(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	secrets, err := testSealer.Seal(map[string]string{"verify_token": "v-123", "app_secret": "app-secret", "page_token": "page-token"})
	if err != nil {
		t.Fatal(err)
	}
	page := &resonanz.ChannelAccount{Kind: "meta", Name: "Shop-Seite", Settings: map[string]string{"page_id": "1000"}, SealedSecrets: secrets}
	if err := db.CreateChannelAccount(ctx, page); err != nil {
		t.Fatal(err)
	}
	hook := base + "/hooks/" + itoa(page.ID)
	t.Run("Handshake", func(t *testing.T) {
		status, body := get(t, hook+"?hub.mode=subscribe&hub.verify_token=v-123&hub.challenge=4711")
		if status != http.StatusOK || body != "4711" {
			t.Fatalf("%d %q", status, body)
		}
		if status, _ := get(t, hook+"?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=4711"); status != http.StatusForbidden {
			t.Fatalf("a wrong verify token: %d", status)
		}
	})
	body := []byte(`{"object":"page","entry":[{"id":"1000","time":1764000000000,"messaging":[{"sender":{"id":"55"},"recipient":{"id":"1000"},
		"timestamp":1764000000000,"message":{"mid":"m.1","text":"Meine Bestellung ist nicht angekommen"}}]}]}`)
	t.Run("ErrBadSignature", func(t *testing.T) {
		if status := push(t, hook, body, "sha256="+hex.EncodeToString(make([]byte, 32))); status != http.StatusUnauthorized {
			t.Fatalf("a bad signature: %d", status)
		}
	})
	t.Run("SignedPushAndReplay", func(t *testing.T) {
		mac := hmac.New(sha256.New, []byte("app-secret"))
		mac.Write(body)
		sig := "sha256=" + hex.EncodeToString(mac.Sum(nil))
		for range 2 {
			if status := push(t, hook, body, sig); status != http.StatusOK {
				t.Fatalf("a signed push: %d", status)
			}
		}
		page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Channel: "facebook", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Conversations) != 1 {
			t.Fatalf("%d facebook conversations, want 1", len(page.Conversations))
		}
		tl, err := db.Timeline(ctx, page.Conversations[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tl.Entries) != 1 || tl.Entries[0].Message.Visibility != resonanz.Private {
			t.Fatalf("timeline %+v", tl.Entries)
		}
	})
	t.Run("UnknownAccount", func(t *testing.T) {
		if status := push(t, base+"/hooks/999", body, "x"); status != http.StatusNotFound {
			t.Fatalf("an unknown account: %d", status)
		}
	})
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func push(t *testing.T, url string, body []byte, sig string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("X-Hub-Signature-256", sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
