package web

import (
	"net/http"
	"strings"
)

// translations holds every UI text in German and English, by key.
var translations = map[string]map[string]string{
	"en": {
		"inbox": "Inbox", "search": "Search", "logout": "Log out", "login": "Log in", "password": "Password",
		"login.failed": "Wrong login or password.", "login.title": "Log in to resonanz",
		"status": "Status", "channel": "Channel", "team": "Team", "owner": "Owner", "customer": "Customer",
		"message": "Message", "last": "Last message", "all": "All", "mine": "Mine", "unassigned": "Unassigned",
		"filter": "Filter", "next": "Older conversations", "first": "Newest", "none": "—", "empty": "No conversations match.",
		"status.open": "Open", "status.waiting": "Waiting for customer", "status.solved": "Solved", "status.closed": "Closed",
		"public": "public", "private": "private", "timeline": "Timeline", "identities": "Known as",
		"other.conversation": "other conversation", "note": "Internal note", "add.note": "Add note",
		"reply": "Reply", "send": "Send reply", "reply.public": "Reply publicly", "reply.private": "Reply privately",
		"reply.goes.public":  "Your reply is published on %s, visible to everyone.",
		"reply.goes.private": "Your reply is sent privately on %s, only the customer sees it.",
		"assign.me":          "Assign to me", "save": "Save", "audit": "Audit trail", "no.audit": "No changes yet.",
		"search.placeholder": "Search all messages", "search.none": "No messages found.", "results": "results",
		"error": "Something went wrong", "back": "Back to the inbox", "outbox": "queued for sending",
		"agent": "Agent", "action.status": "status", "action.team": "team", "action.assign": "owner",
		"action.note": "note", "action.reply": "reply", "action.label": "label",
		"kind": "Kind", "sentiment": "Sentiment", "topic": "Topic", "language": "Language", "urgent": "Urgent",
		"topics": "Topics", "correct": "Correct",
		"sentiment.negative": "negative", "sentiment.neutral": "neutral", "sentiment.positive": "positive",
		"kind.complaint": "complaint", "kind.question": "question", "kind.praise": "praise",
		"kind.suggestion": "suggestion", "kind.other": "other",
		"language.de": "German", "language.en": "English", "language.other": "other language",
		"urgency.public": "goes public", "urgency.legal": "legal threat", "urgency.cancel": "cancellation",
		"urgency.safety": "safety", "urgency.repeat": "repeated contact",
		"topic.delivery": "delivery", "topic.billing": "billing & price", "topic.quality": "product quality",
		"topic.service": "staff & service", "topic.app": "website & app", "topic.contract": "contract & cancellation",
		"topic.all": "all topics",
		"alerts":    "Alerts", "alerts.none": "No storm alerts so far.", "severity": "Severity",
		"alert.summary": "%d negative messages in %s, %s× the usual, on %d channels, since %s",
		"alert.detail":  "%d customers, %d messages in this room, growing %s× against the window before.",
		"alert.terms":   "Top terms", "alert.burst": "Burst", "alert.first": "First seen", "alert.last": "Last seen",
		"alert.acknowledge": "Acknowledge", "alert.resolve": "Resolve", "alert.acknowledged": "acknowledged by",
		"alert.open": "open", "alert.resolved": "resolved",
		"crisis.room": "Crisis room", "crisis.customers": "Affected customers", "crisis.messages": "Messages",
		"promises": "Promises", "promises.open": "Open promises", "promises.mine": "Mine", "promises.team": "My teams'",
		"promises.all": "All", "promises.none": "No open promises.",
		"promises.still.open": "This case is solved or closed, but %d promise(s) are still open. They stay on the promises list until someone marks them kept or broken.",
		"promise.text":        "Promise", "promise.example": "Credit note by Friday", "promise.due": "Due", "promise.add": "Record promise",
		"promise.overdue": "overdue", "promise.open": "open", "promise.kept": "kept", "promise.broken": "broken",
		"promise.keep": "Kept", "promise.break": "Broken", "promise.reason": "Reason", "promise.handover": "Hand over",
		"promise.to": "New owner", "promise.note": "Note for the new owner", "action.promise": "promise", "action.goodwill": "goodwill",
		"goodwill": "Goodwill", "goodwill.none": "No goodwill so far.", "goodwill.kind": "Kind", "goodwill.amount": "Amount (€)",
		"goodwill.reason": "Reason", "goodwill.grant": "Grant", "goodwill.voucher": "Voucher", "goodwill.refund": "Refund",
		"goodwill.free_shipping": "Free shipping", "goodwill.replacement": "Replacement", "goodwill.granted": "granted",
		"goodwill.pending": "waiting for approval", "goodwill.rejected": "rejected", "goodwill.decided.by": "decided by",
		"goodwill.note": "Note (required to reject)", "goodwill.approve": "Approve", "goodwill.reject": "Reject",
		"goodwill.pending.title": "Waiting for approval", "goodwill.pending.none": "Nothing waits for approval.",
		"goodwill.by.month": "Granted in the last %d months", "goodwill.total": "total", "goodwill.month": "Month",
		"goodwill.count": "Count", "goodwill.by.reason": "By reason", "goodwill.policies": "Goodwill limits",
		"goodwill.policies.hint": "Agents and leads grant up to their limit at once; above it, or above what the customer may still get within the period, a lead or an admin whose limit covers the amount approves. Admins have no limit.",
		"goodwill.agent.limit":   "Agent limit", "goodwill.lead.limit": "Lead limit", "goodwill.customer.total": "Per customer (0: no cap)",
		"goodwill.period": "Period (days)",
		"consent":         "Contact wish", "consent.none": "None recorded: the customer may be contacted.",
		"consent.optout": "Does not want to be contacted", "consent.allowed": "Contact allowed again",
		"consent.all": "all channels", "consent.by": "recorded by %s, %s", "consent.reason": "Reason or source",
		"consent.channels": "Only on these channels (none checked: all)", "consent.mark": "Customer does not want to be contacted",
		"consent.allow": "Allow contact again", "action.consent": "contact wish", "action.bulk_reply": "bulk reply",
		"reply.blocked": "%s does not want to be contacted on %s. Replies here are not sent.",
		"statement":     "Public statement", "statement.none": "No public statement yet.", "statement.changed": "last changed by %s, %s",
		"statement.link": "Help-center article", "statement.url": "Link to a help-center article (optional)",
		"statement.edit": "Edit statement", "statement.save": "Save statement",
		"bulk": "Reply to all affected customers", "bulk.preview": "Preview", "bulk.send": "Send to %d customers",
		"bulk.hint":  "Placeholders: {name} the customer's name, {quote} the start of their latest message, {statement} the statement with its link. Each customer gets the reply in their own conversation and channel, publicly where they wrote publicly.",
		"bulk.count": "Goes to %d customers (%d publicly, %d privately).", "bulk.skipped": "Skipped for contact wishes: %d",
		"bulk.example": "Example for %s (%s, %s)", "bulk.result": "sent to %d, skipped %d", "bulk.done": "Bulk reply queued:",
		"bulk.sent": "Bulk replies", "bulk.recipients": "Recipients",
		"bulk.default": "Hello {name}, thank you for your message (“{quote}”). {statement}",
	},
	"de": {
		"inbox": "Posteingang", "search": "Suche", "logout": "Abmelden", "login": "Anmelden", "password": "Passwort",
		"login.failed": "Login oder Passwort falsch.", "login.title": "Bei resonanz anmelden",
		"status": "Status", "channel": "Kanal", "team": "Team", "owner": "Zuständig", "customer": "Kunde",
		"message": "Nachricht", "last": "Letzte Nachricht", "all": "Alle", "mine": "Meine", "unassigned": "Nicht zugewiesen",
		"filter": "Filtern", "next": "Ältere Gespräche", "first": "Neueste", "none": "—", "empty": "Keine passenden Gespräche.",
		"status.open": "Offen", "status.waiting": "Wartet auf Kunde", "status.solved": "Gelöst", "status.closed": "Geschlossen",
		"public": "öffentlich", "private": "privat", "timeline": "Verlauf", "identities": "Bekannt als",
		"other.conversation": "anderes Gespräch", "note": "Interne Notiz", "add.note": "Notiz hinzufügen",
		"reply": "Antwort", "send": "Antwort senden", "reply.public": "Öffentlich antworten", "reply.private": "Privat antworten",
		"reply.goes.public":  "Ihre Antwort wird auf %s öffentlich veröffentlicht, für alle sichtbar.",
		"reply.goes.private": "Ihre Antwort geht privat über %s, nur der Kunde sieht sie.",
		"assign.me":          "Mir zuweisen", "save": "Speichern", "audit": "Änderungsprotokoll", "no.audit": "Noch keine Änderungen.",
		"search.placeholder": "Alle Nachrichten durchsuchen", "search.none": "Keine Nachrichten gefunden.", "results": "Treffer",
		"error": "Etwas ist schiefgegangen", "back": "Zurück zum Posteingang", "outbox": "zum Versand eingereiht",
		"agent": "Mitarbeiter", "action.status": "Status", "action.team": "Team", "action.assign": "Zuständig",
		"action.note": "Notiz", "action.reply": "Antwort", "action.label": "Einordnung",
		"kind": "Art", "sentiment": "Stimmung", "topic": "Thema", "language": "Sprache", "urgent": "Dringend",
		"topics": "Themen", "correct": "Korrigieren",
		"sentiment.negative": "negativ", "sentiment.neutral": "neutral", "sentiment.positive": "positiv",
		"kind.complaint": "Beschwerde", "kind.question": "Frage", "kind.praise": "Lob",
		"kind.suggestion": "Vorschlag", "kind.other": "Sonstiges",
		"language.de": "Deutsch", "language.en": "Englisch", "language.other": "andere Sprache",
		"urgency.public": "droht mit Öffentlichkeit", "urgency.legal": "rechtliche Drohung", "urgency.cancel": "Kündigung",
		"urgency.safety": "Sicherheit", "urgency.repeat": "wiederholter Kontakt",
		"topic.delivery": "Lieferung", "topic.billing": "Rechnung & Preis", "topic.quality": "Produktqualität",
		"topic.service": "Personal & Service", "topic.app": "Website & App", "topic.contract": "Vertrag & Kündigung",
		"topic.all": "alle Themen",
		"alerts":    "Warnungen", "alerts.none": "Bisher keine Sturmwarnungen.", "severity": "Stufe",
		"alert.summary": "%d negative Nachrichten in %s, %s× so viele wie üblich, auf %d Kanälen, seit %s",
		"alert.detail":  "%d Kunden, %d Nachrichten in diesem Raum, %s× so viele wie im Fenster davor.",
		"alert.terms":   "Häufigste Begriffe", "alert.burst": "Ausschlag", "alert.first": "Zuerst gesehen", "alert.last": "Zuletzt gesehen",
		"alert.acknowledge": "Übernehmen", "alert.resolve": "Abschließen", "alert.acknowledged": "übernommen von",
		"alert.open": "offen", "alert.resolved": "abgeschlossen",
		"crisis.room": "Krisenraum", "crisis.customers": "Betroffene Kunden", "crisis.messages": "Nachrichten",
		"promises": "Zusagen", "promises.open": "Offene Zusagen", "promises.mine": "Meine", "promises.team": "Meiner Teams",
		"promises.all": "Alle", "promises.none": "Keine offenen Zusagen.",
		"promises.still.open": "Dieser Fall ist gelöst oder geschlossen, aber %d Zusage(n) sind noch offen. Sie bleiben in der Zusagenliste, bis jemand sie als eingehalten oder gebrochen markiert.",
		"promise.text":        "Zusage", "promise.example": "Gutschrift bis Freitag", "promise.due": "Fällig", "promise.add": "Zusage festhalten",
		"promise.overdue": "überfällig", "promise.open": "offen", "promise.kept": "eingehalten", "promise.broken": "gebrochen",
		"promise.keep": "Eingehalten", "promise.break": "Gebrochen", "promise.reason": "Grund", "promise.handover": "Übergeben",
		"promise.to": "Neue Zuständige", "promise.note": "Notiz für die neue Zuständige", "action.promise": "Zusage", "action.goodwill": "Kulanz",
		"goodwill": "Kulanz", "goodwill.none": "Bisher keine Kulanz.", "goodwill.kind": "Art", "goodwill.amount": "Betrag (€)",
		"goodwill.reason": "Grund", "goodwill.grant": "Gewähren", "goodwill.voucher": "Gutschein", "goodwill.refund": "Erstattung",
		"goodwill.free_shipping": "Versandkostenfrei", "goodwill.replacement": "Ersatzlieferung", "goodwill.granted": "gewährt",
		"goodwill.pending": "wartet auf Freigabe", "goodwill.rejected": "abgelehnt", "goodwill.decided.by": "entschieden von",
		"goodwill.note": "Notiz (Pflicht beim Ablehnen)", "goodwill.approve": "Freigeben", "goodwill.reject": "Ablehnen",
		"goodwill.pending.title": "Wartet auf Freigabe", "goodwill.pending.none": "Nichts wartet auf Freigabe.",
		"goodwill.by.month": "Gewährt in den letzten %d Monaten", "goodwill.total": "gesamt", "goodwill.month": "Monat",
		"goodwill.count": "Anzahl", "goodwill.by.reason": "Nach Grund", "goodwill.policies": "Kulanzgrenzen",
		"goodwill.policies.hint": "Mitarbeiter und Leads gewähren bis zu ihrer Grenze sofort; darüber, oder über dem, was der Kunde im Zeitraum noch bekommen darf, gibt ein Lead oder Admin frei, dessen Grenze den Betrag deckt. Admins haben keine Grenze.",
		"goodwill.agent.limit":   "Grenze Mitarbeiter", "goodwill.lead.limit": "Grenze Lead", "goodwill.customer.total": "Je Kunde (0: keine Obergrenze)",
		"goodwill.period": "Zeitraum (Tage)",
		"consent":         "Kontaktwunsch", "consent.none": "Keiner erfasst: Kontakt ist erlaubt.",
		"consent.optout": "Möchte nicht kontaktiert werden", "consent.allowed": "Kontakt wieder erlaubt",
		"consent.all": "alle Kanäle", "consent.by": "erfasst von %s, %s", "consent.reason": "Grund oder Quelle",
		"consent.channels": "Nur auf diesen Kanälen (keiner angekreuzt: alle)", "consent.mark": "Kunde möchte nicht kontaktiert werden",
		"consent.allow": "Kontakt wieder erlauben", "action.consent": "Kontaktwunsch", "action.bulk_reply": "Sammelantwort",
		"reply.blocked": "%s möchte nicht über %s kontaktiert werden. Antworten hier werden nicht gesendet.",
		"statement":     "Öffentliche Stellungnahme", "statement.none": "Noch keine öffentliche Stellungnahme.",
		"statement.changed": "zuletzt geändert von %s, %s", "statement.link": "Hilfe-Artikel",
		"statement.url": "Link zu einem Hilfe-Artikel (optional)", "statement.edit": "Stellungnahme bearbeiten",
		"statement.save": "Stellungnahme speichern",
		"bulk":           "Allen betroffenen Kunden antworten", "bulk.preview": "Vorschau", "bulk.send": "An %d Kunden senden",
		"bulk.hint":  "Platzhalter: {name} der Name des Kunden, {quote} der Anfang seiner letzten Nachricht, {statement} die Stellungnahme mit Link. Jeder Kunde bekommt die Antwort in seinem eigenen Gespräch und Kanal, öffentlich, wo er öffentlich schrieb.",
		"bulk.count": "Geht an %d Kunden (%d öffentlich, %d privat).", "bulk.skipped": "Wegen Kontaktwunsch ausgelassen: %d",
		"bulk.example": "Beispiel für %s (%s, %s)", "bulk.result": "an %d gesendet, %d ausgelassen", "bulk.done": "Sammelantwort eingereiht:",
		"bulk.sent": "Sammelantworten", "bulk.recipients": "Empfänger",
		"bulk.default": "Hallo {name}, danke für Ihre Nachricht („{quote}“). {statement}",
	},
}

func translate(lang, key string) string {
	if s, ok := translations[lang][key]; ok {
		return s
	}
	return key
}

// language picks the UI language: the user's choice (cookie), else the
// browser's preference, else English.
func language(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil {
		if _, ok := translations[c.Value]; ok {
			return c.Value
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		base := strings.SplitN(tag, "-", 2)[0]
		if _, ok := translations[base]; ok {
			return base
		}
	}
	return "en"
}
