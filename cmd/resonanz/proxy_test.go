package main

import (
	"flag"
	"io"
	"net/http"
	"net/netip"
	"slices"
	"testing"
)

func TestTrustedProxiesFlag(t *testing.T) {
	parse := func(args ...string) (Config, error) {
		var c Config
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		serveFlags(fs, &c)
		if err := fs.Parse(args); err != nil {
			return c, err
		}
		return c, c.check()
	}
	c, err := parse("--trusted-proxies", "127.0.0.1, 10.1.2.3/8,::1")
	want := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	if err != nil || !slices.Equal(c.TrustedProxies, want) {
		t.Fatalf("proxies %v (%v), want %v", c.TrustedProxies, err, want)
	}
	if _, err := parse("--trusted-proxies", "proxy.example.org"); err == nil {
		t.Fatal("a host name was taken for a proxy address")
	}
	t.Setenv("RESONANZ_TRUSTED_PROXIES", "10.0.0.0/33")
	if _, err := parse(); err == nil {
		t.Fatal("a bad RESONANZ_TRUSTED_PROXIES was accepted")
	}
	if c, err := parse("--trusted-proxies", "192.168.0.0/16"); err != nil || len(c.TrustedProxies) != 1 {
		t.Fatalf("the flag does not replace the variable: %v %v", c.TrustedProxies, err)
	}
}

// Behind a trusted TLS proxy the whole program sets Secure cookies.
func TestServeBehindTLSProxy(t *testing.T) {
	m := startConfigured(t, Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	req, _ := http.NewRequest("GET", m.URL()+"/login", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cookies := resp.Cookies(); len(cookies) == 0 || !cookies[0].Secure || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Fatalf("cookies %v, HSTS %q", cookies, resp.Header.Get("Strict-Transport-Security"))
	}
}
