package main

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/mastodon"
	"github.com/resonanz/resonanz/channel/meta"
	"github.com/resonanz/resonanz/outbox"
)

// channelAdapters are the kinds of accounts this resonanz connects.
var channelAdapters = []channel.Adapter{mastodon.Adapter, meta.Adapter}

// setChannels opens the registry of channel accounts and gives the store
// what sends replies; call it before the timers start.
func (m *Main) setChannels() error {
	c := m.Config
	sealer, err := channel.LoadSealer(c.SecretKey, c.DataDir)
	if err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	allow, err := channel.ParseAllow(c.AllowOutbound)
	if err != nil {
		return fmt.Errorf("--allow-outbound: %w", err)
	}
	m.Channels = channel.NewRegistry(m.DB, sealer, channel.Outbound{Allow: allow}.Client(), channelAdapters...)
	m.channelHealth = &channel.Health{Accounts: m.DB, Logger: m.Logger,
		Alerter: &channel.AdminAlerter{Notifications: m.DB, Users: m.DB}}
	m.DB.SetReplySender(&outbox.Sender{Registry: m.Channels, Health: m.channelHealth, Gap: c.SendGap})
	return nil
}

// startPolling fetches new messages of every account until ctx ends.
func (m *Main) startPolling(ctx context.Context) {
	m.poller = &channel.Poller{Registry: m.Channels, Ingest: m.ingester, Health: m.channelHealth, Logger: m.Logger, Interval: m.Config.PollInterval}
	m.pollerDone = make(chan struct{})
	go func() {
		defer close(m.pollerDone)
		m.poller.Run(ctx)
	}()
}
