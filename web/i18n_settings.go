package web

// settingsTexts are the UI texts of routing, answer times, teams and notifications.
var settingsTexts = map[string]map[string]string{
	"en": {
		"settings": "Settings", "rules": "Routing rules", "sla": "Answer times", "teams": "Teams",
		"priority": "Priority", "tags": "Tags", "urgency": "Urgency signal", "delete": "Delete",
		"priority.low": "low", "priority.normal": "normal", "priority.high": "high", "priority.urgent": "urgent",
		"rules.intro": "New conversations are routed by these rules, top to bottom. A rule applies when all its conditions hold; an empty condition does not restrict.",
		"rules.name":  "Name", "rules.when": "When", "rules.then": "Then", "rules.off": "off", "rules.always": "every message",
		"rules.continue":       "Also try the rules below (otherwise the first matching rule ends routing)",
		"rules.continue.short": "then go on", "rules.stop.short": "first match wins",
		"rules.up": "Move up", "rules.down": "Move down", "rules.none": "No rules yet: new conversations stay in the shared queue.",
		"rules.edit": "Edit rule", "rules.new": "New rule", "rules.enabled": "Active",
		"rules.vip": "VIP customer", "rules.repeat": "Customer wrote before", "rules.keywords": "Keywords (any of, comma-separated)",
		"rules.owner.team": "the team's round-robin", "rules.test": "Try it", "rules.sample": "Sample message",
		"rules.test.run": "Where would it go?", "rules.would": "This message would go to:",
		"rules.because": "because of rule", "rules.nomatch": "No rule matches.",
		"rules.sample.missing": "Type a sample message to try the rules.",
		"goal.first_response":  "first response", "goal.next_response": "next response", "goal.resolution": "resolution",
		"sla.left": "due in %s", "sla.overdue": "overdue %s", "sla.paused": "paused while waiting for the customer",
		"sla.sort": "Due first", "sla.clock": "Answer time", "route.why": "Routing",
		"sla.policies": "SLA policies", "sla.calendars": "Business hours",
		"sla.intro": "A conversation gets the most specific policy that fits its team, priority and channel. Times count only in the calendar's business hours; the clock pauses while a conversation waits for the customer.",
		"sla.name":  "Name", "sla.first": "First response (min)", "sla.next": "Next response (min)", "sla.resolution": "Resolution (min)",
		"sla.warn": "Warn the owner (min before)", "sla.reassign": "At a breach, give the conversation back to the team",
		"sla.calendar": "Calendar", "sla.always": "around the clock", "sla.any": "any", "sla.none": "No policies yet.",
		"cal.name": "Name", "cal.tz": "Time zone", "cal.state": "Public holidays of", "cal.closed": "Extra closed days (YYYY-MM-DD, comma-separated)",
		"cal.hours": "Hours, e.g. 09:00-17:00 (empty: closed)", "cal.nationwide": "nationwide only", "cal.none": "No calendars yet.",
		"day.0": "Sunday", "day.1": "Monday", "day.2": "Tuesday", "day.3": "Wednesday", "day.4": "Thursday", "day.5": "Friday", "day.6": "Saturday",
		"team.members": "Members", "team.languages": "Languages", "team.topics": "Topics",
		"team.roundrobin": "Assign new conversations in turn to available members", "team.new": "New team",
		"agents": "Agents", "agent.away": "away", "agent.available": "available", "agent.capacity": "Capacity (open conversations, 0 = no limit)",
		"agent.load": "open", "notifications": "Notifications", "notifications.none": "No notifications.",
		"action.route": "routing", "action.sla": "answer time",
	},
	"de": {
		"settings": "Einstellungen", "rules": "Verteilregeln", "sla": "Antwortzeiten", "teams": "Teams",
		"priority": "Priorität", "tags": "Schlagwörter", "urgency": "Dringlichkeitssignal", "delete": "Löschen",
		"priority.low": "niedrig", "priority.normal": "normal", "priority.high": "hoch", "priority.urgent": "dringend",
		"rules.intro": "Neue Gespräche werden nach diesen Regeln verteilt, von oben nach unten. Eine Regel greift, wenn alle ihre Bedingungen erfüllt sind; eine leere Bedingung schränkt nicht ein.",
		"rules.name":  "Name", "rules.when": "Wenn", "rules.then": "Dann", "rules.off": "aus", "rules.always": "jede Nachricht",
		"rules.continue":       "Auch die folgenden Regeln prüfen (sonst beendet die erste passende Regel die Verteilung)",
		"rules.continue.short": "dann weiter", "rules.stop.short": "erste passende gewinnt",
		"rules.up": "Nach oben", "rules.down": "Nach unten", "rules.none": "Noch keine Regeln: neue Gespräche bleiben in der gemeinsamen Warteschlange.",
		"rules.edit": "Regel bearbeiten", "rules.new": "Neue Regel", "rules.enabled": "Aktiv",
		"rules.vip": "VIP-Kunde", "rules.repeat": "Kunde hat schon geschrieben", "rules.keywords": "Stichwörter (eines davon, durch Komma getrennt)",
		"rules.owner.team": "reihum im Team", "rules.test": "Ausprobieren", "rules.sample": "Beispielnachricht",
		"rules.test.run": "Wohin ginge sie?", "rules.would": "Diese Nachricht ginge an:",
		"rules.because": "wegen Regel", "rules.nomatch": "Keine Regel passt.",
		"rules.sample.missing": "Geben Sie eine Beispielnachricht ein, um die Regeln auszuprobieren.",
		"goal.first_response":  "Erstantwort", "goal.next_response": "nächste Antwort", "goal.resolution": "Lösung",
		"sla.left": "fällig in %s", "sla.overdue": "überfällig seit %s", "sla.paused": "pausiert, solange der Kunde am Zug ist",
		"sla.sort": "Fällige zuerst", "sla.clock": "Antwortzeit", "route.why": "Verteilung",
		"sla.policies": "SLA-Richtlinien", "sla.calendars": "Geschäftszeiten",
		"sla.intro": "Ein Gespräch erhält die genaueste Richtlinie, die zu Team, Priorität und Kanal passt. Es zählt nur die Zeit in den Geschäftszeiten des Kalenders; die Uhr pausiert, solange das Gespräch auf den Kunden wartet.",
		"sla.name":  "Name", "sla.first": "Erstantwort (Min.)", "sla.next": "Nächste Antwort (Min.)", "sla.resolution": "Lösung (Min.)",
		"sla.warn": "Zuständige warnen (Min. vorher)", "sla.reassign": "Bei Überschreitung das Gespräch ans Team zurückgeben",
		"sla.calendar": "Kalender", "sla.always": "rund um die Uhr", "sla.any": "alle", "sla.none": "Noch keine Richtlinien.",
		"cal.name": "Name", "cal.tz": "Zeitzone", "cal.state": "Feiertage von", "cal.closed": "Weitere Schließtage (JJJJ-MM-TT, durch Komma getrennt)",
		"cal.hours": "Zeiten, z. B. 09:00-17:00 (leer: geschlossen)", "cal.nationwide": "nur bundesweite", "cal.none": "Noch keine Kalender.",
		"day.0": "Sonntag", "day.1": "Montag", "day.2": "Dienstag", "day.3": "Mittwoch", "day.4": "Donnerstag", "day.5": "Freitag", "day.6": "Samstag",
		"team.members": "Mitglieder", "team.languages": "Sprachen", "team.topics": "Themen",
		"team.roundrobin": "Neue Gespräche reihum an verfügbare Mitglieder verteilen", "team.new": "Neues Team",
		"agents": "Mitarbeitende", "agent.away": "abwesend", "agent.available": "verfügbar", "agent.capacity": "Kapazität (offene Gespräche, 0 = unbegrenzt)",
		"agent.load": "offen", "notifications": "Benachrichtigungen", "notifications.none": "Keine Benachrichtigungen.",
		"action.route": "Verteilung", "action.sla": "Antwortzeit",
	},
}

func init() {
	for lang, texts := range settingsTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
