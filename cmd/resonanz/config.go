package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is how resonanz runs; flags override RESONANZ_* environment variables.
type Config struct {
	Addr    string // where the server listens
	DataDir string // where the database and files live
	Demo    bool   // load demo data into an empty database
	// Webhooks receive storm alerts, signed with WebhookSecret.
	Webhooks      []string
	WebhookSecret string
	// RemindBefore is how long before a promise is due its owner is reminded; 0: an hour.
	RemindBefore time.Duration
}

// DatabasePath is the SQLite file inside the data directory.
func (c Config) DatabasePath() string { return filepath.Join(c.DataDir, "resonanz.db") }

// dataFlag adds --data, shared by every command that opens the database.
func dataFlag(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DataDir, "data", envOr("DATA", "data"), "directory for the database and files (RESONANZ_DATA)")
}

// serveFlags adds the flags of 'resonanz serve'.
func serveFlags(fs *flag.FlagSet, c *Config) {
	dataFlag(fs, c)
	fs.StringVar(&c.Addr, "addr", envOr("ADDR", "127.0.0.1:8080"), "HOST:PORT to listen on (RESONANZ_ADDR)")
	demo, _ := strconv.ParseBool(envOr("DEMO", "false"))
	fs.BoolVar(&c.Demo, "demo", demo, "load demo data and demo users into an empty database (RESONANZ_DEMO)")
	fs.Func("webhook", "URL that receives storm alerts as signed JSON POSTs; repeat for several (RESONANZ_WEBHOOK, comma-separated)",
		func(v string) error { c.Webhooks = append(c.Webhooks, v); return nil })
	if v := envOr("WEBHOOK", ""); v != "" {
		c.Webhooks = strings.Split(v, ",")
	}
	remind, _ := time.ParseDuration(envOr("REMIND_BEFORE", "1h"))
	fs.DurationVar(&c.RemindBefore, "remind-before", remind, "remind the owner of a promise this long before it is due (RESONANZ_REMIND_BEFORE)")
	fs.StringVar(&c.WebhookSecret, "webhook-secret", envOr("WEBHOOK_SECRET", ""), "shared secret that signs webhook deliveries (RESONANZ_WEBHOOK_SECRET)")
}

// check reports settings that cannot work together.
func (c Config) check() error {
	for _, u := range c.Webhooks {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return fmt.Errorf("--webhook %q is not an http(s) URL", u)
		}
	}
	if len(c.Webhooks) > 0 && c.WebhookSecret == "" {
		return fmt.Errorf("--webhook needs --webhook-secret, so that receivers can check who sent an alert")
	}
	return nil
}
