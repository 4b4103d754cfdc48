package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/resonanz/resonanz/outbox"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/analyze/learn"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/cluster"
	"github.com/resonanz/resonanz/demo"
	natsevents "github.com/resonanz/resonanz/events/nats"
	"github.com/resonanz/resonanz/followup"
	"github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/metrics"
	"github.com/resonanz/resonanz/report"
	"github.com/resonanz/resonanz/route"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/voice"
	"github.com/resonanz/resonanz/watch"
	"github.com/resonanz/resonanz/web"
)

// Main is the whole program, so that tests can start and stop it as a user would.
type Main struct {
	Config Config
	Stdout io.Writer
	Logger *slog.Logger

	DB       *store.DB
	jobs     *jobs.Queue // the durable jobs of DB
	Events   resonanz.EventService
	cluster  *natsevents.Service // the nodes sharing Events; nil: one node alone
	presence resonanz.PresenceService
	Channels *channel.Registry
	// Links sign the links of the customers' own pages.
	Links *linksign.Signer

	zone *time.Location // the company's time zone

	ingester     *ingest.Ingester
	storms       *watch.Relay
	server       *http.Server
	stopRequests context.CancelFunc
	voice        *voice.Collector
	metrics      *metrics.Registry
	listener     net.Listener
	// stopSolo stops what a node alone runs (soloWork); in a cluster,
	// leading closes when the node has stopped trying to lead.
	stopSolo func()
	leading  chan struct{}

	channelHealth *channel.Health
	replySender   *outbox.Sender
	poller        *channel.Poller // run by soloWork
	// history is what the storm monitor learns from; nil: the database.
	// Tests hold it to see resonanz serve while the monitor warms up.
	history watch.History
}

// NewMain returns a program with default settings that prints to stdout.
func NewMain(cfg Config) *Main {
	return &Main{Config: cfg, Stdout: os.Stdout, Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))}
}

// Run opens the database, prepares users and demo data, and starts serving.
// It returns once the server listens; Close stops it.
func (m *Main) Run(ctx context.Context) error {
	if err := m.Config.check(); err != nil {
		return err
	}
	zone, err := m.Config.location()
	if err != nil {
		return err
	}
	m.zone = zone
	analyzer, err := analyze.New()
	if err != nil {
		return fmt.Errorf("load analysis models: %w", err)
	}
	db, queue, err := openStoreJobs(ctx, m.Config)
	if err != nil {
		return err
	}
	m.DB, m.jobs = db, queue
	if err := db.CountReportsIn(ctx, zone); err != nil {
		return err
	}
	if err := m.setChannels(); err != nil {
		return err
	}
	if m.Links, err = linksign.Load(m.Config.LinkKey, m.Config.DataDir); err != nil {
		return fmt.Errorf("link key: %w", err)
	}
	if m.Config.PublicURL != "" {
		m.Links.SetBase(m.Config.PublicURL)
	}
	db.Links = m.Links
	// Listening first tells the links their address before the demo's
	// surveys need it; nothing is served before Run ends.
	ln, err := m.listen()
	if err != nil {
		return err
	}
	m.listener = ln
	if m.Config.PublicURL == "" {
		m.Links.SetBase(m.URL())
		if !m.Config.Demo {
			m.Logger.Warn("no --public-url: the links in surveys and emails point to the address resonanz listens on", "address", m.URL())
		}
	}
	loaded := false
	if m.Config.Demo {
		if loaded, err = demo.Load(ctx, db, analyzer, m.Stdout); err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
	} else if err := ensureAdmin(ctx, db, m.Stdout); err != nil {
		return err
	}
	if err := m.openEvents(ctx); err != nil {
		return err
	}
	m.storms = &watch.Relay{}
	live, learner, err := learn.Start(ctx, analyzer, db, m.Logger)
	if err != nil {
		return err
	}
	db.SetLearnDelay(m.Config.LearnDelay)
	m.metrics = metrics.New()
	m.voice = voice.NewCollector(db, m.Logger)
	m.ingester = ingest.New(db, live, m.storms.Observe, m.metrics.ObserveIngest, m.voice.Observe)
	files := m.Config.attachments()
	m.ingester.Files = files
	m.poller = &channel.Poller{Registry: m.Channels, Ingest: m.ingester, Health: m.channelHealth, Logger: m.Logger, Interval: m.Config.PollInterval}
	srv := web.NewServer(web.Services{Messages: m.ingester, Conversations: db, Users: db, Search: db, Alerts: db, Promises: db, Goodwill: db,
		Events: m.Events, Rules: db, SLA: db, Notifications: db, Reports: db, RouteStore: db, Analyzer: live, TryRules: route.TryRules, CheckCalendar: route.CheckCalendar,
		Topics: db, BuiltinTopics: analyze.BuiltinTopics(), ReloadTopics: live.Reload, SuggestSeedTerms: live.Suggest(db.LabelCorrections), Models: learner,
		Channels: m.Channels, ChannelAccounts: db, Outbox: db, Contacts: db, Privacy: db, Help: db, Canned: db, Signatures: db, UserAdmin: db, Presence: m.presence,
		Attachments: db, Files: files, AutoReplies: m.replySender,
		EventWebhooks: db, Operations: db, Metrics: m.metrics, Praise: db, Suggestions: db,
		Dashboards: &report.Reporter{Facts: db, SLA: db, Location: m.zone},
		Consent:    db, Surveys: db, Links: m.Links}, m.Logger)
	// The reports' days and the inbox's periods they link to start at the company's midnight.
	srv.Location = m.zone
	names, err := live.Reload(ctx)
	if err != nil {
		return fmt.Errorf("load topics: %w", err)
	}
	srv.SetTopics(names)
	srv.TrustedProxies = m.Config.TrustedProxies
	srv.StormsWarming = m.storms.Warming
	// Requests run under a context that Close cancels, so that live event
	// streams end instead of holding the shutdown.
	base, cancel := context.WithCancel(context.Background())
	m.stopRequests = cancel
	m.server = m.Config.httpServer(srv, base)
	// Every node runs the durable jobs (SLA timers, deliveries); the queue
	// hands each to one of them.
	if err := m.startJobs(base, learner); err != nil {
		return err
	}
	if m.clustered() {
		m.leading = make(chan struct{})
		go func() {
			defer close(m.leading)
			cluster.Lead(base, db, "solo", leaseRetry, m.Logger, m.soloWork(loaded))
		}()
	} else if m.stopSolo, err = m.soloWork(loaded)(base); err != nil {
		return err
	}
	go func() {
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Logger.Error("serve", "err", err)
		}
	}()
	fmt.Fprintf(m.Stdout, "resonanz is running at %s (data in %s)\n", m.URL(), m.Config.DataDir)
	return nil
}

