// Package form connects the company's public web forms as channel
// accounts of kind "form": people write without signing up anywhere, on
// /forms/{slug} or on a store's tablet (the kiosk), and the replies go by
// email to the address they gave. The pages themselves are served by web.
package form

import (
	"context"
	"errors"
	"net/http"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

// Adapter sets up web forms.
var Adapter = channel.Adapter{
	Kind:  "form",
	Label: "Web form",
	Fields: []channel.Field{
		{Name: "slug", Label: "channel.field.slug", Required: true, Unique: true, Example: "kontakt"},
		{Name: "topic", Label: "channel.field.topic", Example: "service"},
		{Name: "consent", Label: "channel.field.consent", Example: "Ich bin einverstanden, dass meine Angaben zur Beantwortung gespeichert werden."},
		{Name: "embed", Label: "channel.field.embed", Example: "https://shop.example"},
		{Name: "store", Label: "channel.field.store", Example: "Filiale Mitte"},
	},
	New: New,
}

// Channel is one web form. Nothing is fetched: the form's page hands what
// people send straight to ingest.
type Channel struct {
	Form *resonanz.ContactForm
}

// New reads a form's settings.
func New(a *resonanz.ChannelAccount, _ map[string]string, _ *http.Client) (resonanz.Channel, error) {
	f, err := resonanz.ContactFormOf(a)
	if err != nil {
		return nil, err
	}
	return &Channel{Form: f}, nil
}

// Caps: the replies go by an email account, to the address given.
func (c *Channel) Caps() resonanz.ChannelCaps { return resonanz.ChannelCaps{ReplyVia: "email"} }

// Check has nothing to connect to.
func (c *Channel) Check(context.Context) error { return nil }

// Receive fetches nothing: the form's page takes messages in.
func (c *Channel) Receive(_ context.Context, cursor string) (*resonanz.Received, error) {
	return &resonanz.Received{Cursor: cursor}, nil
}

// Send is never asked: the outbox sends a form's replies by email.
func (c *Channel) Send(context.Context, *resonanz.Outgoing) (*resonanz.Sent, error) {
	return nil, resonanz.Permanent(errors.New("a web form sends no replies itself; they go by email"))
}
