package mailtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testpeer"
)

// EnvDovecot names the environment variable that may hold dovecot's path.
const EnvDovecot = "RESONANZ_DOVECOT"

// Dovecot is a running Dovecot IMAP server with passwd-file users whose
// mail lies in Maildirs under Dir. Users' logins are NAME@localhost.
type Dovecot struct {
	Dir  string
	IMAP string // 127.0.0.1:port
	proc testpeer.Process
}

// StartDovecot writes a configuration for the named users, runs dovecot in
// the foreground and waits until it answers; t.Cleanup stops it. It skips
// the test when dovecot is not installed.
func StartDovecot(t testing.TB, users ...string) *Dovecot {
	t.Helper()
	bin := os.Getenv(EnvDovecot)
	if bin == "" {
		bin, _ = exec.LookPath("dovecot")
		if bin == "" {
			bin = "/usr/sbin/dovecot"
		}
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("mailtest: dovecot not found (apt-get install dovecot-imapd, or set %s)", EnvDovecot)
	}
	// Dovecot's mail and login processes run as other users, who must reach
	// the directory: it cannot lie inside the test's private temporary one.
	dir, err := os.MkdirTemp("", "resonanz-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	d := &Dovecot{Dir: dir}
	d.IMAP = "127.0.0.1:" + strconv.Itoa(testpeer.FreePort(t))
	uid, gid, internal := os.Getuid(), os.Getgid(), ""
	if uid == 0 {
		// Dovecot never gives mail to root: the mail belongs to its own user.
		u, err := user.Lookup("dovecot")
		if err != nil {
			t.Fatalf("mailtest: running as root, dovecot needs its user: %v", err)
		}
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	} else {
		me, err := user.Current()
		if err != nil {
			t.Fatal(err)
		}
		internal = fmt.Sprintf("default_internal_user = %s\ndefault_login_user = %s\n", me.Username, me.Username)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mail := filepath.Join(dir, "mail")
	if err := os.Mkdir(mail, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(mail, uid, gid); err != nil {
		t.Fatal(err)
	}
	var passwd strings.Builder
	for _, name := range users {
		fmt.Fprintf(&passwd, "%s@localhost:{PLAIN}%s\n", name, d.password(name))
	}
	usersFile := filepath.Join(dir, "users")
	if err := os.WriteFile(usersFile, []byte(passwd.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, port, _ := strings.Cut(d.IMAP, ":")
	conf := fmt.Sprintf(`base_dir = %[1]s/run
state_dir = %[1]s/state
instance_name = resonanz-test-%[2]s
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:%[1]s/mail/%%n
log_path = %[1]s/dovecot.log
first_valid_uid = 0
%[5]s
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/users
}
userdb {
  driver = static
  args = uid=%[3]d gid=%[4]d home=%[1]s/mail/%%n
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = %[2]s
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`, dir, port, uid, gid, internal)
	config := filepath.Join(dir, "dovecot.conf")
	if err := os.WriteFile(config, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.proc.Stop()
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Logf("mailtest: dovecot output:\n%s\n%s", d.proc.Out.String(), log)
		}
	})
	d.proc.Start(t, exec.Command(bin, "-F", "-c", config))
	waitGreeting(t, &d.proc, d.IMAP, "* OK")
	return d
}

func (d *Dovecot) password(name string) string { return "resonanz-test-" + name }

// Address is a user's mail address and login.
func (d *Dovecot) Address(name string) string { return name + "@localhost" }

// Login is how to read a user's mail.
func (d *Dovecot) Login(name string) Login {
	return Login{IMAP: d.IMAP, User: d.Address(name), Password: d.password(name)}
}
