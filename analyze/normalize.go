package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token flags say how a token may be used as a feature.
const (
	flagWord    = 1 << iota // an ordinary word: gets character n-grams
	flagNegated             // inside the scope of a negation
	flagIntense             // follows an intensifier
	flagBreak               // punctuation that ends a clause
)

// span is one token of the normalised text, buf[start:end].
type span struct {
	start, end int32
	flags      uint8
}

// tokens is the normalised form of one message, reused between messages.
type tokens struct {
	buf   []byte
	spans []span
}

// Placeholders and markers written in place of what they stand for, so that
// the model learns "someone was mentioned", not who.
const (
	tokUser     = "@user"
	tokURL      = "http"
	tokEmoPos   = ":)"
	tokEmoNeg   = ":("
	tokQuestion = "?"
	tokExclaim  = "!"
	tokShout    = "!!"
)

// negators open a negation scope over the next words.
var negators = wordSet("nicht nich net kein keine keinen keiner keinem keines nie niemals nichts nix ohne kaum niemand " +
	"not no never nothing without nobody none dont doesnt didnt isnt wasnt werent cant couldnt wont wouldnt arent havent hasnt")

// intensifiers strengthen the word that follows them.
var intensifiers = wordSet("sehr total voll extrem mega echt wirklich absolut richtig ganz besonders unglaublich so " +
	"ziemlich zu hoechst aeusserst very really extremely totally absolutely incredibly quite truly super")

// negationWidth is how many words a negation reaches.
const negationWidth = 3

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// emoticons are the ASCII faces customers type, longest first.
var emoticons = []struct {
	face string
	tok  string
}{
	{":-)", tokEmoPos}, {":-D", tokEmoPos}, {";-)", tokEmoPos}, {":-(", tokEmoNeg}, {":'(", tokEmoNeg},
	{":)", tokEmoPos}, {":D", tokEmoPos}, {";)", tokEmoPos}, {"<3", tokEmoPos}, {"^^", tokEmoPos},
	{":(", tokEmoNeg}, {":/", tokEmoNeg}, {":-/", tokEmoNeg}, {"-.-", tokEmoNeg},
}

// emojiMood sorts the common emoji into positive and negative ones, so that
// rare emoji of the same mood share what the model learned.
func emojiMood(r rune) string {
	switch r {
	case '😍', '😊', '🙂', '👍', '❤', '😀', '😃', '😄', '🥰', '👏', '🎉', '💯', '🙏', '😁', '☺', '😎', '💪', '🤩', '😘', '✨', '💚', '💙', '⭐', '🌟', '😉':
		return tokEmoPos
	case '😡', '😠', '🤬', '😤', '👎', '😞', '😢', '😭', '🙄', '😒', '💩', '😩', '😫', '🤮', '😔', '😕', '🤦', '😑', '😣', '💔':
		return tokEmoNeg
	}
	return ""
}

func isEmoji(r rune) bool {
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0x2B50
}

