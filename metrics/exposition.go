package metrics

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// Writer writes metric families in the text format; the first error sticks.
type Writer struct {
	w   io.Writer
	err error
}

// NewWriter writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Err returns the first write error.
func (w *Writer) Err() error { return w.err }

func (w *Writer) printf(format string, args ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.w, format, args...)
	}
}

// Family starts a metric family with its help text and type (counter, gauge, histogram).
func (w *Writer) Family(name, kind, help string) {
	w.printf("# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(help), name, kind)
}

// Sample writes one sample; labels come in name, value pairs.
func (w *Writer) Sample(name string, value float64, labels ...string) {
	w.printf("%s%s %s\n", name, labelText(labels), strconv.FormatFloat(value, 'g', -1, 64))
}

func labelText(labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i+1 < len(labels); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(labels[i])
		b.WriteString(`="`)
		b.WriteString(escapeLabel(labels[i+1]))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeLabel(v string) string { return labelEscaper.Replace(v) }

var helpEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`)

func escapeHelp(v string) string { return helpEscaper.Replace(v) }

// WriteCounters writes the registry's ingest counters and request latency histogram.
func (r *Registry) WriteCounters(w *Writer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w.Family("resonanz_messages_ingested_total", "counter", "Messages committed by ingest since the start, by channel and outcome.")
	for _, k := range slices.SortedFunc(maps.Keys(r.ingested), compareKeys) {
		w.Sample("resonanz_messages_ingested_total", float64(r.ingested[k]), "channel", k[0], "outcome", k[1])
	}
	const name = "resonanz_http_request_duration_seconds"
	w.Family(name, "histogram", "Time to answer HTTP requests, by route pattern and status code.")
	for _, k := range slices.SortedFunc(maps.Keys(r.requests), compareKeys) {
		h := r.requests[k]
		var total uint64
		for i, bound := range LatencyBuckets {
			total += h.counts[i]
			w.Sample(name+"_bucket", float64(total), "route", k[0], "code", k[1], "le", strconv.FormatFloat(bound, 'g', -1, 64))
		}
		total += h.counts[len(LatencyBuckets)]
		w.Sample(name+"_bucket", float64(total), "route", k[0], "code", k[1], "le", "+Inf")
		w.Sample(name+"_sum", h.sum, "route", k[0], "code", k[1])
		w.Sample(name+"_count", float64(total), "route", k[0], "code", k[1])
	}
}

func compareKeys(a, b [2]string) int {
	if c := strings.Compare(a[0], b[0]); c != 0 {
		return c
	}
	return strings.Compare(a[1], b[1])
}

// WriteOperations writes the gauges of the system's state; warming tells
// whether the storm monitor still learns after a start.
func WriteOperations(w *Writer, o *resonanz.Operations, warming bool) {
	w.Family("resonanz_outbox_pending", "gauge", "Replies waiting to be sent.")
	w.Sample("resonanz_outbox_pending", float64(o.OutboxPending))
	w.Family("resonanz_jobs", "gauge", "Durable jobs by kind and state (available, scheduled, retryable, running, completed, discarded, cancelled).")
	for _, j := range o.Jobs {
		w.Sample("resonanz_jobs", float64(j.Count), "kind", j.Kind, "state", j.State)
	}
	w.Family("resonanz_job_failures", "gauge", "Durable jobs that gave up (discarded or cancelled) and are still kept, by kind.")
	failures := map[string]int{}
	for _, j := range o.Jobs {
		if j.State == "discarded" || j.State == "cancelled" {
			failures[j.Kind] += j.Count
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(failures)) {
		w.Sample("resonanz_job_failures", float64(failures[kind]), "kind", kind)
	}
	w.Family("resonanz_job_lag_seconds", "gauge", "How long the oldest available job of a kind has waited for a worker since it was due; 0: none waits.")
	w.Family("resonanz_job_failed_attempts", "gauge", "Failed attempts recorded on the durable jobs still kept, by kind.")
	lags, failed := jobLags(o)
	for _, kind := range slices.Sorted(maps.Keys(lags)) {
		w.Sample("resonanz_job_lag_seconds", lags[kind], "kind", kind)
	}
	for _, kind := range slices.Sorted(maps.Keys(failed)) {
		w.Sample("resonanz_job_failed_attempts", float64(failed[kind]), "kind", kind)
	}
	w.Family("resonanz_channel_accounts", "gauge", "Channel accounts connected.")
	w.Sample("resonanz_channel_accounts", float64(o.Accounts))
	w.Family("resonanz_channel_accounts_failing", "gauge", "Channel accounts that failed several times in a row.")
	w.Sample("resonanz_channel_accounts_failing", float64(o.AccountsFailing))
	w.Family("resonanz_storm_alerts_open", "gauge", "Storm alerts not resolved, by status.")
	for _, status := range []string{resonanz.AlertOpen, resonanz.AlertAcknowledged} {
		w.Sample("resonanz_storm_alerts_open", float64(o.AlertsOpen[status]), "status", status)
	}
	w.Family("resonanz_storm_monitor_warming", "gauge", "1 while the storm monitor still learns from the history after a start.")
	w.Sample("resonanz_storm_monitor_warming", boolValue(warming))
	w.Family("resonanz_event_webhook_deliveries", "gauge", "Event webhook deliveries by state.")
	for _, state := range []string{resonanz.DeliveryPending, resonanz.DeliveryDelivered, resonanz.DeliveryFailed} {
		w.Sample("resonanz_event_webhook_deliveries", float64(o.EventDeliveries[state]), "state", state)
	}
}

// jobLags returns, for every kind of job kept, the wait of its oldest
// available job (0: none) and its failed attempts: a kind with nothing
// waiting reports 0 rather than vanishing, so an alert on it resolves.
func jobLags(o *resonanz.Operations) (map[string]float64, map[string]int) {
	lags, failed := map[string]float64{}, map[string]int{}
	for _, j := range o.Jobs {
		if j.State == "available" && j.Count > 0 {
			lags[j.Kind] = max(o.At.Sub(j.Due).Seconds(), 0)
		} else if _, ok := lags[j.Kind]; !ok {
			lags[j.Kind] = 0
		}
		failed[j.Kind] += j.FailedAttempts
	}
	return lags, failed
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
