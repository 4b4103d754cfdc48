package web

// doorTexts are the UI texts of the other doors in: web forms, the kiosk,
// feeds and the company's own systems.
var doorTexts = map[string]map[string]string{
	"en": {
		"delivery.held.no_reply":   "this account cannot send replies: answer where the customer wrote (for a feed entry, on the site: the link is in the message)",
		"delivery.held.no_email":   "replies to this form go by email, and no email account is connected yet",
		"delivery.held.no_address": "the customer left no email address to reply to",
		"form.consent.given":       "agreed with the form's wording",
		"channel.field.slug":       "Address of the form (/forms/…)",
		"channel.field.topic":      "Topic of its messages (for routing rules)",
		"channel.field.consent":    "Consent checkbox wording (empty: none)",
		"channel.field.embed":      "Sites that may embed the form (e.g. https://shop.example)",
		"channel.field.store":      "Store name for the kiosk (empty: no kiosk)",
	},
	"de": {
		"delivery.held.no_reply":   "über dieses Konto gehen keine Antworten: antworten Sie dort, wo der Kunde geschrieben hat (bei einem Feed-Eintrag auf der Seite: der Link steht in der Nachricht)",
		"delivery.held.no_email":   "Antworten auf dieses Formular gehen per E-Mail, und noch ist kein E-Mail-Konto verbunden",
		"delivery.held.no_address": "der Kunde hat keine E-Mail-Adresse für eine Antwort hinterlassen",
		"form.consent.given":       "zugestimmt mit dem Wortlaut des Formulars",
		"channel.field.slug":       "Adresse des Formulars (/forms/…)",
		"channel.field.topic":      "Thema seiner Nachrichten (für Zuordnungsregeln)",
		"channel.field.consent":    "Wortlaut der Einwilligung (leer: keine)",
		"channel.field.embed":      "Seiten, die das Formular einbetten dürfen (z. B. https://shop.example)",
		"channel.field.store":      "Name der Filiale für den Kiosk (leer: kein Kiosk)",
	},
}

func init() {
	for lang, texts := range doorTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
