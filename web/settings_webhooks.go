package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
)

func (s *Server) eventWebhookRoutes() {
	s.mux.HandleFunc("GET /settings/webhooks", s.requireUser(s.requireAdmin(s.handleEventWebhooks)))
	s.mux.HandleFunc("POST /settings/webhooks", s.requireUser(s.requireAdmin(s.handleSubscribe)))
	s.mux.HandleFunc("POST /settings/webhooks/{id}/delete", s.requireUser(s.requireAdmin(s.handleUnsubscribe)))
	s.mux.HandleFunc("POST /settings/webhooks/deliveries/{id}/replay", s.requireUser(s.requireAdmin(s.handleReplayDelivery)))
}

type eventWebhooksView struct {
	Subscriptions []*resonanz.EventSubscription
	Deliveries    []*resonanz.EventDelivery
	Kinds         []string
	// Created is the subscription just made; its secret is shown this once.
	Created *resonanz.EventSubscription
	Secret  string
	Error   string
	// URL and Events keep what was typed when the form had a problem.
	URL    string
	Events []string
}

func (s *Server) handleEventWebhooks(w http.ResponseWriter, r *http.Request) {
	s.renderEventWebhooks(w, r, http.StatusOK, eventWebhooksView{})
}

func (s *Server) renderEventWebhooks(w http.ResponseWriter, r *http.Request, status int, v eventWebhooksView) {
	var err error
	if v.Subscriptions, err = s.EventWebhooks.FindSubscriptions(r.Context()); err == nil {
		v.Deliveries, err = s.EventWebhooks.FindEventDeliveries(r.Context(), 0, 50)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Kinds = resonanz.EventKinds
	s.render(w, r, status, "webhooks", v)
}

// handleSubscribe makes a subscription and shows its secret once, on the
// answer to the form, like a new API token's.
func (s *Server) handleSubscribe(w http.ResponseWriter, r *http.Request) {
	sub := &resonanz.EventSubscription{URL: r.PostFormValue("url"), Events: formValues(r, "event", resonanz.EventKinds)}
	secret, err := s.EventWebhooks.Subscribe(r.Context(), sub)
	switch resonanz.ErrorCode(err) {
	case "":
		s.renderEventWebhooks(w, r, http.StatusCreated, eventWebhooksView{Created: sub, Secret: secret})
	case resonanz.EINTERNAL:
		s.pageError(w, r, err)
	default:
		s.renderEventWebhooks(w, r, errorStatus(err), eventWebhooksView{Error: s.locale(r).Error(err), URL: sub.URL, Events: sub.Events})
	}
}

func (s *Server) handleUnsubscribe(w http.ResponseWriter, r *http.Request) {
	s.changeEventWebhooks(w, r, s.EventWebhooks.Unsubscribe)
}

func (s *Server) handleReplayDelivery(w http.ResponseWriter, r *http.Request) {
	s.changeEventWebhooks(w, r, s.EventWebhooks.ReplayEventDelivery)
}

func (s *Server) changeEventWebhooks(w http.ResponseWriter, r *http.Request, change func(ctx context.Context, id int64) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No such webhook.").Keyed("eventhooks.unknown")
	} else {
		err = change(r.Context(), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/webhooks", http.StatusSeeOther)
}
