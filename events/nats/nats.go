// Package nats passes live events between the nodes of a resonanz cluster
// through a NATS server, so that a browser connected to any node sees the
// alert banner and the presence of agents change.
//
// Presence news go over core NATS: a node that misses one loses nothing a
// page's next poll does not bring back. Alert news go through a JetStream
// stream that keeps them for an hour: the sequence number is the version
// of the alerts on every node, so that a page rendered by one node and
// streamed by another compare like with like, and a node that starts late
// knows the version at once.
package nats

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events"
)

// DefaultPrefix starts the subjects of live events unless configured otherwise.
const DefaultPrefix = "resonanz"

// keepAlertNews is how long the stream keeps alert news: long enough for a
// node that lost its connection to catch up on every one of them, which
// the webhook and mail notifier needs.
const keepAlertNews = time.Hour

// validPrefix is one or more subject tokens without wildcards.
var validPrefix = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// Service is the EventService of a node that shares a NATS server with the
// other nodes of its cluster.
type Service struct {
	events.Fanout
	conn     *nats.Conn
	prefix   string
	version  atomic.Uint64
	alerts   jetstream.ConsumeContext
	presence *nats.Subscription
	logger   *slog.Logger
}

var _ resonanz.EventService = (*Service)(nil)

// wire is an event as it travels; the subject says its kind.
type wire struct {
	AlertID        int64 `json:"alert_id,omitempty"`
	ConversationID int64 `json:"conversation_id,omitempty"`
}

// Connect joins the nodes that share the NATS server at url and the subject
// prefix. Events published after it returns reach the node's subscribers.
func Connect(ctx context.Context, url, prefix string, logger *slog.Logger) (*Service, error) {
	if !validPrefix.MatchString(prefix) {
		return nil, fmt.Errorf("nats: subject prefix %q: want words of letters, digits, - and _ joined by dots", prefix)
	}
	conn, err := nats.Connect(url, nats.Name("resonanz"), nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Warn("nats: disconnected; live events wait for the reconnect", "err", err)
			}
		}),
		nats.ReconnectHandler(func(*nats.Conn) { logger.Info("nats: reconnected") }))
	if err != nil {
		return nil, fmt.Errorf("nats: connect to %s: %w", url, err)
	}
	s := &Service{conn: conn, prefix: prefix, logger: logger}
	if err := s.start(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return s, nil
}

func (s *Service) start(ctx context.Context) error {
	js, err := jetstream.New(s.conn)
	if err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	stream, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: StreamName(s.prefix), Subjects: []string{s.subject(resonanz.LiveAlert)},
		MaxAge: keepAlertNews, Discard: jetstream.DiscardOld, Storage: jetstream.FileStorage,
		Description: "alert news of resonanz; the sequence is the version of the alerts"})
	if err != nil {
		return fmt.Errorf("nats: alert stream: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("nats: alert stream: %w", err)
	}
	s.version.Store(info.State.LastSeq)
	// From the last news on: one that came after the version was read is not missed.
	consumer, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverLastPolicy})
	if err != nil {
		return fmt.Errorf("nats: alert consumer: %w", err)
	}
	if s.alerts, err = consumer.Consume(s.receiveAlert); err != nil {
		return fmt.Errorf("nats: alert consumer: %w", err)
	}
	if s.presence, err = s.conn.Subscribe(s.subject(resonanz.LivePresence), s.receivePresence); err != nil {
		s.alerts.Stop()
		return fmt.Errorf("nats: presence: %w", err)
	}
	// The server knows the subscription once it answered a ping after it.
	if err := s.conn.Flush(); err != nil {
		s.alerts.Stop()
		return fmt.Errorf("nats: presence: %w", err)
	}
	return nil
}

// StreamName is the JetStream stream that holds the alert news of prefix.
func StreamName(prefix string) string {
	return strings.ReplaceAll(prefix, ".", "_") + "_alerts"
}

func (s *Service) subject(kind string) string { return s.prefix + "." + kind }

// Publish sends e to every node. It does not wait: news that cannot be
// sent now are sent after a reconnect, or logged as lost.
func (s *Service) Publish(e resonanz.LiveEvent) {
	data, err := json.Marshal(wire{AlertID: e.AlertID, ConversationID: e.ConversationID})
	if err == nil {
		err = s.conn.Publish(s.subject(e.Kind), data)
	}
	if err != nil {
		s.logger.Error("nats: live event lost", "kind", e.Kind, "err", err)
	}
}

func (s *Service) receiveAlert(msg jetstream.Msg) {
	var w wire
	if err := json.Unmarshal(msg.Data(), &w); err != nil {
		s.logger.Error("nats: unreadable alert news", "err", err)
		return
	}
	meta, err := msg.Metadata()
	if err != nil {
		s.logger.Error("nats: alert news without a sequence", "err", err)
		return
	}
	if s.raiseVersion(meta.Sequence.Stream) {
		s.Send(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: w.AlertID})
	}
}

// raiseVersion moves the version to seq and reports whether that is news:
// the last news before the node started, or one delivered again after a
// reconnect, is not.
func (s *Service) raiseVersion(seq uint64) bool {
	for {
		v := s.version.Load()
		if seq <= v {
			return false
		}
		if s.version.CompareAndSwap(v, seq) {
			return true
		}
	}
}

func (s *Service) receivePresence(msg *nats.Msg) {
	var w wire
	if err := json.Unmarshal(msg.Data, &w); err != nil {
		s.logger.Error("nats: unreadable presence news", "err", err)
		return
	}
	s.Send(resonanz.LiveEvent{Kind: resonanz.LivePresence, ConversationID: w.ConversationID})
}

// Conn is the node's connection to the NATS server, for other shared
// state of the cluster (presence).
func (s *Service) Conn() *nats.Conn { return s.conn }

// Version is the sequence of the last alert news in the cluster's stream
// that this node received.
func (s *Service) Version() uint64 { return s.version.Load() }

// Close leaves the cluster; subscribers receive nothing more.
func (s *Service) Close() {
	s.alerts.Stop()
	s.presence.Unsubscribe()
	s.conn.Close()
}
