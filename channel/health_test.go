package channel_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/webhook"
)

type told struct{ accounts []string }

func (t *told) ChannelFailing(_ context.Context, a *resonanz.ChannelAccount, h resonanz.ChannelHealth) error {
	t.accounts = append(t.accounts, a.Name+": "+h.LastError)
	return nil
}

// TestHealthTurnsRedOnce: the third failure in a row turns an account red
// and tells the admins, the webhooks and the alert email once; a success
// turns it back.
func TestHealthTurnsRedOnce(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	admin := &resonanz.User{Login: "ada", Name: "Ada", Role: resonanz.RoleAdmin}
	agent := &resonanz.User{Login: "tom", Name: "Tom", Role: resonanz.RoleAgent}
	for _, u := range []*resonanz.User{admin, agent} {
		if err := db.CreateUser(ctx, u, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
	}
	a := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Shop", Settings: map[string]string{}}
	if err := db.CreateChannelAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	spy := &told{}
	news := &newsQueue{}
	h := &channel.Health{Accounts: db, Logger: slog.New(slog.DiscardHandler), Alerters: []channel.Alerter{
		spy, &channel.AdminAlerter{Notifications: db, Users: db},
		&webhook.ChannelNotifier{URLs: []string{"https://hooks.example/x"}, BaseURL: "https://care.example", Queue: news}}}
	for range 4 {
		h.Record(ctx, a, errors.New("the access token was refused"), time.Time{})
	}
	got, err := db.FindChannelAccountByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Health.Failing() || got.Health.Failures != 4 || got.Health.LastError != "the access token was refused" {
		t.Fatalf("health %+v", got.Health)
	}
	if len(spy.accounts) != 1 || len(news.items) != 1 || news.items[0].Event != webhook.EventChannelFailing {
		t.Fatalf("told %v times, news %+v", spy.accounts, news.items)
	}
	for _, u := range []*resonanz.User{admin, agent} {
		list, err := db.FindNotifications(ctx, u.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if u.Role == resonanz.RoleAdmin {
			want = 1
		}
		if len(list) != want || want == 1 && list[0].Kind != resonanz.NotifyChannelFailing {
			t.Fatalf("%s has notifications %+v", u.Login, list)
		}
	}
	h.Record(ctx, a, nil, time.Time{})
	if got, _ := db.FindChannelAccountByID(ctx, a.ID); got.Health.Failing() || got.Health.LastSuccess.IsZero() {
		t.Fatalf("after a success: %+v", got.Health)
	}
}

type newsQueue struct{ items []*resonanz.AlertNews }

func (q *newsQueue) EnqueueNews(_ context.Context, n *resonanz.AlertNews) error {
	q.items = append(q.items, n)
	return nil
}
