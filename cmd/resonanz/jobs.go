package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/analyze/learn"
	"github.com/resonanz/resonanz/eventhook"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/outbox"
	"github.com/resonanz/resonanz/retention"
	"github.com/resonanz/resonanz/route"
	"github.com/resonanz/resonanz/survey"
	"github.com/resonanz/resonanz/webhook"
)

// startJobs registers the worker of every job kind and runs the durable
// jobs (SLA timers, deliveries, replies, learning) until ctx ends. Every
// node runs them; the queue hands each job to one of them.
func (m *Main) startJobs(ctx context.Context, learner resonanz.ModelLearner) error {
	c, q, db := m.Config, m.jobs, m.DB
	jobs.Add(q, &route.SLAWorker{Store: db})
	jobs.Add(q, &outbox.Worker{Replies: db, Sender: m.replySender, Backoff: c.DeliveryBackoff})
	jobs.Add(q, &eventhook.Worker{Store: db, Sender: &eventhook.Sender{Client: c.outbound(10 * time.Second), Now: time.Now},
		Backoff: c.DeliveryBackoff, Logger: m.Logger})
	hooks := &webhook.Worker{Backoff: c.DeliveryBackoff, Logger: m.Logger}
	if len(c.Webhooks) > 0 {
		// Webhooks leave through the same guarded client as the channels:
		// an address typed into the settings never reaches internal targets
		// unless --allow-outbound names them.
		hooks.Deliverer = &webhook.Sender{Secret: c.WebhookSecret, Client: c.outbound(10 * time.Second), Now: time.Now}
	}
	jobs.Add(q, hooks)
	mails := &alertmail.Worker{Backoff: c.DeliveryBackoff, Logger: m.Logger}
	if len(c.AlertEmail) > 0 {
		mails.Mailer = &alertmail.Sender{Addr: c.SMTP, From: c.SMTPFrom, User: c.SMTPUser, Password: c.SMTPPassword, Now: time.Now}
	}
	jobs.Add(q, mails)
	jobs.Add(q, &learn.LearnWorker{Store: db, Learner: learner, Delay: c.LearnDelay})
	jobs.Add(q, &learn.ReloadWorker{Learner: learner, Delay: c.LearnDelay})
	jobs.Add(q, &retention.Worker{Store: db})
	jobs.Add(q, &survey.Worker{Store: db})
	return q.Start(ctx, m.Logger)
}
