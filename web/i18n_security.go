package web

import (
	"fmt"

	"github.com/resonanz/resonanz"
)

// securityTexts are the UI texts of logins, API tokens, marking notifications read and starting up.
var securityTexts = map[string]map[string]string{
	"en": {
		"login.wait":                     "Too many failed attempts. Please try again in %s.",
		"notice.login.throttled.account": "Someone keeps entering wrong passwords for the login %q; its logins are slowed down for a while.",
		"notice.login.throttled.address": "Someone at %s keeps entering wrong passwords; logins from there are slowed down for a while.",
		"notifications.read":             "Mark all as read",
		"storms.warming":                 "resonanz has just started: the storm warning is still learning from the last three weeks. New messages are taken in; warnings about them follow in a moment.",
		"tokens":                         "API tokens",
		"tokens.intro":                   "Programs use the API with a token. A token may only do what its scopes allow; revoking it ends it at once.",
		"tokens.name":                    "Name", "tokens.scopes": "Scopes", "tokens.created": "Issued", "tokens.expires": "Expires",
		"tokens.used": "Last used", "tokens.never": "never", "tokens.unused": "not yet", "tokens.revoke": "Revoke",
		"tokens.none": "No API tokens yet.", "tokens.new": "New token", "tokens.expires.last": "Last day it works (optional)",
		"tokens.issue": "Issue token", "tokens.issued": "The token %q was issued. Copy its secret now: it is shown only this once.",
		"scope.ingest": "deliver messages", "scope.read": "read", "scope.write": "change",
		"token.active": "active", "token.expired": "expired", "token.revoked": "revoked",
	},
	"de": {
		"login.wait":                     "Zu viele Fehlversuche. Bitte versuchen Sie es in %s erneut.",
		"notice.login.throttled.account": "Jemand gibt wiederholt falsche Passwörter für das Login %q ein; Anmeldungen damit werden eine Weile verlangsamt.",
		"notice.login.throttled.address": "Jemand unter %s gibt wiederholt falsche Passwörter ein; Anmeldungen von dort werden eine Weile verlangsamt.",
		"notifications.read":             "Alle als gelesen markieren",
		"storms.warming":                 "resonanz wurde gerade gestartet: Die Sturmwarnung lernt noch aus den letzten drei Wochen. Neue Nachrichten werden angenommen; Warnungen dazu folgen in Kürze.",
		"tokens":                         "API-Tokens",
		"tokens.intro":                   "Programme nutzen die API mit einem Token. Ein Token darf nur, was seine Berechtigungen erlauben; ein widerrufenes Token endet sofort.",
		"tokens.name":                    "Name", "tokens.scopes": "Berechtigungen", "tokens.created": "Ausgestellt", "tokens.expires": "Läuft ab",
		"tokens.used": "Zuletzt genutzt", "tokens.never": "nie", "tokens.unused": "noch nicht", "tokens.revoke": "Widerrufen",
		"tokens.none": "Noch keine API-Tokens.", "tokens.new": "Neues Token", "tokens.expires.last": "Letzter gültiger Tag (optional)",
		"tokens.issue": "Token ausstellen", "tokens.issued": "Das Token %q wurde ausgestellt. Kopieren Sie das Geheimnis jetzt: Es wird nur dieses eine Mal angezeigt.",
		"scope.ingest": "Nachrichten liefern", "scope.read": "lesen", "scope.write": "ändern",
		"token.active": "aktiv", "token.expired": "abgelaufen", "token.revoked": "widerrufen",
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

// IsAdmin tells templates whether the user may see admin tools.
func (p *page) IsAdmin() bool { return p.User != nil && p.User.Role == resonanz.RoleAdmin }
