package store_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/eventhook"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/outbox"
	"github.com/resonanz/resonanz/retention"
	"github.com/resonanz/resonanz/route"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/survey"
	"github.com/resonanz/resonanz/webhook"
)

// workers are the senders the jobs of a test use (nil: none) and the pause
// after a failed attempt (nil: the real pauses).
type workers struct {
	replies  resonanz.ReplySender
	webhooks resonanz.WebhookDeliverer
	mail     resonanz.AlertMailer
	backoff  func(int) time.Duration
}

// startJobs runs db's jobs with the workers of every kind, as the server
// does, until the test ends.
func startJobs(t *testing.T, db *store.DB, w workers) {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	storetest.StartJobs(t, db, func(q *jobs.Queue) {
		jobs.Add(q, &route.SLAWorker{Store: db})
		jobs.Add(q, &outbox.Worker{Replies: db, Sender: w.replies, Backoff: w.backoff})
		jobs.Add(q, &eventhook.Worker{Store: db, Backoff: w.backoff, Logger: log})
		jobs.Add(q, &webhook.Worker{Deliverer: w.webhooks, Backoff: w.backoff, Logger: log})
		jobs.Add(q, &alertmail.Worker{Mailer: w.mail, Backoff: w.backoff, Logger: log})
		jobs.Add(q, &retention.Worker{Store: db})
		jobs.Add(q, &survey.Worker{Store: db})
	})
}

// fast is the pause of tests that wait for a retry.
func fast(int) time.Duration { return 10 * time.Millisecond }
