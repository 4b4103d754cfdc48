package feed

import (
	"html"
	"strings"
)

// blocks are the elements that end a line of text.
var blocks = map[string]bool{"p": true, "/p": true, "br": true, "br/": true, "div": true, "/div": true, "li": true,
	"/li": true, "tr": true, "/tr": true, "h1": true, "h2": true, "h3": true, "h4": true, "/h1": true, "/h2": true, "/h3": true, "/h4": true,
	"blockquote": true, "/blockquote": true}

// plainText turns a feed's HTML into the text an agent reads: tags and the
// insides of scripts and styles dropped, blocks as lines, entities decoded,
// runs of blanks made one. It is always shown escaped.
func plainText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(s))
			break
		}
		b.WriteString(html.UnescapeString(s[:lt]))
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break // an unclosed tag: drop the rest rather than show markup
		}
		tag := strings.ToLower(strings.TrimSpace(s[lt+1 : lt+gt]))
		name, _, _ := strings.Cut(tag, " ")
		s = s[lt+gt+1:]
		if blocks[name] {
			b.WriteString("\n")
		}
		if name == "script" || name == "style" {
			if end := strings.Index(strings.ToLower(s), "</"+name); end >= 0 {
				s = s[end:]
			} else {
				s = ""
			}
		}
	}
	return tidy(b.String())
}

// tidy collapses blanks within lines and empty lines between them.
func tidy(s string) string {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
