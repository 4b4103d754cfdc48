package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestAttachmentsAndReplyAddress(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		account := &resonanz.ChannelAccount{Kind: "email", Name: "Service", Settings: map[string]string{}}
		if err := db.CreateChannelAccount(ctx, account); err != nil {
			t.Fatal(err)
		}
		m := msg("email", "a1@example.org", "kim@example.org", "Rechnung anbei", 0)
		m.AccountID, m.Visibility, m.ReplyAddress = account.ID, resonanz.Private, "buchhaltung@example.org"
		m.Attachments = []*resonanz.Attachment{
			{Name: "original.eml", Type: "message/rfc822", Size: 2000, Original: true, Path: "attachments/0123/original"},
			{Name: "rechnung.pdf", Type: "application/pdf", Size: 1000, Path: "attachments/0123/1"},
			{Name: "video.mp4", Type: "video/mp4", Size: 50 << 20, Refused: resonanz.AttachmentTooLarge, Limit: 10 << 20},
		}
		res := mustIngest(t, db, m)
		if again := mustIngest(t, db, m); !again[0].Duplicate {
			t.Fatal("the same mail stored twice")
		}

		t.Run("TimelineListsThemOnce", func(t *testing.T) {
			tl, err := db.Timeline(ctx, res[0].ConversationID)
			if err != nil {
				t.Fatal(err)
			}
			got := tl.Entries[0].Message
			if got.ReplyAddress != "buchhaltung@example.org" {
				t.Errorf("reply address %q", got.ReplyAddress)
			}
			if len(got.Attachments) != 3 {
				t.Fatalf("%d attachments, want 3 (the same mail came twice)", len(got.Attachments))
			}
			if a := got.Attachments[0]; !a.Original || a.Path != "attachments/0123/original" {
				t.Errorf("first is %+v, want the original", a)
			}
			if a := got.Attachments[2]; a.Name != "video.mp4" || a.Path != "" || a.Refused != resonanz.AttachmentTooLarge || a.Limit != 10<<20 {
				t.Errorf("refused file %+v", a)
			}
		})
		t.Run("FindAttachmentNamesItsConversation", func(t *testing.T) {
			tl, _ := db.Timeline(ctx, res[0].ConversationID)
			id := tl.Entries[0].Message.Attachments[1].ID
			a, err := db.FindAttachment(ctx, id)
			if err != nil || a.ConversationID != res[0].ConversationID || a.Name != "rechnung.pdf" || a.Size != 1000 {
				t.Fatalf("%+v, %v", a, err)
			}
			if _, err := db.FindAttachment(ctx, id+100); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("unknown id: %v", err)
			}
		})
		t.Run("ReplyGoesToReplyTo", func(t *testing.T) {
			p := &platform{}
			startJobs(t, db, workers{replies: p, backoff: fast})
			item, err := db.Reply(ctx, res[0].ConversationID, mustUser(t, db, "tom", resonanz.RoleAgent), "Danke, erledigt.", false)
			if err != nil {
				t.Fatal(err)
			}
			waitOutbox(t, db, item.ID, resonanz.OutboxSent)
			if d := p.got[0]; d.Recipient != "buchhaltung@example.org" || d.ReplyTo != "a1@example.org" {
				t.Fatalf("reply to %q (answering %q), want the Reply-To address", d.Recipient, d.ReplyTo)
			}
		})
	})
}
