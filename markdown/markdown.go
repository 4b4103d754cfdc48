// Package markdown renders the small, safe part of Markdown that help-center
// articles are written in: paragraphs, headings, emphasis, lists, links and
// code. Everything else is shown as the text it is, escaped; the only links
// it makes go to http, https or mailto addresses.
package markdown

import (
	"html"
	"html/template"
	"net/url"
	"strings"
)

// maxNesting bounds emphasis within emphasis; deeper markers stay text, so
// that no input makes rendering slow.
const maxNesting = 4

// HTML renders src. A first-level heading (#) becomes h2, since the page's
// own title is the h1; ### and deeper become h4.
func HTML(src string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); {
		line := strings.TrimRight(lines[i], " \t")
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case trimmed == "":
			i++
		case strings.HasPrefix(trimmed, "```"):
			i = codeBlock(&b, lines, i+1)
		case heading(trimmed) > 0:
			level := heading(trimmed)
			tag := "h" + string(rune('1'+min(level, 3)))
			b.WriteString("<" + tag + ">")
			inline(&b, strings.TrimSpace(trimmed[level:]), 0, true)
			b.WriteString("</" + tag + ">\n")
			i++
		case listItem(trimmed) != "":
			i = list(&b, lines, i, listItem(trimmed))
		default:
			i = paragraph(&b, lines, i)
		}
	}
	return template.HTML(b.String()) // every piece of src is escaped above
}

// heading returns the level of a heading line ("## Title": 2), or 0.
func heading(line string) int {
	n := 0
	for n < len(line) && n < 6 && line[n] == '#' {
		n++
	}
	if n == 0 || n >= len(line) || line[n] != ' ' {
		return 0
	}
	return n
}

// listItem returns "ul" or "ol" for the first line of a list item, else "".
func listItem(line string) string {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
		return "ul"
	}
	digits := 0
	for digits < len(line) && digits < 9 && line[digits] >= '0' && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && strings.HasPrefix(line[digits:], ". ") {
		return "ol"
	}
	return ""
}

// itemText is a list item's text without its marker.
func itemText(line string) string {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
		return line[2:]
	}
	_, text, _ := strings.Cut(line, ". ")
	return text
}

// list writes the items of one kind that follow each other from line i.
func list(b *strings.Builder, lines []string, i int, kind string) int {
	b.WriteString("<" + kind + ">\n")
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if listItem(line) != kind {
			break
		}
		b.WriteString("<li>")
		inline(b, strings.TrimSpace(itemText(line)), 0, true)
		b.WriteString("</li>\n")
	}
	b.WriteString("</" + kind + ">\n")
	return i
}

// paragraph writes the lines up to a blank line or another block.
func paragraph(b *strings.Builder, lines []string, i int) int {
	var text []string
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || (len(text) > 0 && (heading(line) > 0 || listItem(line) != "" || strings.HasPrefix(line, "```"))) {
			break
		}
		text = append(text, line)
	}
	b.WriteString("<p>")
	inline(b, strings.Join(text, "\n"), 0, true)
	b.WriteString("</p>\n")
	return i
}

// codeBlock writes the lines up to the closing fence (or the end) as code.
func codeBlock(b *strings.Builder, lines []string, i int) int {
	b.WriteString("<pre><code>")
	for first := true; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "```") {
			i++
			break
		}
		if !first {
			b.WriteByte('\n')
		}
		first = false
		b.WriteString(html.EscapeString(lines[i]))
	}
	b.WriteString("</code></pre>\n")
	return i
}

// inline writes text with code spans, strong and emphasised words and, if
// links is set, links; depth counts the emphasis it is inside.
func inline(b *strings.Builder, s string, depth int, links bool) {
	unclosed := map[string]bool{} // markers with no closing one left: looked for once only
	closing := func(marker string, from int) int {
		if unclosed[marker] {
			return -1
		}
		j := strings.Index(s[from:], marker)
		if j < 0 {
			unclosed[marker] = true
			return -1
		}
		return from + j
	}
	for i := 0; i < len(s); {
		switch {
		case s[i] == '`':
			if j := closing("`", i+1); j > i+1 {
				b.WriteString("<code>" + html.EscapeString(s[i+1:j]) + "</code>")
				i = j + 1
				continue
			}
		case strings.HasPrefix(s[i:], "**") && depth < maxNesting:
			if j := closing("**", i+2); j > i+2 {
				b.WriteString("<strong>")
				inline(b, s[i+2:j], depth+1, links)
				b.WriteString("</strong>")
				i = j + 2
				continue
			}
		case (s[i] == '*' || s[i] == '_') && depth < maxNesting:
			if j := closing(s[i:i+1], i+1); j > i+1 {
				b.WriteString("<em>")
				inline(b, s[i+1:j], depth+1, links)
				b.WriteString("</em>")
				i = j + 1
				continue
			}
		case s[i] == '[' && links:
			if end, ok := link(b, s, i, depth, closing); ok {
				i = end
				continue
			}
		}
		b.WriteString(html.EscapeString(s[i : i+1]))
		i++
	}
}

// link writes [text](address) starting at s[i]; a link to an address of
// another scheme is written as its text alone.
func link(b *strings.Builder, s string, i, depth int, closing func(string, int) int) (int, bool) {
	mid := closing("](", i+1)
	if mid < 0 {
		return 0, false
	}
	end := closing(")", mid+2)
	if end < 0 {
		return 0, false
	}
	text, address := s[i+1:mid], strings.TrimSpace(s[mid+2:end])
	if safe(address) {
		scheme, rest, _ := strings.Cut(address, ":")
		b.WriteString(`<a href="` + html.EscapeString(strings.ToLower(scheme)+":"+rest) + `" rel="nofollow">`)
		inline(b, text, depth, false)
		b.WriteString("</a>")
	} else {
		inline(b, text, depth, false)
	}
	return end + 1, true
}

// safe reports whether a link may lead to address: a full http or https
// address, or mailto.
func safe(address string) bool {
	if strings.ContainsAny(address, " \t\n\"'<>\\`") {
		return false
	}
	u, err := url.Parse(address)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}
