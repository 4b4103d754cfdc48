package web

// deskTexts are the UI texts of the page frame: the menu and the alert bar.
var deskTexts = map[string]map[string]string{
	"en": {
		"menu": "Menu",
	},
	"de": {
		"menu": "Menü",
	},
}

func init() {
	for lang, texts := range deskTexts {
		for k, v := range texts {
			translations[lang][k] = v
		}
	}
}
