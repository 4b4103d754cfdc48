package train

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/analyze"
)

var retrain = flag.Bool("retrain", false, "train on ../../../shared/data and rewrite analyze/model/")

// dataDir is the shared data folder as seen from the package directory.
const dataDir = "../../../shared/data"

// TestRetrain rewrites the shipped model files when asked:
// go test ./analyze/train -run TestRetrain -retrain.
func TestRetrain(t *testing.T) {
	if !*retrain {
		t.Skip("model files are only rewritten with -retrain")
	}
	if err := TrainAndWrite(dataDir, "../model", 1, testLog{t}); err != nil {
		t.Fatal(err)
	}
}

// testLog sends training progress to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// TestTrainingIsReproducible trains twice on a small subset with the same
// seed: the model files must be byte-identical, or a retrain could not be
// told apart from a change.
func TestTrainingIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two models, about two seconds")
	}
	var files [2]map[string][]byte
	for i := range files {
		dir := t.TempDir()
		m, err := Train(TrainOptions{DataDir: dataDir, Seed: 7, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Write(dir); err != nil {
			t.Fatal(err)
		}
		files[i] = map[string][]byte{}
		for _, name := range []string{"sentiment.gz", "kind.gz"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			files[i][name] = b
		}
	}
	for name, b := range files[0] {
		if !bytes.Equal(b, files[1][name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if _, err := new(analyze.Model).Analyzer(); err == nil {
		t.Error("an empty model was accepted")
	}
}

// Agents' corrections teach the model words it never saw: a company's own
// jargon, corrected as praise a few times, is read as praise afterwards.
func TestCorrectionsTeach(t *testing.T) {
	var corrections []analyze.Example
	for _, s := range []string{"heute", "gestern", "wieder", "am Gleis", "im Laden", "beim Abholen", "an der Kasse", "online"} {
		corrections = append(corrections, analyze.Example{Text: "Der Zorbelwip " + s + " war ein Traum", Sentiment: "positive", Kind: "praise"})
	}
	kindOf := func(extra []analyze.Example) string {
		m, err := Train(TrainOptions{Seed: 7, Limit: 400, Corrections: extra})
		if err != nil {
			t.Fatal(err)
		}
		a, err := m.Analyzer()
		if err != nil {
			t.Fatal(err)
		}
		return a.Analyze("Zorbelwip").Kind
	}
	if got := kindOf(corrections); got != "praise" {
		t.Fatalf("after corrections, %q reads as %s, want praise", "Zorbelwip", got)
	}
	if got := kindOf(nil); got == "praise" {
		t.Fatalf("without corrections %q already reads as praise; the test proves nothing", "Zorbelwip")
	}
}
