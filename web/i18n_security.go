package web

import (
	"fmt"

	"github.com/resonanz/resonanz"
)

// securityTexts are the UI texts of logins, API tokens and notifications about them.
var securityTexts = map[string]map[string]string{
	"en": {
		"login.wait":                     "Too many failed attempts. Please try again in %s.",
		"notice.login.throttled.account": "Someone keeps entering wrong passwords for the login %q; its logins are slowed down for a while.",
		"notice.login.throttled.address": "Someone at %s keeps entering wrong passwords; logins from there are slowed down for a while.",
	},
	"de": {
		"login.wait":                     "Zu viele Fehlversuche. Bitte versuchen Sie es in %s erneut.",
		"notice.login.throttled.account": "Jemand gibt wiederholt falsche Passwörter für das Login %q ein; Anmeldungen damit werden eine Weile verlangsamt.",
		"notice.login.throttled.address": "Jemand unter %s gibt wiederholt falsche Passwörter ein; Anmeldungen von dort werden eine Weile verlangsamt.",
	},
}

func init() {
	for lang, texts := range securityTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}

// Notice is a notification's text in the page's language: kinds with a text
// in the catalogue fill their one parameter in, others were stored whole.
func (p *page) Notice(n *resonanz.Notification) string {
	if format, ok := translations[p.Lang]["notice."+n.Kind]; ok {
		return fmt.Sprintf(format, n.Text)
	}
	return n.Text
}
