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
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"

	"github.com/resonanz/resonanz/internal/testpeer"
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

// waitGreeting waits until the server p runs answers on addr with a
// greeting that starts with prefix.
func waitGreeting(t testing.TB, p *testpeer.Process, addr, prefix string) {
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
		case <-p.Exited():
			t.Fatalf("mailtest: the server exited while starting:\n%s", p.Out.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailtest: %s did not answer within a minute:\n%s", addr, p.Out.String())
		}
	}
}
