// Package testpeer runs the real servers tests talk to (GoToSocial, mox,
// Dovecot): it finds their cached binaries, picks free loopback ports, and
// starts and stops their processes with their output kept for a failing
// test.
package testpeer

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Binary returns the path of a test server's binary: the environment
// variable env, or else where the .ci scripts build it, the folder
// name-version with the file name in ${RESONANZ_CACHE:-$HOME/.cache/resonanz}.
// It returns "" when the latter is absent, and an error when env names a
// missing file.
func Binary(env, name, version string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", env, p, err)
		}
		return p, nil
	}
	cache := os.Getenv("RESONANZ_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", nil
		}
		cache = filepath.Join(home, ".cache", "resonanz")
	}
	p := filepath.Join(cache, name+"-"+version, name)
	if _, err := os.Stat(p); err != nil {
		return "", nil
	}
	return p, nil
}

// FreePorts returns n different loopback TCP ports that were free a moment
// ago: each is held until all are chosen, or the system could hand out one
// port twice.
func FreePorts(t testing.TB, n int) []int {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		ports[i] = ln.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	return FreePorts(t, 1)[0]
}

// Process is a server run by a test. The zero value is ready to Start.
type Process struct {
	Out LogBuffer // what the server wrote, for a failing test

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// Start launches cmd with its output in Out, in a process group of its own.
func (p *Process) Start(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	cmd.Stdout, cmd.Stderr = &p.Out, &p.Out
	setProcAttr(cmd)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil {
		t.Fatalf("testpeer: %s already runs", cmd.Path)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("testpeer: start %s: %v", cmd.Path, err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	p.cmd, p.exited = cmd, exited
}

// Exited is closed when the process started last has exited.
func (p *Process) Exited() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.exited
}

// Stop ends the process: SIGTERM, and SIGKILL to its process group if it
// has not exited after ten seconds; nothing it started outlives it. It does
// nothing when none runs.
func (p *Process) Stop() {
	p.mu.Lock()
	cmd, exited := p.cmd, p.exited
	p.cmd = nil
	p.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		killGroup(cmd)
		<-exited
	}
	killGroup(cmd)
}

// LogKeep is how much of a server's output is kept for a failing test.
const LogKeep = 64 << 10

// LogBuffer keeps the last LogKeep bytes written to it.
type LogBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if n := len(b.buf) - LogKeep; n > 0 {
		b.buf = append(b.buf[:0], b.buf[n:]...)
	}
	return len(p), nil
}

func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
