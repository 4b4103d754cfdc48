package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/eventhook"
	"github.com/resonanz/resonanz/webhook"
)

// setDeliveries gives the store's jobs the means to deliver alert news by
// webhook and email; call it before the timers start.
func (m *Main) setDeliveries() {
	c := m.Config
	m.DB.DeliveryBackoff = c.DeliveryBackoff
	m.DB.SetEventSender(&eventhook.Sender{Client: c.outbound(10 * time.Second), Now: time.Now})
	if len(c.Webhooks) > 0 {
		// Webhooks leave through the same guarded client as the channels:
		// an address typed into the settings never reaches internal targets
		// unless --allow-outbound names them.
		s := &webhook.Sender{Secret: c.WebhookSecret, Client: c.outbound(10 * time.Second), Now: time.Now}
		m.DB.SetWebhookDeliverer(s)
	}
	if len(c.AlertEmail) > 0 {
		s := &alertmail.Sender{Addr: c.SMTP, From: c.SMTPFrom, User: c.SMTPUser, Password: c.SMTPPassword, Now: time.Now}
		m.DB.SetAlertMailer(s)
	}
}

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
