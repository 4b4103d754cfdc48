package web

import (
	"encoding/csv"
	"net/http"
	"strings"
)

// writeCSV sends a report table as a CSV file, its head first.
func writeCSV(w http.ResponseWriter, filename string, t reportTable) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`.csv"`)
	out := csv.NewWriter(w)
	out.Write(safeCells(t.Head))
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = c.Text
		}
		out.Write(safeCells(cells))
	}
	out.Flush()
}

// safeCells keeps a spreadsheet from taking a cell for a formula: a cell
// that starts with = + - @ (or a tab or carriage return, which some
// programs skip before looking) gets a leading apostrophe. Topic names and
// team names are typed by people; encoding/csv does the quoting.
func safeCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}
