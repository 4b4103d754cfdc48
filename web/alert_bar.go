package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// alertBar is the one line every page shows of the open alerts.
type alertBar struct {
	Open int             // how many alerts are open
	Top  *resonanz.Alert // the most severe alert the user has not dismissed at its severity; nil hides the bar
	Seen []string        // "id:severity" of every open alert, dismissed together
}

// findAlertBar gathers the bar for u: hidden once u dismissed every open alert,
// back when one is raised or rises in severity.
func (s *Server) findAlertBar(ctx context.Context, u *resonanz.User) (*alertBar, error) {
	alerts, err := s.Alerts.FindAlerts(ctx, false)
	if err != nil || len(alerts) == 0 {
		return &alertBar{}, err
	}
	dismissed, err := s.Alerts.DismissedAlerts(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	bar := &alertBar{Open: len(alerts)}
	for _, a := range alerts { // newest first, so the newest of the most severe shows
		bar.Seen = append(bar.Seen, fmt.Sprintf("%d:%d", a.ID, a.Severity))
		if severity, ok := dismissed[a.ID]; ok && a.Severity <= severity {
			continue
		}
		if bar.Top == nil || a.Severity > bar.Top.Severity {
			bar.Top = a
		}
	}
	return bar, nil
}

// handleAlertBar sends the alert banner alone, for pages that learned from
// the live stream that theirs is out of date; back is the page's path.
func (s *Server) handleAlertBar(w http.ResponseWriter, r *http.Request) {
	s.writeBanner(w, r, localPath(r.URL.Query().Get("back"), "/"))
}

// handleDismissAlerts hides the alert bar for the user until an alert
// changes: the form names each alert the bar stood for with its severity.
func (s *Server) handleDismissAlerts(w http.ResponseWriter, r *http.Request) {
	err := r.ParseForm()
	var seen map[int64]int
	if err == nil {
		seen, err = parseSeenAlerts(r.PostForm["alert"])
	}
	if err == nil {
		err = s.Alerts.DismissAlerts(r.Context(), userFrom(r.Context()).ID, seen)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	back := localPath(r.PostFormValue("back"), "/")
	if r.Header.Get("HX-Request") == "true" {
		s.writeBanner(w, r, back)
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// parseSeenAlerts reads "id:severity" values.
func parseSeenAlerts(values []string) (map[int64]int, error) {
	if len(values) > 500 {
		return nil, resonanz.FieldError("alert", "Too many alerts to hide at once.")
	}
	seen := make(map[int64]int, len(values))
	for _, v := range values {
		id, severity, _ := strings.Cut(v, ":")
		n, err1 := strconv.ParseInt(id, 10, 64)
		sev, err2 := strconv.Atoi(severity)
		if err1 != nil || err2 != nil || n <= 0 || sev < 0 || sev > 6 {
			return nil, resonanz.FieldError("alert", "Which alerts to hide is unclear.")
		}
		seen[n] = sev
	}
	return seen, nil
}

// writeBanner writes the alert banner alone; back is the page it sits on.
func (s *Server) writeBanner(w http.ResponseWriter, r *http.Request, back string) {
	banner, err := s.renderBanner(r, back)
	if err != nil {
		s.logInternal(r, err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(banner)
}
