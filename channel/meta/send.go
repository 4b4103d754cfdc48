package meta

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// Send posts a reply. A public reply answers the comment out.ReplyTo names:
// under it on Facebook, as a reply to it on Instagram. A private reply to a
// comment is Meta's private reply to its author; any other private reply is
// a message to out.Recipient within the 24-hour window of the customer's
// last message.
//
// The Graph API takes no idempotency key. A later attempt at a public
// reply first looks under the comment for the account's own reply with the
// same text and returns it instead of posting twice. Messages cannot be
// looked up that way: a message whose answer was lost on the way may arrive
// twice after a retry (a private reply to a comment cannot, Meta allows only
// one).
func (c *Channel) Send(ctx context.Context, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	text := strings.TrimSpace(out.Text)
	if text == "" {
		return nil, resonanz.Permanent(resonanz.Errorf(resonanz.EINVALID, "The reply is empty."))
	}
	nw, kind, id, replyToKnown := splitExternalID(out.ReplyTo)
	isComment := replyToKnown && kind == "c"
	if out.Public {
		if !isComment {
			return nil, resonanz.Permanent(resonanz.Errorf(resonanz.EINVALID,
				"On Facebook and Instagram a public reply answers a comment, and this conversation has none to answer: reply privately."))
		}
		return c.replyToComment(ctx, nw, id, text, out)
	}
	if isComment {
		return c.sendMessage(ctx, nw, map[string]string{"comment_id": id}, text)
	}
	nw, psid, ok := splitHandle(out.Recipient)
	if !ok {
		return nil, resonanz.Permanent(resonanz.Errorf(resonanz.EINVALID,
			"%q is not someone this Meta account can write to privately.", out.Recipient))
	}
	return c.sendMessage(ctx, nw, map[string]string{"id": psid}, text)
}

// Limits Meta sets on the text of one reply.
const (
	maxFacebookComment  = 8000 // characters
	maxInstagramComment = 2200 // characters
	maxMessengerText    = 2000 // characters
	maxInstagramDMBytes = 1000 // bytes of UTF-8
)

func (c *Channel) replyToComment(ctx context.Context, nw network, commentID, text string, out *resonanz.Outgoing) (*resonanz.Sent, error) {
	edge, limit := "/comments", maxFacebookComment
	if nw == instagram {
		edge, limit = "/replies", maxInstagramComment
	}
	if n := utf8.RuneCountInString(text); n > limit {
		return nil, tooLong(n, limit, "characters")
	}
	if out.Attempt > 1 {
		if sent, err := c.findReply(ctx, nw, commentID, text, out.QueuedAt); err != nil || sent != nil {
			return sent, err
		}
	}
	var res struct {
		ID string `json:"id"`
	}
	err := c.call(ctx, http.MethodPost, "/"+url.PathEscape(commentID)+edge, nil, url.Values{"message": {text}}, &res)
	if err != nil {
		return nil, err
	}
	if !validID(res.ID) {
		// The reply is probably out; the next attempt finds it.
		return nil, errors.New("meta: the Graph API answered without the id of the new comment")
	}
	return sentComment(nw, res.ID), nil
}

func (c *Channel) sendMessage(ctx context.Context, nw network, recipient map[string]string, text string) (*resonanz.Sent, error) {
	if nw == instagram && len(text) > maxInstagramDMBytes {
		return nil, tooLong(len(text), maxInstagramDMBytes, "bytes")
	} else if n := utf8.RuneCountInString(text); nw == facebook && n > maxMessengerText {
		return nil, tooLong(n, maxMessengerText, "characters")
	}
	body := map[string]any{
		"recipient":      recipient,
		"messaging_type": "RESPONSE",
		"message":        map[string]string{"text": text},
	}
	var res struct {
		MessageID string `json:"message_id"`
	}
	if err := c.call(ctx, http.MethodPost, "/"+c.pageID+"/messages", nil, body, &res); err != nil {
		return nil, err
	}
	if !validID(res.MessageID) {
		return nil, resonanz.Permanent(errors.New("meta: the message went out, but the Graph API answered without its id"))
	}
	return &resonanz.Sent{ExternalID: nw.messageID(res.MessageID)}, nil
}

func tooLong(n, limit int, unit string) error {
	return resonanz.Permanent(resonanz.Errorf(resonanz.EINVALID, "The reply is %d %s long; Meta takes at most %d here.", n, unit, limit))
}

func sentComment(nw network, id string) *resonanz.Sent {
	s := &resonanz.Sent{ExternalID: nw.commentID(id)}
	if nw == facebook {
		s.URL = "https://www.facebook.com/" + id
	}
	return s
}

