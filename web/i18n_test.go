package web

import "testing"

// Every text a person reads exists in every language of the catalogue.
func TestEveryTextInEveryLanguage(t *testing.T) {
	for lang, texts := range translations {
		for other, others := range translations {
			for key := range others {
				if _, ok := texts[key]; !ok {
					t.Errorf("%q has a %s text but no %s one", key, other, lang)
				}
			}
		}
	}
}
