package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/mail"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz/attachment"
	"github.com/resonanz/resonanz/channel"
	natsevents "github.com/resonanz/resonanz/events/nats"
)

// Config is how resonanz runs; flags override RESONANZ_* environment variables.
type Config struct {
	Addr    string // where the server listens
	DataDir string // where the database and files live
	// Database is a PostgreSQL address (postgres://…) to keep the data in
	// instead of the SQLite file in DataDir, which still holds the keys
	// and files.
	Database string
	Demo     bool // load demo data into an empty database
	// Zone is the company's time zone (IANA name): every page shows times
	// in it, unless a user chose a zone of their own.
	Zone string
	// TLSCert and TLSKey are PEM files; with them the server speaks HTTPS
	// and HTTP/2, so that a browser's pages share one connection.
	TLSCert, TLSKey string
	// Webhooks receive storm alerts, signed with WebhookSecret.
	Webhooks      []string
	WebhookSecret string
	// RemindBefore is how long before a promise is due its owner is reminded; 0: an hour.
	RemindBefore time.Duration
	// LearnDelay is how long after a correction the analysis learns from it; 0: three minutes.
	LearnDelay time.Duration
	// AlertQuiet is how long an alert waits for a new message before it
	// closes itself; 0: 48 hours.
	AlertQuiet time.Duration
	// AlertEmail receives a mail when an alert is raised or escalated, sent
	// through the SMTP server at SMTP from SMTPFrom.
	AlertEmail []string
	// WeeklySummary sends last week's key figures to the alert webhooks and
	// email each week (on by default on the command line).
	WeeklySummary          bool
	SMTP, SMTPFrom         string
	SMTPUser, SMTPPassword string
	// DeliveryBackoff is the pause after a failed webhook, mail or reply
	// attempt; nil: growing pauses over hours. Tests shorten it.
	DeliveryBackoff func(attempt int) time.Duration
	// SecretKey seals channel secrets (64 hex digits); empty: a key file in DataDir.
	SecretKey string
	// LinkKey signs the links of the customers' own pages (their wishes, a
	// survey), 64 hex digits; empty: the key file link.key in DataDir.
	LinkKey string
	// PublicURL is where customers reach resonanz's public pages
	// ("https://care.example"); empty: the address resonanz listens on.
	PublicURL string
	// AllowOutbound lists internal addresses channel accounts and webhooks
	// may reach (a server on the company's network); all others internal
	// are refused.
	AllowOutbound []string
	// PollInterval is how often channel accounts are asked for new messages.
	PollInterval time.Duration
	// SendGap is the least time between two replies of one account.
	SendGap time.Duration
	// MaxAttachmentMB and MaxMessageFilesMB bound the files kept of one
	// attachment and of one message's attachments together, in MB; zero:
	// attachment.DefaultMaxFile and attachment.DefaultMaxMessage.
	MaxAttachmentMB, MaxMessageFilesMB int
	// TrustedProxies are the reverse proxies in front of resonanz (addresses
	// or networks): only their X-Forwarded-Proto and X-Forwarded-For count.
	TrustedProxies []netip.Prefix
	// ReadTimeout and WriteTimeout bound reading a whole request and writing
	// its answer, so that slow clients cannot hold connections; the live
	// event stream extends its own. Zero: 30 s and 60 s. Tests shorten them.
	ReadTimeout, WriteTimeout time.Duration
	// NATS is the URL of the NATS server (with JetStream) that carries live
	// events between the nodes of a cluster; empty: one node alone.
	// NATSPrefix starts the subjects, so that clusters can share a server.
	NATS, NATSPrefix string

	proxyErr error // a bad RESONANZ_TRUSTED_PROXIES, reported by check unless the flag replaced it
}

// HTTP limits against slow and oversized requests.
const (
	readHeaderTimeout   = 10 * time.Second
	defaultReadTimeout  = 30 * time.Second
	defaultWriteTimeout = 60 * time.Second // a batch of 1,000 messages is analyzed and stored in it
	idleTimeout         = 2 * time.Minute
	maxHeaderBytes      = 64 << 10
)

