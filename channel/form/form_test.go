package form_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/form"
	"github.com/resonanz/resonanz/store/storetest"
)

// Forms are connected like any account; a second form with the same
// address is refused, naming the field.
func TestConnectForms(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	sealer, err := channel.NewSealer(strings.Repeat("cd", 32))
	if err != nil {
		t.Fatal(err)
	}
	r := channel.NewRegistry(db, sealer, http.DefaultClient, form.Adapter)
	connect := func(name string, values map[string]string) error {
		return r.Connect(ctx, &resonanz.ChannelAccount{Kind: "form", Name: name}, values)
	}
	t.Run("OK", func(t *testing.T) {
		if err := connect("Kontakt", map[string]string{"slug": "kontakt", "consent": "Ich bin einverstanden."}); err != nil {
			t.Fatal(err)
		}
		ch, a, err := r.Open(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if ch.Caps().ReplyVia != "email" || a.Settings["consent"] != "Ich bin einverstanden." {
			t.Fatalf("caps %+v, settings %v", ch.Caps(), a.Settings)
		}
	})
	t.Run("ErrSlugTaken", func(t *testing.T) {
		if err := connect("Noch ein Kontakt", map[string]string{"slug": "kontakt"}); resonanz.ErrorField(err) != "slug" {
			t.Fatalf("err = %v, want the address refused as taken", err)
		}
	})
	t.Run("ErrBadEmbed", func(t *testing.T) {
		if err := connect("Eingebettet", map[string]string{"slug": "eingebettet", "embed": "https://shop.example 'unsafe-inline'"}); resonanz.ErrorField(err) != "embed" {
			t.Fatalf("err = %v", err)
		}
	})
}
