package channel

import (
	"context"

	"github.com/resonanz/resonanz"
)

// AdminAlerter tells every admin in their notifications that an account is
// failing; the notification carries the account's name and the reason, and
// the UI words it in the reader's language.
type AdminAlerter struct {
	Notifications resonanz.NotificationService
	Users         interface {
		FindUsers(ctx context.Context) ([]*resonanz.User, error)
	}
}

// ChannelFailing notifies the admins.
func (n *AdminAlerter) ChannelFailing(ctx context.Context, a *resonanz.ChannelAccount, h resonanz.ChannelHealth) error {
	users, err := n.Users.FindUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.Role != resonanz.RoleAdmin || u.Disabled {
			continue
		}
		if err := n.Notifications.Notify(ctx, &resonanz.Notification{UserID: u.ID, Kind: resonanz.NotifyChannelFailing,
			Params: resonanz.Params{"account": a.Name, "error": h.LastError}}); err != nil {
			return err
		}
	}
	return nil
}
