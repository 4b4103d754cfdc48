package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestSuggestionBoard(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		res := mustIngest(t, db,
			labelled(resonanz.KindSuggestion, "s1", "@eva", "Bitte eine Abholstation am Bahnhof einrichten", 0),
			labelled(resonanz.KindSuggestion, "s2", "@udo", "Eine Abholstation am Bahnhof wäre super", 1),
			labelled(resonanz.KindSuggestion, "s3", "@ida", "Die App braucht einen dunklen Modus", 2))
		mustCollect(t, db)
		board := func() map[string]*resonanz.Suggestion {
			t.Helper()
			list, err := db.Suggestions(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			byText := map[string]*resonanz.Suggestion{}
			for _, s := range list {
				byText[s.Messages[0].Text[:10]] = s
			}
			return byText
		}
		first, second, other := board()["Bitte eine"], board()["Eine Abhol"], board()["Die App br"]

		t.Run("NewMessagesBecomeNewEntriesHintedBySharedTerms", func(t *testing.T) {
			if first.Status != resonanz.SuggestionNew || first.Topic != "delivery" || first.Customers != 1 {
				t.Errorf("first entry = %+v", first)
			}
			if second.SimilarTo != first.ID {
				t.Errorf("the second station wish is similar to %d, want %d", second.SimilarTo, first.ID)
			}
			if other.SimilarTo != 0 {
				t.Errorf("dark mode is similar to %d, want none", other.SimilarTo)
			}
		})
		t.Run("MergeCountsEveryCustomerOnce", func(t *testing.T) {
			if err := db.MergeSuggestion(ctx, second.ID, first.ID, lea); err != nil {
				t.Fatal(err)
			}
			merged := board()["Bitte eine"]
			if merged.Customers != 2 || len(merged.Messages) != 2 {
				t.Errorf("merged entry has %d customers, %d messages; want 2, 2", merged.Customers, len(merged.Messages))
			}
			if len(board()) != 2 {
				t.Errorf("the board has %d entries after the merge, want 2", len(board()))
			}
		})
		t.Run("ErrNoticeBeforeDone", func(t *testing.T) {
			_, err := db.SendSuggestionNotice(ctx, first.ID, "Erledigt, {name}!", lea)
			if resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrUnknownStatus", func(t *testing.T) {
			if err := db.SetSuggestionStatus(ctx, first.ID, "maybe", lea); resonanz.ErrorField(err) != "status" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("DoneNoticeReachesWhoMayBeContacted", func(t *testing.T) {
			if err := db.SetSuggestionStatus(ctx, first.ID, resonanz.SuggestionDone, lea); err != nil {
				t.Fatal(err)
			}
			if err := db.RecordWish(ctx, res[0].ConversationID, lea, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "keine Werbung"}); err != nil {
				t.Fatal(err)
			}
			p, err := db.PreviewSuggestionNotice(ctx, first.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Recipients) != 1 || len(p.Skipped) != 1 || p.Skipped[0].Decision.Rule != resonanz.DecisionDoNotContact {
				t.Fatalf("preview = %d recipients, skipped %+v", len(p.Recipients), p.Skipped)
			}
			before := outboxCount(t, db)
			n, err := db.SendSuggestionNotice(ctx, first.ID, "Hallo {name}, {suggestion}: erledigt!", lea)
			if err != nil {
				t.Fatal(err)
			}
			if n.Sent != 1 || n.Skipped != 1 || outboxCount(t, db) != before+1 {
				t.Errorf("notice sent %d, skipped %d, outbox grew by %d", n.Sent, n.Skipped, outboxCount(t, db)-before)
			}
			tl, err := db.Timeline(ctx, res[1].ConversationID)
			if err != nil {
				t.Fatal(err)
			}
			last := tl.Entries[len(tl.Entries)-1].Message
			// Udo reads his own words, not those of Eva, whose message is the entry's title.
			if want := "Hallo Name of @udo, Eine Abholstation am Bahnhof wäre super: erledigt!"; last == nil || last.Text != want {
				t.Errorf("the customer got %+v, want %q", last, want)
			}
			if _, err := db.SendSuggestionNotice(ctx, first.ID, "Nochmal", lea); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Errorf("a second notice: err = %v", err)
			}
		})
		t.Run("HistoryRecordsWhatLeadsDid", func(t *testing.T) {
			s, err := db.FindSuggestion(ctx, first.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range s.History {
				got = append(got, e.By+" "+said(e.Kind, e.Params))
			}
			want := "User lea notice sent=1 skipped=1|User lea status from=new to=done|User lea merged asked=1 entry=" + fmt.Sprint(second.ID)
			if strings.Join(got, "|") != want {
				t.Errorf("history = %q\nwant      %q", strings.Join(got, "|"), want)
			}
		})
	})
}

// TestSuggestionsAreComparedWithTheRecentBoard: a new suggestion is hinted as
// similar only among the most recently changed open entries, so that a
// board nobody triages does not make every collection slower.
func TestSuggestionsAreComparedWithTheRecentBoard(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		collected := func(extID, text string, minutes int) *resonanz.Suggestion {
			t.Helper()
			mustIngest(t, db, labelled(resonanz.KindSuggestion, extID, "@"+extID, text, minutes))
			for mustCollect(t, db) > 0 {
			}
			list, err := db.Suggestions(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range list {
				if s.Messages[0].Text == text {
					return s
				}
			}
			t.Fatalf("%q is not on the board", text)
			return nil
		}
		station := collected("station", "Bitte eine Abholstation am Bahnhof einrichten", 0)
		var others []resonanz.IncomingMessage
		for i := range resonanz.SimilarAmong {
			others = append(others, labelled(resonanz.KindSuggestion, fmt.Sprintf("o%d", i), fmt.Sprintf("@o%d", i),
				fmt.Sprintf("Mehr Parkplätze vor Filiale %d", i), 1))
		}
		mustIngest(t, db, others...)
		for mustCollect(t, db) > 0 {
		}

		late := collected("late", "Eine Abholstation am Bahnhof wäre super", 2)
		if late.SimilarTo != 0 {
			t.Errorf("a wish like an entry %d changes behind it is hinted as similar to %d, want none", resonanz.SimilarAmong, late.SimilarTo)
		}
		if err := db.SetSuggestionStatus(ctx, station.ID, resonanz.SuggestionPlanned, lea); err != nil {
			t.Fatal(err)
		}
		again := collected("again", "Abholstation am Bahnhof einrichten, bitte", 3)
		if again.SimilarTo != station.ID {
			t.Errorf("a wish like the entry just planned is hinted as similar to %d, want %d", again.SimilarTo, station.ID)
		}
	})
}
