package main

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/alertmail"
	"github.com/resonanz/resonanz/report"
)

// weeklyCheck is how often the server looks whether last week's summary is due.
const weeklyCheck = time.Hour

// weeklyLoop sends each past week's summary once, to the alert webhooks
// and the alert email, until its ctx ends; nil when none are configured.
func (m *Main) weeklyLoop() func(context.Context) {
	c := m.Config
	if !c.WeeklySummary || len(c.Webhooks) == 0 && len(c.AlertEmail) == 0 {
		return nil
	}
	w := &report.Weekly{Reporter: &report.Reporter{Facts: m.DB, SLA: m.DB, Location: m.zone}, Queue: m.DB, URLs: c.Webhooks,
		BaseURL: m.URL(), Now: time.Now, Logger: m.Logger}
	if len(c.AlertEmail) > 0 {
		w.Mail = func(s report.Summary) *resonanz.AlertMail { return alertmail.ComposeWeekly(c.AlertEmail, s) }
	}
	return func(ctx context.Context) { w.Run(ctx, weeklyCheck) }
}
