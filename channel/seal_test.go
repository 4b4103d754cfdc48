package channel_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/channel"
)

func TestSealer(t *testing.T) {
	dir := t.TempDir()
	s, err := channel.LoadSealer("", dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, channel.KeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", info.Mode().Perm())
	}
	sealed, err := s.Seal(map[string]string{"token": "geheim-123"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sealed), "geheim-123") {
		t.Fatal("the token is readable in the sealed bytes")
	}
	t.Run("SameKeyFileOpens", func(t *testing.T) {
		again, err := channel.LoadSealer("", dir)
		if err != nil {
			t.Fatal(err)
		}
		got, err := again.Open(sealed)
		if err != nil || got["token"] != "geheim-123" {
			t.Fatalf("opened %v, %v", got, err)
		}
	})
	t.Run("OtherKeyRefuses", func(t *testing.T) {
		other, err := channel.NewSealer(strings.Repeat("ab", 32))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Open(sealed); err == nil || !strings.Contains(err.Error(), "secret key") {
			t.Fatalf("opening with another key: %v", err)
		}
	})
	t.Run("ErrBadKey", func(t *testing.T) {
		if _, err := channel.NewSealer("too-short"); err == nil {
			t.Fatal("a short key was accepted")
		}
	})
}
