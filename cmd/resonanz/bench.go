package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/rawinsert"
)

const benchUsage = `Measure resonanz on a database of N realistic messages, through its HTTP API and UI:
ingest throughput (batches of 500; single messages from 16 concurrent clients), inbox page
latency (first and deep page, with and without filters), search latency, database size and
peak memory. Each N gets a fresh database in a temporary directory (or under --data), or
with --database a fresh schema bench_<N>_<random> in that PostgreSQL database.`

// benchConfig is what 'resonanz bench' measures.
type benchConfig struct {
	sizes     []int
	singles   int // single-message requests sent after the batch build
	samples   int // requests per latency figure
	dataDir   string
	database  string // a PostgreSQL address; empty for SQLite
	keepData  bool
	batchSize int
	logs      io.Writer // where the server's warnings and errors go
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := benchConfig{logs: stderr}
	var sizes string
	fs := newFlagSet("bench", benchUsage, stderr)
	fs.StringVar(&sizes, "n", "100000,1000000", "comma-separated database sizes in messages")
	fs.IntVar(&cfg.singles, "singles", 30000, "single-message requests for the single ingest figure")
	fs.IntVar(&cfg.samples, "samples", 300, "requests per latency figure")
	fs.StringVar(&cfg.dataDir, "data", "", "parent directory for the bench databases (default: a temporary directory)")
	fs.StringVar(&cfg.database, "database", "", "PostgreSQL address postgres://… to measure in, a new schema per size, instead of SQLite")
	fs.BoolVar(&cfg.keepData, "keep", false, "keep the bench databases (and PostgreSQL schemas)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1000 {
			return fmt.Errorf("bench: -n wants sizes of at least 1000, got %q", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.database != "" && !store.IsPostgres(cfg.database) {
		return fmt.Errorf("bench: --database %q: want a PostgreSQL address postgres://user@host:port/name", redactURL(cfg.database))
	}
	cfg.batchSize = 500
	if cfg.dataDir == "" {
		dir, err := os.MkdirTemp("", "resonanz-bench-")
		if err != nil {
			return err
		}
		cfg.dataDir = dir
	}
	if !cfg.keepData {
		defer os.RemoveAll(cfg.dataDir)
	}
	fmt.Fprintf(stdout, "resonanz bench on %d CPU cores, data under %s\n", numCPU(), cfg.dataDir)
	if cfg.database != "" {
		fmt.Fprintf(stdout, "database: PostgreSQL at %s\n", redactURL(cfg.database))
	}
	for _, n := range cfg.sizes {
		if err := benchSize(ctx, cfg, n, stdout); err != nil {
			return err
		}
	}
	return nil
}

// schema makes a fresh PostgreSQL schema named after prefix, names it on
// out, and returns its address and how to let go of it: drop it, unless --keep.
func (cfg benchConfig) schema(ctx context.Context, prefix string, out io.Writer) (string, func(), error) {
	address, name, drop, err := benchSchema(ctx, cfg.database, prefix)
	if err != nil {
		return "", nil, err
	}
	if cfg.keepData {
		fmt.Fprintf(out, "PostgreSQL schema %s (kept)\n", name)
		return address, func() {}, nil
	}
	fmt.Fprintf(out, "PostgreSQL schema %s (dropped afterwards)\n", name)
	return address, func() {
		if err := drop(); err != nil {
			fmt.Fprintf(out, "could not drop schema %s: %v\n", name, err)
		}
	}, nil
}

// rawRate measures the engine's own insert of msgs, in batches as the
// ingest sends them, and names what it measured: plain INSERTs into a SQLite
// file in dir, or a COPY into a scratch schema of the PostgreSQL database.
func (cfg benchConfig) rawRate(ctx context.Context, dir string, msgs []resonanz.IncomingMessage, out io.Writer) (float64, string, error) {
	if cfg.database == "" {
		raw, err := rawinsert.Rate(ctx, dir, msgs, cfg.batchSize)
		return raw, "raw SQLite insert", err
	}
	address, drop, err := cfg.schema(ctx, "bench_raw", out)
	if err != nil {
		return 0, "", err
	}
	defer drop()
	raw, err := rawinsert.PostgresRate(ctx, address, msgs, cfg.batchSize)
	return raw, "raw PostgreSQL COPY", err
}

// benchRun is one running server with a database being filled.
type benchRun struct {
	main   *Main
	token  string
	cookie *http.Cookie
	lead   *http.Cookie // a lead's session, for the reports
	client *http.Client
	texts  *demo.Texts
	next   atomic.Int64 // index of the next message of the stream
	start  time.Time    // when the stream's first message was written
	gap    time.Duration
	out    io.Writer
}

func benchSize(ctx context.Context, cfg benchConfig, n int, out io.Writer) error {
	fmt.Fprintf(out, "\n== N = %d messages ==\n", n)
	dir := filepath.Join(cfg.dataDir, fmt.Sprintf("n%d", n))
	c := Config{Addr: "127.0.0.1:0", DataDir: dir}
	if cfg.database != "" {
		address, drop, err := cfg.schema(ctx, fmt.Sprintf("bench_%d", n), out)
		if err != nil {
			return err
		}
		defer drop()
		c.Database = address
	}
	m := NewMain(c)
	m.Stdout, m.Logger = io.Discard, slog.New(slog.NewTextHandler(cfg.logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := m.Run(ctx); err != nil {
		return err
	}
	defer m.Close()
	// Messages arrive in time order, as they do live, spread over 30 days.
	total := n + cfg.singles
	r := &benchRun{main: m, texts: demo.NewTexts(1, time.Now()), out: out,
		start: time.Now().Add(-30 * 24 * time.Hour), gap: 30 * 24 * time.Hour / time.Duration(total),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	if err := r.login(ctx); err != nil {
		return err
	}
	start := time.Now()
	if err := r.ingestBatches(ctx, n, cfg.batchSize); err != nil {
		return err
	}
	elapsed := time.Since(start)
	ingest := float64(n) / elapsed.Seconds()
	fmt.Fprintf(out, "ingest, batches of %d (4 clients): %8.0f messages/s (%d in %s)\n",
		cfg.batchSize, ingest, n, elapsed.Round(time.Millisecond))
	if err := r.routingCaughtUp(ctx); err != nil {
		return err
	}
	start = time.Now()
	if err := r.ingestSingles(ctx, cfg.singles, 16); err != nil {
		return err
	}
	elapsed = time.Since(start)
	fmt.Fprintf(out, "ingest, single messages (16 clients): %8.0f messages/s (%d in %s)\n",
		float64(cfg.singles)/elapsed.Seconds(), cfg.singles, elapsed.Round(time.Millisecond))
	if err := m.DB.Optimize(ctx); err != nil {
		return err
	}
	if err := r.latencies(ctx, cfg.samples); err != nil {
		return err
	}
	size, err := dirSize(dir)
	if err == nil && c.Database != "" {
		size, err = schemaSize(ctx, c.Database)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "database size: %.1f MiB (%.0f bytes per message)\n", float64(size)/(1<<20), float64(size)/float64(n+cfg.singles))
	fmt.Fprintf(out, "peak RSS (server and load clients in one process): %s\n", peakRSS())
	// The raw insert comes last: at ten million it takes a while, and the
	// figures above do not wait for it.
	raw, what, err := cfg.rawRate(ctx, dir, r.stream(0, n), out)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s of the same rows with full-text index: %8.0f rows/s; ingest is %.0f %% of it\n", what, raw, 100*ingest/raw)
	return nil
}

// routingCaughtUp waits until the router has taken in every conversation
// the ingest left it, and says how long that took: ingest can outrun
// routing, and the pages are measured on a server that has caught up.
func (r *benchRun) routingCaughtUp(ctx context.Context) error {
	start := time.Now()
	for {
		pending, err := r.main.DB.PendingRoutes(ctx, 1)
		if err != nil {
			return err
		}
		if len(pending) == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
	fmt.Fprintf(r.out, "routing caught up %s after the last batch\n", time.Since(start).Round(100*time.Millisecond))
	return nil
}

// login makes an API token and a UI session for the measurements.
func (r *benchRun) login(ctx context.Context) error {
	db := r.main.DB
	token, err := db.CreateAPIToken(ctx, "bench")
	if err != nil {
		return err
	}
	u := &resonanz.User{Login: "bench", Name: "Bench", Role: resonanz.RoleAgent}
	if err := db.CreateUser(ctx, u, newPassword()); err != nil {
		return err
	}
	session, _, err := db.CreateSession(ctx, u.ID, 24*time.Hour)
	if err != nil {
		return err
	}
	r.token, r.cookie = token, &http.Cookie{Name: "resonanz_session", Value: session}
	lead := &resonanz.User{Login: "bench-lead", Name: "Bench Lead", Role: resonanz.RoleLead}
	if err := db.CreateUser(ctx, lead, newPassword()); err != nil {
		return err
	}
	if session, _, err = db.CreateSession(ctx, lead.ID, 24*time.Hour); err != nil {
		return err
	}
	r.lead = &http.Cookie{Name: "resonanz_session", Value: session}
	return nil
}

// ingestBatches fills the database with n messages in batches, from 4 clients, showing progress.
func (r *benchRun) ingestBatches(ctx context.Context, n, size int) error {
	batches := make(chan int)
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for count := range batches {
				if err := r.post(ctx, r.take(count)); err != nil {
					once.Do(func() { firstErr = err })
				}
			}
		}()
	}
	step := max(n/10, size)
	for sent := 0; sent < n && firstErr == nil; sent += size {
		if sent > 0 && sent%step < size {
			fmt.Fprintf(r.out, "  … %d messages sent\n", sent)
		}
		batches <- min(size, n-sent)
	}
	close(batches)
	wg.Wait()
	return firstErr
}

// ingestSingles sends count messages one per request from the given number of clients.
func (r *benchRun) ingestSingles(ctx context.Context, count, clients int) error {
	var left atomic.Int64
	left.Store(int64(count))
	errs := make(chan error, clients)
	for range clients {
		go func() {
			for left.Add(-1) >= 0 {
				msgs := r.take(1)
				if err := r.post(ctx, msgs[0]); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	var firstErr error
	for range clients {
		if err := <-errs; err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// take returns the next count messages of the stream.
func (r *benchRun) take(count int) []resonanz.IncomingMessage {
	first := int(r.next.Add(int64(count))) - count
	return r.stream(first, count)
}

// stream returns count messages of the stream from the first on.
func (r *benchRun) stream(first, count int) []resonanz.IncomingMessage {
	msgs := make([]resonanz.IncomingMessage, count)
	for i := range msgs {
		msgs[i] = r.texts.Message(first + i)
		msgs[i].Time = r.start.Add(time.Duration(first+i) * r.gap)
	}
	return msgs
}

func (r *benchRun) post(ctx context.Context, payload any) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", r.main.URL()+"/api/v1/messages", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("bench: API answered %d: %s", resp.StatusCode, answer)
	}
	return nil
}
