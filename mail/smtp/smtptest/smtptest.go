// Package smtptest runs a small SMTP server on the loopback interface, for
// tests that must see a mail arrive: it speaks EHLO, AUTH PLAIN, MAIL, RCPT,
// DATA, RSET, NOOP and QUIT, and keeps what it receives.
package smtptest

import (
	"bytes"
	"encoding/base64"
	"net"
	"net/textproto"
	"strings"
	"sync"
)

// Mail is one message as the server received it.
type Mail struct {
	From string
	To   []string
	User string // who logged in, if anyone
	Data []byte // headers and body, CRLF line ends, dot-unstuffed
}

// Server is a running SMTP server.
type Server struct {
	Addr string // 127.0.0.1:port
	// Mails receives each accepted message.
	Mails chan Mail
	// User and Password, when set, are advertised as AUTH PLAIN and required.
	User, Password string
	// RcptCode, when set, is the answer to every RCPT, e.g. 550.
	RcptCode int

	ln net.Listener
	wg sync.WaitGroup
}

// NewServer starts a server on a free loopback port; set the optional fields before a client connects.
func NewServer() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: ln.Addr().String(), Mails: make(chan Mail, 16), ln: ln}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Close stops the server and waits for its connections to end.
func (s *Server) Close() {
	s.ln.Close()
	s.wg.Wait()
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serve(textproto.NewConn(conn))
		}()
	}
}

func (s *Server) serve(c *textproto.Conn) {
	defer c.Close()
	c.PrintfLine("220 smtptest ready")
	var m Mail
	var user string
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO", "HELO":
			if s.User != "" {
				c.PrintfLine("250-smtptest")
				c.PrintfLine("250 AUTH PLAIN")
			} else {
				c.PrintfLine("250 smtptest")
			}
		case "AUTH":
			user = s.login(arg)
			if user == "" {
				c.PrintfLine("535 authentication failed")
			} else {
				c.PrintfLine("235 ok")
			}
		case "MAIL":
			if s.User != "" && user == "" {
				c.PrintfLine("530 authentication required")
				continue
			}
			m = Mail{From: address(arg), User: user}
			c.PrintfLine("250 ok")
		case "RCPT":
			if s.RcptCode != 0 {
				c.PrintfLine("%d no such mailbox", s.RcptCode)
				continue
			}
			m.To = append(m.To, address(arg))
			c.PrintfLine("250 ok")
		case "DATA":
			c.PrintfLine("354 go ahead")
			data, err := c.ReadDotBytes()
			if err != nil {
				return
			}
			m.Data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			s.Mails <- m
			m = Mail{User: user}
			c.PrintfLine("250 queued")
		case "RSET":
			m = Mail{User: user}
			c.PrintfLine("250 ok")
		case "NOOP":
			c.PrintfLine("250 ok")
		case "QUIT":
			c.PrintfLine("221 bye")
			return
		default:
			c.PrintfLine("502 not implemented")
		}
	}
}

// login checks "PLAIN <base64 of authzid NUL user NUL password>" and returns the user.
func (s *Server) login(arg string) string {
	mech, resp, _ := strings.Cut(arg, " ")
	raw, err := base64.StdEncoding.DecodeString(resp)
	parts := strings.Split(string(raw), "\x00")
	if !strings.EqualFold(mech, "PLAIN") || err != nil || len(parts) != 3 || parts[1] != s.User || parts[2] != s.Password {
		return ""
	}
	return parts[1]
}

// address takes the mailbox out of "FROM:<a@b>" or "TO:<a@b>".
func address(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}
