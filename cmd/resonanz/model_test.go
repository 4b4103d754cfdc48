package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestModelResetFromCommandLine: a reset on the command line is recorded and
// listed, and learning starts after the corrections made before it.
func TestModelResetFromCommandLine(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := openStore(ctx, Config{DataDir: dir})
	must(t, err)
	agent := &resonanz.User{Login: "tom", Name: "Tom", Role: resonanz.RoleAgent}
	must(t, db.CreateUser(ctx, agent, "correct horse battery"))
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "e1", Author: resonanz.Author{Handle: "a@example.org"},
		Text: "Der Zorbelwip war ein Traum", Time: time.Now(), Visibility: resonanz.Private}})
	must(t, err)
	_, err = db.CorrectLabel(ctx, res[0].MessageID, agent, "sentiment", resonanz.Positive)
	must(t, err)
	must(t, db.SaveModelVersion(ctx, &resonanz.ModelVersion{Accepted: true, Learned: 1, Through: 1}))
	db.Close()

	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"model", "reset", "--data", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("model reset: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "back to the shipped models") {
		t.Fatalf("model reset says %q", stdout.String())
	}
	stdout.Reset()
	if err := run(ctx, []string{"model", "list", "--data", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("model list: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "\treset\t") || !strings.Contains(lines[2], "\taccepted\t") {
		t.Fatalf("model list after a reset:\n%s", stdout.String())
	}
}

// TestEvalAdaptCurve replays a small labelled file and scores another; a
// file it cannot read is named with what is wrong.
func TestEvalAdaptCurve(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	var learn strings.Builder
	learn.WriteString("id\tlabel\ttext\n")
	for i := range 120 {
		learn.WriteString("x\tpositive\tDer neue Drop ist krank, Nummer " + strings.Repeat("I", i%7+1) + "\n")
	}
	learnPath := write("learn.tsv", learn.String())
	testPath := write("test.tsv", "sentiment\ttext\npositive\tDie Jacke ist richtig krank\nnegative\tDie Hotline war unfreundlich und der Artikel kaputt\n")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"eval", "adapt", "--learn", learnPath, "--test", testPath}, &stdout, &stderr); err != nil {
		t.Fatalf("eval adapt: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "corrections\tlearned\theld_back\tguard") || !strings.Contains(out, "\n100\t") || !strings.Contains(out, "\n120\t") {
		t.Fatalf("eval adapt printed no curve at 100 and all 120 corrections:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "\t1.000\t1.000") {
		t.Fatalf("after learning the slang the test file is not all right: %q", last)
	}
	for _, tc := range []struct{ name, body, want string }{
		{"NoTextColumn", "sentiment\tbody\npositive\tgut\n", "needs a sentiment (or label) and a text column"},
		{"BadLabel", "label\ttext\nmixed\tgut und schlecht\n", "test.tsv:2: the sentiment \"mixed\""},
		{"Empty", "", "the file is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := write("test.tsv", tc.body)
			err := run(context.Background(), []string{"eval", "adapt", "--learn", learnPath, "--test", bad}, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
