package eval

import (
	"strings"

	"github.com/resonanz/resonanz/watch/internal/synth"
)

// critique is one thing customers complain about on the app topic, in
// German and English, said in several ways. Any of them may storm; the
// others then run beside it as the topic's usual complaints.
type critique struct {
	name   string
	de, en []string
	tags   []string // hashtags people put on it when it storms
	link   string   // an article people share when it storms
}

// critiques are the generated topic's complaints. Each says its thing in
// words of its own, with details (a device, a number) that vary, so that
// no single word marks it.
var critiques = []critique{
	{name: "crash", tags: []string{"#AppAbsturz", "#appcrash"}, link: "https://news.example.org/tech/app-stuerzt-nach-update-ab",
		de: []string{"Die App stürzt seit dem Update ständig ab", "Nach dem Update crasht die App beim Öffnen", "Seit der neuen Version stürzt eure App bei jedem Start ab",
			"App schließt sich sofort nach dem Start, seit dem Update", "Update installiert und jetzt stürzt die App nur noch ab", "Die neue App-Version ist unbrauchbar, Absturz nach zwei Sekunden"},
		en: []string{"The app keeps crashing since the update", "App crashes on startup after the latest update", "Since the new version the app crashes every time I open it",
			"Updated the app and now it just crashes", "New app version is unusable, crashes after two seconds"}},
	{name: "cart", tags: []string{"#Warenkorb", "#cartgone"}, link: "https://forum.example.org/t/warenkorb-leer-nach-update",
		de: []string{"Mein Warenkorb ist nach dem Update komplett leer", "Warenkorb gelöscht, alle Artikel weg", "Habe eine Stunde den Warenkorb gefüllt und jetzt ist er leer",
			"Der Warenkorb vergisst alles, sobald ich die App schließe", "Artikel im Warenkorb einfach verschwunden"},
		en: []string{"My cart is completely empty after the update", "Cart wiped, all my items are gone", "Spent an hour filling my cart and now it is empty",
			"The cart forgets everything as soon as I close the app"}},
	{name: "login", tags: []string{"#LoginFehler", "#loginfail"}, link: "https://status.example.org/incidents/login",
		de: []string{"Ich kann mich nicht mehr einloggen, das Passwort wird abgelehnt", "Login geht nicht, immer nur Fehlermeldung beim Anmelden",
			"Anmeldung unmöglich, Passwort zurücksetzen schickt keine Mail", "Seit heute komme ich nicht mehr in mein Konto"},
		en: []string{"I can't log in anymore, password rejected", "Login fails with an error every time", "Cannot sign in, password reset mail never arrives",
			"Locked out of my account since this morning"}},
	{name: "payment", tags: []string{"#Zahlung", "#paymentfail"}, link: "https://news.example.org/wirtschaft/zahlungsausfall-shop",
		de: []string{"Bezahlen mit PayPal bricht im Checkout ab", "Die Zahlung schlägt fehl, meine Karte wird abgelehnt", "Checkout hängt bei der Zahlung, Bestellung geht nicht durch",
			"Kreditkarte belastet, aber Bestellung abgebrochen"},
		en: []string{"Paying with PayPal fails at checkout", "Payment keeps failing, card declined", "Checkout hangs at payment, order won't go through",
			"Card charged but the order was cancelled"}},
	{name: "delivery", de: []string{"Falscher Artikel geliefert, bestellt hatte ich etwas ganz anderes", "Paket kam mit der falschen Größe an", "In der App bestellt, geliefert wurde die falsche Farbe"},
		en: []string{"Wrong item delivered, I ordered something else entirely", "Package arrived in the wrong size", "Ordered in the app, got the wrong colour"}},
	{name: "discount", de: []string{"Der Rabattcode funktioniert nicht", "Gutscheincode wird in der App nicht angenommen", "Mein Geburtstagsrabatt wurde nicht abgezogen"},
		en: []string{"The discount code doesn't work", "Promo code not accepted in the app", "My birthday discount was not applied"}},
	{name: "membership", de: []string{"Wie kündige ich die Mitgliedschaft? Der Button führt ins Leere", "Kündigung der Mitgliedschaft wird nicht bestätigt", "Ich will mein Abo beenden, finde aber nirgends die Option"},
		en: []string{"How do I cancel my membership? The button leads nowhere", "Membership cancellation never gets confirmed", "I want to end my subscription but can't find the option"}},
	{name: "slow", de: []string{"Die Website lädt ewig", "Seiten brauchen eine halbe Minute zum Laden", "Suche in der App dauert ewig"},
		en: []string{"The website takes forever to load", "Pages take half a minute to load", "Search in the app is painfully slow"}},
	{name: "newsletter", de: []string{"Ich bekomme trotz Abmeldung euren Newsletter", "Push-Nachrichten jeden Tag, obwohl abgeschaltet"},
		en: []string{"Still getting your newsletter after unsubscribing", "Daily push notifications even though I turned them off"}},
}

// stormCritiques are the critiques that storm; the rest only run beside them.
const stormCritiques = 4

// Words around a complaint that any of them may have.
var (
	openersDE = []string{"", "", "Hallo, ", "Echt jetzt? ", "Leute, ", "@shop ", "Schon wieder: "}
	openersEN = []string{"", "", "Hi, ", "Seriously? ", "@shop ", "Again: "}
	detailsDE = []string{"", "", " auf meinem iPhone", " auf Android", " seit gestern", " seit heute Morgen", " bei Bestellung {n}"}
	detailsEN = []string{"", "", " on my iPhone", " on Android", " since yesterday", " since this morning", " on order {n}"}
	closersDE = []string{"", ". Was ist da los?", ". Unmöglich!", ". Ich bin echt sauer.", ". Bitte meldet euch.", "! Ärgerlich.", ". So verliert ihr Kunden."}
	closersEN = []string{"", ". What is going on?", ". Unbelievable!", ". Really annoyed.", ". Please get back to me.", "! Not good.", ". This is how you lose customers."}
)

// say writes one complaint about c; in a storm, some carry its hashtag or link.
func (c critique) say(r *synth.RNG, english, storming bool) string {
	openers, cores, details, closers := openersDE, c.de, detailsDE, closersDE
	if english {
		openers, cores, details, closers = openersEN, c.en, detailsEN, closersEN
	}
	detail := strings.ReplaceAll(pick(r, details), "{n}", string(rune('1'+r.Intn(9)))+string(rune('0'+r.Intn(10)))+"4711")
	text := pick(r, openers) + pick(r, cores) + detail + pick(r, closers)
	if storming {
		switch f := r.Float(); {
		case f < 0.3 && len(c.tags) > 0:
			text += " " + pick(r, c.tags)
		case f < 0.4 && c.link != "":
			text += " " + c.link
		}
	}
	return text
}

func pick(r *synth.RNG, list []string) string { return list[r.Intn(len(list))] }
