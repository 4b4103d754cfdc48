package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// node is a resonanz serve process started by a test.
type node struct {
	cmd  *exec.Cmd
	url  string
	logs *lockedBuffer
}

// leads counts how often the node took the lead.
func (n *node) leads() int { return strings.Count(n.logs.String(), "this node leads") }

var runningAt = regexp.MustCompile(`resonanz is running at (\S+)`)

// startNode starts resonanz serve as its own process and waits until it serves.
func startNode(t *testing.T, args ...string) *node {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "RESONANZ_AS_MAIN=1")
	n := &node{cmd: cmd, logs: &lockedBuffer{}}
	cmd.Stderr = n.logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	// A guard against a hang, not a measure: a start that takes a minute
	// ends the process, and the test fails below.
	hung := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer hung.Stop()
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if m := runningAt.FindStringSubmatch(lines.Text()); m != nil {
			n.url = m[1]
			go func() {
				for lines.Scan() {
				}
			}()
			return n
		}
	}
	t.Fatalf("resonanz serve ended without serving:\n%s", n.logs.String())
	return nil
}

// kill ends the process at once, as a crash or a power cut would.
func (n *node) kill() {
	n.cmd.Process.Kill()
	n.cmd.Wait()
}

// eventually waits until ok holds; the bound only guards against a hang.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); !ok(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
	}
}
