package channel

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// Outbound makes the one HTTP client every request to the outside goes
// through (channel APIs, feeds, webhooks). It refuses private, loopback and
// link-local targets after DNS resolution, at every connection and so at
// every redirect, unless the admin allowed them (e.g. a server on the
// company's own network): a customer-facing setting can never reach the
// machine's neighbours.
type Outbound struct {
	// Allow lists prefixes that may be reached although internal.
	Allow []netip.Prefix
	// Timeout bounds one whole request.
	Timeout time.Duration
}

// ParseAllow reads the admin's list of allowed internal targets
// ("127.0.0.1", "10.0.0.0/8", "::1").
func ParseAllow(list []string) ([]netip.Prefix, error) {
	var prefixes []netip.Prefix
	for _, s := range list {
		if p, err := netip.ParsePrefix(s); err == nil {
			prefixes = append(prefixes, p)
		} else if a, err := netip.ParseAddr(s); err == nil {
			prefixes = append(prefixes, netip.PrefixFrom(a, a.BitLen()))
		} else {
			return nil, fmt.Errorf("allowed target %q is neither an address nor a prefix", s)
		}
	}
	return prefixes, nil
}

// ErrInternalTarget is returned for a refused internal address.
var ErrInternalTarget = errors.New("refused: the address is internal (private, loopback or link-local)")

// Client returns an HTTP client with the guard and the timeout.
func (o Outbound) Client() *http.Client {
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: o.control}
	transport := &http.Transport{
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: transport, Timeout: timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		return nil
	}}
}

// control runs after DNS resolution, just before each connection is made.
func (o Outbound) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("outbound: %w", err)
	}
	if o.Allowed(ap.Addr()) {
		return nil
	}
	return fmt.Errorf("%s: %w", ap.Addr(), ErrInternalTarget)
}

// Allowed reports whether a may be reached.
func (o Outbound) Allowed(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range o.Allow {
		if p.Contains(a) {
			return true
		}
	}
	internal := a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsUnspecified() || a.IsMulticast() || a.IsInterfaceLocalMulticast() || cgnat.Contains(a)
	return !internal
}

// cgnat is the shared address space of carrier-grade NAT, internal too.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")
