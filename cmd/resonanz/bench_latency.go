package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// latencies measures inbox pages and searches through the UI, as an agent's browser loads them.
func (r *benchRun) latencies(ctx context.Context, samples int) error {
	deep, err := r.deepCursor(ctx)
	if err != nil {
		return err
	}
	pages := []struct{ name, query string }{
		{"inbox first page (open work, with the views' counts)", ""},
		{"inbox deep page", "after=" + deep},
		{"inbox status=all", "status=all"},
		{"inbox overdue", "overdue=1"},
		{"inbox status=open", "status=open"},
		{"inbox channel=email", "channel=email"},
		{"inbox status=open&channel=email deep", "status=open&channel=email&after=" + deep},
		{"inbox unassigned", "unassigned=1"},
		{"inbox mine", "mine=1"},
	}
	for _, p := range pages {
		if err := r.measure(ctx, p.name, "/?"+p.query, samples); err != nil {
			return err
		}
	}
	for _, p := range []struct{ name, query string }{
		{"overview, last 7 days", ""},
		{"overview, last 30 days", "from=" + r.day(-29) + "&to=" + r.day(0)},
	} {
		if err := r.measureAs(ctx, r.lead, p.name, "/reports?"+p.query, samples); err != nil {
			return err
		}
	}
	for _, q := range []string{"Rechnung", "Lieferung", "delivery", "Paket beschädigt", "App Update Warenkorb", "Kündigung"} {
		if err := r.measure(ctx, "search "+strconv.Quote(q), "/search?q="+url.QueryEscape(q), samples); err != nil {
			return err
		}
	}
	return nil
}

// deepCursor points halfway through the inbox, as if an agent had paged far back.
func (r *benchRun) deepCursor(ctx context.Context) (string, error) {
	first, err := r.main.DB.FindConversations(ctx, resonanz.ConversationFilter{Limit: 1})
	if err != nil || len(first.Conversations) == 0 {
		return "", fmt.Errorf("bench: empty inbox: %v", err)
	}
	newest := first.Conversations[0].LastMessageAt
	middle := newest.Add(-15 * 24 * time.Hour)
	return strconv.FormatInt(middle.UnixMilli(), 10) + "." + strconv.FormatInt(math.MaxInt64, 10), nil
}

// day is the date n days from today, in the company's time zone.
func (r *benchRun) day(n int) string {
	return time.Now().In(r.main.zone).AddDate(0, 0, n).Format(time.DateOnly)
}

// measure loads path samples times as an agent and prints p50 and p95.
func (r *benchRun) measure(ctx context.Context, name, path string, samples int) error {
	return r.measureAs(ctx, r.cookie, name, path, samples)
}

// measureAs loads path samples times with the session cookie and prints p50 and p95.
func (r *benchRun) measureAs(ctx context.Context, cookie *http.Cookie, name, path string, samples int) error {
	durations := make([]time.Duration, 0, samples)
	for range samples {
		req, err := http.NewRequestWithContext(ctx, "GET", r.main.URL()+path, nil)
		if err != nil {
			return err
		}
		req.AddCookie(cookie)
		start := time.Now()
		resp, err := r.client.Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		durations = append(durations, time.Since(start))
		if err != nil {
			return err
		} else if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("bench: %s answered %d", path, resp.StatusCode)
		}
	}
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	fmt.Fprintf(r.out, "%-42s p50 %7.2f ms   p95 %7.2f ms\n", name, ms(durations[len(durations)/2]), ms(durations[len(durations)*95/100]))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	return total, err
}

// peakRSS reads the process's high-water mark of resident memory.
func peakRSS() string {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown (no /proc)"
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return fmt.Sprintf("%.0f MiB", float64(kb)/1024)
		}
	}
	return "unknown"
}

func numCPU() int { return runtime.NumCPU() }
