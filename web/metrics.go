package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/metrics"
)

// handleMetrics answers Prometheus: open to a scraper on this machine,
// anyone else needs a token with the metrics scope.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if ip, ok := s.clientIP(r); !ok || !ip.IsLoopback() {
		s.requireAPI(resonanz.ScopeMetrics, s.writeMetrics)(w, r)
		return
	}
	s.writeMetrics(w, r)
}

func (s *Server) writeMetrics(w http.ResponseWriter, r *http.Request) {
	ops, err := s.Operations.Operations(r.Context())
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	mw := metrics.NewWriter(w)
	s.Metrics.WriteCounters(mw)
	metrics.WriteOperations(mw, ops, s.StormsWarming != nil && s.StormsWarming())
	if err := mw.Err(); err != nil {
		s.Logger.Debug("metrics: write", "err", err)
	}
}

// statusRecorder remembers the status a handler answered with, for the latency histogram.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

// Flush lets live event streams through the recorder.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe routes the request and adds its time to the histogram of its route.
func (s *Server) observe(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w}
	s.mux.ServeHTTP(rec, r)
	_, route := s.mux.Handler(r)
	if route == "" {
		route = "unmatched"
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	s.Metrics.ObserveRequest(route, strconv.Itoa(rec.status), time.Since(start))
}
