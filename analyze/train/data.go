package train

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// Labelled text read from a data set.
type labelled struct {
	text, label string
}

// Generated set: its size and seed are fixed so that the held-out split is
// the same for every training run and evaluation.
const (
	generatedSeed  = 20240601
	generatedCount = 10000
)

// readPotTS reads a PotTS or SB-10k file (label<TAB>text) and drops the "mixed" tweets:
// a message with praise and complaint has no single polarity to learn.
func readPotTS(path string) ([]labelled, error) {
	rows, err := readTSV(path, 2)
	if err != nil {
		return nil, err
	}
	var out []labelled
	for _, r := range rows {
		if r[0] != "mixed" {
			out = append(out, labelled{r[1], r[0]})
		}
	}
	return out, nil
}

// readGermEval reads the sentiment and text of GermEval 2017
// (id, relevance, sentiment, aspects, text).
func readGermEval(path string) ([]labelled, error) {
	rows, err := readTSV(path, 5)
	if err != nil {
		return nil, err
	}
	out := make([]labelled, len(rows))
	for i, r := range rows {
		out[i] = labelled{r[4], r[2]}
	}
	return out, nil
}

// readTSV returns the rows after the header with at least cols columns; the
// last column keeps any further tabs.
func readTSV(path string, cols int) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var rows [][]string
	for first := true; sc.Scan(); first = false {
		r := strings.SplitN(sc.Text(), "\t", cols)
		if first || len(r) < cols {
			continue
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func pottsPath(dataDir, split string) string {
	return filepath.Join(dataDir, "potts", split+".tsv")
}

// sb10kPath is the SB-10k training split (label<TAB>text, as PotTS).
func sb10kPath(dataDir string) string {
	return filepath.Join(dataDir, "sb10k", "train.tsv")
}
