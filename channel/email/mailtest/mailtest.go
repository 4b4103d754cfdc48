// Package mailtest starts real mail servers for tests, on free loopback
// ports with their data in the test's temporary directory: mox (SMTP,
// submission and IMAP in one process) and Dovecot (IMAP), so that the email
// channel is tested against two independent IMAP implementations rather
// than a fake.
//
// It builds nothing: mox comes from .ci/mox, which builds it once into
// ${RESONANZ_CACHE:-$HOME/.cache/resonanz}/mox-v0.0.17/ (.ci/run exports its
// path as RESONANZ_MOX); Dovecot is Debian's dovecot-imapd (.ci/run installs
// it). Without a binary, the Start functions skip the test.
//
// Both servers speak plain IMAP and SMTP on loopback, where the email
// channel logs in without TLS. The helpers fail the test on any error.
package mailtest

import (
	"bytes"
	"context"
	"net"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"
)

// Login is one mailbox a test can log in to.
type Login struct {
	IMAP     string // 127.0.0.1:port
	User     string
	Password string
}

// Mail is one mail as a mailbox holds it.
type Mail struct {
	UID uint32
	Raw []byte
}

// dialIMAP logs in.
func (l Login) dial(t testing.TB) *client.Client {
	t.Helper()
	cl, err := client.Dial(l.IMAP)
	if err != nil {
		t.Fatalf("mailtest: IMAP %s: %v", l.IMAP, err)
	}
	cl.Timeout = time.Minute
	if err := cl.Login(l.User, l.Password); err != nil {
		cl.Logout()
		t.Fatalf("mailtest: IMAP login %s: %v", l.User, err)
	}
	return cl
}

// Append puts a mail into a mailbox, as a delivery would.
func (l Login) Append(t testing.TB, mailbox, raw string) {
	t.Helper()
	cl := l.dial(t)
	defer cl.Logout()
	if err := cl.Append(mailbox, nil, time.Now(), bytes.NewBufferString(strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		t.Fatalf("mailtest: APPEND to %s of %s: %v", mailbox, l.User, err)
	}
}

// Create makes a mailbox.
func (l Login) Create(t testing.TB, mailbox string) {
	t.Helper()
	cl := l.dial(t)
	defer cl.Logout()
	if err := cl.Create(mailbox); err != nil {
		t.Fatalf("mailtest: CREATE %s for %s: %v", mailbox, l.User, err)
	}
}

// Mails returns the mails of a mailbox in UID order; a missing mailbox has none.
func (l Login) Mails(t testing.TB, mailbox string) []Mail {
	t.Helper()
	cl := l.dial(t)
	defer cl.Logout()
	status, err := cl.Select(mailbox, true)
	if err != nil || status.Messages == 0 {
		return nil
	}
	set := new(imap.SeqSet)
	set.AddRange(1, 0)
	section := &imap.BodySectionName{Peek: true}
	ch := make(chan *imap.Message, 8)
	done := make(chan error, 1)
	go func() { done <- cl.UidFetch(set, []imap.FetchItem{imap.FetchUid, section.FetchItem()}, ch) }()
	var mails []Mail
	for msg := range ch {
		var b bytes.Buffer
		if body := msg.GetBody(section); body != nil {
			b.ReadFrom(body)
		}
		mails = append(mails, Mail{UID: msg.Uid, Raw: b.Bytes()})
	}
	if err := <-done; err != nil {
		t.Fatalf("mailtest: FETCH %s of %s: %v", mailbox, l.User, err)
	}
	return mails
}

// WaitMails waits until a mailbox holds at least n mails and returns them.
func (l Login) WaitMails(t testing.TB, mailbox string, n int) []Mail {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		mails := l.Mails(t, mailbox)
		if len(mails) >= n {
			return mails
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailtest: %s of %s holds %d mails after a minute, want %d", mailbox, l.User, len(mails), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// process is a server run by a test.
type process struct {
	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	out    *logBuffer
}

func (p *process) start(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	cmd.Stdout, cmd.Stderr = p.out, p.out
	setProcAttr(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("mailtest: start %s: %v", cmd.Path, err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	p.mu.Lock()
	p.cmd, p.exited = cmd, exited
	p.mu.Unlock()
}

// stop ends the process: SIGTERM, and SIGKILL to its group after ten seconds.
func (p *process) stop() {
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
	}
	killGroup(cmd)
	<-exited
}

// waitGreeting waits until addr answers with a greeting that starts with prefix.
func (p *process) waitGreeting(t testing.TB, addr, prefix string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.SetDeadline(time.Now().Add(5 * time.Second))
			buf := make([]byte, 64)
			n, _ := conn.Read(buf)
			conn.Close()
			if strings.HasPrefix(string(buf[:n]), prefix) {
				return
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("mailtest: the server exited while starting:\n%s", p.out.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailtest: %s did not answer within a minute:\n%s", addr, p.out.String())
		}
	}
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	return freePorts(t, 1)[0]
}

// freePorts returns n different loopback TCP ports that were free a moment
// ago: each is held until all are chosen, or the system could hand out one
// port twice.
func freePorts(t testing.TB, n int) []int {
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

// logKeep is how much of a server's output is kept for a failing test.
const logKeep = 64 << 10

// logBuffer keeps the last logKeep bytes written to it.
type logBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if n := len(b.buf) - logKeep; n > 0 {
		b.buf = append(b.buf[:0], b.buf[n:]...)
	}
	return len(p), nil
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
