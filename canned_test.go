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

func TestArticlePlaceholder(t *testing.T) {
	p := resonanz.Placeholders{Help: "https://shop.example/help/"}
	if got := p.Fill("Siehe {article:12} und {article:x}"); got != "Siehe https://shop.example/help/12 und {article:x}" {
		t.Errorf("got %q", got)
	}
	if got := (resonanz.Placeholders{}).Fill("Siehe {article:12}."); got != "Siehe ." {
		t.Errorf("without a help-center link: %q", got)
	}
}
