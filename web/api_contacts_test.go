package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestAPIContactsFindAndPage: a program finds people by a part of their
// name or handle and by channel, and pages through all of them newest first
// with the cursor it was given.
func TestAPIContactsFindAndPage(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	reader, err := db.IssueAPIToken(ctx, &resonanz.APIToken{Name: "CRM", Scopes: []string{resonanz.ScopeRead}})
	must(t, err)
	people := []resonanz.IncomingMessage{
		{Channel: "mastodon", ExternalID: "m1", Author: resonanz.Author{Handle: "@kim@example.social", DisplayName: "Kim Berg"}},
		{Channel: "email", ExternalID: "e1", Author: resonanz.Author{Handle: "ola@example.org", DisplayName: "Ola Nordmann"}},
		{Channel: "email", ExternalID: "e2", Author: resonanz.Author{Handle: "k.berg@example.org", DisplayName: "100% Kunde"}},
	}
	var ids []int64
	for i, m := range people {
		m.Text, m.Visibility, m.Time = "Hallo", resonanz.Private, time.Now().Add(time.Duration(i-10)*time.Minute)
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{m})
		must(t, err)
		c, err := db.FindConversationByID(ctx, res[0].ConversationID)
		must(t, err)
		ids = append(ids, c.ContactID)
	}
	list := func(t *testing.T, query string) ([]int64, *string) {
		t.Helper()
		status, body := do(t, "GET", base+"/api/v1/contacts?"+query, reader, "")
		var page struct {
			Contacts []struct {
				ID         int64 `json:"id"`
				Identities []struct {
					Handle string `json:"handle"`
				} `json:"identities"`
			} `json:"contacts"`
			Next *string `json:"next_cursor"`
		}
		if status != 200 || json.Unmarshal(body, &page) != nil {
			t.Fatalf("%s: %d %s", query, status, body)
		}
		var got []int64
		for _, c := range page.Contacts {
			if len(c.Identities) == 0 {
				t.Errorf("%s: contact %d without its handles", query, c.ID)
			}
			got = append(got, c.ID)
		}
		return got, page.Next
	}
	for _, c := range []struct {
		name, query string
		want        []int64
	}{
		{"AllNewestFirst", "", []int64{ids[2], ids[1], ids[0]}},
		{"ByHandle", "q=BERG", []int64{ids[2], ids[0]}},
		{"ByName", "q=nordmann", []int64{ids[1]}},
		{"PercentIsAPercent", "q=" + url.QueryEscape("%"), []int64{ids[2]}},
		{"ByChannel", "channel=email", []int64{ids[2], ids[1]}},
		{"ByHandleAndChannel", "q=berg&channel=mastodon", []int64{ids[0]}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := list(t, c.query); !slices.Equal(got, c.want) {
				t.Errorf("contacts %v, want %v", got, c.want)
			}
		})
	}
	t.Run("PagesWithTheCursor", func(t *testing.T) {
		var seen []int64
		query := "limit=2"
		for pages := 0; query != ""; pages++ {
			if pages > 2 {
				t.Fatal("the pages never end")
			}
			got, next := list(t, query)
			seen = append(seen, got...)
			query = ""
			if next != nil {
				query = "limit=2&cursor=" + url.QueryEscape(*next)
			}
		}
		if want := []int64{ids[2], ids[1], ids[0]}; !slices.Equal(seen, want) {
			t.Errorf("paged through %v, want %v", seen, want)
		}
	})
	t.Run("ErrUnknownChannel", func(t *testing.T) {
		if status, body := do(t, "GET", base+"/api/v1/contacts?channel=fax", reader, ""); status != 400 {
			t.Errorf("channel=fax: %d %s", status, body)
		}
	})
	t.Run("ErrForeignCursor", func(t *testing.T) {
		if status, body := do(t, "GET", base+"/api/v1/contacts?cursor="+strconv.Itoa(int(ids[0])), reader, ""); status != 400 {
			t.Errorf("a cursor made up from an id: %d %s", status, body)
		}
	})
}
