package demo

// StormHashtag marks every message of the complaint storm that Generate puts
// five days before the end: an app update that empties the shopping cart.
const StormHashtag = "#AppDesaster"

// company is the made-up retailer the customers write to.
const company = "Nordstern"

type kind uint8

const (
	complaint kind = iota
	question
	praise
	suggestion
)

// phrases holds one topic in one language. A message is assembled from an
// opening statement, some detail, and what the customer wants; staff in a
// store write a note instead.
type phrases struct {
	open []tmpl
	more []tmpl
	ask  []tmpl
	note []tmpl
	tags []tmpl
}

type topic struct {
	kind   kind
	weight int // share of ordinary traffic; zero keeps a topic to its episode
	text   [2]phrases
}

// Placeholders in braces are filled per message; see slots.write.
var topics = []*topic{
	{kind: complaint, weight: 10, text: [2]phrases{
		de: {
			open: lines(
				"Meine Bestellung {order} ist seit {n} Tagen unterwegs und immer noch nicht angekommen.",
				"Ich warte jetzt schon {n} Tage auf {ware}, Bestellnummer {order}.",
				"Laut Sendungsverfolgung liegt mein Paket seit Tagen im Verteilzentrum – Bestellung {order}.",
				"Auf der Website stand „Lieferung in 1–2 Tagen“, bei mir sind es inzwischen > {n} Tage.",
				"Schon wieder eine verspätete Lieferung: Bestellung {order} sollte am {weekday} kommen, passiert ist nichts.",
			),
			more: lines(
				"Der Kundenservice am Telefon konnte mir auch nicht sagen, wo das Paket steckt.",
				"Ich habe extra einen Tag Urlaub genommen, um zu Hause zu sein.",
				"Das Geschenk war für einen Geburtstag gedacht, der jetzt vorbei ist.",
				"In der Sendungsverfolgung steht seit {n} Tagen derselbe Status.",
				"Bezahlt habe ich sofort, die {price} sind längst abgebucht.",
				"Der Zusteller hat angeblich niemanden angetroffen, dabei war ich den ganzen Tag zu Hause.",
			),
			ask: lines(
				"Bitte sagen Sie mir, wann ich mit der Lieferung rechnen kann.",
				"Ich erwarte eine verbindliche Auskunft oder mein Geld zurück.",
				"Können Sie bitte beim Versanddienstleister nachhaken?",
				"Falls das Paket verloren ist, schicken Sie bitte Ersatz.",
			),
			note: lines(
				"{kunde} beschwert sich an der Kasse über eine seit {n} Tagen überfällige Lieferung (Bestellung {order}).",
				"{kunde} fragt nach Paket {order}, laut Tracking seit Tagen keine Bewegung. Sehr verärgert.",
				"{kunde} wartet seit {n} Tagen auf {ware} aus dem Onlineshop, möchte stattdessen in der Filiale abholen.",
			),
			tags: lines("#Lieferung", "#wartenwartenwarten", "#Paket", "#Kundenservice"),
		},
		en: {
			open: lines(
				"My order {order} has been in transit for {n} days and still hasn't arrived.",
				"I've been waiting {n} days for {ware}, order number {order}.",
				"Tracking says my parcel has been sitting in the depot for days – order {order}.",
				"Your site promised delivery in 1–2 days; it's now been > {n} days.",
				"Another late delivery: {ware} was due on {weekday} and nothing happened.",
			),
			more: lines(
				"The phone hotline couldn't tell me where the parcel is either.",
				"I took a day off work to be home for it.",
				"It was meant as a birthday present and the birthday has now passed.",
				"The tracking status hasn't changed in {n} days.",
				"I paid straight away, the {price} left my account long ago.",
				"The courier claims nobody was home, but I was in all day.",
			),
			ask: lines(
				"Please tell me when I can expect the delivery.",
				"I'd like a firm answer or a refund.",
				"Could you chase the courier, please?",
				"If the parcel is lost, please send a replacement.",
			),
			note: lines(
				"{kunde} complained at the till about a delivery {n} days overdue (order {order}).",
				"{kunde} asked about parcel {order}, no tracking update for days. Very annoyed.",
				"{kunde} has been waiting {n} days for {ware} from the web shop, wants to collect in store instead.",
			),
			tags: lines("#delivery", "#stillwaiting", "#customerservice"),
		},
	}},
	{kind: complaint, weight: 6, text: [2]phrases{
		de: {
			open: lines(
				"Ich habe {ware} bestellt, im Paket lag aber {wrong}.",
				"Falscher Artikel geliefert! Bestellung {order}: statt {ware} habe ich {wrongacc} bekommen.",
				"In meiner Lieferung {order} war ein ganz anderer Artikel als bestellt.",
				"Zum zweiten Mal kommt bei mir nicht das an, was ich bestellt habe.",
			),
			more: lines(
				"Auf dem Lieferschein steht der richtige Artikel, im Karton aber nicht.",
				"Die Farbe stimmt auch nicht: bestellt war Schwarz, gekommen ist Pink.",
				"Ich brauche das dringend und habe keine Lust, jetzt alles zurückzuschicken.",
				"Ein Retourenetikett lag nicht bei – soll ich die Rücksendung etwa selbst zahlen?",
				"Der Karton sah aus, als wäre er schon einmal geöffnet worden.",
			),
			ask: lines(
				"Bitte schicken Sie mir den richtigen Artikel und ein kostenloses Rücksendeetikett.",
				"Wie soll ich jetzt vorgehen?",
				"Ich möchte den richtigen Artikel, und zwar schnell.",
			),
			note: lines(
				"{kunde} bringt falsch gelieferten Artikel zurück (Bestellung {order}), wollte {ware}. Umtausch angeboten.",
				"{kunde} beschwert sich an der Kasse: statt {ware} wurde {wrong} geliefert.",
				"Falschlieferung: {kunde} hat {wrongacc} statt {ware} erhalten, will das Geld zurück.",
			),
			tags: lines("#Falschlieferung", "#Kundenservice", "#Onlineshop"),
		},
		en: {
			open: lines(
				"I ordered {ware} but the box contained {wrong}.",
				"Wrong item delivered! Order {order}: instead of {ware} I got {wrong}.",
				"My delivery {order} had a completely different item in it.",
				"For the second time I've received something I didn't order.",
			),
			more: lines(
				"The packing slip lists the right item, the box doesn't.",
				"The colour is wrong too – I ordered black and got pink.",
				"I need it urgently and don't fancy sending everything back.",
				"There was no return label, so am I supposed to pay for the return myself?",
				"The box looked like it had been opened before.",
			),
			ask: lines(
				"Please send the right item and a free return label.",
				"What am I supposed to do now?",
				"I'd like the correct item, and quickly.",
			),
			note: lines(
				"{kunde} returned a wrongly delivered item (order {order}), wanted {ware}. Offered an exchange.",
				"{kunde} complained at the till: got {wrong} instead of {ware}.",
				"Wrong delivery: {kunde} received {wrong} instead of {ware}, wants a refund.",
			),
			tags: lines("#wrongitem", "#customerservice"),
		},
	}},
	{kind: complaint, weight: 9, text: [2]phrases{
		de: {
			open: lines(
				"Auf meiner Rechnung zur Bestellung {order} stehen {price2}, im Shop waren es {price}.",
				"Meine letzten beiden Rechnungen wurden doppelt abgebucht!",
				"Am Regal stand Preis < {price}, an der Kasse wurden mir {price2} berechnet.",
				"Die Rechnung ist falsch: Versand & Verpackung wurden zweimal berechnet.",
				"Warum enthalten meine Rechnungen plötzlich eine „Servicepauschale“, von der nie die Rede war?",
				"Der Rabattcode wurde im Warenkorb angezeigt, auf der Rechnung fehlt er aber.",
			),
			more: lines(
				"Ich habe die Rechnungen der letzten drei Monate verglichen, der Fehler taucht jedes Mal auf.",
				"Auf dem Kontoauszug sehe ich den Betrag von {price2} gleich zweimal.",
				"Im Prospekt war der Artikel mit {price} beworben.",
				"Auf der Rechnung fehlt sogar die Rechnungsnummer.",
				"So etwas ist mir bei {company} noch nie passiert.",
				"Ich habe keine Lust, jedem Cent hinterherzulaufen.",
			),
			ask: lines(
				"Bitte korrigieren Sie die Rechnung und erstatten Sie mir die Differenz.",
				"Ich bitte um eine korrigierte Rechnung und eine Gutschrift.",
				"Bitte buchen Sie den doppelt eingezogenen Betrag zurück.",
			),
			note: lines(
				"{kunde} beschwert sich an der Kasse über falschen Preis: Regal {price}, Kasse {price2}. Differenz erstattet.",
				"{kunde} legt zwei Rechnungen vor, beide doppelt abgebucht. Bitte Buchhaltung prüfen.",
				"{kunde} reklamiert die Rechnung zu {order}: Rabatt nicht abgezogen. {pron} erwartet einen Rückruf.",
			),
			tags: lines("#Rechnung", "#Abzocke", "#Preisfehler"),
		},
		en: {
			open: lines(
				"My invoice for order {order} says {price2}, the shop showed {price}.",
				"My last two invoices were charged twice!",
				"The shelf label said price < {price}, the till charged me {price2}.",
				"The invoice is wrong: shipping & handling were charged twice.",
				"Why do my invoices suddenly include a \"service fee\" nobody ever mentioned?",
				"The discount code showed in the basket but it's missing from the invoice.",
			),
			more: lines(
				"I compared the invoices from the last three months and the error is in every one.",
				"My bank statement shows {price2} taken twice.",
				"The leaflet advertised it at {price}.",
				"The invoice doesn't even have an invoice number.",
				"This has never happened to me with {company} before.",
				"I shouldn't have to chase every penny.",
			),
			ask: lines(
				"Please correct the invoice and refund the difference.",
				"I'd like a corrected invoice and a credit note.",
				"Please refund the amount that was taken twice.",
			),
			note: lines(
				"{kunde} complained at the till about a wrong price: shelf {price}, till {price2}. Refunded the difference.",
				"{kunde} showed two invoices, both charged twice. Accounts please check.",
				"{kunde} disputes the invoice for {order}: discount missing. {pron} expects a call back.",
			),
			tags: lines("#billing", "#overcharged"),
		},
	}},
	{kind: complaint, weight: 7, text: [2]phrases{
		de: {
			open: lines(
				"Der Artikel „{name}“ aus Bestellung {order} ist nach {n} Tagen kaputt.",
				"Ich habe {ware} gekauft, und schon beim Auspacken war etwas abgebrochen.",
				"Der Artikel „{name}“ hat seit dem ersten Tag einen Mangel.",
				"Totalschaden: Der Artikel „{name}“ kam völlig zerdrückt bei mir an.",
				"Nach nur {n} Tagen Benutzung ist mein Kauf „{name}“ hinüber.",
			),
			more: lines(
				"Ich habe mich genau an die Anleitung gehalten.",
				"Für {price} erwarte ich eigentlich etwas mehr Qualität.",
				"Fotos vom Schaden kann ich gern schicken.",
				"Der Karton war schon bei der Ankunft eingedrückt.",
				"Das ist schon der zweite Defekt innerhalb kurzer Zeit.",
				"Die Garantie sollte das ja wohl abdecken.",
			),
			ask: lines(
				"Bitte tauschen Sie den Artikel um oder erstatten Sie den Kaufpreis.",
				"Wie läuft die Reklamation ab?",
				"Ich möchte Ersatz, keinen Gutschein.",
			),
			note: lines(
				"{kunde} bringt defekten Artikel „{name}“ zurück, gekauft vor {n} Tagen. Umtausch erledigt.",
				"{kunde} reklamiert Artikel „{name}“ (Bestellung {order}), Schaden deutlich sichtbar. {pron} möchte das Geld zurück.",
				"Reklamation: {kunde} sehr unzufrieden, „{name}“ nach {n} Tagen defekt, Kassenbon liegt vor.",
			),
			tags: lines("#kaputt", "#Reklamation", "#Qualität"),
		},
		en: {
			open: lines(
				"The {name} from order {order} broke after {n} days.",
				"I bought {ware} and something had snapped off straight out of the box.",
				"My {name} has had a defect since day one.",
				"Total write-off: the {name} arrived completely crushed.",
				"After just {n} days of use my {name} is done for.",
			),
			more: lines(
				"I followed the instructions to the letter.",
				"For {price} I'd expect better quality.",
				"Happy to send photos of the damage.",
				"The box was already dented when it arrived.",
				"This is the second fault in a short time.",
				"Surely the warranty covers this.",
			),
			ask: lines(
				"Please exchange it or refund the purchase price.",
				"How does a return for faulty goods work?",
				"I want a replacement, not a voucher.",
			),
			note: lines(
				"{kunde} returned a faulty {name}, bought {n} days ago. Exchanged.",
				"{kunde} says the {name} (order {order}) is defective, damage clearly visible. Wants a refund.",
				"Warranty claim: {kunde} very unhappy, {name} broke after {n} days, receipt available.",
			),
			tags: lines("#broken", "#quality", "#refund"),
		},
	}},
	{kind: complaint, weight: 5, text: [2]phrases{
		de: {
			open: lines(
				"Ich wurde heute in der Filiale {store} ausgesprochen unfreundlich behandelt.",
				"So einen unhöflichen Umgang habe ich bei {company} noch nicht erlebt – Filiale {store}.",
				"An der Infotheke in {store} hat man mich mitten im Satz einfach stehen lassen.",
				"An der Kasse in {store} wurde ich vor allen Leuten angeraunzt, weil ich mit Karte zahlen wollte.",
				"Am Telefon wurde ich nach {minutes} Minuten in der Warteschleife einfach weggedrückt.",
			),
			more: lines(
				"Auf meine Frage kam nur ein genervtes Augenrollen.",
				"Ich bin seit Jahren {regular} und wirklich enttäuscht.",
				"Andere Kundinnen und Kunden haben das auch mitbekommen.",
				"Mir ist klar, dass viel los war, aber so geht man nicht mit Menschen um.",
				"Eine Entschuldigung gab es nicht.",
			),
			ask: lines(
				"Ich erwarte, dass Sie das intern ansprechen.",
				"Bitte geben Sie das an die Filialleitung weiter.",
				"Eine Rückmeldung von Ihnen wäre das Mindeste.",
			),
			note: lines(
				"{kunde} beschwert sich über unfreundliche Behandlung an Kasse 2, möchte die Filialleitung sprechen. Weitergegeben.",
				"{kunde} sehr aufgebracht, fühlte sich am Infopoint abgewimmelt. {pron} hat eine Telefonnummer hinterlassen.",
				"Beschwerde über Kollegen in der Warenausgabe: {kunde} wurde angeblich angeschrien. Bitte klären!",
			),
			tags: lines("#Kundenservice", "#unfreundlich", "#"+company),
		},
		en: {
			open: lines(
				"I was treated really rudely at your {store} store today.",
				"I've never experienced such rudeness at {company} – {store} store.",
				"The person at the info desk in {store} just walked off in the middle of my sentence.",
				"At the till in {store} I was snapped at in front of everyone for wanting to pay by card.",
				"On the phone I was cut off after {minutes} minutes on hold.",
			),
			more: lines(
				"All I got was an annoyed eye-roll.",
				"I've been {regular} for years and I'm genuinely disappointed.",
				"Other customers noticed it too.",
				"I know it was busy, but that's no way to treat people.",
				"There was no apology.",
			),
			ask: lines(
				"I expect you to raise this internally.",
				"Please pass this on to the store manager.",
				"A reply would be the least you could do.",
			),
			note: lines(
				"{kunde} complained about rude treatment at till 2, wants the store manager. Passed on.",
				"{kunde} very upset, felt brushed off at the info point. Left a phone number.",
				"Complaint about a colleague at the collection desk: {kunde} says they were shouted at. Follow up!",
			),
			tags: lines("#customerservice", "#rude"),
		},
	}},
	{kind: complaint, weight: 6, text: [2]phrases{
		de: {
			open: lines(
				"Die App stürzt seit heute Morgen bei jedem Start ab.",
				"Ist eure Website down? Ich bekomme nur noch „Fehler 503“.",
				"Seit {n} Stunden kann ich mich nicht mehr im Kundenkonto anmelden.",
				"Bezahlen im Onlineshop klappt nicht, der Checkout hängt bei „Bitte warten…“.",
				"Die Seite lädt ewig, und dann steht da nur <error> ohne jede Erklärung.",
			),
			more: lines(
				"Neu installieren habe ich schon probiert, hilft nichts.",
				"Auf dem Laptop geht es genauso wenig wie auf dem Handy.",
				"Das Angebot läuft nur noch heute, ich will es nicht verpassen.",
				"Eine Statusseite oder einen Hinweis gibt es nirgends.",
				"Mein Passwort ist definitiv richtig.",
			),
			ask: lines(
				"Wann läuft das wieder?",
				"Bitte kümmert euch darum, ich möchte meine Bestellung abschließen.",
				"Gibt es einen anderen Weg, die Bestellung aufzugeben?",
			),
			note: lines(
				"{kunde} kann in der App nicht bezahlen, Bestellung deshalb an der Kasse aufgenommen.",
				"{kunde} meldet: Website zeigt seit Stunden Fehler 503, Kundenkonto nicht erreichbar. An die IT weitergeben.",
				"{kunde} kommt in die Filiale, weil der Onlineshop nicht funktioniert. Ziemlich genervt.",
			),
			tags: lines("#Störung", "#App", "#Website", "#down"),
		},
		en: {
			open: lines(
				"The app has crashed on every launch since this morning.",
				"Is your website down? All I get is \"Error 503\".",
				"I haven't been able to log in to my account for {n} hours.",
				"Checkout in the web shop doesn't work, it hangs on \"Please wait…\".",
				"The page takes forever and then just shows <error> with no explanation.",
			),
			more: lines(
				"Reinstalling didn't help.",
				"Same on my laptop and on my phone.",
				"The offer ends today and I don't want to miss it.",
				"There's no status page or notice anywhere.",
				"My password is definitely right.",
			),
			ask: lines(
				"When will it work again?",
				"Please sort it out, I want to finish my order.",
				"Is there another way to place the order?",
			),
			note: lines(
				"{kunde} can't pay in the app, took the order at the till instead.",
				"{kunde} reports the website showing error 503 for hours, account unreachable. Pass on to IT.",
				"{kunde} came to the store because the web shop isn't working. Quite annoyed.",
			),
			tags: lines("#outage", "#app", "#website"),
		},
	}},
	{kind: complaint, weight: 6, text: [2]phrases{
		de: {
			open: lines(
				"Ich habe meinen Plus-Vertrag fristgerecht gekündigt, trotzdem wird weiter abgebucht.",
				"Seit {n} Wochen versuche ich, meine Plus-Mitgliedschaft zu kündigen.",
				"Der Kündigungsbutton auf eurer Website führt ins Leere.",
				"Meine Kündigung vom {weekday} wurde nie bestätigt.",
				"Trotz Kündigung habe ich wieder eine Rechnung für die Plus-Mitgliedschaft bekommen.",
			),
			more: lines(
				"Die Kündigung habe ich per E-Mail und per Einschreiben geschickt.",
				"An der Hotline hieß es, das sei „im System nicht hinterlegt“.",
				"Laut AGB & Vertrag beträgt die Kündigungsfrist einen Monat – die ist längst um.",
				"Ich fühle mich ehrlich gesagt hingehalten.",
				"Mittlerweile wurden {price} zu viel abgebucht.",
			),
			ask: lines(
				"Bitte bestätigen Sie mir die Kündigung schriftlich.",
				"Ich erwarte die Erstattung aller Beträge seit dem Kündigungsdatum.",
				"Andernfalls wende ich mich an die Verbraucherzentrale.",
			),
			note: lines(
				"{kunde} möchte die Plus-Mitgliedschaft kündigen, online klappt es nicht. Formular mitgegeben.",
				"{kunde} beschwert sich, dass trotz Kündigung weiter abgebucht wird. {pron} droht mit der Verbraucherzentrale.",
				"Kündigung Plus: {kunde} hat seit Wochen keine Bestätigung. Bitte zurückrufen.",
			),
			tags: lines("#Kündigung", "#Abofalle", "#Verbraucherschutz"),
		},
		en: {
			open: lines(
				"I cancelled my Plus contract on time and you're still charging me.",
				"I've been trying to cancel my Plus membership for {n} weeks.",
				"The cancel button on your website leads nowhere.",
				"My cancellation from {weekday} was never confirmed.",
				"Despite cancelling I got another invoice for the Plus membership.",
			),
			more: lines(
				"I sent the cancellation by email and by registered post.",
				"The hotline said it's \"not in the system\".",
				"Per the T&Cs the notice period is one month – that's long gone.",
				"Frankly I feel like I'm being strung along.",
				"By now {price} too much has been taken.",
			),
			ask: lines(
				"Please confirm the cancellation in writing.",
				"I expect a refund of everything charged since the cancellation date.",
				"Otherwise I'll take this to consumer protection.",
			),
			note: lines(
				"{kunde} wants to cancel the Plus membership, online doesn't work. Gave a paper form.",
				"{kunde} complains about still being charged after cancelling. Threatens consumer protection.",
				"Plus cancellation: {kunde} has had no confirmation for weeks. Please call back.",
			),
			tags: lines("#cancellation", "#subscription"),
		},
	}},
	{kind: question, weight: 5, text: [2]phrases{
		de: {
			open: lines(
				"Wie lange hat die Filiale {store} am {weekday} geöffnet?",
				"Habt ihr in {store} an Feiertagen offen?",
				"Gelten die Öffnungszeiten auf der Website auch für {store}? Da steht „9–20 Uhr“, letzte Woche war um 19 Uhr zu.",
				"Kurze Frage: Hat die Filiale {store} auch sonntags geöffnet?",
			),
			more: lines(
				"Ich komme erst nach der Arbeit und will nicht umsonst hinfahren.",
				"Google zeigt andere Zeiten an als eure Website.",
				"Ich möchte eine Bestellung abholen.",
			),
			ask: lines(
				"Danke für eine kurze Info!",
				"Vielen Dank im Voraus.",
				"Wäre super, wenn ihr das auf der Website klarer macht.",
			),
			note: lines(
				"{kunde} fragt nach Öffnungszeiten an Feiertagen. Aushang an der Tür fehlt.",
				"{kunde} weist darauf hin, dass unsere Zeiten bei Google nicht stimmen.",
				"{kunde} stand gestern um 19:30 vor verschlossener Tür, laut Website offen bis 20 Uhr.",
			),
			tags: lines("#Öffnungszeiten", "#Frage"),
		},
		en: {
			open: lines(
				"How late is the {store} store open on {weekday}?",
				"Is the {store} store open on bank holidays?",
				"Do the opening hours on the website apply to {store}? It says \"9am–8pm\" but last week it was shut at 7.",
				"Quick question: is the {store} store open on Sundays?",
			),
			more: lines(
				"I can only come after work and don't want a wasted trip.",
				"Google shows different hours than your website.",
				"I want to pick up an order.",
			),
			ask: lines(
				"Thanks for a quick answer!",
				"Many thanks in advance.",
				"It'd be great if the website made this clearer.",
			),
			note: lines(
				"{kunde} asked about bank holiday opening hours. Notice on the door is missing.",
				"{kunde} points out that our hours on Google are wrong.",
				"{kunde} found the door locked at 7:30pm yesterday, website says open till 8.",
			),
			tags: lines("#openinghours", "#question"),
		},
	}},
	{kind: question, weight: 8, text: [2]phrases{
		de: {
			open: lines(
				"Wo ist meine Bestellung {order}? Seit der Bestellbestätigung habe ich nichts mehr gehört.",
				"Können Sie mir sagen, wann meine Bestellung {order} ({name}) verschickt wird?",
				"Der Status meiner Bestellung {order} steht seit {n} Tagen auf „in Bearbeitung“.",
				"Ist meine Bestellung {order} schon unterwegs?",
			),
			more: lines(
				"Eine Versandbestätigung habe ich nicht bekommen.",
				"Im Kundenkonto finde ich keine Sendungsnummer.",
				"Ich bin ab {weekday} im Urlaub und möchte wissen, ob das noch klappt.",
				"Bezahlt habe ich per Vorkasse, das Geld ist raus.",
			),
			ask: lines(
				"Danke für eine kurze Rückmeldung.",
				"Können Sie bitte nachsehen?",
				"Über eine Sendungsnummer würde ich mich freuen.",
			),
			note: lines(
				"{kunde} fragt nach dem Status von Bestellung {order}, im System „in Bearbeitung“. Rückruf zugesagt.",
				"{kunde} möchte wissen, ob Bestellung {order} in die Filiale umgeleitet werden kann.",
				"{kunde} hat keine Versandbestätigung zu {order} erhalten. Bitte prüfen.",
			),
			tags: lines("#Bestellung", "#Frage"),
		},
		en: {
			open: lines(
				"Where is my order {order}? I haven't heard anything since the confirmation.",
				"Can you tell me when {ware} (order {order}) will ship?",
				"My order {order} has been \"processing\" for {n} days.",
				"Is my order {order} on its way yet?",
			),
			more: lines(
				"I never got a shipping confirmation.",
				"There's no tracking number in my account.",
				"I'm away from {weekday} and want to know if it will arrive in time.",
				"I paid in advance, so the money is gone.",
			),
			ask: lines(
				"Thanks for a quick update.",
				"Could you check, please?",
				"A tracking number would be lovely.",
			),
			note: lines(
				"{kunde} asked about the status of order {order}, system says processing. Promised a call back.",
				"{kunde} wants to know if order {order} can be redirected to the store.",
				"{kunde} has no shipping confirmation for {order}. Please check.",
			),
			tags: lines("#order", "#question"),
		},
	}},
	{kind: question, weight: 7, text: [2]phrases{
		de: {
			open: lines(
				"Wie kann ich {ware} zurückschicken? Ich finde kein Retourenetikett.",
				"Kann ich online gekaufte Ware auch in der Filiale {store} zurückgeben?",
				"Wie lange habe ich Zeit, {ware} zu retournieren?",
				"Ich habe vor {n} Tagen eine Rücksendung geschickt – wann bekomme ich mein Geld?",
			),
			more: lines(
				"Die Originalverpackung habe ich leider nicht mehr.",
				"Der Artikel ist unbenutzt, nur ausgepackt.",
				"Auf der Website steht zu Versand & Rückgabe nichts Eindeutiges.",
				"Bezahlt habe ich {price} per PayPal.",
			),
			ask: lines(
				"Danke für die Hilfe!",
				"Bitte schicken Sie mir ein Rücksendeetikett.",
				"Wie läuft das genau ab?",
			),
			note: lines(
				"{kunde} möchte Onlinebestellung {order} in der Filiale zurückgeben, Kassensystem lässt es nicht zu.",
				"{kunde} fragt nach der Erstattung für eine Rücksendung von vor {n} Tagen. Noch nichts gebucht.",
				"{kunde} will {ware} ohne Kassenbon zurückgeben. Gutschein angeboten.",
			),
			tags: lines("#Retoure", "#Rückgabe", "#Frage"),
		},
		en: {
			open: lines(
				"How do I send back {ware}? I can't find a return label.",
				"Can I return an online order at the {store} store?",
				"How long do I have to return {ware}?",
				"I sent a return {n} days ago – when do I get my money back?",
			),
			more: lines(
				"I no longer have the original packaging.",
				"The item is unused, only unpacked.",
				"Your website isn't clear about shipping & returns.",
				"I paid {price} by PayPal.",
			),
			ask: lines(
				"Thanks for your help!",
				"Please send me a return label.",
				"How exactly does it work?",
			),
			note: lines(
				"{kunde} wants to return online order {order} in store, till system won't allow it.",
				"{kunde} asks about the refund for a return sent {n} days ago. Nothing booked yet.",
				"{kunde} wants to return {ware} without a receipt. Offered a voucher.",
			),
			tags: lines("#returns", "#question"),
		},
	}},
	{kind: question, weight: 7, text: [2]phrases{
		de: {
			open: lines(
				"Könnten Sie mir bitte eine Kopie der Rechnung zu Bestellung {order} schicken?",
				"Ich brauche die Rechnungen für {month} und {month2} für meine Steuererklärung.",
				"Wo finde ich im Kundenkonto meine Rechnungen? Dort ist nichts hinterlegt.",
				"Ich benötige eine Rechnung mit Firmenanschrift für meinen Einkauf vom {weekday}.",
				"Kann ich alle Rechnungen des letzten Jahres gesammelt als PDF bekommen?",
			),
			more: lines(
				"Die Originalrechnung ist leider im Altpapier gelandet.",
				"Mein Arbeitgeber erstattet den Betrag nur gegen Beleg.",
				"Der Betrag war {price}.",
				"Bei früheren Bestellungen lagen die Rechnungen immer im Paket.",
			),
			ask: lines(
				"Vielen Dank!",
				"Per E-Mail als PDF reicht völlig.",
				"Danke im Voraus für die schnelle Hilfe.",
			),
			note: lines(
				"{kunde} braucht eine Kopie der Rechnung zu {order}, Ausdruck mitgegeben.",
				"{kunde} möchte die Rechnungen für {month} und {month2} per Post. Adresse im Kundenkonto hinterlegt.",
				"{kunde} benötigt eine Rechnung mit Firmenanschrift, bitte Buchhaltung informieren.",
			),
			tags: lines("#Rechnung", "#Frage"),
		},
		en: {
			open: lines(
				"Could you send me a copy of the invoice for order {order}, please?",
				"I need the invoices for {month} and {month2} for my tax return.",
				"Where do I find my invoices in my account? There's nothing there.",
				"I need an invoice with my company address for my purchase on {weekday}.",
				"Can I get all of last year's invoices as one PDF?",
			),
			more: lines(
				"The original invoice ended up in the recycling.",
				"My employer only reimburses against a receipt.",
				"The amount was {price}.",
				"With earlier orders the invoice was always in the parcel.",
			),
			ask: lines(
				"Many thanks!",
				"A PDF by email is fine.",
				"Thanks in advance for the quick help.",
			),
			note: lines(
				"{kunde} needs a copy of the invoice for {order}, printed one out.",
				"{kunde} wants the invoices for {month} and {month2} by post. Address is in the account.",
				"{kunde} needs an invoice with a company address, please tell accounts.",
			),
			tags: lines("#invoice", "#question"),
		},
	}},
	{kind: praise, weight: 7, text: [2]phrases{
		de: {
			open: lines(
				"Ein großes Lob an {staff} aus der Filiale {store}!",
				"{staff} an der Kasse in {store} war heute unglaublich freundlich und hilfsbereit.",
				"Danke an {staff} in {store} für die geduldige Beratung!",
				"Selten so gut beraten worden wie heute von {staff} in {store}.",
			),
			more: lines(
				"Ich hatte wirklich viele Fragen und nie das Gefühl zu stören.",
				"Am Ende habe ich genau das Richtige gefunden.",
				"So stelle ich mir Service vor.",
				"Da komme ich gern wieder.",
				"Es gab sogar einen Tipp für eine günstigere Alternative.",
			),
			ask: lines(
				"Bitte richten Sie das aus!",
				"Macht weiter so!",
				"Das darf die Filialleitung ruhig wissen.",
			),
			note: lines(
				"{kunde} lobt ausdrücklich {staff} für die Beratung, bittet um Weitergabe an die Filialleitung.",
				"{kunde} bedankt sich für die schnelle Hilfe beim Umtausch. Sehr zufrieden.",
				"Positives Feedback: {kunde} fand die Beratung durch {staff} „großartig“.",
			),
			tags: lines("#Danke", "#Kundenservice", "#Lob"),
		},
		en: {
			open: lines(
				"Big thanks to {staff} at the {store} store!",
				"{staff} at the till in {store} was incredibly friendly and helpful today.",
				"Thank you to {staff} in {store} for the patient advice!",
				"I've rarely had advice as good as from {staff} in {store} today.",
			),
			more: lines(
				"I had loads of questions and never felt like a nuisance.",
				"In the end I found exactly the right thing.",
				"That's what service should look like.",
				"I'll happily come back.",
				"I even got a tip for a cheaper alternative.",
			),
			ask: lines(
				"Please pass this on!",
				"Keep it up!",
				"The store manager should know about this.",
			),
			note: lines(
				"{kunde} explicitly praised {staff} for the advice, asks to pass it on to the store manager.",
				"{kunde} said thanks for the quick help with an exchange. Very happy.",
				"Positive feedback: {kunde} found {staff}'s advice \"brilliant\".",
			),
			tags: lines("#thankyou", "#greatservice"),
		},
	}},
	{kind: praise, weight: 6, text: [2]phrases{
		de: {
			open: lines(
				"Wow, am Abend {ware} bestellt und schon am nächsten Morgen geliefert bekommen!",
				"Bestellung {order} kam schneller als angekündigt – super!",
				"Das ging fix: {name} nach nur einem Tag geliefert.",
				"Danke für die schnelle Lieferung, alles bestens verpackt.",
			),
			more: lines(
				"Die Verpackung war ordentlich und ohne unnötiges Plastik.",
				"Die Sendungsverfolgung war die ganze Zeit aktuell.",
				"Genau so muss das laufen.",
				"Das Geschenk ist damit noch rechtzeitig angekommen.",
			),
			ask: lines(
				"Weiter so!",
				"Ich bestelle gern wieder.",
				"Danke an das ganze Team!",
			),
			note: lines(
				"{kunde} holt Bestellung {order} ab und lobt, wie schnell sie da war.",
				"{kunde} bedankt sich für die Lieferung am nächsten Tag. Sehr zufrieden.",
				"{kunde} lobt Click & Collect: hat „perfekt geklappt“.",
			),
			tags: lines("#schnell", "#Lieferung", "#Danke"),
		},
		en: {
			open: lines(
				"Wow, ordered in the evening and {ware} was here the next morning!",
				"Order {order} arrived faster than promised – great!",
				"That was quick: {ware} delivered after just one day.",
				"Thanks for the fast delivery, everything perfectly packed.",
			),
			more: lines(
				"The packaging was neat and without pointless plastic.",
				"Tracking was up to date the whole time.",
				"That's exactly how it should work.",
				"So the present arrived in time after all.",
			),
			ask: lines(
				"Keep it up!",
				"I'll happily order again.",
				"Thanks to the whole team!",
			),
			note: lines(
				"{kunde} collected order {order} and praised how fast it arrived.",
				"{kunde} said thanks for the next-day delivery. Very happy.",
				"{kunde} praised click & collect: \"worked perfectly\".",
			),
			tags: lines("#fastdelivery", "#happycustomer"),
		},
	}},
	{kind: suggestion, weight: 11, text: [2]phrases{
		de: {
			open: lines(
				"Wäre toll, wenn man in der App auch Rechnungen herunterladen könnte.",
				"Wäre toll, wenn die Filiale {store} samstags länger geöffnet hätte.",
				"Vorschlag: Bietet doch eine Lieferung an Packstationen an.",
				"Wäre toll, wenn es im Onlineshop einen Filter für nachhaltige Produkte gäbe.",
				"Mein Wunsch: eine Benachrichtigung, wenn ein Artikel wieder lieferbar ist.",
				"Wäre schön, wenn man Retouren direkt in der App anmelden könnte.",
			),
			more: lines(
				"Bei anderen Händlern ist das längst Standard.",
				"Dann müsste ich nicht jedes Mal beim Service anrufen.",
				"Ansonsten bin ich mit {company} sehr zufrieden.",
				"Gerade für Berufstätige wäre das eine große Erleichterung.",
				"Dafür würde ich sogar auf den einen oder anderen Rabatt verzichten.",
			),
			ask: lines(
				"Denkt mal drüber nach!",
				"Danke fürs Zuhören.",
				"Würde mich freuen, wenn das umgesetzt wird.",
			),
			note: lines(
				"{kunde} regt an, mehr Sitzgelegenheiten im Kassenbereich aufzustellen.",
				"Vorschlag: {kunde} wünscht sich Click & Collect auch für Möbel.",
				"{kunde} wünscht sich eine Wasserschale für Hunde vor der Filiale.",
			),
			tags: lines("#Idee", "#Feedback", "#Vorschlag"),
		},
		en: {
			open: lines(
				"It would be great if I could download invoices in the app.",
				"It would be great if the {store} store stayed open longer on Saturdays.",
				"Suggestion: offer delivery to parcel lockers.",
				"It would be great if the web shop had a filter for sustainable products.",
				"My wish: a notification when an item is back in stock.",
				"It would be nice to register returns directly in the app.",
			),
			more: lines(
				"Other retailers have had this for ages.",
				"Then I wouldn't have to call the service line every time.",
				"Otherwise I'm very happy with {company}.",
				"Especially for people who work it would make life much easier.",
				"I'd even give up the odd discount for it.",
			),
			ask: lines(
				"Have a think about it!",
				"Thanks for listening.",
				"I'd be delighted if this happened.",
			),
			note: lines(
				"{kunde} suggests more seating near the tills.",
				"Suggestion: {kunde} would like click & collect for furniture too.",
				"{kunde} would like a water bowl for dogs outside the store.",
			),
			tags: lines("#idea", "#feedback", "#suggestion"),
		},
	}},
}

