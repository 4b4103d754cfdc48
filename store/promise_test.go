package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// mustPromise records a promise due in hours after t0, owned by owner.
func mustPromise(t *testing.T, db *store.DB, conversationID int64, owner *resonanz.User, text string, hours int) *resonanz.Promise {
	t.Helper()
	p := &resonanz.Promise{ConversationID: conversationID, Text: text, DueAt: t0.Add(time.Duration(hours) * time.Hour), OwnerID: owner.ID}
	if err := db.AddPromise(context.Background(), p, owner); err != nil {
		t.Fatal(err)
	}
	return p
}

func onePromise(t *testing.T, db *store.DB, id int64) *resonanz.Promise {
	t.Helper()
	list, err := db.FindPromises(context.Background(), resonanz.PromiseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("promise %d not found", id)
	return nil
}

func auditText(t *testing.T, db *store.DB, conversationID int64) string {
	t.Helper()
	tl, err := db.Timeline(context.Background(), conversationID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range tl.Audit {
		lines = append(lines, e.UserName+" "+said(e.Kind, e.Params))
	}
	return strings.Join(lines, "\n")
}

func TestPromiseLifecycle(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return t0 }
		tom := mustUser(t, db, "tom", resonanz.RoleAgent)
		eva := mustUser(t, db, "eva", resonanz.RoleAgent)
		conv := mustIngest(t, db, msg("email", "e1", "anna@example.org", "Wo bleibt meine Gutschrift?", 0))[0].ConversationID

		t.Run("ErrTextRequired", func(t *testing.T) {
			err := db.AddPromise(ctx, &resonanz.Promise{ConversationID: conv, Text: "  ", DueAt: t0, OwnerID: tom.ID}, tom)
			if resonanz.ErrorField(err) != "text" {
				t.Fatalf("empty promise: %v", err)
			}
		})
		t.Run("ErrDueRequired", func(t *testing.T) {
			err := db.AddPromise(ctx, &resonanz.Promise{ConversationID: conv, Text: "Rückruf", OwnerID: tom.ID}, tom)
			if resonanz.ErrorField(err) != "due" {
				t.Fatalf("promise without due time: %v", err)
			}
		})
		t.Run("Kept", func(t *testing.T) {
			p := mustPromise(t, db, conv, tom, "Gutschrift bis Freitag", 48)
			if got := onePromise(t, db, p.ID); got.State != resonanz.PromiseOpen || got.OwnerName != "User tom" || got.CustomerName != "Name of anna@example.org" {
				t.Fatalf("new promise %+v", got)
			}
			if err := db.KeepPromise(ctx, p.ID, tom); err != nil {
				t.Fatal(err)
			}
			if got := onePromise(t, db, p.ID); got.State != resonanz.PromiseKept || got.ClosedAt.IsZero() {
				t.Fatalf("kept promise %+v", got)
			}
			if err := db.KeepPromise(ctx, p.ID, tom); resonanz.ErrorCode(err) != resonanz.ECONFLICT {
				t.Fatalf("keeping twice: %v", err)
			}
		})
		t.Run("BrokenNeedsReason", func(t *testing.T) {
			p := mustPromise(t, db, conv, tom, "Rückruf morgen 10 Uhr", 24)
			if err := db.BreakPromise(ctx, p.ID, tom, " "); resonanz.ErrorField(err) != "reason" {
				t.Fatalf("break without reason: %v", err)
			}
			if got := onePromise(t, db, p.ID); got.State != resonanz.PromiseOpen {
				t.Fatalf("a refused break changed the promise: %+v", got)
			}
			if err := db.BreakPromise(ctx, p.ID, tom, "Kundin nicht erreicht"); err != nil {
				t.Fatal(err)
			}
			if got := onePromise(t, db, p.ID); got.State != resonanz.PromiseBroken || got.Reason != "Kundin nicht erreicht" {
				t.Fatalf("broken promise %+v", got)
			}
		})
		t.Run("HandedOverStaysOpen", func(t *testing.T) {
			p := mustPromise(t, db, conv, tom, "Ersatzteil bestellen", 72)
			if err := db.HandOverPromise(ctx, p.ID, tom, eva.ID, ""); resonanz.ErrorField(err) != "note" {
				t.Fatalf("hand-over without note: %v", err)
			}
			if err := db.HandOverPromise(ctx, p.ID, tom, tom.ID, "an mich"); resonanz.ErrorField(err) != "to" {
				t.Fatalf("hand-over to the owner: %v", err)
			}
			if err := db.HandOverPromise(ctx, p.ID, tom, eva.ID, "Ich bin ab morgen im Urlaub"); err != nil {
				t.Fatal(err)
			}
			got := onePromise(t, db, p.ID)
			if got.State != resonanz.PromiseOpen || got.OwnerID != eva.ID {
				t.Fatalf("handed-over promise %+v", got)
			}
			notes, err := db.FindNotifications(ctx, eva.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(notes) != 1 || notes[0].Kind != "promise.handover" || !strings.Contains(notes[0].Params["note"], "Urlaub") {
				t.Fatalf("new owner's notifications %+v", notes)
			}
		})
		t.Run("Audited", func(t *testing.T) {
			trail := auditText(t, db, conv)
			for _, want := range []string{"promise.added due=", "owner=User tom text=Gutschrift bis Freitag", "promise.kept reason= text=Gutschrift",
				"promise.broken reason=Kundin nicht erreicht text=Rückruf morgen 10 Uhr",
				"promise.handover from=User tom note=Ich bin ab morgen im Urlaub text=Ersatzteil bestellen to=User eva"} {
				if !strings.Contains(trail, want) {
					t.Errorf("audit trail lacks %q:\n%s", want, trail)
				}
			}
		})
	})
}

func TestPromiseStaysOpenWhenConversationCloses(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		tom := mustUser(t, db, "tom", resonanz.RoleAgent)
		conv := mustIngest(t, db, msg("email", "e1", "anna@example.org", "Bitte um Rückruf", 0))[0].ConversationID
		p := mustPromise(t, db, conv, tom, "Rückruf morgen 10 Uhr", 24)
		closed := resonanz.StatusClosed
		if err := db.UpdateConversation(ctx, conv, tom, resonanz.ConversationUpdate{Status: &closed}); err != nil {
			t.Fatal(err)
		}
		open, err := db.FindPromises(ctx, resonanz.PromiseFilter{State: resonanz.PromiseOpen, OwnerID: tom.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 1 || open[0].ID != p.ID || open[0].ConversationStatus != resonanz.StatusClosed {
			t.Fatalf("open promises of the owner after closing: %+v", open)
		}
	})
}

func TestFindLeads(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		admin := mustUser(t, db, "admin", resonanz.RoleAdmin)
		names := func(teamID int64) string {
			t.Helper()
			users, err := db.FindLeads(ctx, teamID)
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, u := range users {
				s = append(s, u.Login)
			}
			return strings.Join(s, ",")
		}
		if got := names(0); got != admin.Login {
			t.Fatalf("without leads the escalation goes to %q, want the admin", got)
		}
		lea := mustUser(t, db, "lea", resonanz.RoleLead)
		mustUser(t, db, "leo", resonanz.RoleLead)
		versand, _ := db.CreateTeam(ctx, "Versand")
		empty, _ := db.CreateTeam(ctx, "Leer")
		if err := db.AddTeamMember(ctx, versand.ID, lea.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(versand.ID); got != "lea" {
			t.Fatalf("leads of the team: %q", got)
		}
		if got := names(empty.ID); got != "lea,leo" {
			t.Fatalf("a team without lead escalates to %q, want all leads", got)
		}
	})
}
