package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/throttle"
)

// Login guessing is slowed per account and per client address: an account
// may fail five times, an address (maybe an office behind one router)
// twenty; then each further try waits, from a second doubling to a quarter
// of an hour. Waits end and quiet keys are forgotten after an hour, so even
// an attacked admin gets in again.
var (
	accountLimit = throttle.Policy{Free: 5, First: time.Second, Max: 15 * time.Minute, Forget: time.Hour}
	addressLimit = throttle.Policy{Free: 20, First: time.Second, Max: 15 * time.Minute, Forget: time.Hour}
)

// maxLoginKey bounds the part of a typed login that is remembered; no login is longer.
const maxLoginKey = 200

// loginLimits counts failed logins per account and per client address.
type loginLimits struct {
	accounts, addresses *throttle.Limiter
}

func newLoginLimits() loginLimits {
	return loginLimits{accounts: throttle.New(accountLimit), addresses: throttle.New(addressLimit)}
}

// loginKey is the account a typed login names, as Authenticate reads it.
func loginKey(login string) string {
	login = strings.ToLower(strings.TrimSpace(login))
	if len(login) > maxLoginKey {
		login = login[:maxLoginKey]
	}
	return login
}

// try reserves a login try for the account and the address; it returns how
// long the client must wait first (0: check the password now).
func (l loginLimits) try(account, address string, now time.Time) time.Duration {
	if wait := l.accounts.Try(account, now); wait > 0 {
		return wait
	}
	if wait := l.addresses.Try(address, now); wait > 0 {
		l.accounts.Succeeded(account, false)
		return wait
	}
	return 0
}

// succeeded ends the account's burst; the address keeps its other failures.
func (l loginLimits) succeeded(account, address string) {
	l.accounts.Succeeded(account, true)
	l.addresses.Succeeded(address, false)
}

// undo takes a try back that could not be checked (an internal error).
func (l loginLimits) undo(account, address string) {
	l.accounts.Succeeded(account, false)
	l.addresses.Succeeded(address, false)
}

// alarmAdmins tells every admin, once per burst, that logins of an account
// or from an address are being slowed down. A failure to tell is logged:
// the login answer does not depend on it.
func (s *Server) alarmAdmins(r *http.Request, account, address string, now time.Time) {
	var notes []*resonanz.Notification
	if s.logins.accounts.Alarm(account, now) {
		notes = append(notes, &resonanz.Notification{Kind: resonanz.NotifyLoginAccountThrottled, Params: resonanz.Params{"login": account}})
	}
	if s.logins.addresses.Alarm(address, now) {
		notes = append(notes, &resonanz.Notification{Kind: resonanz.NotifyLoginAddressThrottled, Params: resonanz.Params{"address": address}})
	}
	if len(notes) == 0 {
		return
	}
	s.Logger.Warn("login guessing slowed down", "account", account, "address", address)
	users, err := s.Users.FindUsers(r.Context())
	if err != nil {
		s.Logger.Error("alarm admins", "err", err)
		return
	}
	for _, u := range users {
		if u.Role != resonanz.RoleAdmin || u.Disabled {
			continue
		}
		for _, n := range notes {
			note := *n
			note.UserID, note.CreatedAt = u.ID, now
			if err := s.Notifications.Notify(r.Context(), &note); err != nil {
				s.Logger.Error("alarm admins", "err", err)
			}
		}
	}
}

// retryAfter writes a wait as whole seconds, rounded up, for the Retry-After header.
func retryAfter(wait time.Duration) string {
	return strconv.Itoa(int(math.Ceil(wait.Seconds())))
}

// waitText writes a wait for people: seconds up to two minutes, else minutes.
func waitText(wait time.Duration) string {
	if wait <= 2*time.Minute {
		return retryAfter(wait) + " s"
	}
	return strconv.Itoa(int(math.Ceil(wait.Minutes()))) + " min"
}