// normalize splits text into tokens: lowercase, umlauts spelled out, runs of
// a letter shortened to two, digits folded, handles and URLs replaced,
// emoji and emoticons kept as tokens, negation and intensifiers marked.
func (t *tokens) normalize(text string) {
	t.buf = t.buf[:0]
	t.spans = t.spans[:0]
	negLeft, intense := 0, false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '@' && i+1 < len(text) && isWordByte(text[i+1]):
			i = skipWord(text, i+1)
			t.add(tokUser, 0)
			continue
		case hasURLPrefix(text[i:]):
			i = skipNonSpace(text, i)
			t.add(tokURL, 0)
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			start, from := len(t.buf), i
			i = t.word(text, i)
			flags := uint8(flagWord)
			if negLeft > 0 {
				flags |= flagNegated
				negLeft--
			}
			if intense {
				flags |= flagIntense
				intense = false
			}
			t.spans = append(t.spans, span{int32(start), int32(len(t.buf)), flags})
			// Indexing with a converted slice does not allocate.
			if negators[string(t.buf[start:])] {
				negLeft = negationWidth
			} else if intensifiers[string(t.buf[start:])] {
				intense = true
			}
			if from > 0 && text[from-1] == '#' {
				t.hashtagWords(text[from:i])
			}
			continue
		case isEmoji(r):
			if mood := emojiMood(r); mood != "" {
				t.add(mood, 0)
			}
			t.add(text[i:i+size], 0)
			i += size
			continue
		}
		if face, n := emoticonAt(text[i:]); n > 0 {
			t.add(face, flagBreak)
			negLeft, intense = 0, false
			i += n
			continue
		}
		switch r {
		case '?', '!':
			j := i
			for j < len(text) && (text[j] == '?' || text[j] == '!') {
				j++
			}
			tok := string(r)
			if j-i > 1 && r == '!' {
				tok = tokShout
			}
			t.add(tok, flagBreak)
			i = j
		case '.', ',', ';', ':', '(', ')', '"', '\n', '-', '–', '/', '|':
			t.add("", flagBreak)
			i += size
		default:
			i += size
		}
		if r != ' ' && r != '\'' && r != '’' && r != '#' {
			negLeft, intense = 0, false
		}
	}
}

// hashtagWords adds the words of a hashtag written in CamelCase
// ("#AppDesaster": "app", "desaster") beside the whole tag, so that what a
// tag says counts like the same words in the text.
func (t *tokens) hashtagWords(tag string) {
	start := 0
	var prev rune
	for j, r := range tag {
		if j > start && unicode.IsUpper(r) && unicode.IsLower(prev) {
			t.hashtagWord(tag[start:j])
			start = j
		}
		prev = r
	}
	if start > 0 {
		t.hashtagWord(tag[start:])
	}
}

func (t *tokens) hashtagWord(word string) {
	start := len(t.buf)
	t.word(word, 0)
	t.spans = append(t.spans, span{int32(start), int32(len(t.buf)), flagWord})
}

// add appends a special token; an empty one only marks a clause break.
func (t *tokens) add(s string, flags uint8) {
	start := len(t.buf)
	t.buf = append(t.buf, s...)
	t.spans = append(t.spans, span{int32(start), int32(len(t.buf)), flags})
}

// word appends the normalised word starting at text[i] and returns the index
// after it. Apostrophes inside a word are dropped ("don't" → "dont").
func (t *tokens) word(text string, i int) int {
	var last rune
	run, digits := 0, false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if (r == '\'' || r == '’') && i+size < len(text) && isWordByte(text[i+size]) {
			i += size
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
		if unicode.IsDigit(r) {
			if !digits {
				t.buf = append(t.buf, '0')
			}
			digits, last, run = true, 0, 0
			continue
		}
		digits = false
		r = unicode.ToLower(r)
		if r == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			last, run = r, 0
		}
		switch r {
		case 'ä':
			t.buf = append(t.buf, 'a', 'e')
		case 'ö':
			t.buf = append(t.buf, 'o', 'e')
		case 'ü':
			t.buf = append(t.buf, 'u', 'e')
		case 'ß':
			t.buf = append(t.buf, 's', 's')
		default:
			t.buf = utf8.AppendRune(t.buf, r)
		}
	}
	return i
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b >= 0x80
}

func skipWord(text string, i int) int {
	for i < len(text) && isWordByte(text[i]) {
		i++
	}
	return i
}

func skipNonSpace(text string, i int) int {
	for i < len(text) && text[i] != ' ' && text[i] != '\n' && text[i] != '\t' {
		i++
	}
	return i
}

func hasURLPrefix(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

func emoticonAt(s string) (string, int) {
	for _, e := range emoticons {
		if strings.HasPrefix(s, e.face) {
			return e.tok, len(e.face)
		}
	}
	return "", 0
}

// text returns token k.
func (t *tokens) text(k int) []byte {
	s := t.spans[k]
	return t.buf[s.start:s.end]
}
