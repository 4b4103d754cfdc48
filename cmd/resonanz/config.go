package main

import (
	"flag"
	"path/filepath"
	"strconv"
)

// Config is how resonanz runs; flags override RESONANZ_* environment variables.
type Config struct {
	Addr    string // where the server listens
	DataDir string // where the database and files live
	Demo    bool   // load demo data into an empty database
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
}
