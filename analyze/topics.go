package analyze

import (
	"slices"

	"github.com/resonanz/resonanz"
)

// Topic is something customers write about. A message is about a topic when
// it contains one of the seed terms (German or English, any case; a word of
// five letters or more also matches the start or end of a compound word).
type Topic struct {
	Name        string
	Description string
	SeedTerms   []string
}

// DefaultTopics returns the built-in topics of a retail, service or
// transport company; a company adds its own with Analyzer.WithTopics.
func DefaultTopics() []Topic {
	return []Topic{
		{"delivery", "shipping, parcels, couriers, delivery times", splitTerms(
			"lieferung liefern geliefert liefert lieferzeit versand versendet paket pakete paketdienst sendung sendungsverfolgung " +
				"zusteller zustellung bote packstation lieferadresse bestellung_ist expressversand dhl hermes " +
				"delivery delivered deliver parcel parcels package courier shipping shipped shipment tracking depot dispatch")},
		{"billing", "invoices, charges, refunds, prices, payment", splitTerms(
			"rechnung abgebucht abbuchung lastschrift mahnung erstattung rueckerstattung gutschrift gutschein bezahlt bezahlen " +
				"zahlung preis preise teuer kosten gebuehr gebuehren rabatt geld_zurueck ratenzahlung paypal ueberwiesen fahrkartenautomat sparpreis " +
				"invoice charged charge refund refunded price prices expensive fee fees payment pay paid voucher discount debit billing bill credit")},
		{"quality", "faulty, broken or poor products", splitTerms(
			"kaputt defekt qualitaet verarbeitet verarbeitung material reissverschluss naehte eingelaufen akku display pixelfehler garantie " +
				"schrott funktioniert ersatzteile abgelaufen schimmelig wasserdicht " +
				"broken broke faulty quality defective material zip seams shrank battery screen warranty junk works spare waterproof mouldy")},
		{"service", "staff, hotline, advice, opening hours, stores", splitTerms(
			"kundenservice hotline warteschleife mitarbeiter mitarbeiterin verkaeufer beratung beraten personal unfreundlich freundlich " +
				"hilfsbereit zugbegleiter kasse filiale geoeffnet oeffnungszeiten techniker service team erreichbar " +
				"customer_service hotline staff rude friendly helpful advice conductor till store shop opening_hours open engineer service team on_hold")},
		{"app", "website, app, login, online shop", splitTerms(
			"app webseite website homepage onlineshop login einloggen passwort warenkorb update navigator handyticket wlan " +
				"app website site online login log_in password basket checkout update wifi mobile_ticket")},
		{"contract", "contracts, subscriptions, cancellation, plans", splitTerms(
			"vertrag kuendigung kuendigen gekuendigt kuendigungsfrist abo abonnement laufzeit mindestlaufzeit tarif tarifwechsel verlaengert bahncard " +
				"contract subscription cancel cancellation cancelled_my plan tariff renewal renewed minimum_term membership railcard")},
	}
}

// BuiltinTopics are the default topics as the settings page lists them.
func BuiltinTopics() []*resonanz.Topic {
	var list []*resonanz.Topic
	for _, t := range DefaultTopics() {
		list = append(list, &resonanz.Topic{Name: t.Name, Description: t.Description, SeedTerms: t.SeedTerms, Builtin: true})
	}
	return list
}

// topicSet is a compiled list of topics.
type topicSet struct {
	names   []string
	matcher *phraseMatcher
}

func compileTopics(topics []Topic) topicSet {
	names := make([]string, len(topics))
	terms := make([][]string, len(topics))
	for i, t := range topics {
		names[i], terms[i] = t.Name, t.SeedTerms
	}
	return topicSet{names: names, matcher: newPhraseMatcher(terms, true)}
}

// find returns the names of the topics found, most mentioned first.
func (s topicSet) find(t *tokens, hits []int) []string {
	clear(hits)
	s.matcher.count(t, hits)
	var out []string
	for i, h := range hits {
		if h > 0 {
			out = append(out, s.names[i])
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		return hits[slices.Index(s.names, b)] - hits[slices.Index(s.names, a)]
	})
	return out
}

// urgencyCues are the words and phrases behind each urgency signal, in
// normalised spelling; "_" joins the words of a phrase.
var urgencyCues = []struct {
	signal string
	terms  string
}{
	{resonanz.UrgentPublic, "presse zur_presse zeitung journalist journalisten oeffentlich_machen mache_das_oeffentlich jetzt_ueberall das_ueberall " +
		"ueberall_posten allen_kanaelen social_media shitstorm fernsehen the_press the_papers journalist go_public going_public everywhere_online post_this_everywhere media"},
	{resonanz.UrgentLegal, "anwalt rechtsanwalt anwaeltin meinen_anwalt klage klagen verklagen verklage klage_einreichen gericht vor_gericht " +
		"verbraucherzentrale verbraucherschutz schlichtungsstelle bundesnetzagentur lawyer solicitor attorney sue suing court legal_action " +
		"consumer_protection trading_standards ombudsman small_claims"},
	{resonanz.UrgentCancel, "kuendige kuendigen kuendige_hiermit gekuendigt zur_konkurrenz nie_wieder_bestellen anbieter_wechseln " +
		"ill_cancel i_will_cancel im_cancelling cancel_my cancelling_my closing_my_account close_my_account switching_to a_competitor " +
		"never_order never_shop_here"},
	{resonanz.UrgentSafety, "verletzt verletzung verletzungen brennt brand feuer rauch gefaehrlich lebensgefaehrlich stromschlag explodiert " +
		"schmort verbrannt verbrennung vergiftung allergische_reaktion injured injury hurt fire caught_fire smoke smoking dangerous " +
		"hazard electric_shock exploded burned burnt melting poisoning allergic_reaction"},
	{resonanz.UrgentRepeat, "zum_zweiten_mal zum_dritten_mal zum_vierten_mal schon_wieder erneut mehrfach mehrmals wiederholt " +
		"schon_dreimal schon_zweimal vierte_mail dritte_mail again second_time third_time fourth_time several_times multiple_times " +
		"already_contacted already_written"},
}

// urgencySet finds urgency signals.
type urgencySet struct {
	signals []string
	matcher *phraseMatcher
}

func compileUrgency() urgencySet {
	var s urgencySet
	terms := make([][]string, len(urgencyCues))
	for i, c := range urgencyCues {
		s.signals = append(s.signals, c.signal)
		terms[i] = splitTerms(c.terms)
	}
	s.matcher = newPhraseMatcher(terms, false)
	return s
}

func (s urgencySet) find(t *tokens, hits []int) []string {
	clear(hits)
	s.matcher.count(t, hits)
	var out []string
	for i, h := range hits {
		if h > 0 {
			out = append(out, s.signals[i])
		}
	}
	return out
}
