package web

import (
	_ "embed"
	"net/http"
)

// openAPI describes the API; TestOpenAPIContract holds it to the handlers.
//
//go:embed openapi.json
var openAPI []byte

// handleOpenAPI serves the API's description to anyone: it holds no data.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}
