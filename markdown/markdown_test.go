package markdown

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestHTML(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Paragraphs", "Erste Zeile\nzweite Zeile\n\nNeuer Absatz", "<p>Erste Zeile\nzweite Zeile</p>\n<p>Neuer Absatz</p>\n"},
		{"Headings", "# Versand\n## Kosten\n#### tief", "<h2>Versand</h2>\n<h3>Kosten</h3>\n<h4>tief</h4>\n"},
		{"Emphasis", "**fett** und *kursiv* und _auch_", "<p><strong>fett</strong> und <em>kursiv</em> und <em>auch</em></p>\n"},
		{"Lists", "- eins\n- zwei\n1. erst\n2. dann", "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>\n<ol>\n<li>erst</li>\n<li>dann</li>\n</ol>\n"},
		{"Link", "[Retoure](https://example.com/r?a=1&b=2)", `<p><a href="https://example.com/r?a=1&amp;b=2" rel="nofollow">Retoure</a></p>` + "\n"},
		{"Mailto", "[Schreiben](mailto:hilfe@example.com)", `<p><a href="mailto:hilfe@example.com" rel="nofollow">Schreiben</a></p>` + "\n"},
		{"ScriptLinkIsText", "[klick](javascript:alert(1))", "<p>klick)</p>\n"},
		{"DataLinkIsText", "[bild](data:text/html;base64,PHNjcmlwdD4=)", "<p>bild</p>\n"},
		{"RelativeLinkIsText", "[x](//evil.example/a)", "<p>x</p>\n"},
		{"QuoteInAddress", `[x](https://a.example/"onmouseover=alert(1))`, "<p>x)</p>\n"},
		{"HTMLIsEscaped", "<script>alert(1)</script> <img src=x onerror=alert(1)>", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n"},
		{"CodeSpan", "Tippen Sie `<b>` ein", "<p>Tippen Sie <code>&lt;b&gt;</code> ein</p>\n"},
		{"CodeBlock", "```\n<html>\n  **nicht fett**\n```\ndanach", "<pre><code>&lt;html&gt;\n  **nicht fett**</code></pre>\n<p>danach</p>\n"},
		{"Unclosed", "**halb offen [link](", "<p>**halb offen [link](</p>\n"},
		{"NoLinkInLink", "[a [b](https://b.example) c](https://a.example)", `<p><a href="https://b.example" rel="nofollow">a [b</a> c](https://a.example)</p>` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(HTML(tc.in)); got != tc.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// allowedTag matches every tag HTML may write; anything else in its output
// that starts a tag is a hole.
var allowedTag = regexp.MustCompile(`</?(p|h2|h3|h4|ul|ol|li|strong|em|code|pre)>|<a href="(https?://|mailto:)[^"<>]*" rel="nofollow">|</a>`)

// checkSafe fails if out holds any markup but the subset, a link to another
// scheme, or tags that do not nest.
func checkSafe(t *testing.T, in, out string) {
	t.Helper()
	var open []string
	for _, loc := range allowedTag.FindAllStringIndex(out, -1) {
		tag := out[loc[0]:loc[1]]
		name := strings.Trim(strings.Fields(tag)[0], "</>")
		if strings.HasPrefix(tag, "</") {
			if len(open) == 0 || open[len(open)-1] != name {
				t.Fatalf("HTML(%q): %s closes %v\n%s", in, tag, open, out)
			}
			open = open[:len(open)-1]
		} else {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		t.Fatalf("HTML(%q) leaves %v open\n%s", in, open, out)
	}
	if rest := allowedTag.ReplaceAllString(out, ""); strings.ContainsAny(rest, "<>\"") {
		t.Fatalf("HTML(%q) writes unescaped markup: %q", in, rest)
	}
}

func FuzzHTML(f *testing.F) {
	for _, seed := range []string{"# T\n\n**a** *b* `c` [d](https://e.example)\n- f\n1. g\n```\nh\n```",
		"[x](javascript:alert(1))", "<script>", "**_*_`[](mailto:a@b)`_*_**", "[a](https://x.example/\"><script>)", strings.Repeat("*_[", 50)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSafe(t, in, string(HTML(in)))
	})
}

// TestHostileInputStaysFast: markers that never close, or nest deeply,
// cost linear time, not quadratic.
func TestHostileInputStaysFast(t *testing.T) {
	for _, in := range []string{strings.Repeat("*", 50000), strings.Repeat("[a](", 12000), strings.Repeat("*_", 25000) + "x" + strings.Repeat("_*", 25000),
		strings.Repeat("`", 50000), strings.Repeat("**a", 16000)} {
		start := time.Now()
		out := string(HTML(in))
		checkSafe(t, in[:20], out)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q…: %v", in[:20], d)
		}
	}
}
