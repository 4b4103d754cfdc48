package web

// channelTexts are the UI texts of channel accounts and reply delivery.
var channelTexts = map[string]map[string]string{
	"en": {
		"channels":       "Channels",
		"channels.intro": "The company's accounts on the platforms. resonanz fetches what customers write there and sends the replies through them. Tokens are stored encrypted and never shown again.",
		"channels.name":  "Name", "channels.kind": "Kind", "channels.health": "Health", "channels.backlog": "Waiting replies",
		"channels.none": "No accounts connected yet: messages come in only through the API, and replies wait.",
		"channels.demo": "demo", "channels.demo.hint": "Made for the demo: connects to nothing, sends nothing.",
		"channels.paused": "paused", "channels.failing": "failing (%d times in a row)", "channels.ok": "working",
		"channels.trouble": "had an error", "channels.unused": "not yet used",
		"channels.last.success": "Last success", "channels.last.error": "Last error", "channels.next.try": "Next try",
		"channels.test": "Test", "channels.pause": "Pause", "channels.resume": "Resume", "channels.remove": "Remove for good",
		"channels.remove.hint": "Its messages stay; replies still waiting fail with the reason.",
		"channels.tested":      "The connection of %s works.", "channels.connect": "Connect an account",
		"channels.connect.button": "Test and connect", "channels.secret": "stored encrypted, never shown again",
		"channels.callback":       "Callback address",
		"channels.failing.header": "A channel account is failing",
		"channel.field.server":    "Server address", "channel.field.token": "Access token",
		"channel.field.hashtags": "Hashtags to listen to (comma-separated)",
		"channel.field.page_id":  "Page id", "channel.field.graph_url": "Graph API address",
		"channel.field.verify_token": "Verify token", "channel.field.app_secret": "App secret", "channel.field.page_token": "Page access token",
		"channel.field.address": "Email address", "channel.field.from_name": "Sender name in replies",
		"channel.field.imap_server": "IMAP server (host:port; 993 is TLS)", "channel.field.smtp_server": "SMTP submission server (host:port; 465 is TLS, else STARTTLS)",
		"channel.field.username": "User name (if not the address)", "channel.field.password": "Password",
		"channel.field.mailboxes": "Mailboxes to read (comma-separated; default INBOX)", "channel.field.sent_folder": "Sent folder for copies of replies (optional)",
		"delivery.pending": "queued", "delivery.retrying": "failed, trying again", "delivery.sent": "sent",
		"delivery.failed": "not sent", "delivery.held": "not sent", "delivery.retry": "Try again", "delivery.view": "view",
		"delivery.next": "next try", "delivery.held.no_account": "no channel account connected for this conversation (it came in through the API or an import)",
		"delivery.held.demo": "demo account: sending is off",
		"unaddressed":        "not addressed to us",
		"unaddressed.hint":   "A public post that names the company without writing to it. Decide whether a public answer is welcome.",
		"n.channel.failing":  "Channel account failing",
		"reply.too.long":     "%d characters left",
	},
	"de": {
		"channels":       "Kanäle",
		"channels.intro": "Die Konten des Unternehmens auf den Plattformen. resonanz holt ab, was Kundinnen und Kunden dort schreiben, und sendet die Antworten darüber. Zugangsschlüssel werden verschlüsselt gespeichert und nie wieder angezeigt.",
		"channels.name":  "Name", "channels.kind": "Art", "channels.health": "Zustand", "channels.backlog": "Wartende Antworten",
		"channels.none": "Noch keine Konten verbunden: Nachrichten kommen nur über die API, Antworten warten.",
		"channels.demo": "Demo", "channels.demo.hint": "Für die Demo angelegt: verbindet sich mit nichts, sendet nichts.",
		"channels.paused": "pausiert", "channels.failing": "gestört (%d-mal in Folge)", "channels.ok": "in Ordnung",
		"channels.trouble": "hatte einen Fehler", "channels.unused": "noch nicht benutzt",
		"channels.last.success": "Zuletzt erfolgreich", "channels.last.error": "Letzter Fehler", "channels.next.try": "Nächster Versuch",
		"channels.test": "Testen", "channels.pause": "Pausieren", "channels.resume": "Fortsetzen", "channels.remove": "Endgültig entfernen",
		"channels.remove.hint": "Die Nachrichten bleiben; noch wartende Antworten schlagen mit Begründung fehl.",
		"channels.tested":      "Die Verbindung von %s funktioniert.", "channels.connect": "Konto verbinden",
		"channels.connect.button": "Testen und verbinden", "channels.secret": "verschlüsselt gespeichert, nie wieder angezeigt",
		"channels.callback":       "Rückrufadresse",
		"channels.failing.header": "Ein Kanal-Konto ist gestört",
		"channel.field.server":    "Server-Adresse", "channel.field.token": "Zugangstoken",
		"channel.field.hashtags": "Hashtags zum Mithören (durch Kommas getrennt)",
		"channel.field.page_id":  "Seiten-ID", "channel.field.graph_url": "Graph-API-Adresse",
		"channel.field.verify_token": "Verifizierungs-Token", "channel.field.app_secret": "App-Geheimnis", "channel.field.page_token": "Seiten-Zugangstoken",
		"channel.field.address": "E-Mail-Adresse", "channel.field.from_name": "Absendername in Antworten",
		"channel.field.imap_server": "IMAP-Server (Host:Port; 993 ist TLS)", "channel.field.smtp_server": "SMTP-Server für den Versand (Host:Port; 465 ist TLS, sonst STARTTLS)",
		"channel.field.username": "Benutzername (falls nicht die Adresse)", "channel.field.password": "Passwort",
		"channel.field.mailboxes": "Zu lesende Postfächer (durch Kommas getrennt; Standard INBOX)", "channel.field.sent_folder": "Ordner für Kopien der Antworten (optional)",
		"delivery.pending": "eingereiht", "delivery.retrying": "fehlgeschlagen, neuer Versuch folgt", "delivery.sent": "gesendet",
		"delivery.failed": "nicht gesendet", "delivery.held": "nicht gesendet", "delivery.retry": "Erneut versuchen", "delivery.view": "ansehen",
		"delivery.next": "nächster Versuch", "delivery.held.no_account": "kein Kanal-Konto für dieses Gespräch verbunden (es kam über die API oder einen Import)",
		"delivery.held.demo": "Demo-Konto: Versand ist aus",
		"unaddressed":        "nicht an uns gerichtet",
		"unaddressed.hint":   "Ein öffentlicher Beitrag, der das Unternehmen nennt, ohne es anzuschreiben. Entscheiden Sie, ob eine öffentliche Antwort willkommen ist.",
		"n.channel.failing":  "Kanal-Konto gestört",
		"reply.too.long":     "noch %d Zeichen",
	},
}

func init() {
	for lang, texts := range channelTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
