package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// formList reads a comma- or newline-separated text field as a list of trimmed, distinct values.
func formList(r *http.Request, name string) []string {
	var list []string
	for _, v := range strings.FieldsFunc(r.PostFormValue(name), func(c rune) bool { return c == ',' || c == '\n' }) {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// formValues reads the chosen values of a group of checkboxes, keeping only allowed ones.
func formValues(r *http.Request, name string, allowed []string) []string {
	var list []string
	for _, v := range r.PostForm[name] {
		if slices.Contains(allowed, v) && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// optionalID reads an optional id field; empty is 0, anything else must be a number.
func optionalID(r *http.Request, name string) (int64, error) {
	v := r.PostFormValue(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, resonanz.FieldError(name, "Not a valid choice: %q.", v).Keyed("form.choice")
	}
	return id, nil
}

// formMinutes reads a duration given in minutes; empty is 0.
func formMinutes(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 525600 {
		return 0, resonanz.FieldError(name, "Give whole minutes between 0 and 525600, not %q.", v).Keyed("form.minutes")
	}
	return n, nil
}
