package demo

import (
	"context"

	"github.com/resonanz/resonanz"
)

// articles are the demo's help center, in German and English, with a
// draft that only staff see.
var articles = []resonanz.Article{
	{Language: resonanz.LangGerman, Category: "Versand & Lieferung", Title: "Wo ist mein Paket?", Published: true,
		Body: "Die **Sendungsnummer** steht in Ihrer Versandbestätigung.\n\n1. Öffnen Sie die Mail »Ihr Paket ist unterwegs«.\n2. Klicken Sie auf die Sendungsnummer.\n\nNach 5 Werktagen ohne Bewegung schreiben Sie uns bitte an [hilfe@example.com](mailto:hilfe@example.com)."},
	{Language: resonanz.LangGerman, Category: "Versand & Lieferung", Title: "Rücksendungen und Umtausch", Published: true,
		Body: "Sie können Artikel **30 Tage** lang kostenlos zurücksenden.\n\n- Rücksendeetikett im Kundenkonto drucken\n- Paket gut verpacken\n- bei der Post abgeben\n\nDie Erstattung kommt wenige Tage nach Eingang."},
	{Language: resonanz.LangGerman, Category: "Rechnung & Zahlung", Title: "Rechnung doppelt abgebucht", Published: true,
		Body: "Eine doppelte Abbuchung ist meist eine *Vormerkung* Ihrer Bank, die nach wenigen Tagen verschwindet.\n\nBleibt sie länger, nennen Sie uns bitte die Rechnungsnummer."},
	{Language: resonanz.LangGerman, Category: "App & Website", Title: "Anmeldung in der App klappt nicht", Published: true,
		Body: "## Schnelle Hilfe\n- App auf die neueste Version bringen\n- Passwort über `Passwort vergessen` zurücksetzen\n\nHilft das nicht, schreiben Sie uns mit Ihrem Gerätemodell."},
	{Language: resonanz.LangGerman, Category: "Versand & Lieferung", Title: "Lieferzeiten im Dezember (Entwurf)",
		Body: "Zwischen dem 15. und 24. Dezember kann die Lieferung zwei Tage länger dauern."},
	{Language: resonanz.LangEnglish, Category: "Shipping & delivery", Title: "Where is my parcel?", Published: true,
		Body: "Your **tracking number** is in the shipping confirmation.\n\n1. Open the mail \"Your parcel is on its way\".\n2. Click the tracking number.\n\nIf it has not moved for 5 working days, write to [help@example.com](mailto:help@example.com)."},
	{Language: resonanz.LangEnglish, Category: "Shipping & delivery", Title: "Returns and exchanges", Published: true,
		Body: "You can return items free of charge for **30 days**.\n\n- Print the return label in your account\n- Pack the parcel well\n- Hand it in at the post office"},
	{Language: resonanz.LangEnglish, Category: "Billing & payment", Title: "Charged twice", Published: true,
		Body: "A double charge is usually a *pre-authorisation* by your bank that disappears within a few days."},
}

// setUpHelpCenter writes the demo's articles, as the lead.
func setUpHelpCenter(ctx context.Context, db Store, lead *resonanz.User) error {
	for _, a := range articles {
		if err := db.SaveArticle(ctx, &a, lead); err != nil {
			return err
		}
	}
	return nil
}
