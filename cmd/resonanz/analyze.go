package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// analyzeLines reads one message per line (plain text, or a JSON object with
// a "text" field) and writes one JSON object per line with what the analysis
// understood. A bad line gets an object with an "error" and the line number;
// the others go on.
func analyzeLines(in io.Reader, out io.Writer, a resonanz.Analyzer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4*resonanz.MaxTextLen)
	enc := json.NewEncoder(out)
	for line := 1; sc.Scan(); line++ {
		text, err := lineText(sc.Bytes())
		if err != nil {
			if err := enc.Encode(map[string]any{"line": line, "error": err.Error()}); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(struct {
			Line int    `json:"line"`
			Text string `json:"text"`
			resonanz.Analysis
		}{line, text, a.Analyze(text)}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	return nil
}

func lineText(line []byte) (string, error) {
	if !utf8.Valid(line) {
		return "", fmt.Errorf("the line is not valid UTF-8")
	}
	if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 && trimmed[0] == '{' {
		var v struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal(trimmed, &v); err != nil {
			return "", fmt.Errorf("the line starts like JSON but is not: %v", err)
		} else if v.Text == nil {
			return "", fmt.Errorf("the JSON object has no \"text\" field")
		}
		return *v.Text, nil
	}
	return string(line), nil
}
