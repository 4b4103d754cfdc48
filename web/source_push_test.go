package web_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// TestSourcePush: the company's shop pushes its customers' messages to its
// own address, signed with its own secret; a wrong signature or a body
// that does not fit is refused with the reason, and nothing is stored.
func TestSourcePush(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	const secret = "shop-secret-0123456789"
	sealed, err := testSealer.Seal(map[string]string{"secret": secret})
	if err != nil {
		t.Fatal(err)
	}
	shop := &resonanz.ChannelAccount{Kind: "source", Name: "Shop", Settings: map[string]string{}, SealedSecrets: sealed}
	if err := db.CreateChannelAccount(ctx, shop); err != nil {
		t.Fatal(err)
	}
	hook := base + "/hooks/" + itoa(shop.ID)
	send := func(body, key string) (int, string) {
		t.Helper()
		mac := hmac.New(sha256.New, []byte(key))
		mac.Write([]byte(body))
		req, _ := http.NewRequest(http.MethodPost, hook, bytes.NewReader([]byte(body)))
		req.Header.Set("X-Resonanz-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	stored := func() int {
		page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Channel: "system", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return len(page.Conversations)
	}
	body := `{"messages": [{"id": "order-4711-1", "text": "Wo bleibt meine Bestellung?", "customer": {"id": "K-1001", "name": "Kim"}}]}`
	t.Run("ErrWrongSecret", func(t *testing.T) {
		if status, _ := send(body, "not-the-shop-secret"); status != http.StatusUnauthorized {
			t.Fatalf("%d", status)
		}
	})
	t.Run("ErrBodyNamesTheField", func(t *testing.T) {
		status, answer := send(`{"messages": [{"id": "1", "customer": {"id": "K"}}]}`, secret)
		if status != http.StatusBadRequest || !strings.Contains(answer, `"field":"messages[0].text"`) {
			t.Fatalf("%d %s", status, answer)
		}
	})
	t.Run("SignedPushStoredOnce", func(t *testing.T) {
		for range 2 {
			if status, answer := send(body, secret); status != http.StatusOK {
				t.Fatalf("%d %s", status, answer)
			}
		}
		if n := stored(); n != 1 {
			t.Fatalf("%d conversations, want 1", n)
		}
	})
	t.Run("NoHandshake", func(t *testing.T) {
		if status, _ := get(t, hook+"?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1"); status != http.StatusForbidden {
			t.Fatalf("%d", status)
		}
	})
}
