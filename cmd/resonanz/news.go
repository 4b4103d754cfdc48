package main

import (
	"context"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/webhook"
)

// newsLoop queues alert news for the webhooks and the alert email until
// its ctx ends; nil when none are configured.
func (m *Main) newsLoop() func(context.Context) {
	c := m.Config
	if len(c.Webhooks) == 0 && len(c.AlertEmail) == 0 {
		return nil
	}
	n := &webhook.Notifier{URLs: c.Webhooks, BaseURL: m.URL(), Alerts: m.DB, Queue: m.DB, Logger: m.Logger}
	if len(c.AlertEmail) > 0 {
		n.Mail = func(p webhook.Payload) *resonanz.AlertMail {
			return alertmail.Compose(c.AlertEmail, p.Event, p.Alert, p.URL, m.zone)
		}
	}
	return func(ctx context.Context) { n.Run(ctx, m.Events) }
}
