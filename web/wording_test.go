package web

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func testLocales(t *testing.T) map[string]*locale {
	t.Helper()
	c := mustCatalogue(t)
	out := map[string]*locale{}
	for lang, texts := range c {
		out[lang] = &locale{lang: lang, texts: texts, zone: berlin, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	}
	return out
}

func TestDurationAsPeopleWriteIt(t *testing.T) {
	l := testLocales(t)
	for _, tt := range []struct {
		d      time.Duration
		de, en string
	}{
		{4 * time.Hour, "4 Std.", "4 h"},
		{30 * time.Minute, "30 Min.", "30 min"},
		{48 * time.Hour, "2 Tage", "2 days"},
		{24 * time.Hour, "1 Tag", "1 day"},
		{26*time.Hour + 10*time.Minute, "1 Tag 2 Std.", "1 day 2 h"},
		{90 * time.Minute, "1 Std. 30 Min.", "1 h 30 min"},
		{20 * time.Second, "0 Min.", "0 min"},
		{-45 * time.Minute, "45 Min.", "45 min"},
	} {
		if got := l["de"].Duration(tt.d); got != tt.de {
			t.Errorf("German %v: %q, want %q", tt.d, got, tt.de)
		}
		if got := l["en"].Duration(tt.d); got != tt.en {
			t.Errorf("English %v: %q, want %q", tt.d, got, tt.en)
		}
	}
}

// Stored events are worded in the reader's language from their kind and
// params; events written before kinds show their stored text.
func TestEventsInTheReadersLanguage(t *testing.T) {
	l := testLocales(t)
	due := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC).Format(time.RFC3339)
	for _, tt := range []struct {
		name   string
		got    func(l *locale) string
		de, en string
	}{
		{"Status", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditStatus, Params: resonanz.Params{"from": "waiting", "to": "solved"}}))
		}, "Wartet auf Kunde → Gelöst", "Waiting for customer → Solved"},
		{"Goodwill", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditGoodwillGranted, Params: resonanz.Params{"kind": "voucher", "amount": "1250", "reason": "Verspätung"}}))
		}, "Gutschein 12,50 € gewährt: Verspätung", "Voucher 12,50 € granted: Verspätung"},
		{"GoodwillWhy", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditGoodwillRequested, Params: resonanz.Params{"kind": "refund", "amount": "3000",
				"reason": "Defekt", "why": "limit", "role": "agent", "limit": "2000"}}))
		}, "Erstattung 30,00 €: Freigabe erbeten (über der Grenze von 20,00 € für die Rolle Mitarbeiter): Defekt",
			"Refund 30,00 €: approval requested (above the agent limit of 20,00 €): Defekt"},
		{"DueInBerlin", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditSLAWarning, Params: resonanz.Params{"goal": "first_response", "due": due, "policy": "Standard"}}))
		}, `Warnung: Erstantwort fällig <time datetime="2026-12-01T15:00:00Z">01.12.2026 16:00</time> (Standard)`,
			`warning: first response due <time datetime="2026-12-01T15:00:00Z">01.12.2026 16:00</time> (Standard)`},
		{"Escaped", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditNote, Params: resonanz.Params{"text": `<script>alert("x")</script>`}}))
		}, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"},
		{"OldEntryEscaped", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Action: "note", Detail: "<b>Anna & Ben</b>"}))
		}, "&lt;b&gt;Anna &amp; Ben&lt;/b&gt;", "&lt;b&gt;Anna &amp; Ben&lt;/b&gt;"},
		{"Empty", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditTeam, Params: resonanz.Params{"team": ""}}))
		}, "—", "—"},
		{"OldEntry", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Action: "status", Detail: "waiting → solved"}))
		}, "waiting → solved", "waiting → solved"},
		{"Channels", func(l *locale) string {
			return string(l.Audit(&resonanz.AuditEvent{Kind: resonanz.AuditOptOutOn, Params: resonanz.Params{"channels": "form,instore", "reason": "Brief"}}))
		}, "möchte nicht kontaktiert werden (Webformular, Filiale): Brief", "does not want to be contacted (Web form, In-store): Brief"},
		{"Notice", func(l *locale) string {
			return string(l.Notice(&resonanz.Notification{Kind: resonanz.NotifySLABreach, Params: resonanz.Params{"goal": "resolution", "policy": "Dringend", "preview": "Hallo"}}))
		}, "Lösung überfällig (Dringend): Hallo", "resolution overdue (Dringend): Hallo"},
		{"OldNotice", func(l *locale) string {
			return string(l.Notice(&resonanz.Notification{Kind: resonanz.NotifySLABreach, Text: "first response overdue (Standard): Hallo"}))
		}, "first response overdue (Standard): Hallo", "first response overdue (Standard): Hallo"},
		{"CrisisStep", func(l *locale) string {
			return string(l.AlertStep(&resonanz.AlertEvent{Kind: resonanz.AlertRaised, Params: resonanz.Params{"count": "40", "window": "4h0m0s", "ratio": "5.2",
				"authors": "38", "channels": "3", "severity": "3"}}))
		}, "40 negative Nachrichten in 4 Std., 5,2× so viele wie üblich, 38 Personen auf 3 Kanälen, Stufe 3/6",
			"40 negative messages in 4 h, 5.2× the usual, 38 people on 3 channels, severity 3/6"},
		{"Reasons", func(l *locale) string {
			return l.Reasons([]string{"topic=delivery", "urgent=legal,public", "keyword=Anwalt", "vip=", "topic delivery"})
		}, "Thema Lieferung, dringend (rechtliche Drohung, droht mit Öffentlichkeit), Stichwort „Anwalt“, VIP-Kunde, topic delivery",
			"topic delivery, urgent (legal threat, goes public), keyword “Anwalt”, VIP customer, topic delivery"},
		{"KeyedError", func(l *locale) string {
			return l.Error(resonanz.FieldError("text", "Say what was promised.").Keyed("promise.text.missing"))
		}, "Sagen Sie, was zugesagt wurde.", "Say what was promised."},
		{"KeyedErrorArgs", func(l *locale) string {
			return l.Error(resonanz.FieldError("amount", "%q is not an amount in euros (e.g. 12,50).", "zwölf").Keyed("amount.invalid"))
		}, `"zwölf" ist kein Betrag in Euro (z. B. 12,50).`, `"zwölf" is not an amount in euros (e.g. 12,50).`},
		{"InternalError", func(l *locale) string { return l.Error(io.ErrUnexpectedEOF) }, "Interner Fehler.", "Internal error."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got(l["de"]); got != tt.de {
				t.Errorf("German: %q, want %q", got, tt.de)
			}
			if got := tt.got(l["en"]); got != tt.en {
				t.Errorf("English: %q, want %q", got, tt.en)
			}
		})
	}
}

// The survey figures of the dashboards are written as the reader writes
// numbers, and say "—" rather than 0 when nobody answered.
func TestSurveyFiguresAsPeopleReadThem(t *testing.T) {
	l := testLocales(t)
	tally := resonanz.SurveyTally{CSAT: 3, CSATSum: 11, Satisfied: 2, NPS: 4, Promoters: 1, Detractors: 2}
	for lang, want := range map[string][2]string{
		"de": {"3,7 · 67 % zufrieden · 3 Antworten", "-25 · 4 Antworten"},
		"en": {"3.7 · 67 % satisfied · 3 answers", "-25 · 4 answers"},
	} {
		if got := csatFigure(l[lang], tally); got != want[0] {
			t.Errorf("%s CSAT: %q, want %q", lang, got, want[0])
		}
		if got := npsFigure(l[lang], tally); got != want[1] {
			t.Errorf("%s NPS: %q, want %q", lang, got, want[1])
		}
		if got := csatFigure(l[lang], resonanz.SurveyTally{}) + npsFigure(l[lang], resonanz.SurveyTally{}); got != "——" {
			t.Errorf("%s without answers: %q", lang, got)
		}
	}
}
