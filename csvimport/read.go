// Package csvimport takes in customer voices collected elsewhere — notes
// written on paper in a store, an export of another tool — from a CSV file:
// columns mapped by flag or by the header, UTF-8 or Windows-1252, every bad
// row reported with its line, and a key per row so that importing a file
// again adds nothing.
package csvimport

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// Columns name the columns of a message's parts: by their header ("Datum")
// or by number, counting from 1. An empty name is looked for in the header.
type Columns struct {
	ID     string // the row's id in the other tool; without it a row is known by its content
	Text   string
	Name   string
	Email  string
	Handle string
	Time   string
}

// Options say how to read a file.
type Options struct {
	Channel   string // "instore" when empty
	Columns   Columns
	NoHeader  bool // the first row is data; columns must then be numbers
	Delimiter rune // 0: the one of , ; and tab that the first line has most of
	// Location is where times without a UTC offset were written.
	Location *time.Location
	Now      time.Time // rows without a time count from now
}

// Row is one message read from a line of the file.
type Row struct {
	Line    int
	Message resonanz.IncomingMessage
}

// RowError is a line that did not become a message, and why.
type RowError struct {
	Line   int
	Reason string
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// headerNames are the header words each part is found by, lower case.
var headerNames = map[string][]string{
	"id":     {"id", "external_id", "external id", "nr", "nr.", "nummer", "number", "ticket"},
	"text":   {"text", "message", "nachricht", "feedback", "kommentar", "comment", "notiz", "note", "anmerkung"},
	"name":   {"name", "kunde", "kundin", "customer", "author"},
	"email":  {"email", "e-mail", "mail", "e-mail-adresse", "email address"},
	"handle": {"handle"},
	"time":   {"time", "date", "datum", "zeit", "created_at", "created", "erstellt"},
}

// timeLayouts are the ways a time is written in the exports seen so far.
var timeLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
	"02.01.2006 15:04:05", "02.01.2006 15:04", "02.01.2006", "2.1.2006 15:04", "2.1.2006", "01/02/2006 15:04", "01/02/2006"}

// maxField bounds one field, so that an unclosed quote cannot make one
// message of the rest of a large file.
const maxField = resonanz.MaxTextLen * 4

// reader turns the records of a file into rows.
type reader struct {
	opt    Options
	csv    *csv.Reader
	cols   map[string]int // part → column index
	width  int            // fields a row should have
	counts map[[16]byte]int
	ids    map[string]bool // the ids of the id column seen so far
}