// httpServer returns a server for handler with the limits of c.
func (c Config) httpServer(handler http.Handler, base context.Context) *http.Server {
	read, write := c.ReadTimeout, c.WriteTimeout
	if read <= 0 {
		read = defaultReadTimeout
	}
	if write <= 0 {
		write = defaultWriteTimeout
	}
	return &http.Server{Handler: handler, ReadHeaderTimeout: min(readHeaderTimeout, read), ReadTimeout: read, WriteTimeout: write,
		IdleTimeout: idleTimeout, MaxHeaderBytes: maxHeaderBytes, BaseContext: func(net.Listener) context.Context { return base }}
}

// outbound is the one guarded client for requests to the outside, with the
// internal targets the admin allowed.
func (c Config) outbound(timeout time.Duration) *http.Client {
	allow, _ := channel.ParseAllow(c.AllowOutbound) // checked by check
	return channel.Outbound{Allow: allow, Timeout: timeout}.Client()
}

// redactURL writes a database address without its password.
func redactURL(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return "(an address that does not parse)"
	}
	return u.Redacted()
}

// DatabasePath is the SQLite file inside the data directory.
func (c Config) DatabasePath() string { return filepath.Join(c.DataDir, "resonanz.db") }

// dataFlag adds --data, shared by every command that opens the database.
func dataFlag(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DataDir, "data", envOr("DATA", "data"), "directory for the database and files (RESONANZ_DATA)")
	fs.StringVar(&c.Database, "database", envOr("DATABASE", ""), "PostgreSQL address postgres://… to keep the data in instead of the SQLite file in --data, which still holds the keys and files (RESONANZ_DATABASE)")
}

// serveFlags adds the flags of 'resonanz serve'.
func serveFlags(fs *flag.FlagSet, c *Config) {
	dataFlag(fs, c)
	fs.StringVar(&c.Addr, "addr", envOr("ADDR", "127.0.0.1:8080"), "HOST:PORT to listen on (RESONANZ_ADDR)")
	demo, _ := strconv.ParseBool(envOr("DEMO", "false"))
	fs.BoolVar(&c.Demo, "demo", demo, "load demo data and demo users into an empty database (RESONANZ_DEMO)")
	weekly, _ := strconv.ParseBool(envOr("WEEKLY_SUMMARY", "true"))
	fs.BoolVar(&c.WeeklySummary, "weekly-summary", weekly, "send last week's key figures to the alert webhooks and email each week (RESONANZ_WEEKLY_SUMMARY)")
	fs.StringVar(&c.Zone, "zone", envOr("ZONE", defaultZone), "time zone in which pages show times, unless a user chose their own (RESONANZ_ZONE)")
	fs.StringVar(&c.TLSCert, "tls-cert", envOr("TLS_CERT", ""), "PEM certificate (chain) file: serve HTTPS and HTTP/2 (RESONANZ_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", envOr("TLS_KEY", ""), "PEM private key file of --tls-cert (RESONANZ_TLS_KEY)")
	fs.Func("webhook", "URL that receives storm alerts as signed JSON POSTs; repeat for several (RESONANZ_WEBHOOK, comma-separated)",
		func(v string) error { c.Webhooks = append(c.Webhooks, v); return nil })
	if v := envOr("WEBHOOK", ""); v != "" {
		c.Webhooks = strings.Split(v, ",")
	}
	remind, _ := time.ParseDuration(envOr("REMIND_BEFORE", "1h"))
	fs.DurationVar(&c.RemindBefore, "remind-before", remind, "remind the owner of a promise this long before it is due (RESONANZ_REMIND_BEFORE)")
	learnDelay, _ := time.ParseDuration(envOr("LEARN_DELAY", "3m"))
	fs.DurationVar(&c.LearnDelay, "learn-delay", learnDelay, "learn from agents' label corrections this long after the first of a round (RESONANZ_LEARN_DELAY)")
	quiet, _ := time.ParseDuration(envOr("ALERT_QUIET", "48h"))
	fs.DurationVar(&c.AlertQuiet, "alert-quiet", quiet, "close an alert by itself once no new message came for this long (RESONANZ_ALERT_QUIET)")
	proxyFlag(fs, c)
	fs.StringVar(&c.WebhookSecret, "webhook-secret", envOr("WEBHOOK_SECRET", ""), "shared secret that signs webhook deliveries (RESONANZ_WEBHOOK_SECRET)")
	mailFlags(fs, c)
	channelFlags(fs, c)
	fs.StringVar(&c.NATS, "nats", envOr("NATS", ""), "nats://HOST:PORT of a NATS server with JetStream that passes live updates between several resonanz nodes (RESONANZ_NATS)")
	fs.StringVar(&c.NATSPrefix, "nats-prefix", envOr("NATS_PREFIX", natsevents.DefaultPrefix), "first part of the NATS subjects of this cluster, e.g. resonanz.shop (RESONANZ_NATS_PREFIX)")
	fs.StringVar(&c.PublicURL, "public-url", envOr("PUBLIC_URL", ""), "where customers reach resonanz, e.g. https://care.example: the start of the signed links in surveys and emails; default: the address it listens on (RESONANZ_PUBLIC_URL)")
	fs.StringVar(&c.LinkKey, "link-key", envOr("LINK_KEY", ""), "key that signs the links of the customers' own pages, 64 hex digits; default: the file link.key in the data directory, made on first start (RESONANZ_LINK_KEY)")
}

