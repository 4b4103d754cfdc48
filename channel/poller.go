package channel

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
)

// Poller fetches what customers wrote on every active account and hands it
// to ingest; the cursor is stored only after ingest committed.
type Poller struct {
	Registry *Registry
	Ingest   resonanz.MessageService
	Health   *Health
	Logger   *slog.Logger
	// Interval between two rounds; Backoff rests failing accounts longer.
	Interval time.Duration
	// MaxPages bounds how many pages one account fetches in a round, so that
	// a long backlog does not hold up the other accounts.
	MaxPages int

	wake      chan struct{}
	mu        sync.Mutex
	listening map[int64]bool // accounts whose stream is held open
}

// Wake starts a round now (after an account was connected or resumed).
func (p *Poller) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run polls until ctx ends.
func (p *Poller) Run(ctx context.Context) {
	p.wake = make(chan struct{}, 1)
	if p.Interval == 0 {
		p.Interval = 15 * time.Second
	}
	if p.MaxPages == 0 {
		p.MaxPages = 20
	}
	for {
		p.Round(ctx)
		select {
		case <-ctx.Done():
			return
		case <-p.wake:
		case <-time.After(p.Interval):
		}
	}
}

// Round fetches once from every account that is due.
func (p *Poller) Round(ctx context.Context) {
	accounts, err := p.Registry.Accounts.FindChannelAccounts(ctx)
	if err != nil {
		p.Logger.Error("list channel accounts", "err", err)
		return
	}
	for _, a := range accounts {
		if a.Paused || a.Demo || ctx.Err() != nil {
			continue
		}
		p.listen(ctx, a)
		if time.Now().Before(a.Health.NextTry) {
			continue
		}
		if err := p.fetch(ctx, a); err != nil && ctx.Err() == nil {
			p.Health.Record(ctx, a, err, time.Now().Add(Backoff(a.Health.Failures+1)))
		}
	}
}

// listen holds the stream of an account that has one, in the background,
// waking the poller whenever something arrives; it reconnects with growing
// pauses and ends when the account is paused or removed.
func (p *Poller) listen(ctx context.Context, a *resonanz.ChannelAccount) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.listening == nil {
		p.listening = map[int64]bool{}
	}
	if p.listening[a.ID] {
		return
	}
	ch, err := p.Registry.open(a)
	s, ok := ch.(resonanz.StreamingChannel)
	if err != nil || !ok {
		return
	}
	p.listening[a.ID] = true
	go func() {
		defer func() { p.mu.Lock(); delete(p.listening, a.ID); p.mu.Unlock() }()
		for failures := 0; ctx.Err() == nil; failures++ {
			began := time.Now()
			err := s.Listen(ctx, p.Wake)
			if time.Since(began) > time.Minute {
				failures = 0 // it held a while: a drop, not a refusal
			}
			p.Logger.Debug("stream ended; polling goes on", "account", a.ID, "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(Backoff(failures + 1)):
			}
			if now, err := p.Registry.Accounts.FindChannelAccountByID(ctx, a.ID); err != nil || now.Paused {
				return
			}
		}
	}()
}

// fetch takes in an account's new messages, page by page.
func (p *Poller) fetch(ctx context.Context, a *resonanz.ChannelAccount) error {
	ch, err := p.Registry.open(a)
	if err != nil {
		return err
	}
	cursor, err := p.Registry.Accounts.ChannelCursor(ctx, a.ID)
	if err != nil {
		return err
	}
	for range p.MaxPages {
		got, err := ch.Receive(ctx, cursor)
		if err != nil {
			return err
		}
		for _, s := range got.Skipped {
			p.Logger.Info("skipped what the platform sent", "account", a.ID, "external_id", s.ExternalID, "reason", s.Reason)
		}
		if err := p.take(ctx, a, got.Messages); err != nil {
			return err
		}
		cursor = got.Cursor
		if err := p.Registry.Accounts.SaveChannelCursor(ctx, a.ID, cursor); err != nil {
			return err
		}
		if !got.More {
			break
		}
	}
	return nil
}

// take ingests fetched messages; one that does not pass validation is
// logged and skipped, so that a malformed post never stops the others.
func (p *Poller) take(ctx context.Context, a *resonanz.ChannelAccount, msgs []resonanz.IncomingMessage) error {
	valid := msgs[:0:0]
	for _, m := range msgs {
		m.AccountID = a.ID
		if m.ClampTime(time.Now()) {
			p.Logger.Warn("a message's time was implausible; it counts from its arrival", "account", a.ID, "external_id", m.ExternalID)
		}
		if err := m.Validate(); err != nil {
			p.Logger.Warn("skipped a message the platform sent", "account", a.ID, "external_id", m.ExternalID, "err", err)
			continue
		}
		valid = append(valid, m)
	}
	if len(valid) == 0 {
		return nil
	}
	_, err := p.Ingest.Ingest(ctx, valid)
	return err
}
