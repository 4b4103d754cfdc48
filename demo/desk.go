package demo

import (
	"context"

	"github.com/resonanz/resonanz"
)

// cannedReplies are the demo's canned replies: for every team, or for the
// team of the given name.
var cannedReplies = []struct {
	team string
	c    resonanz.CannedReply
}{
	{"", resonanz.CannedReply{Title: "Danke", Language: resonanz.LangGerman,
		Text: "Hallo {name}, danke für Ihre Nachricht! Wir kümmern uns darum und melden uns bis morgen."}},
	{"", resonanz.CannedReply{Title: "Thanks", Language: resonanz.LangEnglish,
		Text: "Hi {name}, thank you for your message! We are on it and will get back to you by tomorrow."}},
	{"Versand & Lieferung", resonanz.CannedReply{Title: "Lieferverzug", Language: resonanz.LangGerman,
		Text: "Hallo {name}, es tut uns leid, dass Ihre Lieferung auf sich warten lässt. Schicken Sie uns bitte Ihre Bestellnummer per Direktnachricht, dann sehen wir sofort nach. {help}"}},
	{"Versand & Lieferung", resonanz.CannedReply{Title: "Late delivery", Language: resonanz.LangEnglish,
		Text: "Hi {name}, we are sorry your delivery is late. Please send us your order number by direct message and we will look into it right away. {help}"}},
	{"Rechnung & Vertrag", resonanz.CannedReply{Title: "Rechnung doppelt", Language: resonanz.LangGerman,
		Text: "Hallo {name}, die doppelte Rechnung ist storniert; Sie müssen nur eine bezahlen. Entschuldigen Sie den Schreck!"}},
	{"App & Website", resonanz.CannedReply{Title: "App-Update", Language: resonanz.LangGerman,
		Text: "Hallo {name}, mit dem letzten Update ist ein Fehler im Warenkorb aufgetreten. Die Korrektur kommt heute; bis dahin hilft es, die App neu zu starten. {help}"}},
}

// setUpDesk gives the demo canned replies, a help-center link and the
// agents' and teams' signatures, so that the reply box shows them all.
func setUpDesk(ctx context.Context, db Store, users []*resonanz.User) error {
	lead := users[1]
	teams, err := db.FindTeams(ctx)
	if err != nil {
		return err
	}
	teamID := map[string]int64{}
	for _, t := range teams {
		teamID[t.Name] = t.ID
	}
	if err := db.SetHelpCenterLink(ctx, "https://hilfe.example.com", lead); err != nil {
		return err
	}
	for _, d := range cannedReplies {
		c := d.c
		c.TeamID = teamID[d.team]
		if err := db.SaveCannedReply(ctx, &c, lead); err != nil {
			return err
		}
	}
	signatures := []resonanz.Signature{{TeamID: teamID["Versand & Lieferung"], Language: resonanz.LangGerman, Text: "Ihr Team Versand & Lieferung · Mo–Fr 8–18 Uhr"}}
	for _, u := range users[1:] {
		signatures = append(signatures,
			resonanz.Signature{UserID: u.ID, Language: resonanz.LangGerman, Text: "Viele Grüße\n" + u.Name},
			resonanz.Signature{UserID: u.ID, Language: resonanz.LangEnglish, Text: "Best regards,\n" + u.Name})
	}
	for i := range signatures {
		if err := db.SaveSignature(ctx, &signatures[i]); err != nil {
			return err
		}
	}
	return nil
}
