package web

import (
	"encoding/json"
	"net/http"

	"github.com/resonanz/resonanz"
)

var statusByCode = map[string]int{
	resonanz.ECONFLICT:     http.StatusConflict,
	resonanz.EINVALID:      http.StatusBadRequest,
	resonanz.ENOTFOUND:     http.StatusNotFound,
	resonanz.EFORBIDDEN:    http.StatusForbidden,
	resonanz.EUNAUTHORIZED: http.StatusUnauthorized,
	resonanz.EINTERNAL:     http.StatusInternalServerError,
}

// errorStatus maps an application error code to an HTTP status.
func errorStatus(err error) int {
	if st, ok := statusByCode[resonanz.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// logInternal logs errors that are not the user's doing; their text never reaches the user.
func (s *Server) logInternal(r *http.Request, err error) {
	if resonanz.ErrorCode(err) == resonanz.EINTERNAL {
		s.Logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

// apiError is the JSON body of every API error.
type apiError struct {
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func toAPIError(err error) *apiError {
	return &apiError{Code: resonanz.ErrorCode(err), Field: resonanz.ErrorField(err), Message: resonanz.ErrorMessage(err)}
}

// jsonError writes err as {"error": {...}} with its status.
func (s *Server) jsonError(w http.ResponseWriter, r *http.Request, err error) {
	s.logInternal(r, err)
	writeJSON(w, errorStatus(err), map[string]any{"error": toAPIError(err)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// pageError renders err as an HTML page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	s.logInternal(r, err)
	s.render(w, r, errorStatus(err), "error", s.locale(r).Error(err))
}
