package resonanz_test

import (
	"bufio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFuzzBriefly runs every fuzz target of the module for a short while
// ($RESONANZ_FUZZTIME, e.g. 5s; .ci/run sets it), beyond the committed seed
// corpora that every test run replays. A crash is saved under the
// package's testdata and fails the test: it becomes a seed, and so a test.
func TestFuzzBriefly(t *testing.T) {
	fuzztime := os.Getenv("RESONANZ_FUZZTIME")
	if fuzztime == "" {
		t.Skip("set RESONANZ_FUZZTIME (e.g. 5s) to fuzz every target briefly")
	}
	targets := fuzzTargets(t)
	if len(targets) == 0 {
		t.Fatal("no fuzz targets found")
	}
	for _, target := range targets {
		t.Run(target.dir+"/"+target.name, func(t *testing.T) {
			cmd := exec.Command("go", "test", "-run", "^$", "-fuzz", "^"+target.name+"$", "-fuzztime", fuzztime, "./"+target.dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
		})
	}
}

type fuzzTarget struct{ dir, name string }

var fuzzFunc = regexp.MustCompile(`^func (Fuzz\w+)\(f \*testing\.F\)`)

// fuzzTargets finds the fuzz functions in the module's test files; tools/
// holds other modules.
func fuzzTargets(t *testing.T) []fuzzTarget {
	var targets []fuzzTarget
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "tools" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if m := fuzzFunc.FindStringSubmatch(sc.Text()); m != nil {
				targets = append(targets, fuzzTarget{dir: filepath.Dir(path), name: m[1]})
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return targets
}
