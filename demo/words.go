package demo

type lang uint8

const (
	de lang = iota
	en
)

// voice holds what people of one language write around the topic itself.
type voice struct {
	greet, closing, sentFrom      []tmpl
	forumHello, forumAsk, forumBy []tmpl
	pending, addendum             []tmpl
	noteEnd                       []tmpl
	title, verdict                [4][]tmpl // by kind
	outOfFive                     string
}

var voices = [2]voice{
	de: {
		greet:      lines("Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Liebes {company}-Team,", "Moin,"),
		closing:    lines("Viele Grüße", "Mit freundlichen Grüßen", "Beste Grüße", "Danke & Gruß", "LG"),
		sentFrom:   lines("Von meinem Smartphone gesendet", "Gesendet von unterwegs"),
		forumHello: lines("Hallo zusammen,", "Moin in die Runde,", "Hi Leute,", "Servus,"),
		forumAsk: lines(
			"Hat jemand von euch das auch schon erlebt?", "Kennt jemand eine Lösung?",
			"Geht das nur mir so?", "Hat jemand Erfahrungen damit?",
		),
		forumBy: lines("Gruß {first}", "– {first}", "Danke euch, {first}"),
		pending: lines(
			"Ich warte immer noch auf eine Antwort.", "Nachtrag: Es hat sich leider nichts getan.",
			"Zweiter Versuch, da bisher keine Reaktion kam.", "Gibt es hierzu schon Neuigkeiten?",
		),
		addendum: lines("Nachtrag:", "Noch eine Ergänzung:", "Kleiner Nachtrag:"),
		noteEnd:  lines("Rückruf erbeten.", "Kontaktdaten im Kundenkonto.", "Bitte bis Freitag klären.", "Hat sich am Ende beruhigt."),
		title: [4][]tmpl{
			complaint:  lines("Ärger mit {company}", "Schlechte Erfahrung", "Vorsicht!"),
			question:   lines("Frage zu {company}", "Kurze Frage", "Weiß jemand Bescheid?"),
			praise:     lines("Positives Erlebnis", "Auch mal ein Lob"),
			suggestion: lines("Verbesserungsvorschlag", "Idee für {company}"),
		},
		verdict: [4][]tmpl{
			complaint:  lines("Nicht empfehlenswert.", "Leider enttäuschend.", "Nie wieder."),
			question:   lines("Ansonsten ok.", "Mal sehen, wie es weitergeht."),
			praise:     lines("Klare Empfehlung!", "Gern wieder.", "Top!"),
			suggestion: lines("Sonst top.", "Insgesamt zufrieden."),
		},
		outOfFive: "von 5 Sternen",
	},
	en: {
		greet:      lines("Hello,", "Hi,", "Dear {company} team,", "Dear Sir or Madam,", "Good afternoon,"),
		closing:    lines("Best regards", "Kind regards", "Thanks", "Cheers", "Many thanks"),
		sentFrom:   lines("Sent from my phone", "Sent on the go"),
		forumHello: lines("Hi all,", "Hello everyone,", "Hey folks,"),
		forumAsk: lines(
			"Has anyone else run into this?", "Does anyone know a fix?",
			"Is it just me?", "Any experiences with this?",
		),
		forumBy: lines("Thanks, {first}", "– {first}", "Cheers, {first}"),
		pending: lines(
			"Still waiting for a reply.", "Update: nothing has happened.",
			"Second attempt, since I haven't heard back.", "Any news on this?",
		),
		addendum: lines("Update:", "One more thing:", "Small addition:"),
		noteEnd:  lines("Wants a call back.", "Contact details in the account.", "Please resolve by Friday.", "Calmed down in the end."),
		title: [4][]tmpl{
			complaint:  lines("Trouble with {company}", "Bad experience", "Beware!"),
			question:   lines("Question about {company}", "Quick question", "Does anyone know?"),
			praise:     lines("A positive experience", "Credit where it's due"),
			suggestion: lines("Suggestion", "An idea for {company}"),
		},
		verdict: [4][]tmpl{
			complaint:  lines("Not recommended.", "Disappointing.", "Never again."),
			question:   lines("Otherwise OK.", "We'll see how it goes."),
			praise:     lines("Highly recommended!", "Would buy again.", "Top!"),
			suggestion: lines("Otherwise great.", "Happy overall."),
		},
		outOfFive: "out of 5 stars",
	},
}

