package email

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"
	"github.com/emersion/go-message"

	"github.com/resonanz/resonanz"
)

// Send mails a reply to the customer, threaded under the mail it answers:
// In-Reply-To names that mail, References its thread, and the subject is
// its subject with "Re: ". The Message-ID is made from the reply's key, so
// every attempt of one reply carries the same; a later attempt first looks
// for it in the Sent folder. The Message-ID is the reply's external id, so
// the customer's answer joins the conversation.
func (c *Channel) Send(ctx context.Context, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	to := strings.ToLower(strings.TrimSpace(out.Recipient))
	if !strings.Contains(to, "@") || strings.ContainsAny(to, " \r\n<>,;") {
		return nil, resonanz.Permanent(fmt.Errorf("%q is no email address", out.Recipient))
	}
	orig, err := c.original(ctx, out.ReplyTo)
	if err != nil {
		return nil, err
	}
	if orig.auto != "" {
		return nil, resonanz.Permanent(fmt.Errorf("the mail answered was written by a machine (%s): no reply, so that no mail loop starts", orig.auto))
	}
	id := c.messageID(out)
	sent := &resonanz.Sent{ExternalID: id}
	if out.Attempt > 1 && c.sentFolder != "" {
		if found, err := c.inSent(ctx, id); err != nil {
			return nil, err
		} else if found {
			return sent, nil
		}
	}
	msg := c.compose(out, to, id, orig, false)
	if err := c.smtp.Send(ctx, c.address, []string{to}, msg); err != nil {
		return nil, err
	}
	if c.sentFolder != "" {
		// The mail has left: a failed copy must not make it go again.
		if err := c.withIMAP(ctx, func(cl *client.Client) error {
			return cl.Append(c.sentFolder, []string{imap.SeenFlag}, time.Now(), bytes.NewBuffer(msg))
		}); err != nil {
			c.logger.Warn("the reply was sent, but its copy in the Sent folder failed", "folder", c.sentFolder, "err", err)
		}
	}
	return sent, nil
}

// origin is what a reply takes from the mail it answers.
type origin struct {
	id         string // "" when the reply answers no known mail
	subject    string
	references []string
	auto       string
}

// original looks up the answered mail in the mailboxes, for its subject and
// thread. A mail no longer there still gets an answer threaded by its id.
func (c *Channel) original(ctx context.Context, replyTo string) (*origin, error) {
	o := &origin{}
	if !strings.Contains(replyTo, "@") || strings.HasPrefix(replyTo, "sha256:") || strings.ContainsAny(replyTo, " \r\n<>\"") {
		return o, nil
	}
	o.id = replyTo
	err := c.withIMAP(ctx, func(cl *client.Client) error {
		for _, box := range c.mailboxes {
			h, err := findHeader(cl, box, replyTo)
			if err != nil {
				return err
			} else if h == nil {
				continue
			}
			o.subject = oneLine(decodeWords(h.Get("Subject")))
			o.references = ids(h.Get("References"))
			o.auto = autoReason(*h, from(h.Get("From")).Address, o.subject)
			return nil
		}
		return nil
	})
	return o, err
}

// findHeader returns the header of the mail with the Message-ID id in box, or nil.
func findHeader(cl *client.Client, box, id string) (*message.Header, error) {
	if _, err := examine(cl, box); err != nil {
		return nil, err
	}
	crit := imap.NewSearchCriteria()
	crit.Header.Set("Message-Id", id)
	uids, err := cl.UidSearch(crit)
	if err != nil || len(uids) == 0 {
		return nil, err
	}
	set := new(imap.SeqSet)
	set.AddNum(uids...)
	section := &imap.BodySectionName{Peek: true, BodyPartName: imap.BodyPartName{Specifier: imap.HeaderSpecifier}}
	ch := make(chan *imap.Message, 4)
	done := make(chan error, 1)
	go func() { done <- cl.UidFetch(set, []imap.FetchItem{section.FetchItem()}, ch) }()
	var found *message.Header
	for msg := range ch {
		body := msg.GetBody(section)
		if body == nil {
			continue
		}
		e, err := message.Read(body)
		if e == nil {
			continue
		} else if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			continue
		}
		if normID(firstID(e.Header.Get("Message-Id"))) == id && found == nil {
			found = &e.Header
		}
	}
	return found, <-done
}

// inSent reports whether the Sent folder holds a mail with Message-ID id.
func (c *Channel) inSent(ctx context.Context, id string) (bool, error) {
	var found bool
	err := c.withIMAP(ctx, func(cl *client.Client) error {
		h, err := findHeader(cl, c.sentFolder, id)
		found = h != nil
		return err
	})
	return found, err
}

// messageID is the same for every attempt of one reply and unique across
// installations: the key with a hash of the account and the reply's time.
func (c *Channel) messageID(out *resonanz.Outgoing) string {
	sum := sha256.Sum256([]byte(c.address + "\x00" + out.Key + "\x00" + out.QueuedAt.UTC().Format(time.RFC3339Nano)))
	_, domain, _ := strings.Cut(c.address, "@")
	key := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, out.Key)
	return key + "." + hex.EncodeToString(sum[:6]) + "@" + domain
}

// compose writes the reply: plain text in UTF-8, quoted-printable. An
// automatic mail keeps its subject as given and says it is automatic.
func (c *Channel) compose(out *resonanz.Outgoing, to, id string, orig *origin, automatic bool) []byte {
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	fromAddr := "<" + c.address + ">"
	if c.fromName != "" {
		fromAddr = mime.QEncoding.Encode("utf-8", c.fromName) + " " + fromAddr
	}
	header("From", fromAddr)
	header("To", "<"+to+">")
	subject := replyTo(orig.subject)
	if automatic {
		subject = orig.subject
		header("Auto-Submitted", "auto-replied")
	}
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", "<"+id+">")
	if orig.id != "" {
		header("In-Reply-To", "<"+orig.id+">")
		refs := append(orig.references, orig.id)
		if len(refs) > 20 { // the first and the latest, as RFC 5322 suggests
			refs = append(refs[:1], refs[len(refs)-19:]...)
		}
		header("References", "<"+strings.Join(refs, ">\r\n <")+">")
	}
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(out.Text, "\r\n", "\n"), "\n", "\r\n")))
	qp.Close()
	return b.Bytes()
}

// replyTo is the subject of an answer: "Re: " once.
func replyTo(subject string) string {
	if subject == "" {
		return "Re: Ihre Nachricht"
	}
	if strings.HasPrefix(strings.ToLower(subject), "re:") {
		return subject
	}
	return "Re: " + subject
}

// SendAutoReply sends a mail resonanz writes by itself (a web form's
// confirmation), marked Auto-Submitted: auto-replied so that the
// customer's vacation notice does not answer it, and with no In-Reply-To:
// it answers no mail.
func (c *Channel) SendAutoReply(ctx context.Context, r *resonanz.AutoReply) error {
	to := strings.ToLower(strings.TrimSpace(r.To))
	if !strings.Contains(to, "@") || strings.ContainsAny(to, " \r\n<>,;") {
		return resonanz.Permanent(fmt.Errorf("%q is no email address", r.To))
	}
	random := make([]byte, 12)
	rand.Read(random)
	out := &resonanz.Outgoing{Key: "resonanz-auto-" + hex.EncodeToString(random), Text: r.Text, QueuedAt: time.Now()}
	msg := c.compose(out, to, c.messageID(out), &origin{subject: r.Subject}, true)
	return c.smtp.Send(ctx, c.address, []string{to}, msg)
}
