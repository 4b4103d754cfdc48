package web

// mailTexts are the UI texts of email's finer points: the files that come
// with messages, where replies go, held replies released, and the web
// forms' confirmation mail.
var mailTexts = map[string]map[string]string{
	"en": {
		"attachments":                  "Files",
		"attachment.original":          "Original message as received",
		"attachment.download":          "Download",
		"attachment.unkept":            "not kept",
		"attachment.refused.too_large": "not kept: too large (more than %s)",
		"attachment.refused.no_room":   "not kept: too large (the message's files together pass %s)",
		"reply.address":                "Replies go to %s, as the customer asked (Reply-To).",
		"action.release":               "held reply queued, an email account now sends it",
		"form.confirm.subject":         "We have received your message (reference %s)",
		"form.confirm.text":            "Hello,\n\nthank you for your message. We have received it and will answer by email as soon as we can.\n\nYour reference: %s\n\nThis mail was sent automatically.",
	},
	"de": {
		"attachments":                  "Dateien",
		"attachment.original":          "Originalnachricht wie empfangen",
		"attachment.download":          "Herunterladen",
		"attachment.unkept":            "nicht aufbewahrt",
		"attachment.refused.too_large": "nicht aufbewahrt: zu groß (mehr als %s)",
		"attachment.refused.no_room":   "nicht aufbewahrt: zu groß (die Dateien der Nachricht zusammen überschreiten %s)",
		"reply.address":                "Antworten gehen an %s, wie vom Kunden gewünscht (Reply-To).",
		"action.release":               "zurückgehaltene Antwort eingereiht, ein E-Mail-Konto sendet sie jetzt",
		"form.confirm.subject":         "Wir haben Ihre Nachricht erhalten (Vorgangsnummer %s)",
		"form.confirm.text":            "Guten Tag,\n\nvielen Dank für Ihre Nachricht. Wir haben sie erhalten und antworten so bald wie möglich per E-Mail.\n\nIhre Vorgangsnummer: %s\n\nDiese E-Mail wurde automatisch versandt.",
	},
}

func init() {
	for lang, texts := range mailTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