// Emoji are shared by both languages; "<3" is there because people type it
// and it must survive HTML escaping.
var emoji = [4][]tmpl{
	complaint:  lines("😡", "🙄", "😤", "👎", "🤬", "😩"),
	question:   lines("🤔", "🙏", "❓"),
	praise:     lines("👍", "😊", "🎉", "❤️", "🙌", "<3"),
	suggestion: lines("💡", "🙂", "✨"),
}

// A review's stars follow its mood: complaints get one or two, praise four or five.
var (
	lowestStars = [4]int{complaint: 1, question: 3, praise: 4, suggestion: 3}
	starSpread  = [4]int{complaint: 2, question: 1, praise: 2, suggestion: 2}
)

// product gives German grammar what it needs: a nominative and an
// accusative with article, and the bare noun.
type product struct {
	deNom, deAcc, deName string
	enArt, enName        string
}

var products = []product{
	{"ein Wasserkocher", "einen Wasserkocher", "Wasserkocher", "a kettle", "kettle"},
	{"eine Stehlampe", "eine Stehlampe", "Stehlampe", "a floor lamp", "floor lamp"},
	{"ein Bücherregal", "ein Bücherregal", "Bücherregal", "a bookshelf", "bookshelf"},
	{"eine Kaffeemaschine", "eine Kaffeemaschine", "Kaffeemaschine", "a coffee machine", "coffee machine"},
	{"ein Staubsauger", "einen Staubsauger", "Staubsauger", "a vacuum cleaner", "vacuum cleaner"},
	{"eine Winterjacke", "eine Winterjacke", "Winterjacke", "a winter jacket", "winter jacket"},
	{"eine Sporttasche", "eine Sporttasche", "Sporttasche", "a sports bag", "sports bag"},
	{"ein Bluetooth-Lautsprecher", "einen Bluetooth-Lautsprecher", "Bluetooth-Lautsprecher", "a Bluetooth speaker", "Bluetooth speaker"},
	{"ein Topfset", "ein Topfset", "Topfset", "a set of pans", "set of pans"},
	{"eine Bettdecke", "eine Bettdecke", "Bettdecke", "a duvet", "duvet"},
	{"ein Schreibtischstuhl", "einen Schreibtischstuhl", "Schreibtischstuhl", "an office chair", "office chair"},
	{"ein Toaster", "einen Toaster", "Toaster", "a toaster", "toaster"},
	{"eine Gießkanne", "eine Gießkanne", "Gießkanne", "a watering can", "watering can"},
	{"ein Kinderfahrrad", "ein Kinderfahrrad", "Kinderfahrrad", "a kids' bike", "kids' bike"},
	{"ein Mixer", "einen Mixer", "Mixer", "a blender", "blender"},
	{"eine Handyhülle", "eine Handyhülle", "Handyhülle", "a phone case", "phone case"},
}

var (
	stores = []string{
		"Leipzig-Mitte", "Hamburg-Altona", "Köln-Ehrenfeld", "München-Pasing", "Dresden-Neustadt",
		"Berlin-Friedrichshain", "Nürnberg-Südstadt", "Düsseldorf-Bilk", "Frankfurt-Bornheim", "Münster",
	}
	staff  = []string{"Jana", "Tobias", "Mehmet", "Sandra", "Jens", "Aylin", "Kerstin", "Marco", "Dana", "Paulina", "Björn", "Heike"}
	months = [2][]string{
		de: {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		en: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	}
	// Sunday is missing because stores are closed then.
	weekdays = [2][]string{
		de: {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		en: {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	}
	priceCents = []int{99, 95, 49, 0}
)
