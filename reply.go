package resonanz

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReplyDraft is an answer as an agent sends it from the reply box.
type ReplyDraft struct {
	// Parts is the reply, or the numbered parts of one too long for a
	// single post (see SplitReply); each leaves as a reply of its own.
	Parts  []string
	Public bool
	// Seen is the newest message of the conversation the agent's page
	// showed. A newer one from the customer or a colleague refuses the
	// draft with ECONFLICT on the field "seen", lest the answer pass it by;
	// 0 does not check.
	Seen int64
}

// SplitReply cuts a reply too long for one post into numbered parts of at
// most max characters each, "… (1/3)", at spaces where it can (a word
// longer than half a part is cut). A reply that fits stays whole. The
// reply box counts the parts the same way (static/reply-count.js).
func SplitReply(text string, max int) []string {
	if max <= 0 || utf8.RuneCountInString(text) <= max {
		return []string{text}
	}
	for digits, limit := 1, 10; ; digits, limit = digits+1, limit*10 {
		room := max - len(" (/)") - 2*digits
		if room < 2 {
			return []string{text}
		}
		parts := cutAtSpaces([]rune(text), room)
		if len(parts) < limit {
			for i := range parts {
				parts[i] += " (" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(parts)) + ")"
			}
			return parts
		}
	}
}

// cutAtSpaces cuts text into pieces of at most room characters, each
// ending before the last space that leaves it more than half full.
func cutAtSpaces(text []rune, room int) []string {
	var parts []string
	for len(text) > room {
		cut := room
		for i := room; i > room/2; i-- {
			if unicode.IsSpace(text[i]) {
				cut = i
				break
			}
		}
		if part := strings.TrimSpace(string(text[:cut])); part != "" {
			parts = append(parts, part)
		}
		text = []rune(strings.TrimLeftFunc(string(text[cut:]), unicode.IsSpace))
	}
	if part := strings.TrimSpace(string(text)); part != "" {
		parts = append(parts, part)
	}
	return parts
}
