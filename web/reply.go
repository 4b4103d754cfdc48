package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// handleReply sends the agent's answer, signed when the reply box says so,
// and in numbered parts when the agent asks for it on a channel that
// threads. What the server refuses comes back in the reply box with the
// reason, so that nothing typed is lost: also an answer written while the
// customer or a colleague wrote again, which the agent reads first and then
// sends anyway.
func (s *Server) handleReply(w http.ResponseWriter, r *http.Request) {
	// Browsers send a textarea's line breaks as CRLF; the reply box counts them as one.
	box := &replyBox{Text: strings.ReplaceAll(r.PostFormValue("text"), "\r\n", "\n")}
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	var c *resonanz.Conversation
	if err == nil {
		c, err = s.Conversations.FindConversationByID(r.Context(), id)
	}
	text := box.Text
	if err == nil && r.PostFormValue("signature") == "1" {
		var signature string
		if signature, err = s.replySignature(r, c); err == nil {
			text = resonanz.Sign(text, signature)
		}
	}
	d := resonanz.ReplyDraft{Parts: []string{text}, Public: r.PostFormValue("visibility") == resonanz.Public}
	if err == nil && r.PostFormValue("split") == "1" {
		if ch, _ := resonanz.LookupChannel(c.Channel); ch.Threads {
			d.Parts = resonanz.SplitReply(strings.TrimSpace(text), ch.ReplyLimit(c.CustomerHandle))
		}
	}
	if r.PostFormValue("force") != "1" {
		d.Seen, _ = strconv.ParseInt(r.PostFormValue("seen"), 10, 64)
	}
	if err == nil {
		_, err = s.Conversations.SendReply(r.Context(), id, userFrom(r.Context()), d)
	}
	switch resonanz.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/conversations/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	case resonanz.EINVALID, resonanz.ECONFLICT, resonanz.EFORBIDDEN:
		box.Error = resonanz.ErrorMessage(err)
		if resonanz.ErrorField(err) == "seen" {
			box.Error, box.Conflict, box.Since = s.locale(r).T("reply.conflict"), true, d.Seen
		}
		s.showConversation(w, r, errorStatus(err), box)
	default:
		s.pageError(w, r, err)
	}
}
