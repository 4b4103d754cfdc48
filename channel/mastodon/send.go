package mastodon

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/resonanz/resonanz"
)

// Send posts a reply under the customer's post, publicly or as a direct
// message that mentions only them. The Idempotency-Key makes a retry of a
// post the server already took return that post; a later attempt also looks
// among the account's recent posts first, for servers that ignore the key.
func (c *Channel) Send(ctx context.Context, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	me, err := c.account(ctx)
	if err != nil {
		return nil, err
	}
	replyTo, ok := strings.CutPrefix(out.ReplyTo, c.host+"/")
	if out.ReplyTo != "" && !ok {
		return nil, resonanz.Permanent(fmt.Errorf("the customer's post %q is not on %s", out.ReplyTo, c.host))
	}
	text := out.Text
	if m := c.mention(out.Recipient); out.Recipient != "" && !strings.Contains(text, m) {
		text = m + " " + text
	}
	if out.Attempt > 1 && replyTo != "" {
		if s, err := c.earlierReply(ctx, me.ID, replyTo, text); err != nil {
			return nil, err
		} else if s != nil {
			return c.sent(s), nil
		}
	}
	form := url.Values{"status": {text}, "visibility": {"direct"}}
	if out.Public {
		form.Set("visibility", "public")
	}
	if replyTo != "" {
		form.Set("in_reply_to_id", replyTo)
	}
	var s status
	if err := c.call(ctx, http.MethodPost, "/api/v1/statuses", form, http.Header{"Idempotency-Key": {out.Key}}, &s); err != nil {
		return nil, err
	}
	return c.sent(&s), nil
}

func (c *Channel) sent(s *status) *resonanz.Sent {
	sent := &resonanz.Sent{ExternalID: c.host + "/" + s.ID}
	if s.URL != nil {
		sent.URL = *s.URL
	}
	return sent
}

// earlierReply finds a post of the account that already answers replyTo
// with the same text.
func (c *Channel) earlierReply(ctx context.Context, selfID, replyTo, text string) (*status, error) {
	var posts []status
	if err := c.call(ctx, http.MethodGet, "/api/v1/accounts/"+url.PathEscape(selfID)+"/statuses?limit=40", nil, nil, &posts); err != nil {
		return nil, err
	}
	want := strings.Join(strings.Fields(text), " ")
	for i := range posts {
		p := &posts[i]
		if p.InReplyToID != nil && *p.InReplyToID == replyTo && strings.Join(strings.Fields(plainText(p.Content)), " ") == want {
			return p, nil
		}
	}
	return nil, nil
}
