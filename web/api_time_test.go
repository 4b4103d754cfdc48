package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz/web"
)

// Message times that cannot be real are refused by name: a date far ahead
// would pin its conversation to the top of the inbox for good.
func TestPostMessageTimes(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	base, _, token := newTestServer(t, func(s *web.Server) { s.Now = func() time.Time { return now } })
	withTime := func(ext, value string) []byte {
		var m map[string]any
		json.Unmarshal([]byte(goodMessage), &m)
		m["external_id"] = ext
		if value == "" {
			delete(m, "time")
		} else {
			m["time"] = value
		}
		b, _ := json.Marshal(m)
		return b
	}
	for i, tc := range []struct {
		name, time string
		status     int
		message    string
	}{
		{"OKNow", now.Format(time.RFC3339), http.StatusCreated, ""},
		{"OKClockSkew", now.Add(4 * time.Minute).Format(time.RFC3339), http.StatusCreated, ""},
		{"OKFloor", "2000-01-01T00:00:00Z", http.StatusCreated, ""},
		{"OKOffset", "2026-12-01T13:04:00+01:00", http.StatusCreated, ""},
		{"ErrAhead", now.Add(6 * time.Minute).Format(time.RFC3339), http.StatusBadRequest, "more than 5 minutes ahead"},
		{"ErrFarFuture", "9999-12-31T23:59:59Z", http.StatusBadRequest, "more than 5 minutes ahead"},
		{"ErrOffsetAhead", "2026-12-01T13:06:00+01:00", http.StatusBadRequest, "more than 5 minutes ahead"},
		{"Err1970", "1970-01-01T00:00:00Z", http.StatusBadRequest, "is before 2000-01-01"},
		{"ErrYearOne", "0001-01-01T00:00:00Z", http.StatusBadRequest, "is before 2000-01-01"},
		{"ErrMissing", "", http.StatusBadRequest, "time is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := post(t, base, token, withTime(string(rune('a'+i)), tc.time))
			e, _ := out["error"].(map[string]any)
			if status != tc.status {
				t.Fatalf("time %q answered %d %v, want %d", tc.time, status, out, tc.status)
			}
			if tc.message != "" {
				if msg, _ := e["message"].(string); e["field"] != "time" || e["code"] != "invalid" || !strings.Contains(msg, tc.message) {
					t.Fatalf("time %q: error %v, want field time saying %q", tc.time, e, tc.message)
				}
			}
		})
	}
}
