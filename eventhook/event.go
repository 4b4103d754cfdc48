package eventhook

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// Payload is the JSON body of every event delivery. The ids name what the
// event is about; Data holds the facts of the event kind.
type Payload struct {
	ID             string            `json:"id"` // the same in a replay: receivers can drop what they had
	Event          string            `json:"event"`
	OccurredAt     time.Time         `json:"occurred_at"`
	ConversationID int64             `json:"conversation_id,omitempty"`
	MessageID      int64             `json:"message_id,omitempty"`
	AlertID        int64             `json:"alert_id,omitempty"`
	By             string            `json:"by,omitempty"` // the person or API token who did it; none: resonanz or the customer
	Data           map[string]string `json:"data,omitempty"`
}

// eventKind names the event a fact makes, or "" for a fact that makes none
// (a status change other than to solved, an unassignment).
func eventKind(f *resonanz.EventFact) string {
	switch f.Source {
	case resonanz.EventSourceMessage:
		return resonanz.EventMessageReceived
	case resonanz.EventSourceAlert:
		switch f.Kind {
		case resonanz.AlertRaised:
			return resonanz.EventAlertRaised
		case resonanz.AlertEscalated:
			return resonanz.EventAlertEscalated
		case resonanz.AlertResolved, resonanz.AlertQuiet:
			return resonanz.EventAlertResolved
		}
		return ""
	}
	switch f.Kind {
	case resonanz.AuditAssign, resonanz.AuditAssignPrevious, resonanz.AuditAssignRoundRobin, resonanz.AuditAssignRule:
		if f.Params["owner"] != "" {
			return resonanz.EventConversationAssigned
		}
	case resonanz.AuditHandOver:
		return resonanz.EventConversationAssigned
	case resonanz.AuditStatus:
		if f.Params["to"] == resonanz.StatusSolved {
			return resonanz.EventConversationSolved
		}
	case resonanz.AuditSLABreach:
		return resonanz.EventSLABreached
	case resonanz.AuditPromiseReminded:
		return resonanz.EventPromiseDue
	case resonanz.AuditPromiseBroken:
		return resonanz.EventPromiseBroken
	}
	return ""
}

// event makes the delivery of a fact, or nil if it makes no event.
func event(f *resonanz.EventFact) (*resonanz.EventOut, error) {
	kind := eventKind(f)
	if kind == "" {
		return nil, nil
	}
	p := Payload{ID: f.Source + "-" + strconv.FormatInt(f.ID, 10), Event: kind, OccurredAt: f.At.UTC(), ConversationID: f.ConversationID,
		MessageID: f.MessageID, AlertID: f.AlertID, By: f.UserName, Data: f.Params}
	if kind == resonanz.EventConversationAssigned && f.Kind == resonanz.AuditHandOver {
		p.Data = map[string]string{"owner": f.Params["to"], "from": f.Params["from"]} // a hand-over's note is for the colleague only
	}
	body, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return &resonanz.EventOut{Kind: kind, ID: p.ID, At: f.At, Payload: body}, nil
}
