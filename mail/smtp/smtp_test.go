package smtp_test

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/mail/smtp"
	"github.com/resonanz/resonanz/mail/smtp/smtptest"
)

func server(t *testing.T) *smtptest.Server {
	t.Helper()
	srv, err := smtptest.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

const msg = "From: shop@example.org\r\nTo: anna@example.org\r\nSubject: Hallo\r\n\r\nGuten Tag.\r\n"

func TestSend(t *testing.T) {
	t.Run("LoginToThisMachine", func(t *testing.T) {
		srv := server(t)
		srv.User, srv.Password = "shop", "s3cret"
		c := &smtp.Client{Addr: srv.Addr, User: "shop", Password: "s3cret"}
		if err := c.Send(context.Background(), "shop@example.org", []string{"anna@example.org"}, []byte(msg)); err != nil {
			t.Fatal(err)
		}
		m := <-srv.Mails
		if m.User != "shop" || m.From != "shop@example.org" || len(m.To) != 1 || !strings.Contains(string(m.Data), "Guten Tag.") {
			t.Fatalf("received %+v", m)
		}
	})
	t.Run("ErrPasswordInClearText", func(t *testing.T) {
		srv := server(t)
		srv.User, srv.Password = "shop", "s3cret"
		// The server is named as a remote host that offers no TLS.
		dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, srv.Addr)
		}
		c := &smtp.Client{Addr: "mail.example.org:587", User: "shop", Password: "s3cret", Dial: dial}
		err := c.Send(context.Background(), "shop@example.org", []string{"anna@example.org"}, []byte(msg))
		if err == nil || !resonanz.IsPermanent(err) || !strings.Contains(err.Error(), "clear text") {
			t.Fatalf("a password over plain SMTP to another host: %v", err)
		}
	})
	t.Run("ErrRefusedRecipient", func(t *testing.T) {
		srv := server(t)
		srv.RcptCode = 550
		c := &smtp.Client{Addr: srv.Addr}
		err := c.Send(context.Background(), "shop@example.org", []string{"gone@example.org"}, []byte(msg))
		if err == nil || !resonanz.IsPermanent(err) {
			t.Fatalf("a refused recipient gave %v, want a permanent error", err)
		}
	})
	t.Run("ErrServerDown", func(t *testing.T) {
		srv := server(t)
		addr := srv.Addr
		srv.Close()
		err := (&smtp.Client{Addr: addr}).Send(context.Background(), "shop@example.org", []string{"anna@example.org"}, []byte(msg))
		if err == nil || resonanz.IsPermanent(err) {
			t.Fatalf("a server that is down must be tried again: %v", err)
		}
	})
}
