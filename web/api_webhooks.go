package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

func (s *Server) eventWebhookAPIRoutes() {
	s.mux.HandleFunc("GET /api/v1/webhooks", s.requireAPI(resonanz.ScopeWebhooks, s.handleAPISubscriptions))
	s.mux.HandleFunc("POST /api/v1/webhooks", s.requireAPI(resonanz.ScopeWebhooks, s.handleAPISubscribe))
	s.mux.HandleFunc("DELETE /api/v1/webhooks/{id}", s.requireAPI(resonanz.ScopeWebhooks, s.handleAPIUnsubscribe))
	s.mux.HandleFunc("GET /api/v1/webhooks/{id}/deliveries", s.requireAPI(resonanz.ScopeWebhooks, s.handleAPIDeliveries))
	s.mux.HandleFunc("POST /api/v1/deliveries/{id}/replay", s.requireAPI(resonanz.ScopeWebhooks, s.handleAPIReplay))
}

type apiSubscription struct {
	ID        int64     `json:"id"`
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	CreatedAt time.Time `json:"created_at"`
}

func toAPISubscription(sub *resonanz.EventSubscription) apiSubscription {
	return apiSubscription{ID: sub.ID, URL: sub.URL, Events: sub.Events, CreatedAt: sub.CreatedAt.UTC()}
}

type apiDelivery struct {
	ID             int64      `json:"id"`
	SubscriptionID int64      `json:"subscription_id"`
	Event          string     `json:"event"`
	EventID        string     `json:"event_id"`
	State          string     `json:"state"`
	Attempts       int        `json:"attempts"`
	LastStatus     int        `json:"last_status"`
	LastError      string     `json:"last_error"`
	CreatedAt      time.Time  `json:"created_at"`
	DeliveredAt    *time.Time `json:"delivered_at"`
}

func (s *Server) handleAPISubscriptions(w http.ResponseWriter, r *http.Request) {
	subs, err := s.EventWebhooks.FindSubscriptions(r.Context())
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	list := []apiSubscription{}
	for _, sub := range subs {
		list = append(list, toAPISubscription(sub))
	}
	writeJSON(w, http.StatusOK, map[string]any{"webhooks": list})
}

// handleAPISubscribe answers with the signing secret, this once.
func (s *Server) handleAPISubscribe(w http.ResponseWriter, r *http.Request) {
	var sub resonanz.EventSubscription
	var body struct {
		URL    string   `json:"url"`
		Events []string `json:"events"`
	}
	err := decodeJSON(w, r, &body)
	var secret string
	if err == nil {
		sub.URL, sub.Events = body.URL, body.Events
		secret, err = s.EventWebhooks.Subscribe(r.Context(), &sub)
	}
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"webhook": toAPISubscription(&sub), "secret": secret})
}

func (s *Server) handleAPIUnsubscribe(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = s.EventWebhooks.Unsubscribe(r.Context(), id)
	} else {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No webhook subscription %q.", r.PathValue("id"))
	}
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAPIDeliveries reads the delivery log of one subscription, newest first.
func (s *Server) handleAPIDeliveries(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.jsonError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No webhook subscription %q.", r.PathValue("id")))
		return
	}
	log, err := s.EventWebhooks.FindEventDeliveries(r.Context(), id, 100)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	list := []apiDelivery{}
	for _, d := range log {
		a := apiDelivery{ID: d.ID, SubscriptionID: d.SubscriptionID, Event: d.Event, EventID: d.EventID, State: d.State, Attempts: d.Attempts,
			LastStatus: d.LastStatus, LastError: d.LastError, CreatedAt: d.CreatedAt.UTC()}
		if !d.DeliveredAt.IsZero() {
			at := d.DeliveredAt.UTC()
			a.DeliveredAt = &at
		}
		list = append(list, a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"deliveries": list})
}

func (s *Server) handleAPIReplay(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = s.EventWebhooks.ReplayEventDelivery(r.Context(), id)
	} else {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No webhook delivery %q.", r.PathValue("id"))
	}
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"delivery_id": id, "state": resonanz.DeliveryPending})
}
