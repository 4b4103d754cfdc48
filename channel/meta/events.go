package meta

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// messagingEvent is a Messenger or Instagram direct message event.
type messagingEvent struct {
	Sender struct {
		ID string `json:"id"`
	} `json:"sender"`
	Timestamp json.Number `json:"timestamp"`
	Message   *struct {
		Mid         string       `json:"mid"`
		Text        string       `json:"text"`
		IsEcho      bool         `json:"is_echo"`
		IsDeleted   bool         `json:"is_deleted"`
		Attachments []attachment `json:"attachments"`
		ReplyTo     *struct {
			Mid string `json:"mid"`
		} `json:"reply_to"`
	} `json:"message"`
}

type attachment struct {
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"` // its shape depends on the type
}

// message maps a direct message; read receipts, reactions and the like
// carry no message and are skipped.
func (p *parser) message(nw network, e *entry, raw json.RawMessage) (*resonanz.IncomingMessage, error) {
	var ev messagingEvent
	if err := json.Unmarshal(raw, &ev); err != nil {
		return nil, fmt.Errorf("unreadable: %v", err)
	}
	msg := ev.Message
	switch {
	case msg == nil:
		return nil, errors.New("not a message (a receipt, reaction or postback)")
	case msg.IsEcho || e.ID != "" && ev.Sender.ID == e.ID:
		return nil, errors.New("echo of the account's own message")
	case msg.IsDeleted:
		return nil, errors.New("the customer deleted the message")
	case !validID(msg.Mid) || !validID(ev.Sender.ID):
		return nil, errors.New("message or sender id missing or malformed")
	}
	text := msg.Text
	for _, a := range msg.Attachments {
		text = appendLine(text, a.show())
	}
	m := &resonanz.IncomingMessage{
		Channel:    nw.channel,
		ExternalID: nw.messageID(msg.Mid),
		Author:     resonanz.Author{Handle: nw.handle(ev.Sender.ID)},
		Text:       cleanText(text),
		Time:       p.when(ev.Timestamp, e.Time),
		Visibility: resonanz.Private,
	}
	if msg.ReplyTo != nil && validID(msg.ReplyTo.Mid) {
		m.ReplyTo = nw.messageID(msg.ReplyTo.Mid)
	}
	return m, nil
}

// show writes an attachment as a line of text: its kind and, for a web
// address, the link. Nothing of it is fetched.
func (a attachment) show() string {
	var p struct {
		URL   string `json:"url"`
		Title string `json:"title"`
	}
	_ = json.Unmarshal(a.Payload, &p) // a payload without a link still names its kind
	kind := a.Type
	if kind == "" {
		kind = "attachment"
	}
	line := "[" + kind + "]"
	if p.Title != "" {
		line += " " + p.Title
	}
	if isWebLink(p.URL) {
		line += " " + p.URL
	}
	return line
}

