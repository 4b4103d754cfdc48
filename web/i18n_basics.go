package web

// basicsTexts are the UI texts of the helpdesk basics: canned replies,
// signatures, the collision warning, bulk actions, user management,
// keyboard shortcuts, the inbox views and the reply box's counter.
var basicsTexts = map[string]map[string]string{
	"en": {
		"canned": "Canned replies", "canned.intro": "Prepared answers agents insert in the reply box by typing / and a word of the title. Placeholders: {name} the customer's name, {agent} the agent's name, {help} the help-center link below (empty while none is set).",
		"canned.title": "Title", "canned.text": "Text", "canned.team": "Team", "canned.team.all": "every team",
		"canned.language": "Language", "canned.none": "No canned replies yet.", "canned.new": "New canned reply",
		"canned.edit": "Edit canned reply", "canned.help": "Help-center link", "canned.help.hint": "What {help} stands for, e.g. https://help.example.org",
		"canned.choose": "Canned reply", "canned.insert": "Insert", "canned.search": "Type to search canned replies",
		"canned.nomatch": "No canned reply matches.", "canned.changed": "changed by %s, %s",
		"signatures": "Signatures", "signatures.intro": "A reply ends with your signature and then your team's, in the customer's language (yours where it is not known). The placeholders of canned replies work here too.",
		"signatures.mine": "My signature", "signatures.team": "Signature of the team %s",
		"signature.add": "Add signature", "signature.edit": "edit",
		"presence.viewing": "%s is viewing this conversation", "presence.writing": "%s is writing a reply…",
		"reply.conflict": "Not sent: while you were writing, a new message arrived in this conversation (marked below). Read it first; your text is kept. Send it as it is, or change it.",
		"reply.anyway":   "Send anyway",
		"inbox.bulk":     "With the chosen conversations:", "inbox.bulk.keep": "keep", "inbox.bulk.topic": "Add topic",
		"inbox.bulk.apply": "Apply", "inbox.bulk.pick": "Choose", "inbox.bulk.all": "Choose all on this page",
		"inbox.bulk.changed": "Changed %d conversations.",
		"users":              "Users", "users.name": "Name", "users.login": "Login (email)", "users.role": "Role",
		"role.agent": "Agent", "role.lead": "Lead", "role.admin": "Admin",
		"users.active": "active", "users.disabled": "disabled", "users.onetime": "has not chosen a password yet",
		"users.edit": "Edit", "users.edit.title": "Change %s", "users.disable": "Disabled: cannot log in, sessions end",
		"users.reset": "Reset password", "users.reset.hint": "Gives a new one-time password and ends the user's sessions.",
		"users.invite": "Add a user", "users.invite.button": "Add with a one-time password",
		"users.handed":      "One-time password for %s (%s):",
		"users.handed.hint": "Shown only now, never again: hand it over in person or by phone. It works for one login; then the user chooses their own password.",
		"password.change":   "Change password", "password.current": "Current password (or the one-time password)",
		"password.new": "New password (10–72 characters)", "password.repeat": "New password again",
		"password.first": "You logged in with a one-time password. Choose your own password to go on.",
	},
	"de": {
		"canned": "Textbausteine", "canned.intro": "Vorbereitete Antworten, die Mitarbeitende im Antwortfeld mit / und einem Wort des Titels einfügen. Platzhalter: {name} der Name des Kunden, {agent} der eigene Name, {help} der Hilfe-Link unten (leer, solange keiner gesetzt ist).",
		"canned.title": "Titel", "canned.text": "Text", "canned.team": "Team", "canned.team.all": "alle Teams",
		"canned.language": "Sprache", "canned.none": "Noch keine Textbausteine.", "canned.new": "Neuer Textbaustein",
		"canned.edit": "Textbaustein bearbeiten", "canned.help": "Link zum Hilfe-Center", "canned.help.hint": "Wofür {help} steht, z. B. https://hilfe.example.org",
		"canned.choose": "Textbaustein", "canned.insert": "Einfügen", "canned.search": "Tippen, um Textbausteine zu suchen",
		"canned.nomatch": "Kein Textbaustein passt.", "canned.changed": "geändert von %s, %s",
		"signatures": "Signaturen", "signatures.intro": "Eine Antwort endet mit Ihrer Signatur und danach der Ihres Teams, in der Sprache des Kunden (Ihrer, wenn sie nicht bekannt ist). Die Platzhalter der Textbausteine gelten auch hier.",
		"signatures.mine": "Meine Signatur", "signatures.team": "Signatur des Teams %s",
		"signature.add": "Signatur anhängen", "signature.edit": "bearbeiten",
		"presence.viewing": "%s sieht sich dieses Gespräch an", "presence.writing": "%s schreibt eine Antwort …",
		"reply.conflict": "Nicht gesendet: Während Sie schrieben, kam eine neue Nachricht in diesem Gespräch an (unten markiert). Lesen Sie sie zuerst; Ihr Text bleibt erhalten. Senden Sie ihn so oder ändern Sie ihn.",
		"reply.anyway":   "Trotzdem senden",
		"inbox.bulk":     "Mit den gewählten Gesprächen:", "inbox.bulk.keep": "beibehalten", "inbox.bulk.topic": "Thema hinzufügen",
		"inbox.bulk.apply": "Anwenden", "inbox.bulk.pick": "Auswählen", "inbox.bulk.all": "Alle auf dieser Seite auswählen",
		"inbox.bulk.changed": "%d Gespräche geändert.",
		"users":              "Benutzer", "users.name": "Name", "users.login": "Login (E-Mail)", "users.role": "Rolle",
		"role.agent": "Mitarbeiter", "role.lead": "Lead", "role.admin": "Admin",
		"users.active": "aktiv", "users.disabled": "gesperrt", "users.onetime": "hat noch kein eigenes Passwort",
		"users.edit": "Bearbeiten", "users.edit.title": "%s ändern", "users.disable": "Gesperrt: kann sich nicht anmelden, Sitzungen enden",
		"users.reset": "Passwort zurücksetzen", "users.reset.hint": "Vergibt ein neues Einmal-Passwort und beendet die Sitzungen des Benutzers.",
		"users.invite": "Benutzer hinzufügen", "users.invite.button": "Mit Einmal-Passwort hinzufügen",
		"users.handed":      "Einmal-Passwort für %s (%s):",
		"users.handed.hint": "Nur jetzt sichtbar, nie wieder: persönlich oder am Telefon weitergeben. Es gilt für eine Anmeldung; danach wählt der Benutzer sein eigenes Passwort.",
		"password.change":   "Passwort ändern", "password.current": "Aktuelles Passwort (oder das Einmal-Passwort)",
		"password.new": "Neues Passwort (10–72 Zeichen)", "password.repeat": "Neues Passwort wiederholen",
		"password.first": "Sie haben sich mit einem Einmal-Passwort angemeldet. Wählen Sie Ihr eigenes Passwort, um weiterzumachen.",
	},
}

func init() {
	for lang, texts := range basicsTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
