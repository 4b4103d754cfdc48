package web_test

import (
	"bufio"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
	ingester "github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/metrics"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/web"
)

// sample is one parsed line of the Prometheus text format.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

// parseExposition reads the text format strictly enough to catch what a
// Prometheus server would refuse: every sample of a family announced by
// TYPE, labels quoted, values numbers.
func parseExposition(t *testing.T, text string) []sample {
	t.Helper()
	types := map[string]string{}
	var out []sample
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if f, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, kind, _ := strings.Cut(f, " ")
			types[name] = kind
			continue
		} else if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		s := sample{labels: map[string]string{}}
		rest := line
		if i := strings.IndexByte(line, '{'); i >= 0 {
			s.name = line[:i]
			end := strings.LastIndexByte(line, '}')
			for _, pair := range strings.Split(line[i+1:end], ",") {
				k, v, ok := strings.Cut(pair, "=")
				uq, err := strconv.Unquote(v)
				if !ok || err != nil {
					t.Fatalf("bad label %q in %q", pair, line)
				}
				s.labels[k] = uq
			}
			rest = strings.TrimSpace(line[end+1:])
		} else {
			s.name, rest, _ = strings.Cut(line, " ")
		}
		v, err := strconv.ParseFloat(rest, 64)
		if err != nil {
			t.Fatalf("bad value in %q", line)
		}
		s.value = v
		family := s.name
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if base, ok := strings.CutSuffix(s.name, suffix); ok && types[base] == "histogram" {
				family = base
			}
		}
		if types[family] == "" {
			t.Fatalf("sample %q has no TYPE", line)
		}
		out = append(out, s)
	}
	return out
}

func find(samples []sample, name string, labels ...string) (float64, bool) {
	for _, s := range samples {
		if s.name != name {
			continue
		}
		match := true
		for i := 0; i+1 < len(labels); i += 2 {
			match = match && s.labels[labels[i]] == labels[i+1]
		}
		if match {
			return s.value, true
		}
	}
	return 0, false
}

type quietAnalyzer struct{}

func (quietAnalyzer) Analyze(string) resonanz.Analysis {
	return resonanz.Analysis{Language: resonanz.LangGerman}
}

// TestMetrics reads /metrics as Prometheus would, after a message came in
// through the API: the ingest counter, the request histogram of that route
// and the gauges of the database are there and add up.
func TestMetrics(t *testing.T) {
	reg := metrics.New()
	var in *ingester.Ingester
	base, db, token := newTestServer(t, func(s *web.Server) {
		s.Metrics = reg
		in = ingester.New(s.Messages, quietAnalyzer{}, reg.ObserveIngest)
		s.Messages = in
	})
	defer in.Close()
	if status, body := post(t, base, token, []byte(goodMessage)); status != 201 {
		t.Fatalf("ingest: %d %v", status, body)
	}
	ctx := context.Background()
	must(t, db.SaveAlert(ctx, &resonanz.Alert{Key: "app", Severity: 2, Count: 9, Expected: 1, Ratio: 9, Channels: 1, Authors: 9}))
	status, body := do(t, "GET", base+"/metrics", "", "")
	if status != 200 {
		t.Fatalf("/metrics from loopback: %d %s", status, body)
	}
	samples := parseExposition(t, string(body))
	checks := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"resonanz_messages_ingested_total", []string{"channel", "mastodon", "outcome", "created"}, 1},
		{"resonanz_http_request_duration_seconds_count", []string{"route", "POST /api/v1/messages", "code", "201"}, 1},
		{"resonanz_http_request_duration_seconds_bucket", []string{"route", "POST /api/v1/messages", "code", "201", "le", "+Inf"}, 1},
		{"resonanz_storm_alerts_open", []string{"status", "open"}, 1},
		{"resonanz_channel_accounts_failing", nil, 0},
		{"resonanz_outbox_pending", nil, 0},
	}
	for _, c := range checks {
		if got, ok := find(samples, c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s%v = %v (found: %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	prev := -1.0
	for _, s := range samples {
		if s.name == "resonanz_http_request_duration_seconds_bucket" && s.labels["route"] == "POST /api/v1/messages" {
			if s.value < prev {
				t.Errorf("buckets fall at le=%s", s.labels["le"])
			}
			prev = s.value
		}
	}
}

// TestMetricsNeedATokenFromElsewhere: off this machine only a token with
// the metrics scope reads the figures.
func TestMetricsNeedATokenFromElsewhere(t *testing.T) {
	var srv *web.Server
	_, db, ingestToken := newTestServer(t, func(s *web.Server) { srv = s })
	scraper, err := db.IssueAPIToken(context.Background(), &resonanz.APIToken{Name: "prometheus", Scopes: []string{resonanz.ScopeMetrics}})
	must(t, err)
	for _, c := range []struct {
		token string
		want  int
	}{{"", http.StatusUnauthorized}, {ingestToken, http.StatusForbidden}, {scraper, http.StatusOK}} {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = "192.0.2.7:40000"
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("from 192.0.2.7 with token %q: %d, want %d", c.token, rec.Code, c.want)
		}
	}
}

// TestMetricsShowJobLagAndFailures: with two exports waiting 90 and 30
// seconds, one given up after two failed attempts and a mail waiting to be
// retried, /metrics tells the oldest export's wait, that no mail waits, the
// failed attempts of each kind and the job given up.
func TestMetricsShowJobLagAndFailures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(context.Background(), path)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	storetest.Queue(t, db)
	now := time.Now().UTC().Truncate(time.Second)
	db.Now = func() time.Time { return now }
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	defer raw.Close()
	at := func(d time.Duration) string { return now.Add(d).Format("2006-01-02 15:04:05.000") }
	// A queue no worker serves, so that the jobs stay as written.
	for _, j := range []struct {
		kind, state, scheduled, finalized, errors string
	}{
		{"export", "available", at(-90 * time.Second), "", ""},
		{"export", "available", at(-30 * time.Second), "", `[{"error":"timeout"}]`},
		{"export", "discarded", at(-time.Hour), at(-time.Minute), `[{"error":"timeout"},{"error":"refused"}]`},
		{"mail", "retryable", now.Add(time.Hour).Format(time.DateTime), "", `[{"error":"421"}]`}, // to the second, as a column default writes it
	} {
		_, err := raw.Exec(`INSERT INTO river_job (kind, state, queue, max_attempts, scheduled_at, finalized_at, errors)
			VALUES (?, ?, 'metrics_test', 3, ?, nullif(?, ''), nullif(?, ''))`, j.kind, j.state, j.scheduled, j.finalized, j.errors)
		must(t, err)
	}
	base := newNode(t, db, events.NewBus(), func(s *web.Server) { s.Metrics = metrics.New() })
	status, body := do(t, "GET", base+"/metrics", "", "")
	if status != 200 {
		t.Fatalf("/metrics from loopback: %d %s", status, body)
	}
	samples := parseExposition(t, string(body))
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"resonanz_job_lag_seconds", []string{"kind", "export"}, 90},
		{"resonanz_job_lag_seconds", []string{"kind", "mail"}, 0},
		{"resonanz_job_failed_attempts", []string{"kind", "export"}, 3},
		{"resonanz_job_failed_attempts", []string{"kind", "mail"}, 1},
		{"resonanz_jobs", []string{"kind", "export", "state", "available"}, 2},
		{"resonanz_jobs", []string{"kind", "mail", "state", "retryable"}, 1},
		{"resonanz_job_failures", []string{"kind", "export"}, 1},
	} {
		if got, ok := find(samples, c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s%v = %v (found: %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
}
