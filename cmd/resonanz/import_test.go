package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// notesFile writes a CSV export of n notes as Excel on German Windows
// saves it as UTF-8 (byte order mark, semicolons, CRLF), with bad lines
// among them; it returns the numbers of the bad lines.
func notesFile(t *testing.T, path string, n int) []int {
	t.Helper()
	f, err := os.Create(path)
	must(t, err)
	w := bufio.NewWriter(f)
	w.WriteString("\xEF\xBB\xBFDatum;Kunde;E-Mail;Nachricht\r\n")
	texts := []string{"Die Beratung in der Filiale war sehr freundlich.", "Schon wieder war die Kasse nur mit einer Person besetzt!",
		"Das Regal mit den Angeboten war leer.", "Great help finding the right size, thank you.", "Parkplatz voll, \"Abholstation\" defekt."}
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var bad []int
	for i := range n {
		line := i + 2
		at := day.Add(time.Duration(i) * time.Minute).Format("02.01.2006 15:04")
		text := fmt.Sprintf("%s (Zettel %d)", texts[i%len(texts)], i)
		switch {
		case i%20_000 == 7: // ragged: a delimiter too many
			fmt.Fprintf(w, "%s;Kim;;%s;Nachtrag\r\n", at, text)
			bad = append(bad, line)
		case i%25_000 == 11: // no text
			fmt.Fprintf(w, "%s;Ben;ben@example.org;\r\n", at)
			bad = append(bad, line)
		case i%50_000 == 13: // no date
			fmt.Fprintf(w, "gestern;Ana;;%s\r\n", text)
			bad = append(bad, line)
		case i%3 == 0:
			fmt.Fprintf(w, "%s;Kunde %d;kunde%d@example.org;\"%s\"\r\n", at, i%500, i%500, strings.ReplaceAll(text, `"`, `""`))
		default:
			fmt.Fprintf(w, "%s;;;\"%s\"\r\n", at, strings.ReplaceAll(text, `"`, `""`))
		}
	}
	must(t, w.Flush())
	must(t, f.Close())
	return bad
}

// TestImportCSV: 100,000 notes import with the progress drawn, the bad lines
// reported by number, and a second run adds nothing.
func TestImportCSV(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 100,000 rows twice")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "zettel.csv")
	const rows = 100_000
	bad := notesFile(t, path, rows)
	if info, err := os.Stat(path); err == nil {
		t.Logf("%d rows, %.1f MB, %d bad lines", rows, float64(info.Size())/1e6, len(bad))
	}
	data := filepath.Join(dir, "data")
	importOnce := func(extra ...string) (string, string, error, time.Duration) {
		var stdout, stderr bytes.Buffer
		began := time.Now()
		err := run(context.Background(), append([]string{"import", "csv", path, "--data", data}, extra...), &stdout, &stderr)
		return stdout.String(), stderr.String(), err, time.Since(began)
	}
	t.Run("DryRun", func(t *testing.T) {
		out, _, _, took := importOnce("--dry-run")
		t.Logf("dry run of %d rows: %s", rows, took)
		if !strings.Contains(out, fmt.Sprintf("%d rows would be imported", rows-len(bad))) {
			t.Fatalf("report:\n%s", out)
		}
	})
	t.Run("First", func(t *testing.T) {
		out, progress, err, took := importOnce("--progress")
		t.Logf("first import of %d rows: %s", rows, took)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%d lines were not imported", len(bad))) {
			t.Fatalf("err = %v, want the bad lines counted", err)
		}
		if !strings.Contains(out, fmt.Sprintf("imported %d new messages, 0 were imported before", rows-len(bad))) {
			t.Fatalf("report:\n%.2000s", out)
		}
		for _, line := range bad {
			if !strings.Contains(out, fmt.Sprintf("line %d: ", line)) {
				t.Errorf("bad line %d is not reported", line)
			}
		}
		if !strings.Contains(progress, "100% [##############################]") || strings.Count(progress, "\r") < 2 {
			t.Fatalf("progress on stderr: %q", progress)
		}
		if n := countMessages(t, data); n != rows-len(bad) {
			t.Fatalf("%d messages stored, want %d", n, rows-len(bad))
		}
	})
	t.Run("AgainAddsNothing", func(t *testing.T) {
		out, progress, _, took := importOnce()
		t.Logf("second import of %d rows: %s", rows, took)
		if !strings.Contains(out, fmt.Sprintf("imported 0 new messages, %d were imported before", rows-len(bad))) {
			t.Fatalf("report:\n%.2000s", out)
		}
		if progress != "" {
			t.Fatalf("a progress bar although stderr is no terminal: %.200q", progress)
		}
		if n := countMessages(t, data); n != rows-len(bad) {
			t.Fatalf("%d messages stored after the second run, want %d", n, rows-len(bad))
		}
	})
}

func countMessages(t *testing.T, dataDir string) int {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dataDir, "resonanz.db"))
	must(t, err)
	defer db.Close()
	var n int
	must(t, db.QueryRow(`SELECT count(*) FROM messages WHERE channel = 'instore'`).Scan(&n))
	return n
}
