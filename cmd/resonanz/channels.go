package main

import (
	"context"
	"fmt"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/webhook"

	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/email"
	"github.com/resonanz/resonanz/channel/feed"
	"github.com/resonanz/resonanz/channel/form"
	"github.com/resonanz/resonanz/channel/mastodon"
	"github.com/resonanz/resonanz/channel/meta"
	"github.com/resonanz/resonanz/channel/source"
	"github.com/resonanz/resonanz/outbox"
)

// channelAdapters are the kinds of accounts this resonanz connects.
var channelAdapters = []channel.Adapter{mastodon.Adapter, meta.Adapter, email.Adapter, form.Adapter, feed.Adapter, source.Adapter}

// setChannels opens the registry of channel accounts and makes what sends
// replies; call it before the jobs start.
func (m *Main) setChannels() error {
	c := m.Config
	sealer, err := channel.LoadSealer(c.SecretKey, c.DataDir)
	if err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	if _, err := channel.ParseAllow(c.AllowOutbound); err != nil {
		return fmt.Errorf("--allow-outbound: %w", err)
	}
	m.Channels = channel.NewRegistry(m.DB, sealer, c.outbound(30*time.Second), channelAdapters...)
	m.channelHealth = &channel.Health{Accounts: m.DB, Logger: m.Logger,
		Alerters: []channel.Alerter{&channel.AdminAlerter{Notifications: m.DB, Users: m.DB}}}
	m.tellOfFailingChannels()
	m.replySender = &outbox.Sender{Registry: m.Channels, Health: m.channelHealth, Gap: c.SendGap}
	return nil
}

// tellOfFailingChannels adds the webhooks and the alert email, if any, to
// those told when an account turns red.
func (m *Main) tellOfFailingChannels() {
	c := m.Config
	if len(c.Webhooks) == 0 && len(c.AlertEmail) == 0 {
		return
	}
	n := &webhook.ChannelNotifier{URLs: c.Webhooks, BaseURL: "http://" + c.Addr, Queue: m.DB}
	if len(c.AlertEmail) > 0 {
		n.Mail = func(p webhook.ChannelPayload) *resonanz.AlertMail {
			return alertmail.ComposeChannelFailing(c.AlertEmail, p.Account.Name, p.LastError, p.Failures, p.URL)
		}
	}
	m.channelHealth.Alerters = append(m.channelHealth.Alerters, n)
}

// pollLoop fetches new messages of every account until its ctx ends.
func (m *Main) pollLoop() func(context.Context) {
	return m.poller.Run
}
