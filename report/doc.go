// Package report computes the dashboards' figures from the facts the store
// keeps: volumes per day in the company's time zone, answer and resolution
// times in business hours with their median and 90th percentile, answer-time
// goals met, the open backlog's age, topics on the rise. Every figure is
// defined in docs/reports.md; the web package draws and words them.
package report
