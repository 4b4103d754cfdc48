package mailtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/mail/smtp"

	"github.com/resonanz/resonanz/internal/testpeer"
)

// MoxVersion is the mox version the cache path names.
const MoxVersion = "v0.0.17"

// EnvMox names the environment variable that holds mox's path.
const EnvMox = "RESONANZ_MOX"

// Mox is a running "mox localserve" with accounts of its own. Every
// account's address is NAME@localhost; mox delivers what is submitted to
// another local account through its own SMTP port.
type Mox struct {
	Dir        string
	SMTP       string // 127.0.0.1:port, where mail from outside arrives (no login)
	Submission string // 127.0.0.1:port, where accounts send (login)
	IMAP       string // 127.0.0.1:port

	bin, config string
	proc        testpeer.Process
}

// MoxBinary returns mox's path: $RESONANZ_MOX, or else the path .ci/mox
// builds to; "" when neither is there.
func MoxBinary() (string, error) { return testpeer.Binary(EnvMox, "mox", MoxVersion) }

// StartMox writes a localserve configuration on free ports with the named
// accounts (and mox's own "mox"), starts mox and waits until it answers;
// t.Cleanup stops it. The junk filter is off, so that mail of unknown
// senders is delivered to the inbox. It skips the test when mox is absent.
func StartMox(t testing.TB, accounts ...string) *Mox {
	t.Helper()
	bin, err := MoxBinary()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	if bin == "" {
		t.Skipf("mailtest: mox %s not found; build it with .ci/mox or set %s", MoxVersion, EnvMox)
	}
	m := &Mox{Dir: filepath.Join(t.TempDir(), "mox"), bin: bin}
	m.config = filepath.Join(m.Dir, "mox.conf")
	t.Cleanup(func() {
		m.proc.Stop()
		if t.Failed() {
			t.Logf("mailtest: mox output (last %d KiB):\n%s", testpeer.LogKeep/1024, m.proc.Out.String())
		}
	})
	m.run(t, "", "localserve", "-dir", m.Dir, "-initonly")
	ports := map[string]string{}
	defaults := []string{"1025", "1587", "1465", "1143", "1993", "1080", "1443", "1081"}
	for i, port := range testpeer.FreePorts(t, len(defaults)) {
		ports[defaults[i]] = strconv.Itoa(port)
	}
	m.SMTP, m.Submission, m.IMAP = "127.0.0.1:"+ports["1025"], "127.0.0.1:"+ports["1587"], "127.0.0.1:"+ports["1143"]
	m.edit(t, "mox.conf", func(conf string) string {
		conf = strings.Replace(conf, "\t\t\t- ::1\n", "", 1) // loopback IPv4 only
		conf = strings.Replace(conf, "LogLevel: traceauth\n", "LogLevel: info\n", 1)
		for from, to := range ports {
			conf = strings.ReplaceAll(conf, "Port: "+from+"\n", "Port: "+to+"\n")
		}
		return conf
	})
	m.edit(t, "domains.conf", func(conf string) string {
		start, end := strings.Index(conf, "\nAccounts:\n"), strings.Index(conf, "\nWebHandlers:")
		if start < 0 || end < start {
			t.Fatalf("mailtest: mox's domains.conf has no Accounts section to replace")
		}
		var b strings.Builder
		b.WriteString("\nAccounts:\n")
		for _, name := range append([]string{"mox"}, accounts...) {
			fmt.Fprintf(&b, "\t%s:\n\t\tDomain: localhost\n\t\tDestinations:\n\t\t\t%s@localhost: nil\n\t\tRejectsMailbox: Rejects\n\t\tNoFirstTimeSenderDelay: true\n", name, name)
		}
		return conf[:start] + b.String() + conf[end:]
	})
	m.proc.Start(t, m.command("localserve", "-dir", m.Dir))
	waitGreeting(t, &m.proc, m.IMAP, "* OK")
	for _, name := range accounts {
		m.run(t, m.Password(name)+"\n", "-config", m.config, "setaccountpassword", name)
	}
	return m
}

func (m *Mox) command(args ...string) *exec.Cmd {
	cmd := exec.Command(m.bin, args...)
	cmd.Dir = filepath.Dir(m.Dir)
	cmd.Env = append(os.Environ(), "MOXCONF=")
	return cmd
}

// run runs one mox command to its end.
func (m *Mox) run(t testing.TB, stdin string, args ...string) {
	t.Helper()
	cmd := m.command(args...)
	cmd.Stdin = strings.NewReader(stdin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mailtest: mox %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func (m *Mox) edit(t testing.TB, name string, f func(string) string) {
	t.Helper()
	path := filepath.Join(m.Dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(f(string(b))), 0o660); err != nil {
		t.Fatal(err)
	}
}

// Address is an account's mail address.
func (m *Mox) Address(name string) string { return name + "@localhost" }

// Password is an account's password.
func (m *Mox) Password(name string) string { return "resonanz-test-" + name }

// Login is how to read an account's mail.
func (m *Mox) Login(name string) Login {
	return Login{IMAP: m.IMAP, User: m.Address(name), Password: m.Password(name)}
}

// Submit sends a mail as the account name, as a mail client does; headers
// may use "\n" line ends.
func (m *Mox) Submit(t testing.TB, name string, to []string, raw string) {
	t.Helper()
	c := &smtp.Client{Addr: m.Submission, User: m.Address(name), Password: m.Password(name)}
	if err := c.Send(context.Background(), m.Address(name), to, crlf(raw)); err != nil {
		t.Fatalf("mailtest: %s submits: %v", name, err)
	}
}

// Deliver hands a mail to mox's SMTP port as another server would, with
// envelope sender from ("" for the null sender of a bounce).
func (m *Mox) Deliver(t testing.TB, from string, to []string, raw string) {
	t.Helper()
	c := &smtp.Client{Addr: m.SMTP}
	if err := c.Send(context.Background(), from, to, crlf(raw)); err != nil {
		t.Fatalf("mailtest: delivery from %q: %v", from, err)
	}
}

func crlf(s string) []byte {
	return []byte(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n"))
}
