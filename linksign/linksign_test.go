package linksign

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const testKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

func TestTokenRoundTrip(t *testing.T) {
	s, err := New(testKey)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	tok := s.Token(Survey, 42, "de", SurveyTTL)
	c, err := s.Check(Survey, tok)
	if err != nil || c.ID != 42 || c.Lang != "de" || !c.Expires.Equal(now.Add(SurveyTTL)) {
		t.Fatalf("check %q: %+v, %v", tok, c, err)
	}
	t.Run("OtherKindIsInvalid", func(t *testing.T) {
		if _, err := s.Check(Wishes, tok); !errors.Is(err, ErrInvalid) {
			t.Fatalf("a survey token as a wishes token: %v", err)
		}
	})
	t.Run("EveryChangedPartIsInvalid", func(t *testing.T) {
		parts := strings.Split(tok, "-")
		for i, repl := range []string{"43", "en", strings.Repeat("z", len(parts[2])), strings.Repeat("0", 32)} {
			changed := append([]string(nil), parts...)
			changed[i] = repl
			if _, err := s.Check(Survey, strings.Join(changed, "-")); !errors.Is(err, ErrInvalid) {
				t.Errorf("part %d changed to %q: %v", i, repl, err)
			}
		}
		for _, bad := range []string{"", "42", tok + "0", tok[:len(tok)-1], "-de-x-" + parts[3], strings.ToUpper(tok)} {
			if _, err := s.Check(Survey, bad); !errors.Is(err, ErrInvalid) {
				t.Errorf("%q: %v", bad, err)
			}
		}
	})
	t.Run("OtherKeyIsInvalid", func(t *testing.T) {
		other, _ := New(strings.Repeat("ab", 32))
		if _, err := other.Check(Survey, tok); !errors.Is(err, ErrInvalid) {
			t.Fatalf("token under another key: %v", err)
		}
	})
	t.Run("Expired", func(t *testing.T) {
		s.Now = func() time.Time { return now.Add(SurveyTTL) }
		if _, err := s.Check(Survey, tok); !errors.Is(err, ErrExpired) {
			t.Fatalf("at its expiry: %v", err)
		}
		s.Now = func() time.Time { return now.Add(SurveyTTL - time.Second) }
		if _, err := s.Check(Survey, tok); err != nil {
			t.Fatalf("a second before its expiry: %v", err)
		}
	})
}

func TestLinkNeedsBase(t *testing.T) {
	s, _ := New(testKey)
	if l := s.WishesLink(7, "en"); l != "" {
		t.Fatalf("link without a base: %q", l)
	}
	s.SetBase("https://care.example/")
	l := s.WishesLink(7, "en")
	if !strings.HasPrefix(l, "https://care.example/wishes/7-en-") {
		t.Fatalf("link %q", l)
	}
	if _, err := s.Check(Wishes, strings.TrimPrefix(l, "https://care.example/wishes/")); err != nil {
		t.Fatal(err)
	}
}

func TestLoadMakesKeyOnce(t *testing.T) {
	dir := t.TempDir()
	a, err := Load("", dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, KeyFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", info, err)
	}
	b, err := Load("", dir)
	if err != nil {
		t.Fatal(err)
	}
	tok := a.Token(Wishes, 1, "de", time.Hour)
	if _, err := b.Check(Wishes, tok); err != nil {
		t.Fatalf("the key file was not reused: %v", err)
	}
	if _, err := New("short"); err == nil {
		t.Fatal("a short key was taken")
	}
}

// FuzzCheck feeds Check whatever a link's path may hold: it never panics,
// refuses all but genuine tokens, and a token it takes is the one it signs.
func FuzzCheck(f *testing.F) {
	s, _ := New(testKey)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	good := s.Token(Wishes, 7, "de", WishesTTL)
	for _, seed := range []string{good, good + "-", "-" + good, "7-de-0-", strings.Repeat("-", 40), "9223372036854775807-en-zzzzzzzzzzzzz-" + strings.Repeat("a", 32)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := s.Check(Wishes, token)
		switch {
		case err == nil:
			if s.Token(Wishes, c.ID, c.Lang, c.Expires.Sub(now)) != token {
				t.Fatalf("took %q, which is not a token it makes", token)
			}
		case !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrExpired):
			t.Fatalf("%q: %v", token, err)
		}
	})
}
