package web

// deskTexts are the UI texts of the page frame: the menu and the alert bar.
var deskTexts = map[string]map[string]string{
	"en": {
		"menu":            "Menu",
		"alerts.open.one": "1 open alert", "alerts.open.many": "%d open alerts",
		"alerts.dismiss": "Hide", "alerts.dismiss.hint": "Hide until an alert is raised or grows more severe",
		"alert.event.quiet": "closed by itself after a quiet period without new messages",
	},
	"de": {
		"menu":            "Menü",
		"alerts.open.one": "1 offene Warnung", "alerts.open.many": "%d offene Warnungen",
		"alerts.dismiss": "Ausblenden", "alerts.dismiss.hint": "Ausblenden, bis eine Warnung neu ausgelöst oder verschärft wird",
		"alert.event.quiet": "von selbst geschlossen nach einer ruhigen Zeit ohne neue Nachrichten",
	},
}

func init() {
	for lang, texts := range deskTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
