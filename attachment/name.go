package attachment

import (
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var simpleSubtype = regexp.MustCompile(`^[a-z0-9][a-z0-9+-]{0,20}$`)

// SafeName makes an attachment's name safe to show and to store: no
// directories, no control or bidi characters, no leading dot, at most 100
// characters; a missing name is made from the type.
func SafeName(name, mediaType string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		switch {
		case r < ' ', r == 0x7f, unicode.Is(unicode.Bidi_Control, r), r == utf8.RuneError:
			return -1
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ".")
	if runes := []rune(name); len(runes) > 100 {
		ext := path.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		name = string(runes[:100-utf8.RuneCountInString(ext)]) + ext
	}
	if name == "" {
		_, sub, _ := strings.Cut(mediaType, "/")
		name = "attachment"
		if simpleSubtype.MatchString(sub) {
			name += "." + sub
		}
	}
	return name
}
