// Package nats shares who is on which conversation between the nodes of a
// resonanz cluster, through a key-value bucket of the NATS server that
// carries their live events: one key per conversation holds the marks of
// its viewers, changed by compare-and-set so that two nodes marking at once
// lose nothing. The bucket forgets a conversation nobody marked for
// presence.ViewTTL.
package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/presence"
)

// Each call waits at most opTimeout for the server; a page then shows no
// colleagues rather than hang. A mark that lost to another node's mark of
// the same moment tries again after a pause of up to maxPause, chosen at
// random so that the two do not meet again.
const (
	opTimeout = 2 * time.Second
	maxPause  = 5 * time.Millisecond
)

// Board is the presence of every node of the cluster.
type Board struct {
	// Now returns the current time; tests replace it. The nodes' clocks
	// should agree within a few seconds, as marks carry their times.
	Now    func() time.Time
	kv     jetstream.KeyValue
	logger *slog.Logger
}

var _ resonanz.PresenceService = (*Board)(nil)

// BucketName is the key-value bucket that holds the presence of the
// cluster whose subjects start with prefix.
func BucketName(prefix string) string { return strings.ReplaceAll(prefix, ".", "_") + "_presence" }

// Open joins the presence of the cluster of prefix on conn's server.
func Open(ctx context.Context, conn *nats.Conn, prefix string, logger *slog.Logger) (*Board, error) {
	js, err := jetstream.New(conn)
	if err != nil {
		return nil, fmt.Errorf("nats presence: %w", err)
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: BucketName(prefix), TTL: presence.ViewTTL,
		History: 1, Storage: jetstream.MemoryStorage, Description: "who views or writes in which conversation of resonanz"})
	if err != nil {
		return nil, fmt.Errorf("nats presence: bucket: %w", err)
	}
	return &Board{Now: time.Now, kv: kv, logger: logger}, nil
}

func key(conversationID int64) string { return "c" + strconv.FormatInt(conversationID, 10) }

// Mark records that a user has the conversation open, writing or not.
func (b *Board) Mark(conversationID, userID int64, name string, writing bool) bool {
	return b.change(conversationID, func(now time.Time, marks presence.Marks) bool {
		return marks.Set(now, userID, name, writing)
	})
}

// Leave records that a user closed the conversation.
func (b *Board) Leave(conversationID, userID int64) bool {
	return b.change(conversationID, func(now time.Time, marks presence.Marks) bool {
		return marks.Remove(now, userID)
	})
}

// Others returns who besides userID has the conversation open, by name.
func (b *Board) Others(conversationID, userID int64) []resonanz.Viewer {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	marks, _, err := b.load(ctx, conversationID)
	if err != nil {
		b.logger.Warn("nats presence: cannot read who is on a conversation", "conversation", conversationID, "err", err)
		return nil
	}
	return marks.Others(b.Now(), userID)
}

// change applies fn to the marks of a conversation and stores them, again
// from the start when another node stored its own meanwhile.
func (b *Board) change(conversationID int64, fn func(time.Time, presence.Marks) bool) bool {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	for {
		marks, revision, err := b.load(ctx, conversationID)
		if err != nil {
			b.logger.Warn("nats presence: cannot read who is on a conversation", "conversation", conversationID, "err", err)
			return false
		}
		now := b.Now()
		changed := fn(now, marks)
		marks.Sweep(now)
		data, err := json.Marshal(marks)
		if err != nil {
			b.logger.Error("nats presence: cannot write marks", "err", err)
			return false
		}
		if revision == 0 {
			_, err = b.kv.Create(ctx, key(conversationID), data)
		} else {
			_, err = b.kv.Update(ctx, key(conversationID), data, revision)
		}
		if err == nil {
			return changed
		} else if !errors.Is(err, jetstream.ErrKeyExists) {
			b.logger.Warn("nats presence: cannot record who is on a conversation", "conversation", conversationID, "err", err)
			return false
		}
		select {
		case <-ctx.Done():
			b.logger.Warn("nats presence: too many nodes marking one conversation at once", "conversation", conversationID)
			return false
		case <-time.After(rand.N(maxPause)):
		}
	}
}

// load returns the marks of a conversation and their revision; none and
// revision 0 when nobody is on it.
func (b *Board) load(ctx context.Context, conversationID int64) (presence.Marks, uint64, error) {
	entry, err := b.kv.Get(ctx, key(conversationID))
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
		return presence.Marks{}, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	marks := presence.Marks{}
	if err := json.Unmarshal(entry.Value(), &marks); err != nil {
		return nil, 0, fmt.Errorf("marks of conversation %d: %w", conversationID, err)
	}
	return marks, entry.Revision(), nil
}
