package resonanz_test

import (
	"testing"

	"github.com/resonanz/resonanz"
)

func TestPlaceholders(t *testing.T) {
	p := resonanz.Placeholders{Name: "Anna", Agent: "Tom", Help: ""}
	if got := p.Fill("Hallo {name}, {agent} hier. {help}{unknown}"); got != "Hallo Anna, Tom hier. {unknown}" {
		t.Fatalf("got %q", got)
	}
}
