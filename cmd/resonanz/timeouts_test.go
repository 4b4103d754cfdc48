package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// A client that sends its login body one byte at a time is cut off when
// the read timeout ends, so that slow clients cannot hold connections.
func TestSlowBodyIsCutOff(t *testing.T) {
	m := startConfigured(t, Config{ReadTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", strings.TrimPrefix(m.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const bodyLen = 1000
	if _, err := io.WriteString(conn, "POST /login HTTP/1.1\r\nHost: resonanz\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: 1000\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	var sent atomic.Int64
	go func() {
		for sent.Load() < bodyLen {
			if _, err := conn.Write([]byte("a")); err != nil {
				return
			}
			sent.Add(1)
			time.Sleep(50 * time.Millisecond)
		}
	}()
	// The deadline only ends a test that would otherwise hang; it is no measure.
	conn.SetReadDeadline(time.Now().Add(time.Minute))
	_, err = io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server kept the slow connection open")
	}
	if n := sent.Load(); n >= bodyLen {
		t.Fatalf("the server read the whole slow body (%d bytes) instead of closing the connection", n)
	}
}

// The live banner stream outlives the read and write timeouts that end slow requests.
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	m := startConfigured(t, Config{ReadTimeout: 200 * time.Millisecond, WriteTimeout: 200 * time.Millisecond})
	ctx := context.Background()
	u := &resonanz.User{Login: "tom", Name: "Tom", Role: resonanz.RoleAgent}
	if err := m.DB.CreateUser(ctx, u, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	session, _, err := m.DB.CreateSession(ctx, u.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", m.URL()+"/events", nil)
	req.AddCookie(&http.Cookie{Name: "resonanz_session", Value: session})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	stream := bufio.NewReader(resp.Body)
	nextEvent := func() string {
		t.Helper()
		var event bytes.Buffer
		for {
			line, err := stream.ReadString('\n')
			if err != nil {
				t.Fatalf("the stream ended: %v", err)
			}
			if line == "\n" {
				return event.String()
			}
			event.WriteString(line)
		}
	}
	if first := nextEvent(); !strings.HasPrefix(first, "event: alerts") {
		t.Fatalf("first event %q", first)
	}
	time.Sleep(time.Second) // longer than both timeouts
	m.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert})
	if second := nextEvent(); !strings.HasPrefix(second, "event: alerts") {
		t.Fatalf("second event %q", second)
	}
	if status, _ := get(t, m.URL()+"/healthz"); status != http.StatusOK {
		t.Fatalf("pages answer %d under the short timeouts", status)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// startConfigured runs the whole program with cfg's settings on a free loopback port and a fresh data directory.
func startConfigured(t *testing.T, cfg Config) *Main {
	t.Helper()
	cfg.Addr, cfg.DataDir = "127.0.0.1:0", t.TempDir()
	m := startMainWith(t, cfg)
	t.Cleanup(func() { m.Close() })
	return m
}