// listen opens the server's port, with TLS when a certificate is configured;
// Go's server then offers HTTP/2 too.
func (m *Main) listen() (net.Listener, error) {
	var config *tls.Config
	if m.Config.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(m.Config.TLSCert, m.Config.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("load TLS certificate: %w", err)
		}
		config = &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}, MinVersion: tls.VersionTLS12}
	}
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	if config != nil {
		ln = tls.NewListener(ln, config)
	}
	return ln, nil
}

// Warm is closed once the storm monitor has learned from the stored
// history and observed the messages that arrived meanwhile.
func (m *Main) Warm() <-chan struct{} { return m.storms.Warm() }

// URL is where the running server answers.
func (m *Main) URL() string {
	if m.Config.TLSCert != "" {
		return "https://" + m.listener.Addr().String()
	}
	return "http://" + m.listener.Addr().String()
}

// Close stops the server, letting requests in flight finish, and closes the database.
func (m *Main) Close() error {
	if m.server == nil && m.listener != nil {
		m.listener.Close() // Run failed after listening
	}
	if m.server != nil {
		m.stopRequests()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		m.server.Shutdown(ctx)
	}
	// stopRequests ended the lead; let running work finish before the
	// database closes.
	if m.leading != nil {
		<-m.leading
	}
	if m.stopSolo != nil {
		m.stopSolo()
	}
	if m.ingester != nil {
		m.ingester.Close()
	}
	if m.cluster != nil {
		m.cluster.Close()
	}
	if m.jobs != nil {
		m.jobs.Stop()
	}
	if m.DB != nil {
		return m.DB.Close()
	}
	return nil
}

// reminderLoop checks promises every minute until its ctx ends, starting
// now so that whatever came due while resonanz was down is caught up at once.
func (m *Main) reminderLoop() func(context.Context) {
	lead := m.Config.RemindBefore
	if lead <= 0 {
		lead = time.Hour
	}
	r := followup.New(m.DB, lead, m.Logger)
	return func(ctx context.Context) { r.Run(ctx, time.Minute) }
}

// ensureAdmin creates the first admin with a random password on a database without users.
func ensureAdmin(ctx context.Context, db *store.DB, out io.Writer) error {
	users, err := db.FindUsers(ctx)
	if err != nil || len(users) > 0 {
		return err
	}
	password := newPassword()
	if err := db.CreateUser(ctx, &resonanz.User{Login: "admin", Name: "Admin", Role: resonanz.RoleAdmin}, password); err != nil {
		return err
	}
	fmt.Fprintf(out, "Created the first user. Log in as: admin / %s\n(this password is shown only once; change it with 'resonanz user reset-password admin')\n", password)
	return nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("serve", "Run resonanz: the inbox UI and the API on an embedded SQLite database.", stderr)
	serveFlags(fs, &cfg)
	if err := fs.Parse(args); err != nil {
		return err
	}
	m := NewMain(cfg)
	m.Stdout = stdout
	if err := m.Run(ctx); err != nil {
		m.Close()
		return err
	}
	<-ctx.Done()
	fmt.Fprintln(stdout, "resonanz is shutting down")
	return m.Close()
}