// Read reads UTF-8 CSV from r and calls row for every message and bad for
// every line that is not one. It returns an error only when the file as a
// whole cannot be read (no text column, an unknown channel).
func Read(r io.Reader, opt Options, row func(Row), bad func(*RowError)) error {
	if opt.Channel == "" {
		opt.Channel = "instore"
	}
	if _, ok := resonanz.LookupChannel(opt.Channel); !ok {
		return fmt.Errorf("unknown channel %q", opt.Channel)
	}
	if opt.Location == nil {
		opt.Location = time.Local
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if opt.Delimiter == 0 {
		opt.Delimiter = sniffDelimiter(br)
	}
	rd := &reader{opt: opt, csv: csv.NewReader(br), counts: map[[16]byte]int{}, ids: map[string]bool{}}
	rd.csv.Comma, rd.csv.FieldsPerRecord, rd.csv.ReuseRecord = opt.Delimiter, -1, true
	first, err := rd.csv.Read()
	if err == io.EOF {
		return errors.New("the file is empty")
	} else if err != nil {
		return fmt.Errorf("the first line cannot be read: %w", err)
	}
	if err := rd.mapColumns(first); err != nil {
		return err
	}
	if opt.NoHeader {
		rd.take(1, first, row, bad)
	}
	for {
		rec, err := rd.csv.Read()
		if err == io.EOF {
			return nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			bad(&RowError{Line: perr.StartLine, Reason: perr.Err.Error() + fmt.Sprintf(" (line %d, column %d)", perr.Line, perr.Column)})
			continue
		} else if err != nil {
			return err
		}
		line, _ := rd.csv.FieldPos(0) // only after a record was read: it panics after an error
		rd.take(line, rec, row, bad)
	}
}

// sniffDelimiter picks the delimiter the first line has most of, outside quotes.
func sniffDelimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := strings.IndexByte(string(head), '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// mapColumns finds each part's column, by flag or by the header.
func (rd *reader) mapColumns(first []string) error {
	rd.width, rd.cols = len(first), map[string]int{}
	header := map[string]int{}
	if !rd.opt.NoHeader {
		for i, h := range first {
			h = strings.ToLower(strings.TrimSpace(h))
			if _, dup := header[h]; !dup {
				header[h] = i
			}
		}
	}
	c := rd.opt.Columns
	for part, given := range map[string]string{"id": c.ID, "text": c.Text, "name": c.Name, "email": c.Email, "handle": c.Handle, "time": c.Time} {
		i, err := rd.column(part, given, header)
		if err != nil {
			return err
		}
		if i >= 0 {
			rd.cols[part] = i
		}
	}
	if _, ok := rd.cols["text"]; !ok {
		return errors.New("no text column: name it with --text (a header or a number), or call it \"text\" in the header")
	}
	return nil
}

// column is the index of a part's column, -1 if the file has none.
func (rd *reader) column(part, given string, header map[string]int) (int, error) {
	given = strings.TrimSpace(given)
	if n, err := strconv.Atoi(given); err == nil {
		if n < 1 || n > rd.width {
			return 0, fmt.Errorf("--%s %d: the first line has %d columns", part, n, rd.width)
		}
		return n - 1, nil
	}
	if given != "" {
		if rd.opt.NoHeader {
			return 0, fmt.Errorf("--%s %q: without a header, give the column's number", part, given)
		}
		if i, ok := header[strings.ToLower(given)]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("--%s %q: the header has no such column", part, given)
	}
	for _, name := range headerNames[part] {
		if i, ok := header[name]; ok {
			return i, nil
		}
	}
	return -1, nil
}

// take turns one record into a row, or reports why it cannot be one.
func (rd *reader) take(line int, rec []string, row func(Row), bad func(*RowError)) {
	if len(rec) != rd.width {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			return // an empty line
		}
		bad(&RowError{Line: line, Reason: fmt.Sprintf("%d fields, the first line has %d", len(rec), rd.width)})
		return
	}
	for _, f := range rec {
		if len(f) > maxField {
			bad(&RowError{Line: line, Reason: "a field is far too long (an unclosed quote?)"})
			return
		}
	}
	m, err := rd.message(rec)
	if err != nil {
		bad(&RowError{Line: line, Reason: resonanz.ErrorMessage(err)})
		return
	}
	row(Row{Line: line, Message: m})
}

// message builds the message of a record. Its external id is the id column,
// or a hash of the whole record with the number of identical records before
// it: importing the file again finds the same keys, and two identical
// notes stay two.
func (rd *reader) message(rec []string) (resonanz.IncomingMessage, error) {
	get := func(part string) string {
		if i, ok := rd.cols[part]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return resonanz.IncomingMessage{}, resonanz.FieldError("text", "the line is not valid text in this encoding")
		}
	}
	key := get("id")
	if _, ok := rd.cols["id"]; ok && key == "" {
		return resonanz.IncomingMessage{}, resonanz.FieldError("id", "the id column is empty")
	} else if ok && rd.ids[key] {
		// Two notes under one id: the second would be taken for the first
		// and lost without a word.
		return resonanz.IncomingMessage{}, resonanz.FieldError("id", "the id %q is on an earlier line too", key)
	} else if ok {
		rd.ids[key] = true
	} else {
		sum := sha256.Sum256([]byte(rd.opt.Channel + "\x1f" + strings.Join(rec, "\x1f")))
		var h [16]byte
		copy(h[:], sum[:])
		key = hex.EncodeToString(h[:]) + "-" + strconv.Itoa(rd.counts[h])
		rd.counts[h]++
	}
	m := resonanz.IncomingMessage{Channel: rd.opt.Channel, ExternalID: "csv:" + key, Text: get("text"), Visibility: resonanz.Private,
		Author: resonanz.Author{DisplayName: get("name"), Handle: get("handle")}, Time: rd.opt.Now}
	if email := strings.ToLower(get("email")); email != "" {
		m.Author.Handle, m.Author.CustomerRef = email, email
	}
	if m.Author.Handle == "" {
		m.Author.Handle = "anonymous:" + m.ExternalID
	}
	if s := get("time"); s != "" {
		t, err := parseTime(s, rd.opt.Location)
		if err != nil {
			return m, err
		}
		if err := resonanz.CheckMessageTime(t, rd.opt.Now); err != nil {
			return m, err
		}
		m.Time = t
	}
	return m, m.Validate()
}

func parseTime(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return time.Time{}, resonanz.FieldError("time", "%q is not a time (write 2026-05-04 10:30 or 04.05.2026 10:30)", s)
}