// feedValue is a change of a page's feed: a new post, comment, reaction …
type feedValue struct {
	Item      string `json:"item"`
	Verb      string `json:"verb"`
	CommentID string `json:"comment_id"`
	PostID    string `json:"post_id"`
	ParentID  string `json:"parent_id"` // the post for a comment, the comment for a reply
	Message   string `json:"message"`
	Photo     string `json:"photo"`
	Video     string `json:"video"`
	From      struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"from"`
	CreatedTime json.Number `json:"created_time"`
}

// feedComment maps a new comment under one of the page's posts.
func (p *parser) feedComment(e *entry, raw json.RawMessage) (*resonanz.IncomingMessage, error) {
	var v feedValue
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("unreadable: %v", err)
	}
	switch {
	case v.Item != "comment":
		return nil, fmt.Errorf("feed item %q is not a comment", v.Item)
	case v.Verb != "add":
		return nil, fmt.Errorf("comment %s: only new comments are taken, not %q", v.CommentID, v.Verb)
	case !validID(v.CommentID):
		return nil, errors.New("comment id missing or malformed")
	case v.From.ID == p.c.pageID || e.ID != "" && v.From.ID == e.ID:
		return nil, errors.New("the page's own comment")
	}
	text := v.Message
	if isWebLink(v.Photo) {
		text = appendLine(text, "[photo] "+v.Photo)
	}
	if isWebLink(v.Video) {
		text = appendLine(text, "[video] "+v.Video)
	}
	m := &resonanz.IncomingMessage{
		Channel:    facebook.channel,
		ExternalID: facebook.commentID(v.CommentID),
		Author:     author(facebook, v.From.ID, v.From.Name, v.CommentID),
		Text:       cleanText(text),
		Time:       p.when(v.CreatedTime, e.Time),
		Visibility: resonanz.Public,
	}
	if v.ParentID != "" && v.ParentID != v.PostID && validID(v.ParentID) {
		m.ReplyTo = facebook.commentID(v.ParentID)
	}
	return m, nil
}

// igCommentValue is a comment on one of the Instagram account's media.
type igCommentValue struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	ParentID string `json:"parent_id"` // set for a reply to another comment
	From     struct {
		ID       string `json:"id"`
		Username string `json:"username"`
	} `json:"from"`
}

// instagramComment maps a new comment on the Instagram account's media.
func (p *parser) instagramComment(e *entry, raw json.RawMessage) (*resonanz.IncomingMessage, error) {
	var v igCommentValue
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("unreadable: %v", err)
	}
	switch {
	case !validID(v.ID):
		return nil, errors.New("comment id missing or malformed")
	case v.From.ID != "" && v.From.ID == e.ID:
		return nil, errors.New("the account's own comment")
	}
	m := &resonanz.IncomingMessage{
		Channel:    instagram.channel,
		ExternalID: instagram.commentID(v.ID),
		Author:     author(instagram, v.From.ID, v.From.Username, v.ID),
		Text:       cleanText(v.Text),
		Time:       p.when("", e.Time),
		Visibility: resonanz.Public,
	}
	if v.ParentID != "" && validID(v.ParentID) {
		m.ReplyTo = instagram.commentID(v.ParentID)
	}
	return m, nil
}

// author names a commenter by their id on the platform: it stays when they
// rename themselves, and it is what comments and direct messages of one
// Instagram user share. Meta leaves the author out when the app lacks access
// to it; the comment then gets an author of its own instead of being lost.
func author(nw network, id, name, commentID string) resonanz.Author {
	a := resonanz.Author{Handle: nw.handle(id), DisplayName: truncate(cleanText(name), resonanz.MaxNameLen)}
	if !validID(id) {
		a.Handle = nw.handle("unknown:" + commentID)
	}
	return a
}

// when returns when an event happened: its own time, else the time of its
// entry, else now. Meta writes seconds in some places and milliseconds in
// others; a time before Facebook existed or far ahead is taken as absent.
func (p *parser) when(stamps ...json.Number) time.Time {
	now := p.c.now()
	for _, s := range stamps {
		n, err := strconv.ParseInt(string(s), 10, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(string(s), 64)
			if ferr != nil || f > 1e15 || f < 0 {
				continue
			}
			n = int64(f)
		}
		t := time.Unix(n, 0)
		if n > 1e11 {
			t = time.UnixMilli(n)
		}
		if t.After(earliest) && t.Before(now.Add(time.Hour)) {
			return t.UTC()
		}
	}
	return now.UTC()
}

var earliest = time.Date(2004, 1, 1, 0, 0, 0, 0, time.UTC)

// validID reports whether s can be a Graph id: printable ASCII without
// spaces, short enough to fit resonanz's external ids with a prefix.
func validID(s string) bool {
	if s == "" || len(s) > 150 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// isWebLink reports whether s is a web address fit to show as a link:
// another scheme (javascript:, data:) is never shown.
func isWebLink(s string) bool {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") || len(s) > 4000 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func appendLine(text, line string) string {
	if strings.TrimSpace(text) == "" {
		return line
	}
	return text + "\n" + line
}

// cleanText drops NUL characters, which no text field may hold, and cuts a
// text that exceeds what resonanz stores.
func cleanText(s string) string {
	return truncate(strings.TrimSpace(strings.ReplaceAll(s, "\x00", "")), resonanz.MaxTextLen)
}

// truncate cuts s to at most max characters, the last one an ellipsis.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
