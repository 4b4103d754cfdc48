package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// The inbox filters by a topic's exact name: '_' and '%' are plain
// characters, and one topic's name inside another's does not match.
func TestTopicFilterExact(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		withTopics := func(ext, handle string, topics ...string) resonanz.IncomingMessage {
			m := msg("email", ext, handle, "Abholung im Markt klappt nicht", 0)
			m.Analysis.Topics = topics
			return m
		}
		res := mustIngest(t, db,
			withTopics("1", "a@example.org", "click_collect", "delivery"),
			withTopics("2", "b@example.org", "clickxcollect"),
			withTopics("3", "c@example.org", "click"),
			withTopics("4", "d@example.org", "collect", "click_collect_extra"),
			withTopics("5", "e@example.org"))
		for _, tc := range []struct {
			topic string
			want  []int64
		}{
			{"click_collect", []int64{res[0].ConversationID}},
			{"delivery", []int64{res[0].ConversationID}},
			{"click", []int64{res[2].ConversationID}},
			{"click%", nil},
			{"click_", nil},
			{"", []int64{res[4].ConversationID, res[3].ConversationID, res[2].ConversationID, res[1].ConversationID, res[0].ConversationID}},
		} {
			page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Topic: tc.topic, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, c := range page.Conversations {
				got = append(got, c.ID)
			}
			slices.Sort(got)
			slices.Sort(tc.want)
			if !slices.Equal(got, tc.want) {
				t.Errorf("topic %q finds %v, want %v", tc.topic, got, tc.want)
			}
		}
		c, err := db.FindConversationByID(ctx, res[0].ConversationID)
		if err != nil || !slices.Equal(c.Topics, []string{"click_collect", "delivery"}) {
			t.Fatalf("the conversation reads back topics %v (%v)", c.Topics, err)
		}
	})
}

// A database whose topics were stored as comma-separated lists is converted
// when it is opened: the filter and the labels read the old topics right.
func TestTopicsMigrate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	if err := store.MigrateUpTo(ctx, path, "0010_alert_news.sql"); err != nil {
		t.Fatal(err)
	}
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO contacts (id, name, created_at) VALUES (1, 'Kim', 0)`,
		`INSERT INTO identities (id, contact_id, channel, handle, display_name) VALUES (1, 1, 'email', 'kim@example.org', 'Kim')`,
		`INSERT INTO conversations (id, contact_id, identity_id, channel, status, preview, visibility, last_message_at, created_at, topics)
			VALUES (1, 1, 1, 'email', 'open', 'Abholung', 'private', 1, 1, 'click_collect,delivery'),
			(2, 1, 1, 'email', 'closed', 'Leer', 'private', 2, 2, '')`,
		`INSERT INTO messages (id, conversation_id, channel, external_id, direction, identity_id, author_name, text, visibility, sent_at, created_at, topics)
			VALUES (1, 1, 'email', 'm1', 'in', 1, 'Kim', 'Abholung', 'private', 1, 1, 'click_collect,delivery')`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	old.Close()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.FindConversations(ctx, resonanz.ConversationFilter{Topic: "click_collect", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Conversations) != 1 || !slices.Equal(page.Conversations[0].Topics, []string{"click_collect", "delivery"}) {
		t.Fatalf("after the migration the filter finds %+v", page.Conversations)
	}
	empty, err := db.FindConversationByID(ctx, 2)
	if err != nil || len(empty.Topics) != 0 {
		t.Fatalf("a conversation without topics reads %v (%v)", empty.Topics, err)
	}
	tl, err := db.Timeline(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := tl.Entries[0].Message.Analysis.Topics; !slices.Equal(got, []string{"click_collect", "delivery"}) {
		t.Fatalf("the message's topics read %v", got)
	}
}
