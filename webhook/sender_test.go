package webhook_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/webhook"
)

func TestSender(t *testing.T) {
	sent := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name      string
		status    int
		ok, retry bool
	}{
		{"OK", http.StatusNoContent, true, false},
		{"Gone", http.StatusGone, false, false},
		{"BadRequest", http.StatusBadRequest, false, false},
		{"RequestTimeout", http.StatusRequestTimeout, false, true},
		{"TooManyRequests", http.StatusTooManyRequests, false, true},
		{"Unavailable", http.StatusServiceUnavailable, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sig, ts, id string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				sig, ts, id = r.Header.Get(webhook.HeaderSignature), r.Header.Get(webhook.HeaderTimestamp), r.Header.Get(webhook.HeaderDelivery)
				w.WriteHeader(tc.status)
			}))
			defer srv.Close()
			s := &webhook.Sender{Secret: "s3cret", Client: srv.Client(), Now: func() time.Time { return sent }}
			body := []byte(`{"event":"alert.raised"}`)
			err := s.DeliverWebhook(context.Background(), resonanz.WebhookDelivery{ID: 7, URL: srv.URL, Event: "alert.raised", Payload: body})
			if (err == nil) != tc.ok || (err != nil && resonanz.IsPermanent(err) == tc.retry) {
				t.Fatalf("status %d: err %v (permanent %v)", tc.status, err, resonanz.IsPermanent(err))
			}
			if ts != strconv.FormatInt(sent.Unix(), 10) || sig != webhook.Sign("s3cret", sent.Unix(), body) || id != "7" {
				t.Fatalf("sent at %s with signature %s, delivery %s", ts, sig, id)
			}
		})
	}
}
