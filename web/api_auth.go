package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/resonanz/resonanz"
)

// maxAPIBody bounds the JSON body of an API change: a reply at most.
const maxAPIBody = 1 << 20

// requireAPI lets API clients through whose bearer token works and has the
// scope, acting as the token's user: what they change goes through the same
// services, rules and audit trail as a person's change, under the token's name.
func (s *Server) requireAPI(scope string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || secret == "" {
			s.jsonError(w, r, resonanz.Errorf(resonanz.EUNAUTHORIZED, "Send an API token as 'Authorization: Bearer <token>'."))
			return
		}
		token, err := s.Users.CheckAPIToken(r.Context(), secret, scope)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		u, err := s.Users.TokenUser(r.Context(), token)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
	}
}

// decodeJSON reads a request's JSON object into v, refusing unknown fields,
// so that a misspelt field is an error and not silently ignored.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAPIBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooBig):
		return resonanz.FieldError("body", "The request body is larger than 1 MiB.")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return resonanz.FieldError(typeErr.Field, "%s has the wrong JSON type.", typeErr.Field)
	case errors.Is(err, io.EOF):
		return resonanz.FieldError("body", "Send a JSON object.")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return resonanz.FieldError(name, "Unknown field %q.", name)
	}
	return resonanz.FieldError("body", "The body is not valid JSON: %s", jsonProblem(err))
}

// encodeCursor makes an inbox position opaque: clients pass it back unchanged.
func encodeCursor(c *resonanz.Cursor) string {
	if c == nil {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(formatCursor(c)))
}

// decodeCursor reads a cursor made by encodeCursor; "" is the first page.
func decodeCursor(s string) (*resonanz.Cursor, error) {
	if s == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	c := parseCursor(string(raw))
	if err != nil || c == nil {
		return nil, resonanz.FieldError("cursor", "The cursor is not one this API gave; pass next_cursor unchanged.")
	}
	return c, nil
}
