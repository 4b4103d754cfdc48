package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// backTo redirects to the form's "back" path on this site, else to fallback.
func backTo(w http.ResponseWriter, r *http.Request, fallback string) {
	http.Redirect(w, r, localPath(r.PostFormValue("back"), fallback), http.StatusSeeOther)
}

// localPath returns back if it is a path on this site, else fallback, so
// that a crafted link cannot send the user elsewhere. Browsers drop tabs and
// line breaks from a URL and read a backslash as a slash, so "/\t/host" and
// "/\host" would lead to another host; the pages only ever link escaped
// paths, so anything unusual falls back.
func localPath(back, fallback string) string {
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || !utf8.ValidString(back) {
		return fallback
	}
	for _, c := range back {
		if c == '\\' || unicode.IsSpace(c) || unicode.IsControl(c) {
			return fallback
		}
	}
	u, err := url.Parse(back)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return fallback
	}
	return back
}