// reply is a comment under a comment, as the Graph API lists it. Facebook
// names the text message and the time created_time, Instagram text and
// timestamp.
type reply struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Text    string `json:"text"`
	From    struct {
		ID string `json:"id"`
	} `json:"from"`
	CreatedTime string `json:"created_time"`
	Timestamp   string `json:"timestamp"`
}

// maxReplyPages bounds the look for an earlier reply; newest come first on
// Facebook, so the first page almost always holds it.
const maxReplyPages = 5

// findReply looks under a comment for the account's own reply with text,
// made after the reply was queued (with room for clocks that disagree).
func (c *Channel) findReply(ctx context.Context, nw network, commentID, text string, queuedAt time.Time) (*resonanz.Sent, error) {
	author, edge := c.pageID, "/comments"
	query := url.Values{"fields": {"id,message,from,created_time"}, "order": {"reverse_chronological"}, "limit": {"100"}}
	if nw == instagram {
		id, err := c.instagramAccount(ctx)
		if err != nil {
			return nil, err
		}
		author, edge = id, "/replies"
		query = url.Values{"fields": {"id,text,from,timestamp"}, "limit": {"100"}}
	}
	since := queuedAt.Add(-10 * time.Minute)
	for range maxReplyPages {
		var page struct {
			Data   []reply `json:"data"`
			Paging struct {
				Cursors struct {
					After string `json:"after"`
				} `json:"cursors"`
				Next string `json:"next"`
			} `json:"paging"`
		}
		if err := c.call(ctx, http.MethodGet, "/"+url.PathEscape(commentID)+edge, query, nil, &page); err != nil {
			return nil, err
		}
		for _, r := range page.Data {
			if r.From.ID == author && strings.TrimSpace(r.Message+r.Text) == text && !before(r.CreatedTime+r.Timestamp, since) && validID(r.ID) {
				return sentComment(nw, r.ID), nil
			}
		}
		if page.Paging.Next == "" || page.Paging.Cursors.After == "" {
			break
		}
		query.Set("after", page.Paging.Cursors.After)
	}
	return nil, nil
}

// instagramAccount returns the id of the Instagram account linked to the
// page: the author of the account's own replies.
func (c *Channel) instagramAccount(ctx context.Context) (string, error) {
	var page struct {
		Account *struct {
			ID string `json:"id"`
		} `json:"instagram_business_account"`
	}
	if err := c.call(ctx, http.MethodGet, "/"+c.pageID, url.Values{"fields": {"instagram_business_account"}}, nil, &page); err != nil {
		return "", err
	}
	if page.Account == nil || page.Account.ID == "" {
		return "", resonanz.Permanent(errors.New("meta: the page has no Instagram account linked to it"))
	}
	return page.Account.ID, nil
}

// before reports whether a Graph time ("2024-05-01T10:00:00+0000") is
// before t; a time it cannot read is not, so the reply counts as found.
func before(graphTime string, t time.Time) bool {
	when, err := time.Parse("2006-01-02T15:04:05-0700", graphTime)
	return err == nil && when.Before(t)
}

// splitExternalID reads an external id this adapter made: its network, its
// kind ("c" comment, "m" message) and the platform's id.
func splitExternalID(s string) (nw network, kind, id string, ok bool) {
	prefix, rest, _ := strings.Cut(s, ":")
	kind, id, _ = strings.Cut(rest, ":")
	switch prefix {
	case facebook.prefix:
		nw = facebook
	case instagram.prefix:
		nw = instagram
	default:
		return network{}, "", "", false
	}
	if kind == "c" && isCommentID(id) || kind == "m" && validID(id) {
		return nw, kind, id, true
	}
	return network{}, "", "", false
}

// splitHandle reads a customer's handle ("fb:<page-scoped id>",
// "ig:<Instagram-scoped id>") into what the Send API addresses.
func splitHandle(s string) (network, string, bool) {
	prefix, id, _ := strings.Cut(s, ":")
	switch {
	case !isNumericID(id):
		return network{}, "", false
	case prefix == facebook.prefix:
		return facebook, id, true
	case prefix == instagram.prefix:
		return instagram, id, true
	}
	return network{}, "", false
}

// isCommentID reports whether s is a Graph comment id ("123_456" on
// Facebook, digits on Instagram), safe to put in a path.
func isCommentID(s string) bool {
	return s != "" && len(s) <= 150 && strings.Trim(s, "0123456789_") == ""
}
