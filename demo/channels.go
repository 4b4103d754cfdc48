package demo

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
)

// accounts are the demo's channel accounts: marked demo, they connect
// to nothing and send nothing, so a newcomer sees the settings and health
// pages filled without anything leaving the machine.
var accounts = []resonanz.ChannelAccount{
	{Kind: "mastodon", Name: "Beispiel-Shop auf Mastodon (Demo)", Demo: true,
		Settings: map[string]string{"server": "https://social.example", "hashtags": "beispielshop"}},
	{Kind: "meta", Name: "Beispiel-Shop auf Facebook und Instagram (Demo)", Demo: true,
		Settings: map[string]string{"page_id": "104857600123456"}},
}

// setUpChannels stores the demo accounts, one with a past failure on
// its health page, and gives the demo's Mastodon messages the first account.
func setUpChannels(ctx context.Context, db Store, msgs []resonanz.IncomingMessage) error {
	var mastodonID int64
	for _, a := range accounts {
		a := a
		if err := db.CreateChannelAccount(ctx, &a); err != nil {
			return err
		}
		if a.Kind == "mastodon" && mastodonID == 0 {
			mastodonID = a.ID
		}
	}
	if _, err := db.RecordChannelFailure(ctx, mastodonID, "the server answered 502: Bad Gateway", time.Time{}); err != nil {
		return err
	}
	if err := db.RecordChannelSuccess(ctx, mastodonID); err != nil {
		return err
	}
	for i := range msgs {
		if msgs[i].Channel == "mastodon" {
			msgs[i].AccountID = mastodonID
		}
	}
	return nil
}
