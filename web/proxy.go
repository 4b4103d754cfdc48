package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// peer is the address of the machine at the other end of the connection.
func peer(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	return ip.Unmap(), err == nil
}

func (s *Server) trusted(ip netip.Addr) bool {
	for _, p := range s.TrustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// viaHTTPS reports whether the browser reached resonanz over HTTPS: here,
// or at a trusted proxy that says so. Anyone else can send the header.
func (s *Server) viaHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	ip, ok := peer(r)
	return ok && s.trusted(ip) && strings.EqualFold(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto")), "https")
}

// clientAddress is the address a request came from: the peer, or behind
// trusted proxies the last address in X-Forwarded-For that is not one of
// them (the ones before it are the client's word). IPv6 clients count by
// their /64 network, which one household or machine usually holds whole.
func (s *Server) clientAddress(r *http.Request) string {
	ip, ok := s.clientIP(r)
	if !ok {
		return r.RemoteAddr
	}
	if ip.Is6() {
		prefix, _ := ip.Prefix(64)
		return prefix.String()
	}
	return ip.String()
}

// clientIP is the address of the client: the peer, or behind trusted
// proxies the last address in X-Forwarded-For that is not one of them.
func (s *Server) clientIP(r *http.Request) (netip.Addr, bool) {
	ip, ok := peer(r)
	if !ok {
		return ip, false
	}
	if s.trusted(ip) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break
			}
			if ip = hop.Unmap(); !s.trusted(ip) {
				break
			}
		}
	}
	return ip, true
}
