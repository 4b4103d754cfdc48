package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// API tokens are issued with scopes and an expiry, listed and revoked on
// the data directory a server uses; flags count after the name too.
func TestTokenCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	cmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, args, &out, &errOut)
		return out.String(), err
	}
	out, err := cmd("token", "add", "shop", "--data", dir, "--scope", "read,ingest", "--expires", "30d")
	if err != nil || !regexp.MustCompile(`API token "shop" \(id 1, ingest,read\): rz_\S+\n`).MatchString(out) {
		t.Fatalf("token add with flags after the name: %v\n%s", err, out)
	}
	secret := strings.TrimSpace(out[strings.Index(out, "rz_"):])
	if out, err := cmd("token", "add", "--data", dir, "crm"); err != nil || !strings.Contains(out, `"crm" (id 2, ingest)`) {
		t.Fatalf("token add with the default scope: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrUnknownScope", []string{"token", "add", "x", "--data", dir, "--scope", "admin"}, `Unknown scope "admin"`},
		{"ErrBadExpiry", []string{"token", "add", "x", "--data", dir, "--expires", "soon"}, `--expires "soon"`},
		{"ErrTwoNames", []string{"token", "add", "x", "y", "--data", dir}, "token: use"},
		{"ErrUnknownFlagAfterName", []string{"token", "add", "x", "--scopes", "read", "--data", dir}, "flag provided but not defined"},
		{"ErrRevokeWhat", []string{"token", "revoke", "shop", "--data", dir}, "is not a token id"},
		{"ErrRevokeUnknown", []string{"token", "revoke", "99", "--data", dir}, "No API token 99."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cmd(tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if out, err := cmd("token", "revoke", "1", "--data", dir); err != nil || out != "revoked API token 1\n" {
		t.Fatalf("token revoke: %v\n%s", err, out)
	}
	out, err = cmd("token", "list", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], `"crm"`) || !strings.HasSuffix(lines[1], "active") ||
		!strings.Contains(lines[2], `"shop"`) || !strings.Contains(lines[2], "ingest,read") || !strings.HasSuffix(lines[2], "revoked") {
		t.Fatalf("token list:\n%s", out)
	}
	want := time.Now().AddDate(0, 0, 30).Local().Format("2006-01-02")
	if !strings.Contains(lines[2], want) {
		t.Fatalf("the 30-day token does not expire on %s:\n%s", want, out)
	}
	db, err := openStore(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CheckAPIToken(ctx, secret, resonanz.ScopeIngest); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
		t.Fatalf("the revoked token still works: %v", err)
	}
}

// Flags after a user's login are read, not silently dropped.
func TestUserFlagsAfterLogin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "--login", "lea", "--data", dir}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"user", "disable", "lea", "--data", dir}, &out, &errOut); err != nil {
		t.Fatalf("disable with --data after the login: %v", err)
	}
}