// storm is the complaint of the episode; its weight is zero so it never shows
// up outside it.
var storm = &topic{kind: complaint, text: [2]phrases{
	de: {
		open: lines(
			"Warenkorb weg nach Update! "+StormHashtag,
			"Seit dem App-Update heute Morgen ist mein Warenkorb komplett leer. "+StormHashtag,
			"Update installiert, Warenkorb gelöscht. Danke für nichts. "+StormHashtag,
			"Mein Warenkorb mit {n} Artikeln ist nach dem Update einfach weg. "+StormHashtag,
			"Unter "+StormHashtag+" lese ich, dass es allen so geht: Nach dem Update ist der Warenkorb leer.",
			"Eine Stunde lang den Warenkorb zusammengestellt, nach dem Update ist alles weg. "+StormHashtag,
		),
		more: lines(
			"Auch die Merkliste ist leer.",
			"Die Angebote laufen heute ab, und jetzt darf ich alles neu suchen.",
			"Offenbar betrifft das Hunderte, da brennt gerade richtig die Hütte.",
			"Ab- und wieder anmelden hilft nicht, der Warenkorb bleibt leer.",
			"Wer testet eigentlich eure Updates?",
		),
		ask: lines(
			"Bitte stellt die Warenkörbe wieder her!",
			"Gibt es wenigstens einen Rabatt als Entschädigung?",
			"Wann kommt ein Fix?",
		),
		tags: lines("#Warenkorb", "#Update", "#fail", "#"+company),
	},
	en: {
		open: lines(
			"Cart gone after the update! "+StormHashtag,
			"Since this morning's app update my basket is completely empty. "+StormHashtag,
			"Installed the update, basket wiped. Thanks for nothing. "+StormHashtag,
			"My basket with {n} items just vanished after the update. "+StormHashtag,
			"Reading "+StormHashtag+" it's the same for everyone: the update empties your basket.",
			"Spent an hour filling my basket and the update wiped the lot. "+StormHashtag,
		),
		more: lines(
			"The wish list is empty too.",
			"The offers end today and now I have to find everything again.",
			"Apparently hundreds of people are affected.",
			"Logging out and back in doesn't help, the basket stays empty.",
			"Does anyone actually test your updates?",
		),
		ask: lines(
			"Please restore the baskets!",
			"Is there at least a discount to make up for it?",
			"When is a fix coming?",
		),
		tags: lines("#cart", "#update", "#fail", "#"+company),
	},
}}
