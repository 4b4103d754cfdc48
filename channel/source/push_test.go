package source_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/source"
)

const testSecret = "a-long-random-secret-of-the-shop"

func newSource(t testing.TB, settings map[string]string) *source.Channel {
	t.Helper()
	c, err := source.New(&resonanz.ChannelAccount{ID: 7, Kind: "source", Name: "Shop", Settings: settings},
		map[string]string{"secret": testSecret}, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParsePush(t *testing.T) {
	c := newSource(t, map[string]string{"topic": "shop"})
	sign := func(body string) string { return source.Sign([]byte(testSecret), []byte(body)) }
	t.Run("OK", func(t *testing.T) {
		body := `{"messages": [
			{"id": "order-4711-1", "text": "Wo bleibt meine Bestellung?", "time": "2026-05-04T10:30:00+02:00",
			 "customer": {"id": "K-1001", "name": "Kim Meyer", "email": "Kim@Example.org"}},
			{"id": "order-4711-2", "text": "Danke!", "customer": {"email": "kim@example.org"}, "reply_to": "r-9", "topic": "lob"}]}`
		msgs, err := c.ParseWebhook([]byte(body), sign(body))
		if err != nil {
			t.Fatal(err)
		}
		a, b := msgs[0], msgs[1]
		if a.Channel != "system" || a.ExternalID != "src7:order-4711-1" || a.Author.Handle != "src7:K-1001" || a.Author.DisplayName != "Kim Meyer" ||
			a.Author.CustomerRef != "kim@example.org" || a.Visibility != resonanz.Private || a.AccountID != 7 || a.TopicHint != "shop" ||
			!a.Time.Equal(time.Date(2026, 5, 4, 8, 30, 0, 0, time.UTC)) {
			t.Fatalf("%+v", a)
		}
		if b.Author.Handle != "kim@example.org" || b.ReplyTo != "src7:r-9" || b.TopicHint != "lob" || b.Time.IsZero() {
			t.Fatalf("%+v", b)
		}
	})
	t.Run("ErrSignature", func(t *testing.T) {
		body := `{"messages": [{"id": "1", "text": "x", "customer": {"id": "c"}}]}`
		for _, sig := range []string{"", "sha256=00", sign(body + " "), strings.TrimPrefix(sign(body), "sha256=")} {
			if _, err := c.ParseWebhook([]byte(body), sig); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
				t.Fatalf("signature %q: %v", sig, err)
			}
		}
		other := source.Sign([]byte("another-secret-of-16+"), []byte(body))
		if _, err := c.ParseWebhook([]byte(body), other); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
			t.Fatalf("another source's secret: %v", err)
		}
	})
	many := `{"messages": [` + strings.TrimSuffix(strings.Repeat(`{"id": "x", "text": "x", "customer": {"id": "c"}},`, 101), ",") + `]}`
	for _, tc := range []struct{ name, body, field string }{
		{"ErrNotJSON", `messages=1`, ""},
		{"ErrTwoValues", `{"messages": []} {}`, ""},
		{"ErrNoMessages", `{"messages": []}`, ""},
		{"ErrTooMany", many, ""},
		{"ErrNoID", `{"messages": [{"text": "x", "customer": {"id": "c"}}]}`, "messages[0].id"},
		{"ErrNoCustomer", `{"messages": [{"id": "1", "text": "x"}]}`, "messages[0].customer"},
		{"ErrNoText", `{"messages": [{"id": "1", "text": " ", "customer": {"id": "c"}}]}`, "messages[0].text"},
		{"ErrEmail", `{"messages": [{"id": "1", "text": "x", "customer": {"email": "Kim <kim@example.org>"}}]}`, "messages[0].customer.email"},
		{"ErrTopic", `{"messages": [{"id": "1", "text": "x", "customer": {"id": "c"}, "topic": "Lob!"}]}`, "messages[0].topic"},
		{"ErrFuture", fmt.Sprintf(`{"messages": [{"id": "1", "text": "x", "customer": {"id": "c"}, "time": %q}]}`,
			time.Now().Add(time.Hour).Format(time.RFC3339)), "messages[0].time"},
		{"ErrSecondMessage", `{"messages": [{"id": "1", "text": "x", "customer": {"id": "c"}}, {"id": "2", "customer": {"id": "c"}}]}`, "messages[1].text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ParseWebhook([]byte(tc.body), sign(tc.body))
			if resonanz.ErrorCode(err) != resonanz.EINVALID || resonanz.ErrorField(err) != tc.field {
				t.Fatalf("err = %v (field %q), want EINVALID about %q", err, resonanz.ErrorField(err), tc.field)
			}
		})
	}
}

func TestSourceSettings(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		settings    map[string]string
		secret      string
	}{
		{"ErrShortSecret", "secret", map[string]string{}, "kurz"},
		{"ErrReplyURL", "reply_url", map[string]string{"reply_url": "ftp://shop.example/x"}, testSecret},
		{"ErrPublicChannel", "channel", map[string]string{"channel": "review"}, testSecret},
		{"ErrUnknownChannel", "channel", map[string]string{"channel": "fax"}, testSecret},
		{"ErrTopic", "topic", map[string]string{"topic": "Bestellung"}, testSecret},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := source.New(&resonanz.ChannelAccount{Kind: "source", Settings: tc.settings}, map[string]string{"secret": tc.secret}, http.DefaultClient)
			if resonanz.ErrorField(err) != tc.field {
				t.Fatalf("err = %v, want one about %q", err, tc.field)
			}
		})
	}
}
