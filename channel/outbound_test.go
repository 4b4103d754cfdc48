package channel_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/resonanz/resonanz/channel"
)

func TestOutboundRefusesInternalTargets(t *testing.T) {
	for _, tc := range []struct {
		addr    string
		allowed bool
	}{
		{"93.184.215.14", true},
		{"2a00:1450:4001:81b::200e", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"192.168.0.10", false},
		{"172.16.5.4", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"::ffff:127.0.0.1", false},
	} {
		if got := (channel.Outbound{}).Allowed(netip.MustParseAddr(tc.addr)); got != tc.allowed {
			t.Errorf("%s allowed = %v, want %v", tc.addr, got, tc.allowed)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hop" {
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	t.Run("LoopbackRefused", func(t *testing.T) {
		_, err := channel.Outbound{}.Client().Get(srv.URL)
		if !errors.Is(err, channel.ErrInternalTarget) {
			t.Fatalf("err = %v, want the internal target refused", err)
		}
	})
	allow, err := channel.ParseAllow([]string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	client := channel.Outbound{Allow: allow}.Client()
	t.Run("AllowedByTheAdmin", func(t *testing.T) {
		resp, err := client.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	})
	t.Run("RedirectToMetadataRefused", func(t *testing.T) {
		_, err := client.Get(srv.URL + "/hop")
		if !errors.Is(err, channel.ErrInternalTarget) {
			t.Fatalf("err = %v, want the redirect to an internal target refused", err)
		}
	})
	t.Run("ErrBadAllow", func(t *testing.T) {
		if _, err := channel.ParseAllow([]string{"intranet"}); err == nil {
			t.Fatal("a name was accepted as an address")
		}
	})
}
