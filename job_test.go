package resonanz_test

import (
	"encoding/json"
	"testing"

	"github.com/resonanz/resonanz"
)

// TestKeptBody: a body is kept as a JSON string and read back byte for byte,
// and a job queued before, with the body kept as JSON itself, still reads.
func TestKeptBody(t *testing.T) {
	body := `{"event":"alert.raised",  "alert":{"ID":1}}`
	args, err := json.Marshal(resonanz.WebhookJob{URL: "http://hooks.example/x", Payload: resonanz.KeptBody(body)})
	if err != nil {
		t.Fatal(err)
	}
	var job resonanz.WebhookJob
	if err := json.Unmarshal(args, &job); err != nil || string(job.Payload) != body {
		t.Fatalf("read back %q (%v) from %s", job.Payload, err, args)
	}
	old := `{"url":"http://hooks.example/x","event":"alert.raised","alert_id":1,"payload":` + body + `}`
	job = resonanz.WebhookJob{}
	if err := json.Unmarshal([]byte(old), &job); err != nil || string(job.Payload) != body {
		t.Fatalf("read back %q (%v) from a job queued before", job.Payload, err)
	}
}
