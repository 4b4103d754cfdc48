package mailtest_test

import (
	"strings"
	"testing"

	"github.com/resonanz/resonanz/channel/email/mailtest"
)

func TestMoxDelivers(t *testing.T) {
	m := mailtest.StartMox(t, "anna", "shop")
	m.Submit(t, "anna", []string{m.Address("shop")}, "From: anna@localhost\nTo: shop@localhost\nSubject: Hallo\nMessage-ID: <t1@localhost>\n\nGuten Tag.\n")
	mails := m.Login("shop").WaitMails(t, "INBOX", 1)
	if !strings.Contains(string(mails[0].Raw), "Guten Tag.") {
		t.Fatalf("shop received %q", mails[0].Raw)
	}
}

func TestDovecotStores(t *testing.T) {
	d := mailtest.StartDovecot(t, "shop")
	d.Login("shop").Append(t, "INBOX", "From: anna@localhost\nSubject: Hallo\n\nGuten Tag.\n")
	if mails := d.Login("shop").Mails(t, "INBOX"); len(mails) != 1 || !strings.Contains(string(mails[0].Raw), "Guten Tag.") {
		t.Fatalf("shop's inbox: %+v", mails)
	}
}