// channelFlags adds the flags of the channel accounts.
func channelFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.SecretKey, "secret-key", envOr("SECRET_KEY", ""), "key that seals channel tokens at rest, 64 hex digits; default: the file secret.key in the data directory, made on first start (RESONANZ_SECRET_KEY)")
	c.AllowOutbound = splitList(envOr("ALLOW_OUTBOUND", ""))
	fs.Func("allow-outbound", "internal address or prefix a channel account may reach (e.g. 10.0.0.5); comma-separated for several (RESONANZ_ALLOW_OUTBOUND)",
		func(v string) error { c.AllowOutbound = append(c.AllowOutbound, splitList(v)...); return nil })
	poll, _ := time.ParseDuration(envOr("POLL", "15s"))
	fs.DurationVar(&c.PollInterval, "poll", poll, "how often channel accounts are asked for new messages (RESONANZ_POLL)")
	gap, _ := time.ParseDuration(envOr("SEND_GAP", "1s"))
	fs.DurationVar(&c.SendGap, "send-gap", gap, "least time between two replies of one channel account (RESONANZ_SEND_GAP)")
	fileMB, _ := strconv.Atoi(envOr("ATTACHMENT_MAX_MB", strconv.Itoa(attachment.DefaultMaxFile>>20)))
	fs.IntVar(&c.MaxAttachmentMB, "attachment-max-mb", fileMB, "largest attachment kept for download, in MB; a larger one is listed as not kept (RESONANZ_ATTACHMENT_MAX_MB)")
	messageMB, _ := strconv.Atoi(envOr("MESSAGE_FILES_MAX_MB", strconv.Itoa(attachment.DefaultMaxMessage>>20)))
	fs.IntVar(&c.MaxMessageFilesMB, "message-files-max-mb", messageMB, "most MB of attachments kept of one message (RESONANZ_MESSAGE_FILES_MAX_MB)")
}

// attachments is the keeper of attachment files in the data directory.
func (c Config) attachments() *attachment.Keeper {
	k := &attachment.Keeper{Dir: c.DataDir, MaxFile: int64(c.MaxAttachmentMB) << 20, MaxMessage: int64(c.MaxMessageFilesMB) << 20}
	if k.MaxFile <= 0 {
		k.MaxFile = attachment.DefaultMaxFile
	}
	if k.MaxMessage <= 0 {
		k.MaxMessage = attachment.DefaultMaxMessage
	}
	return k
}

// proxyFlag adds --trusted-proxies.
func proxyFlag(fs *flag.FlagSet, c *Config) {
	env := envOr("TRUSTED_PROXIES", "")
	c.TrustedProxies, c.proxyErr = parseProxies(env)
	fs.Func("trusted-proxies", "addresses or networks of the TLS proxies in front of resonanz, comma-separated, e.g. 127.0.0.1,10.0.0.0/8: "+
		"their X-Forwarded-Proto: https makes cookies Secure and turns on HSTS, their X-Forwarded-For names the client (RESONANZ_TRUSTED_PROXIES)",
		func(v string) error {
			var err error
			c.TrustedProxies, err = parseProxies(v)
			c.proxyErr = nil
			return err
		})
}

