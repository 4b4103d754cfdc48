package web

// doorTexts are the UI texts of the other doors in: web forms, the kiosk,
// feeds and the company's own systems.
var doorTexts = map[string]map[string]string{
	"en": {
		"delivery.held.no_reply":   "this account cannot send replies: answer where the customer wrote (for a feed entry, on the site: the link is in the message)",
		"delivery.held.no_email":   "replies to this form go by email, and no email account is connected yet",
		"delivery.held.no_address": "the customer left no email address to reply to",
	},
	"de": {
		"delivery.held.no_reply":   "über dieses Konto gehen keine Antworten: antworten Sie dort, wo der Kunde geschrieben hat (bei einem Feed-Eintrag auf der Seite: der Link steht in der Nachricht)",
		"delivery.held.no_email":   "Antworten auf dieses Formular gehen per E-Mail, und noch ist kein E-Mail-Konto verbunden",
		"delivery.held.no_address": "der Kunde hat keine E-Mail-Adresse für eine Antwort hinterlassen",
	},
}

func init() {
	for lang, texts := range doorTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
