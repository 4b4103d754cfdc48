package webhook

import (
	"context"
	"encoding/json"

	"github.com/resonanz/resonanz"
)

// EventChannelFailing tells that a channel account failed several times in
// a row: replies wait and messages may not be fetched until someone looks.
const EventChannelFailing = "channel.failing"

// ChannelPayload is the JSON body of a channel health delivery.
type ChannelPayload struct {
	Event     string         `json:"event"`
	Account   ChannelAccount `json:"account"`
	Failures  int            `json:"failures"`
	LastError string         `json:"last_error"`
	Backlog   int            `json:"backlog"` // replies waiting
	URL       string         `json:"url,omitempty"`
}

// ChannelAccount is what a receiver learns of the account.
type ChannelAccount struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// ChannelNotifier tells the webhooks and the alert email that a channel
// account turned red.
type ChannelNotifier struct {
	URLs    []string
	BaseURL string
	Queue   interface {
		EnqueueNews(ctx context.Context, n *resonanz.AlertNews) error
	}
	// Mail composes the email; nil: no email.
	Mail func(p ChannelPayload) *resonanz.AlertMail
}

// ChannelFailing queues the news.
func (n *ChannelNotifier) ChannelFailing(ctx context.Context, a *resonanz.ChannelAccount, h resonanz.ChannelHealth) error {
	p := ChannelPayload{Event: EventChannelFailing, Account: ChannelAccount{ID: a.ID, Kind: a.Kind, Name: a.Name},
		Failures: h.Failures, LastError: h.LastError, Backlog: h.Backlog}
	if n.BaseURL != "" {
		p.URL = n.BaseURL + "/settings/channels"
	}
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	item := &resonanz.AlertNews{Event: p.Event, Payload: body, URLs: n.URLs}
	if n.Mail != nil {
		item.Mail = n.Mail(p)
	}
	return n.Queue.EnqueueNews(ctx, item)
}
