package resonanz_test

import (
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestParseEuros(t *testing.T) {
	for _, tc := range []struct {
		in    string
		cents int64
		ok    bool
	}{
		{"12", 1200, true}, {"12,50", 1250, true}, {"12.5", 1250, true}, {" 7,05 € ", 705, true}, {",99", 99, true},
		{"-5", 0, false}, {"", 0, false}, {"1.000,00", 0, false}, {"12,345", 0, false}, {"zehn", 0, false}, {"1e3", 0, false},
	} {
		cents, err := resonanz.ParseEuros("amount", tc.in)
		if (err == nil) != tc.ok || cents != tc.cents {
			t.Errorf("ParseEuros(%q) = %d, %v; want %d, ok %v", tc.in, cents, err, tc.cents, tc.ok)
		}
		if err != nil && resonanz.ErrorField(err) != "amount" {
			t.Errorf("ParseEuros(%q): error not about the field: %v", tc.in, err)
		}
	}
}

func TestFormatEuros(t *testing.T) {
	for cents, want := range map[int64]string{0: "0,00 €", 5: "0,05 €", 1250: "12,50 €", 100000: "1000,00 €"} {
		if got := resonanz.FormatEuros(cents); got != want {
			t.Errorf("FormatEuros(%d) = %q, want %q", cents, got, want)
		}
	}
}

func TestSummarizeGoodwill(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	grant := func(kind string, cents int64, reason string, at string, state string) *resonanz.GoodwillGrant {
		ts, _ := time.Parse(time.RFC3339, at)
		return &resonanz.GoodwillGrant{Kind: kind, Amount: cents, Reason: reason, GrantedAt: ts, State: state}
	}
	r := resonanz.SummarizeGoodwill([]*resonanz.GoodwillGrant{
		grant("voucher", 1000, "Lieferverzug", "2026-10-31T23:30:00Z", "granted"), // November in Berlin
		grant("voucher", 2000, " lieferverzug ", "2026-11-10T10:00:00Z", "granted"),
		grant("refund", 500, "Defekt", "2026-10-05T10:00:00Z", "granted"),
		grant("refund", 9900, "Defekt", "2026-10-06T10:00:00Z", "pending"),
	}, berlin)
	if len(r.ByKind) != 2 || r.ByKind[0] != (resonanz.GoodwillSum{Month: "2026-11", Key: "voucher", Count: 2, Amount: 3000}) ||
		r.ByKind[1] != (resonanz.GoodwillSum{Month: "2026-10", Key: "refund", Count: 1, Amount: 500}) {
		t.Fatalf("by kind %+v", r.ByKind)
	}
	if len(r.ByReason) != 2 || r.ByReason[0].Count != 2 || r.ByReason[0].Amount != 3000 || r.Total != 3500 {
		t.Fatalf("by reason %+v, total %d", r.ByReason, r.Total)
	}
}
