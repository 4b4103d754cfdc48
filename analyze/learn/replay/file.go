package replay

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/resonanz/resonanz/analyze"
)

// Row is one labelled text of a replay file.
type Row struct {
	Text, Sentiment string
}

// ReadFile reads a TSV file with a header naming a "sentiment" or "label"
// column and a "text" column; other columns are ignored. Every row needs a
// sentiment of negative, neutral or positive and a text.
func ReadFile(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, fmt.Errorf("%s: the file is empty; it needs a header line with a sentiment (or label) and a text column", path)
	}
	header := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
	label := slices.Index(header, "sentiment")
	if label < 0 {
		label = slices.Index(header, "label")
	}
	text := slices.Index(header, "text")
	if label < 0 || text < 0 {
		return nil, fmt.Errorf("%s: the header %q needs a sentiment (or label) and a text column, separated by tabs", path, sc.Text())
	}
	var rows []Row
	for line := 2; sc.Scan(); line++ {
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if len(cols) <= max(label, text) {
			return nil, fmt.Errorf("%s:%d: %d columns, the header has %d", path, line, len(cols), len(header))
		}
		if text == len(header)-1 {
			cols[text] = strings.Join(cols[text:], "\t") // a text with tabs in it
		}
		r := Row{Text: strings.TrimSpace(cols[text]), Sentiment: strings.TrimSpace(cols[label])}
		if !slices.Contains(analyze.SentimentClasses, r.Sentiment) {
			return nil, fmt.Errorf("%s:%d: the sentiment %q is not negative, neutral or positive", path, line, r.Sentiment)
		}
		if r.Text == "" {
			return nil, fmt.Errorf("%s:%d: the text is empty", path, line)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no labelled rows after the header", path)
	}
	return rows, nil
}
