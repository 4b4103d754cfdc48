package email

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// htmlText reduces an HTML mail to the text an agent reads: scripts, styles
// and the head dropped, blocks and line breaks kept, entities decoded,
// a link's target named after its text. Nothing of the markup survives; the
// text is shown escaped anyway.
func htmlText(src string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(src))
	skip := 0 // inside script, style, head or title
	href, linkAt := "", 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return tidy(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
				if t := z.Raw(); len(t) > 0 && (t[len(t)-1] == ' ' || t[len(t)-1] == '\n') {
					b.WriteByte(' ')
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch tag := string(name); tag {
			case "script", "style", "head", "title":
				skip++
			case "br":
				b.WriteString("\n")
			case "p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote":
				b.WriteString("\n")
			case "li":
				b.WriteString("\n• ")
			case "a":
				href, linkAt = "", b.Len()
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" && (strings.HasPrefix(string(v), "https://") || strings.HasPrefix(string(v), "http://")) {
						href = string(v)
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "head", "title":
				if skip > 0 {
					skip--
				}
			case "p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote":
				b.WriteString("\n")
			case "a":
				if text := b.String()[linkAt:]; href != "" && !strings.Contains(text, href) {
					b.WriteString(" (" + href + ")")
				}
				href = ""
			}
		}
	}
}

// tidy trims each line and keeps at most one empty line between paragraphs.
func tidy(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// quoteHeader matches the line a mail client puts above the quoted history:
// "On Mon, 3 Jun 2024, Anna <a@b> wrote:", "Am 03.06.2024 um 10:00 schrieb
// Anna:", also when the client broke it across two lines.
var quoteHeader = regexp.MustCompile(`(?i)^(on\b.{0,300}\bwrote|am\b.{0,300}\bschrieb\b.{0,300}|le\b.{0,300}\ba écrit)\s*:\s*$`)

// separators start forwarded or quoted history in Outlook and others.
var separators = []string{"-----original message-----", "-----ursprüngliche nachricht-----", "-----weitergeleitete nachricht-----",
	"---------- forwarded message ---------", "________________________________"}

// foldQuotes keeps the new text of a reply: it cuts at the quoted history's
// header line, an Outlook separator or the signature ("-- "), and drops
// quoted lines ("> …") elsewhere, so that answers written between quotes
// stay. A mail that is nothing but quotes keeps its whole text.
func foldQuotes(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	var kept []string
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if line == "-- " || line == "--" || isSeparator(trimmed) {
			break
		}
		if quoteHeader.MatchString(trimmed) || i+1 < len(lines) && quoteHeader.MatchString(trimmed+" "+strings.TrimSpace(lines[i+1])) && !strings.HasPrefix(trimmed, ">") {
			break
		}
		if strings.HasPrefix(trimmed, ">") {
			continue
		}
		kept = append(kept, strings.TrimRight(line, " \t"))
	}
	if out := tidy(strings.Join(kept, "\n")); out != "" {
		return out
	}
	return tidy(text)
}

func isSeparator(line string) bool {
	line = strings.ToLower(line)
	for _, s := range separators {
		if strings.HasPrefix(line, s) {
			return true
		}
	}
	return false
}
