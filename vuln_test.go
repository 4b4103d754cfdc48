package resonanz_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNoReachableVulnerabilities runs govulncheck over the whole module
// against the pinned vulnerability database (.ci/vulncheck prepares both;
// .ci/run sets the variables) and fails on a vulnerability that resonanz's
// code can reach, in a module or in the standard library.
func TestNoReachableVulnerabilities(t *testing.T) {
	bin, db := os.Getenv("RESONANZ_GOVULNCHECK"), os.Getenv("RESONANZ_VULNDB")
	if bin == "" || db == "" {
		t.Skip("set RESONANZ_GOVULNCHECK and RESONANZ_VULNDB (see .ci/vulncheck) to check for known vulnerabilities")
	}
	abs, err := filepath.Abs(db)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-db", "file://"+abs, "./...")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 3 {
		t.Fatalf("govulncheck finds vulnerabilities resonanz's code reaches:\n%s", out)
	} else if err != nil {
		t.Fatalf("govulncheck did not run: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
