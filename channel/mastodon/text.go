package mastodon

import (
	"html"
	"strings"
)

// plainText turns a status's HTML content into the text an agent reads:
// tags dropped, paragraphs and line breaks kept, entities decoded. The text
// is shown escaped, so nothing of the markup can act.
func plainText(content string) string {
	var b strings.Builder
	for len(content) > 0 {
		lt := strings.IndexByte(content, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(content))
			break
		}
		b.WriteString(html.UnescapeString(content[:lt]))
		gt := strings.IndexByte(content[lt:], '>')
		if gt < 0 {
			break // an unclosed tag: drop the rest rather than show markup
		}
		name, _, _ := strings.Cut(strings.TrimSpace(content[lt+1:lt+gt]), " ")
		switch strings.ToLower(name) {
		case "br", "br/":
			b.WriteString("\n")
		case "/p":
			b.WriteString("\n\n")
		}
		content = content[lt+gt+1:]
	}
	return strings.TrimSpace(b.String())
}
