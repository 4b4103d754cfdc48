package train

// lexiconDE holds the German phrases of the generated training set. A list
// is a set of alternatives separated by "|"; {name} picks from another list
// and [a|b] chooses inline, so one line stands for many sentences.
var lexiconDE = map[string]string{
	// Fillers.
	"brand":   "Nordstern|MediaWelt|Stadtwerke|Bahn|DB|die Bahn|Telko24|Bücherhaus|Modehaus Lenz|Ihr Shop|euer Laden|FrischMarkt",
	"ware":    "Waschmaschine|Winterjacke|Kaffeemaschine|Sneaker|Staubsauger|Handy|Laptop|Fahrrad|Matratze|Jeans|Kinderwagen|Fernseher|Mixer|Schreibtisch|Bluetooth-Box|Wasserkocher|Rucksack",
	"mins":    "10|20|25|40|45|60|90|120",
	"big":     "200|300|800|1.500|2000",
	"n":       "zwei|drei|vier|fünf|sechs|zehn|14|2|3|5|8|12",
	"order":   "#48213|4711-2291|A-99812|Nr. 553201|908877|B-1204",
	"price":   "39,99 €|12 Euro|249 €|89,90 €|5,50 €|1.199 €|19 €",
	"city":    "Hamburg|Köln|München|Berlin|Leipzig|Frankfurt|Stuttgart|Hannover|Dortmund|Nürnberg|Bremen|Kassel|Freiburg|Ulm|Mainz",
	"train":   "ICE|IC|RE 7|RB 33|S1|S-Bahn|Regionalexpress|ICE 578|Zug|S5|Nachtzug",
	"day":     "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag",
	"name":    "Anna|Jonas|Petra|Murat|Lea|Thomas|Sabine|Kemal|Julia|Frank|Aylin|Markus|Sven|Ute",
	"kunde":   "Kundin|Kunde|Ein älterer Herr|Eine Kundin|Stammkunde|Kunde Herr {name}|Kundin Frau {name}",
	"staff":   "die Mitarbeiterin|der Verkäufer|die Dame an der Kasse|der Zugbegleiter|die Hotline|der Techniker|der Fahrer|die Beraterin|das Personal",
	"hello":   "Hallo,|Guten Tag,|Sehr geehrte Damen und Herren,|Liebes Team,|Moin,|Hallo zusammen,|Hi,",
	"bye":     "Viele Grüße|Mit freundlichen Grüßen|Beste Grüße|LG|Gruß|MfG|Danke & Gruß",
	"negfeel": "Das ist eine Frechheit.|Ich bin total enttäuscht.|Unmöglich!|So ein Saftladen.|Absolut inakzeptabel.|Echt ärgerlich.|Ich bin stinksauer.|Einfach nur schlecht.|Das nervt gewaltig.|Katastrophe!|Nie wieder!|Ganz schwach.|Peinlich.|Was für ein Chaos.|Ich könnte mich aufregen.|Leider nicht zu empfehlen.|Das darf doch nicht wahr sein.|Mega nervig.|Ich bin nicht zufrieden.|Das geht gar nicht.|Wirklich enttäuschend.|Wie immer.|Danke für nichts.|Toll gemacht, echt. Nicht.|Ich bin fassungslos.",
	"posfeel": "Super!|Top!|Vielen Dank!|Klasse gemacht.|Ich bin begeistert.|Sehr zu empfehlen.|Weiter so!|Großartig.|Absolut zufrieden.|Bin total happy.|Echt spitze.|Hat mich sehr gefreut.|Gerne wieder.|Danke dafür!|Einfach toll.|So muss das sein.|Das hat den Tag gerettet.|Mega!|Perfekt.|Bin positiv überrascht.",
	"demand":  "Ich will mein Geld zurück.|Bitte melden Sie sich umgehend.|Ich erwarte eine Erstattung.|Wann wird das endlich gelöst?|Ich möchte eine Entschädigung.|Bitte kümmern Sie sich darum.|Ich erwarte eine Antwort.|Ich will das nicht noch einmal erleben.|Was gedenken Sie zu tun?|Bitte um Rückruf.",
	"polite":  "Danke im Voraus.|Vielen Dank für eine kurze Info.|Über eine Antwort würde ich mich freuen.|Danke!|Gruß|Liebe Grüße|",
	"emopos":  "😊|😍|👍|🙂|❤️|:)|:-)|🎉|👏|;)|🙏|",
	"emoneg":  "😡|😠|🤬|👎|🙄|😤|:(|:-(|😞|😩|-.-|",
	"tagneg":  "#fail|#ärgerlich|#wartenwartenwarten|#Kundenservice|#nervig|#Bahnchaos|#nieWieder|#Verspätung",
	"tagpos":  "#danke|#zufrieden|#toll|#läuft|#Kundenservice|#top|#happy",
	"tagneu":  "#Bahn|#News|#Info|#Hamburg|#Berlin|#Verkehr|#Job|#Wirtschaft|#Pendler",

	// Delivery.
	"delivery_neg": "Meine Bestellung {order} ist seit {n} Tagen unterwegs und immer noch nicht da.|Ich warte jetzt schon {n} Wochen auf meine {ware}.|Seit {n} Tagen keine Lieferung, nichts passiert.|Das Paket liegt laut Sendungsverfolgung seit Tagen im Verteilzentrum.|Der Zusteller hat das Paket einfach vor die Tür gelegt, jetzt ist es weg.|Die Lieferung kam [beschädigt|unvollständig|zur falschen Adresse|drei Tage zu spät] an.|Angeblich wurde ich nicht angetroffen, dabei war ich den ganzen Tag zu Hause.|Wo bleibt mein Paket?? Seit {n} Tagen nichts!|Lieferung für {day} versprochen, gekommen ist nichts.|Statt der {ware} wurde mir etwas völlig anderes geliefert.|Die Sendung hängt seit einer Woche in {city} fest.|Der Versand dauert ewig, Lieferzeit von {n} Wochen ist lächerlich.",
	"delivery_pos": "Die Lieferung kam schon einen Tag früher als angekündigt.|Paket war super verpackt und pünktlich da.|Bestellt am {day}, geliefert am nächsten Morgen.|Der Zusteller war sehr freundlich und hat die {ware} sogar hochgetragen.|Schneller Versand, alles heil angekommen.|Blitzschnelle Lieferung, die {ware} ist schon da.",
	"delivery_q":   "Wie lange dauert die Lieferung nach {city}?|Liefern Sie auch nach Österreich?|Kann ich die Lieferadresse noch ändern?|Wann wird meine Bestellung {order} versendet?|Gibt es eine Sendungsnummer für meine Bestellung?|Kann ich das Paket auch in der Filiale abholen?|Welcher Paketdienst liefert bei euch?|Ist Expressversand möglich?",
	"delivery_sug": "Es wäre schön, wenn man ein Lieferzeitfenster wählen könnte.|Bietet doch bitte Lieferung an Packstationen an.|Vorschlag: eine SMS, bevor der Fahrer kommt.|Wie wäre es mit weniger Verpackungsmüll beim Versand?",

	// Billing and price.
	"billing_neg": "Mir wurde der Betrag von {price} doppelt abgebucht.|Die Rechnung stimmt nicht, ich soll {price} mehr zahlen als vereinbart.|Die Erstattung über {price} ist nach {n} Wochen immer noch nicht da.|Plötzlich eine Mahnung, obwohl ich längst bezahlt habe.|Die Preise wurden schon wieder erhöht, ohne Ankündigung.|Der Gutschein wurde an der Kasse nicht akzeptiert.|Viel zu teuer für das, was man bekommt.|Ich habe eine Lastschrift über {price}, die ich nicht zuordnen kann.|Die Rückzahlung dauert ewig.|Abzocke! Versteckte Gebühren von {price}.|Der Fahrkartenautomat hat mein Geld geschluckt und kein Ticket ausgegeben.|Die Ticketpreise steigen jedes Jahr, der Service wird schlechter.",
	"billing_pos": "Die Erstattung kam schnell und unkompliziert.|Super Preis-Leistungs-Verhältnis.|Die Gutschrift war schon nach zwei Tagen auf dem Konto.|Faire Preise und transparente Rechnung.|Das Sparpreis-Ticket war echt günstig.|Danke für die unkomplizierte Rückerstattung von {price}.",
	"billing_q":   "Kann ich auch per Rechnung bezahlen?|Wo finde ich meine Rechnung im Kundenkonto?|Wann wird die Gutschrift überwiesen?|Akzeptieren Sie PayPal?|Gilt der Rabatt auch auf reduzierte Ware?|Wie hoch sind die Versandkosten?|Kann ich die Rechnung auf meine Firma ausstellen lassen?|Gibt es eine Ratenzahlung?|Was kostet die BahnCard 50 aktuell?",
	"billing_sug": "Bitte bietet auch Zahlung per Apple Pay an.|Es wäre schön, wenn die Rechnung gleich im Paket läge.|Ein Treuerabatt für Stammkunden wäre eine gute Idee.|Vorschlag: Preise inklusive Versand anzeigen.",

	// Product quality.
	"quality_neg": "Die {ware} ist nach {n} Wochen schon kaputt.|Der Reißverschluss ist beim ersten Tragen gerissen.|Die Qualität ist miserabel, alles billig verarbeitet.|Die {ware} funktioniert überhaupt nicht.|Nach dem ersten Waschen ist die Jeans eingelaufen.|Das Display hat Pixelfehler.|Der Akku hält keine zwei Stunden.|Die Ware riecht komisch und ist voller Flecken.|Das Gerät macht seltsame Geräusche und wird heiß.|Die Nähte lösen sich schon.|Totaler Schrott, die {ware} ging sofort kaputt.|Die Milch war abgelaufen, das Brot schimmelig.",
	"quality_pos": "Die {ware} ist super verarbeitet.|Tolle Qualität, hält seit Jahren.|Das Material fühlt sich hochwertig an.|Die {ware} funktioniert einwandfrei.|Beste Qualität, die ich bisher hatte.|Die {ware} übertrifft meine Erwartungen.|Frisches Obst und leckeres Brot, immer gute Ware.",
	"quality_q":   "Ist die {ware} auch wasserdicht?|Wie lange gilt die Garantie auf die {ware}?|Aus welchem Material ist die Jacke?|Fällt die Größe normal aus?|Ist das Gerät mit Android kompatibel?|Gibt es Ersatzteile für die {ware}?|Ist die {ware} spülmaschinenfest?",
	"quality_sug": "Bietet die {ware} doch auch in anderen Farben an.|Eine längere Garantie würde Vertrauen schaffen.|Es wäre toll, wenn es die Jacke auch in Übergrößen gäbe.|Bitte mehr nachhaltige Produkte ins Sortiment.",

	// Staff and service.
	"service_neg": "Die Hotline ist nie erreichbar, ich hänge seit {n} Minuten in der Warteschleife.|{staff} war extrem unfreundlich und genervt.|Auf meine E-Mail hat niemand geantwortet.|In der Filiale in {city} fühlte ich mich überhaupt nicht beraten.|Keiner fühlt sich zuständig, ich werde nur weiterverbunden.|Die Beratung war eine Katastrophe.|Der Zugbegleiter hat mich vor allen Leuten angeschnauzt.|An der Kasse stand ich eine halbe Stunde, nur eine Kasse offen.|Der Kundenservice ist unterirdisch.|Man wird am Telefon einfach abgewimmelt.|Der Techniker kam nicht zum vereinbarten Termin.",
	"service_pos": "{staff} war super freundlich und hilfsbereit.|Danke an das Team in {city} für die tolle Beratung.|Der Kundenservice hat mein Problem in fünf Minuten gelöst.|Sehr nette Beratung im Laden.|Die Hotline war schnell erreichbar und kompetent.|Der Zugbegleiter im {train} war total nett und hat uns geholfen.|Danke für die schnelle Antwort auf meine Mail.|Man merkt, dass {staff} Spaß an der Arbeit hat.",
	"service_q":   "Wann habt ihr am {day} geöffnet?|Hat die Filiale in {city} auch sonntags offen?|Wie erreiche ich den Kundenservice telefonisch?|Kann ich einen Beratungstermin vereinbaren?|Gibt es in der Filiale in {city} Parkplätze?|Bis wann ist die Hotline besetzt?|Ist der Laden barrierefrei?|Haben Sie am Feiertag geöffnet?",
	"service_sug": "Längere Öffnungszeiten am {day} wären toll.|Ein Rückrufservice statt Warteschleife wäre sinnvoll.|Bitte mehr Kassen öffnen, wenn viel los ist.|Ein Chat auf der Webseite wäre hilfreich.",

	// Website and app.
	"app_neg": "Die App stürzt seit dem Update ständig ab.|Der Login funktioniert nicht, immer nur Fehlermeldung.|Im Warenkorb verschwinden die Artikel einfach.|Die Webseite ist so langsam, dass man nichts bestellen kann.|Der Bezahlvorgang in der App bricht jedes Mal ab.|Das Passwort zurücksetzen klappt nicht.|Der DB Navigator zeigt falsche Verbindungen an.|Das Handyticket lässt sich in der App nicht öffnen.|Das WLAN im Zug funktioniert mal wieder nicht.|Die neue App ist total unübersichtlich.",
	"app_pos": "Die neue App ist richtig gut und übersichtlich.|Bestellen über die Webseite geht super schnell.|Das Handyticket in der App ist echt praktisch.|Das WLAN im {train} lief heute richtig stabil.|Das Update hat die App deutlich schneller gemacht.|Klasse, dass man jetzt in der App die Lieferung verfolgen kann.",
	"app_q":   "Gibt es die App auch für iPad?|Wie ändere ich mein Passwort in der App?|Kann ich in der App auch Gutscheine einlösen?|Warum kann ich mich nicht mit meiner E-Mail-Adresse anmelden?|Wo finde ich in der App meine Bestellungen?|Funktioniert das Handyticket auch offline?",
	"app_sug": "Bitte einen Dark Mode für die App.|Eine Merkliste in der App wäre praktisch.|Schön wäre eine Filterfunktion nach Größe auf der Webseite.|Die App sollte Push-Nachrichten bei Verspätungen schicken.",

	// Contract and cancellation.
	"contract_neg": "Meine Kündigung wurde einfach ignoriert.|Trotz Kündigung wird weiter abgebucht.|Der Vertrag hat sich ohne Hinweis automatisch verlängert.|Ich komme aus dem Abo nicht raus.|Die Kündigungsbestätigung fehlt seit {n} Wochen.|Man hat mir am Telefon einen Vertrag untergeschoben.|Die Mindestlaufzeit wurde mir verschwiegen.|Der Tarifwechsel wurde nicht umgesetzt.",
	"contract_pos": "Die Kündigung lief völlig problemlos.|Der Tarifwechsel ging schnell und unkompliziert.|Vertragsverlängerung mit gutem Angebot, danke.|Die Vertragsumstellung war in einem Tag erledigt.",
	"contract_q":   "Wie kann ich meinen Vertrag kündigen?|Welche Kündigungsfrist gilt für mein Abo?|Kann ich meinen Tarif wechseln?|Verlängert sich das Abo automatisch?|Bekomme ich eine Kündigungsbestätigung per E-Mail?|Kann ich die BahnCard pausieren?",
	"contract_sug": "Eine Kündigung per Klick auf der Webseite wäre kundenfreundlich.|Bitte die Laufzeiten klarer im Vertrag angeben.|Ein monatlich kündbarer Tarif wäre toll.",

	// Travel: delays and trains have no company topic of their own.
	"travel_neg": "{train} nach {city} hat schon wieder {mins} Minuten Verspätung.|Zug fällt aus, kein Ersatz, keine Durchsage.|Anschluss in {city} verpasst, weil {train} zu spät war.|Die Klimaanlage im {train} ist kaputt, es hat 35 Grad im Wagen.|Der Zug ist völlig überfüllt, Leute stehen im Gang.|Seit einer Stunde stehen wir auf freier Strecke.|Wagenreihung geändert und niemand sagt etwas.|Toiletten defekt, {n} Stunden Fahrt.|Schienenersatzverkehr ohne jede Ausschilderung.|Jeden Morgen Verspätung, ich komme ständig zu spät zur Arbeit.|Heute mal wieder Zugausfall, wie fast jeden Tag.|Die reservierten Plätze gibt es nicht, Wagen fehlt.|Die S-Bahn ist so dreckig, ekelhaft.|Ich hasse es, dass die Bahn immer zu spät kommt.",
	"travel_pos": "{train} heute auf die Minute pünktlich, danke!|Entspannte Fahrt nach {city}, alles lief perfekt.|Sauberer Zug, nettes Personal, pünktlich angekommen.|Endlich wieder eine ruhige Fahrt im {train}.|Anschluss in {city} hat dank kurzer Wartezeit geklappt, danke.|Tolle Aussicht und bequeme Sitze im neuen {train}.",
	"travel_q":   "Fährt der {train} heute trotz Streik?|Wann fährt der nächste Zug nach {city}?|Gilt mein Ticket auch im {train}?|Kann ich mit dem Sparpreis einen früheren Zug nehmen?|Auf welchem Gleis fährt der {train} nach {city} ab?|Darf ich mein Fahrrad im {train} mitnehmen?|Hält der {train} auch in {city}?|Bekomme ich bei {mins} Minuten Verspätung Geld zurück?",
	"travel_sug": "Mehr Steckdosen in den Regionalzügen wären toll.|Bitte öfter Durchsagen bei Verspätungen.|Ein Ruheabteil im {train} wäre schön.|Die Anzeigetafeln am Bahnsteig sollten die Wagenreihung zeigen.",

	// Neutral traffic.
	"news":     "{brand} plant neue Verbindung zwischen {city} und {city}|Bahn investiert Milliarden in das Schienennetz|Fahrplanwechsel im Dezember: Das ändert sich für Pendler in {city}|{brand} eröffnet neue Filiale in {city}|Umsatz von {brand} im dritten Quartal gestiegen|Bauarbeiten: Strecke zwischen {city} und {city} am Wochenende gesperrt|GDL kündigt neue Tarifverhandlungen an|Neuer Chef für {brand}: Vorstand stellt sich vor|Bahnhof {city} wird ab {day} modernisiert|Verkehrsminister besucht Baustelle in {city}|{brand} testet autonome Busse in {city}|Deutsche Bahn stellt Bilanz für das Jahr vor|Neue ICE-Strecke soll {city} und {city} verbinden|Pendler in {city}: Das sind die Änderungen im Nahverkehr|{brand} übernimmt Konkurrenten aus {city}|Einzelhandel: Kaufverhalten im Weihnachtsgeschäft ändert sich|Bahn will mehr Personal einstellen|Aufsichtsrat berät über Zukunft von {brand}|Studie: So pünktlich waren die Züge im letzten Jahr|Land und Bahn unterzeichnen Vertrag für Regionalverkehr|Der Bahnhof {city} bekommt einen neuen Aufzug|Bahn erhöht Zahl der Bauprojekte in diesem Jahr|Polizei kontrolliert am Hauptbahnhof {city}|Ausstellung zur Geschichte der Eisenbahn in {city} eröffnet|Stadtrat diskutiert über neue Straßenbahnlinie",
	"newsbad":  "Streik legt Bahnverkehr in {city} lahm|Oberleitungsschaden: Chaos auf der Strecke nach {city}|Unfall am Bahnübergang bei {city}, Strecke gesperrt|Stellwerksstörung sorgt für massive Verspätungen|Sturm: Zahlreiche Zugausfälle in Norddeutschland|Tausende Pendler sitzen fest, Züge fallen aus",
	"newsbody": "Das teilte ein Sprecher am {day} mit.|Die Arbeiten sollen bis Ende des Monats dauern.|Reisende sollten sich vorab informieren.|Weitere Details sollen in den kommenden Wochen folgen.|Nach Angaben des Unternehmens sind rund {big} Mitarbeiter betroffen.|Fahrgäste werden gebeten, auf Busse auszuweichen.|Die Pläne stießen im Stadtrat auf ein geteiltes Echo.|",
	"announce": "Am {day} haben alle Filialen bis 22 Uhr geöffnet.|Neu im Sortiment: unsere Herbstkollektion.|Wegen Wartungsarbeiten ist die Webseite heute Nacht von 1 bis 3 Uhr nicht erreichbar.|Ab sofort gibt es unsere Produkte auch in {city}.|Am Feiertag bleiben unsere Filialen geschlossen.|Unsere Hotline ist ab Montag unter einer neuen Nummer erreichbar.|Info: Der {train} fährt heute ab Gleis 4.|Hinweis zu Bauarbeiten zwischen {city} und {city} am Wochenende.|Die Filiale in {city} zieht um, neue Adresse ab {day}.|Wir passen zum 1. des Monats unsere Öffnungszeiten an.",
	"job":      "Wir suchen Verkäufer (m/w/d) in Teilzeit für unsere Filiale in {city}.|Stellenangebot: Lokführer (m/w/d) in {city}, jetzt bewerben.|Ausbildung zum Kaufmann im Einzelhandel ab August, Bewerbungen an karriere@example.com.|Job: Kundenberater (m/w/d) im Service-Center {city}.|Wir stellen ein: Fahrdienstleiter (m/w/d) für den Standort {city}.|Werkstudent (m/w/d) Marketing gesucht.",
	"chatter":  "Sitze gerade im Zug nach {city} und lese ein Buch.|Gleich Mittagspause, dann noch zwei Meetings.|Hat jemand Tipps für ein Restaurant in {city}?|Morgen geht es mit der Bahn zu meinen Eltern.|Wer schaut heute Abend das Spiel?|Heute ist {day}, das Wochenende naht.|Bin gerade in {city} angekommen.|Mein Kaffee ist kalt geworden, weil ich telefoniert habe.|Die Kinder sind heute bei Oma.|Wetter in {city}: bewölkt, 14 Grad.|Lese gerade einen Artikel über Nahverkehr.|Penn ich in der Bahn ein, fahr ich bis zur Endstation.|Ich kaufe meine Brötchen immer beim Bäcker um die Ecke.|Heute Abend gibt es Pasta.",
	"chatpos":  "Endlich Wochenende!|Was für ein schöner Tag in {city}!|Freue mich riesig auf den Urlaub.|Das Konzert gestern war der Hammer.|Beste Freunde, bestes Essen, bester Abend.|Heute einfach nur glücklich.",
	"chatneg":  "Montag, Regen, keine Lust.|Bin so müde, die Woche war furchtbar.|Erkältet im Bett, der Tag ist gelaufen.|Mein Handy ist runtergefallen, Display zersplittert.|Schon wieder ein Stau auf der A7, ich hasse Pendeln.",
	"mention":  "Heute bei {brand} in {city} eingekauft.|Hab mir bei {brand} eine neue {ware} bestellt.|Fahre morgen mit dem {train} nach {city}.|Kennt jemand {brand}?|Gerade die Werbung von {brand} im Fernsehen gesehen.|Treffen uns um 10 am Bahnhof {city}.|Laut {brand} soll das neue Modell im Herbst kommen.",

	// How a store employee writes down what a customer said.
	"note_neg": "{kunde} beschwert sich über [die lange Lieferzeit|eine falsche Abbuchung|die defekte {ware}|unfreundliche Beratung|die App|die Kündigung]. Sehr verärgert.|{kunde} war unzufrieden, {ware} nach kurzer Zeit defekt, will Geld zurück.|{kunde} reklamiert die {ware}, Umtausch abgelehnt, Kunde wütend.",
	"note_pos": "{kunde} lobt die Beratung von {name}.|{kunde} bedankt sich ausdrücklich für den schnellen Umtausch.|{kunde} sehr zufrieden mit der {ware}, kommt gerne wieder.",
	"note_q":   "{kunde} fragt, ob die {ware} nachbestellt werden kann.|{kunde} möchte wissen, wann die neue Ware kommt.|{kunde} fragt nach den Öffnungszeiten am {day}.",
	"note_sug": "{kunde} schlägt vor, mehr Sitzgelegenheiten aufzustellen.|{kunde} regt an, die {ware} auch in Blau anzubieten.",

	// Urgent add-ons.
	"urg_public": "Sonst gehe ich zur Presse.|Ich schreibe das jetzt überall.|Das poste ich auf allen Kanälen.|Die Zeitung wird sich freuen.|Ich mache das öffentlich.",
	"urg_legal":  "Ich schalte meinen Anwalt ein.|Ich wende mich an die Verbraucherzentrale.|Ich werde Klage einreichen.|Wir sehen uns vor Gericht.",
	"urg_cancel": "Ich werde meinen Vertrag kündigen.|Ich kündige hiermit.|Ich gehe zur Konkurrenz.|Ich kündige zum nächstmöglichen Termin.",
	"urg_safety": "Das Ladegerät brennt fast, das ist gefährlich!|Mein Kind hat sich daran verletzt.|Das Kabel schmort, da kommt Rauch raus.|Das ist lebensgefährlich.",
	"urg_repeat": "Ich schreibe zum dritten Mal.|Schon wieder keine Antwort.|Das ist jetzt meine vierte Mail.|Ich habe mich schon mehrfach gemeldet.",
}