// parseProxies reads a comma-separated list of addresses and networks.
func parseProxies(v string) ([]netip.Prefix, error) {
	var list []netip.Prefix
	for _, s := range splitList(v) {
		if p, err := netip.ParsePrefix(s); err == nil {
			list = append(list, p.Masked())
		} else if ip, err := netip.ParseAddr(s); err == nil {
			list = append(list, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
		} else {
			return nil, fmt.Errorf("trusted proxy %q is neither an address nor a network like 10.0.0.0/8", s)
		}
	}
	return list, nil
}

// mailFlags adds the flags of alert email.
func mailFlags(fs *flag.FlagSet, c *Config) {
	c.AlertEmail = splitList(envOr("ALERT_EMAIL", ""))
	fromEnv := true // the flag replaces the variable
	fs.Func("alert-email", "address that gets a mail when a storm alert is raised or escalated; comma-separated for several (RESONANZ_ALERT_EMAIL)",
		func(v string) error {
			if fromEnv {
				c.AlertEmail, fromEnv = nil, false
			}
			c.AlertEmail = append(c.AlertEmail, splitList(v)...)
			return nil
		})
	fs.StringVar(&c.SMTP, "smtp", envOr("SMTP", ""), "HOST:PORT of the SMTP server for alert email; port 465 means TLS, others use STARTTLS when offered (RESONANZ_SMTP)")
	fs.StringVar(&c.SMTPFrom, "smtp-from", envOr("SMTP_FROM", ""), "sender address of alert email (RESONANZ_SMTP_FROM)")
	fs.StringVar(&c.SMTPUser, "smtp-user", envOr("SMTP_USER", ""), "SMTP login, sent only over TLS or to this machine (RESONANZ_SMTP_USER)")
	fs.StringVar(&c.SMTPPassword, "smtp-password", envOr("SMTP_PASSWORD", ""), "SMTP password (RESONANZ_SMTP_PASSWORD)")
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(v string) []string {
	var list []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			list = append(list, s)
		}
	}
	return list
}

// defaultZone is the company's time zone when none is configured.
const defaultZone = "Europe/Berlin"

// location is the company's time zone.
func (c Config) location() (*time.Location, error) {
	zone := c.Zone
	if zone == "" {
		zone = defaultZone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "Local" {
		return nil, fmt.Errorf("--zone %q is not a time zone like Europe/Berlin", zone)
	}
	return loc, nil
}

// check reports settings that cannot work together.
func (c Config) check() error {
	if c.proxyErr != nil {
		return fmt.Errorf("RESONANZ_TRUSTED_PROXIES: %w", c.proxyErr)
	}
	for _, u := range c.Webhooks {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return fmt.Errorf("--webhook %q is not an http(s) URL", u)
		}
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return fmt.Errorf("--tls-cert and --tls-key go together")
	}
	if _, err := channel.ParseAllow(c.AllowOutbound); err != nil {
		return fmt.Errorf("--allow-outbound: %w", err)
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("--public-url %q is not an address like https://care.example", c.PublicURL)
		}
	}
	if len(c.Webhooks) > 0 && c.WebhookSecret == "" {
		return fmt.Errorf("--webhook needs --webhook-secret, so that receivers can check who sent an alert")
	}
	return c.checkMail()
}

func (c Config) checkMail() error {
	if len(c.AlertEmail) == 0 {
		return nil
	}
	if c.SMTP == "" || c.SMTPFrom == "" {
		return fmt.Errorf("--alert-email needs --smtp and --smtp-from")
	}
	if _, _, err := net.SplitHostPort(c.SMTP); err != nil {
		return fmt.Errorf("--smtp %q is not HOST:PORT", c.SMTP)
	}
	for _, a := range append([]string{c.SMTPFrom}, c.AlertEmail...) {
		if addr, err := mail.ParseAddress(a); err != nil || addr.Address != a {
			return fmt.Errorf("%q is not a plain email address", a)
		}
	}
	if (c.SMTPUser == "") != (c.SMTPPassword == "") {
		return fmt.Errorf("--smtp-user and --smtp-password go together")
	}
	return nil
}
