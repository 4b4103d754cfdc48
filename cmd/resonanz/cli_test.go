package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/store"
)

func TestHelpExplainsEveryCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"serve", "user", "token", "backup", "restore", "migrate-data", "bench"} {
		if !strings.Contains(out.String(), "\n  "+cmd+" ") {
			t.Errorf("resonanz --help does not list %q:\n%s", cmd, out.String())
		}
		errOut.Reset()
		err := run(context.Background(), []string{cmd, "--help"}, &out, &errOut)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "Usage of resonanz "+cmd) {
			t.Errorf("resonanz %s --help: %v\n%s", cmd, err, errOut.String())
		}
	}
	if !strings.Contains(errOut.String(), "-n string") {
		t.Errorf("bench help does not explain -n:\n%s", errOut.String())
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"frobnicate"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Fatalf("err = %v", err)
	}
}

// The user commands work on the data directory a server uses.
func TestUserCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	cmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, args, &out, &errOut)
		return out.String(), err
	}
	out, err := cmd("user", "add", "--data", dir, "--login", "lea@example.org", "--name", "Lea", "--role", "lead")
	if err != nil || !strings.Contains(out, "created user lea@example.org (lead)") || !strings.Contains(out, "password: ") {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if _, err := cmd("user", "add", "--data", dir, "--login", "lea@example.org"); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Fatalf("second add: %v", err)
	}
	if _, err := cmd("user", "add", "--data", dir, "--login", "x", "--role", "boss"); err == nil || !strings.Contains(err.Error(), "Role must be") {
		t.Fatalf("bad role: %v", err)
	}
	if _, err := cmd("user", "disable", "--data", dir, "lea@example.org"); err != nil {
		t.Fatal(err)
	}
	out, err = cmd("user", "list", "--data", dir)
	if err != nil || !strings.Contains(out, "lea@example.org") || !strings.Contains(out, "disabled") {
		t.Fatalf("user list: %v\n%s", err, out)
	}
	out, err = cmd("user", "reset-password", "--data", dir, "lea@example.org")
	if err != nil || !strings.Contains(out, "new password for lea@example.org: ") {
		t.Fatalf("reset-password: %v\n%s", err, out)
	}
	out, err = cmd("token", "add", "--data", dir, "shop")
	if err != nil || !strings.Contains(out, `API token "shop" (id 1, ingest): rz_`) {
		t.Fatalf("token add: %v\n%s", err, out)
	}
	// Flags after the name count too: the command acts on the server's data, not on ./data.
	out, err = cmd("token", "add", "crm", "--data", dir)
	if err != nil {
		t.Fatalf("token add crm --data: %v", err)
	}
	if _, err := cmd("user", "enable", "lea@example.org", "--data", dir); err != nil {
		t.Fatalf("user enable LOGIN --data: %v", err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	token := out[strings.LastIndex(out, " ")+1 : len(out)-1]
	if tok, err := db.CheckAPIToken(ctx, token, resonanz.ScopeIngest); err != nil || tok.Name != "crm" {
		t.Fatalf("the token of 'token add crm --data DIR' is not in DIR: %+v, %v", tok, err)
	}
	for _, args := range [][]string{{"token", "add", "a", "b", "--data", dir}, {"user", "list", "extra", "--data", dir}, {"user", "disable", "--data", dir}} {
		if _, err := cmd(args...); err == nil {
			t.Errorf("resonanz %s: no error", strings.Join(args, " "))
		}
	}
}

func TestAnalyzeLines(t *testing.T) {
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	in := strings.NewReader("Danke, super Service!\n" +
		`{"text": "Seit drei Wochen keine Lieferung, ich will mein Geld zurück"}` + "\n" +
		`{"txt": "typo"}` + "\n" +
		"bad \xff utf-8\n")
	var out bytes.Buffer
	if err := analyzeLines(in, &out, a); err != nil {
		t.Fatal(err)
	}
	var lines []map[string]any
	dec := json.NewDecoder(&out)
	for dec.More() {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, v)
	}
	if len(lines) != 4 {
		t.Fatalf("%d output lines for 4 input lines", len(lines))
	}
	if lines[0]["sentiment"] != "positive" || lines[0]["kind"] != "praise" {
		t.Errorf("praise read as %v", lines[0])
	}
	if lines[1]["sentiment"] != "negative" || lines[1]["kind"] != "complaint" || lines[1]["urgency"] != nil {
		t.Errorf("complaint read as %v", lines[1])
	}
	if lines[2]["error"] == nil || lines[3]["error"] == nil || lines[3]["line"] != 4.0 {
		t.Errorf("bad lines not reported: %v %v", lines[2], lines[3])
	}
}

func TestProgressBar(t *testing.T) {
	if got := progressBar(50, 200); got != "[#######.......................]  25% 50/200" {
		t.Fatalf("progress bar %q", got)
	}
}

// resonanz train learns from the labels agents corrected in the database.
func TestTrainReadsCorrections(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the models (a few seconds)")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := openStore(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	agent := &resonanz.User{Login: "tom", Role: resonanz.RoleAgent}
	if err := db.CreateUser(ctx, agent, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "e1", Author: resonanz.Author{Handle: "a@example.org"},
		Text: "Der Zorbelwip war ein Traum", Time: time.Now(), Visibility: resonanz.Private}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CorrectLabel(ctx, res[0].MessageID, agent, "kind", resonanz.KindPraise); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(t.TempDir(), "model")
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"train", "--data", dir, "--shared-data", t.TempDir(), "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("train: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "corrections: 1 messages corrected by agents") {
		t.Fatalf("train did not use the correction:\n%s", stdout.String())
	}
	for _, f := range []string{"sentiment.gz", "kind.gz"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Fatalf("model file %s: %v", f, err)
		}
	}
}

// The company's time zone is checked before anything starts.
func TestZoneFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--zone", "Mars/Olympus"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), `--zone "Mars/Olympus"`) {
		t.Fatalf("serve --zone Mars/Olympus: %v", err)
	}
	if _, err := (Config{}).location(); err != nil {
		t.Fatalf("the default zone: %v", err)
	}
	if loc, err := (Config{Zone: "America/New_York"}).location(); err != nil || loc.String() != "America/New_York" {
		t.Fatalf("--zone America/New_York: %v, %v", loc, err)
	}
}

// TestMain lets a test start the program itself: with RESONANZ_AS_MAIN=1 the
// test binary is resonanz, and its arguments are resonanz's.
func TestMain(m *testing.M) {
	if os.Getenv("RESONANZ_AS_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Asking for help is not an error: it exits 0; a wrong flag exits 2.
func TestHelpExitsZero(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"serve", "--help"}, 0, "Usage of resonanz serve"},
		{[]string{"user", "add", "--help"}, 0, "Usage of resonanz user:"},
		{[]string{"token", "--help"}, 0, "Usage of resonanz token"},
		{[]string{"serve", "--no-such-flag"}, 2, "flag provided but not defined"},
	} {
		cmd := exec.Command(os.Args[0], tc.args...)
		cmd.Env = append(os.Environ(), "RESONANZ_AS_MAIN=1")
		out, err := cmd.CombinedOutput()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code || !strings.Contains(string(out), tc.says) {
			t.Errorf("resonanz %s exits %d, want %d saying %q:\n%s", strings.Join(tc.args, " "), code, tc.code, tc.says, out)
		}
	}
}
