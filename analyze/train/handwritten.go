package train

import (
	"embed"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// handwrittenFiles hold German messages about rail and public transport that
// the project wrote by hand: travellers' posts, press reports, announcements,
// forum threads, mentions that only name a station or the company. Unlike the
// generated set they are not built from phrase lists, so they carry the
// variety (and the mostly neutral traffic) a transport company's monitoring
// meets. One message a line: sentiment, kind, topic, text, separated by the
// first three spaces; "#" starts a comment line.
//
// The customer files hold messages customers write to a company of any
// trade (shops, parcel services, telecoms, banks, airlines, software), in
// German and English, also written for the project: complaints that name a
// broken promise rather than a feeling ("charged twice", "still waiting",
// "third time I ask"), sarcasm, complaints phrased as questions, and the
// questions, praise, suggestions and chatter beside them.
//
//go:embed data/handwritten_de_*.txt data/customers_*.txt
var handwrittenFiles embed.FS

var (
	hwSentiment = map[string]string{"neg": resonanz.Negative, "neu": resonanz.Neutral, "pos": resonanz.Positive}
	hwKind      = map[string]string{"com": resonanz.KindComplaint, "que": resonanz.KindQuestion, "pra": resonanz.KindPraise,
		"sug": resonanz.KindSuggestion, "oth": resonanz.KindOther}
)

// handwritten returns the hand-written messages in file order. Which of them
// are held out is decided by position (HandwrittenHeldOut), so the split
// stays put when lines are added at the end of the last file.
func handwritten() ([]analyze.Example, error) {
	return readMessages("data/handwritten_de_*.txt")
}

// customerMessages returns the hand-written customer messages in file
// order; CustomerHeldOut says which are held out.
func customerMessages() ([]analyze.Example, error) {
	return readMessages("data/customers_*.txt")
}

// readMessages parses the message files matching pattern, in name order;
// "_en_" in a file name marks English messages, German otherwise.
func readMessages(pattern string) ([]analyze.Example, error) {
	names, err := fs.Glob(handwrittenFiles, pattern)
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []analyze.Example
	for _, name := range names {
		b, err := handwrittenFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		lang := resonanz.LangGerman
		if strings.Contains(name, "_en_") {
			lang = resonanz.LangEnglish
		}
		for n, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.SplitN(line, " ", 4)
			if len(f) < 4 || hwSentiment[f[0]] == "" || hwKind[f[1]] == "" {
				return nil, fmt.Errorf("%s:%d: want sentiment, kind, topic and text", name, n+1)
			}
			topic := f[2]
			if topic == "-" {
				topic = ""
			}
			out = append(out, analyze.Example{Text: f[3], Language: lang, Sentiment: hwSentiment[f[0]], Kind: hwKind[f[1]], Topic: topic})
		}
	}
	return out, nil
}

// HandwrittenHeldOut reports whether the i-th hand-written message belongs to
// the evaluation split that training never sees.
func HandwrittenHeldOut(i int) bool { return i%5 == 0 }

// CustomerHeldOut reports whether the i-th customer message belongs to the
// evaluation split that training never sees.
func CustomerHeldOut(i int) bool { return i%4 == 0 }

// joinLabel is the sentiment of a document made of messages with the given
// sentiments: negative or positive if any part is and none is the other
// polarity, neutral if all are neutral; ok is false for mixed documents.
func joinLabel(parts []string) (label string, ok bool) {
	neg, pos := slices.Contains(parts, resonanz.Negative), slices.Contains(parts, resonanz.Positive)
	switch {
	case neg && pos:
		return "", false
	case neg:
		return resonanz.Negative, true
	case pos:
		return resonanz.Positive, true
	}
	return resonanz.Neutral, true
}

// joined builds longer documents from the messages: a seeded shuffle, then
// runs of two to four messages joined into one text. Real feedback and news
// are often longer than one of these lines; the joined documents teach the
// sentiment model to keep its judgement when a text grows.
func joined(msgs []labelled, seed uint64) []labelled {
	order := make([]int, len(msgs))
	for i := range order {
		order[i] = i
	}
	r := rand.New(rand.NewPCG(seed, 0x10a9))
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var out []labelled
	for i, n := 0, 2; i+n <= len(order); i, n = i+n, 2+(n-1)%3 {
		var text strings.Builder
		labels := make([]string, n)
		for j := range n {
			m := msgs[order[i+j]]
			if j > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(m.text)
			labels[j] = m.label
		}
		if l, ok := joinLabel(labels); ok {
			out = append(out, labelled{text.String(), l})
		}
	}
	return out
}
