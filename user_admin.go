package resonanz

import "context"

// UserChange is what an admin changes of a user; nil fields stay.
type UserChange struct {
	Name     *string
	Role     *string
	Disabled *bool
	TeamIDs  *[]int64 // every team the user belongs to
}

// UserAdminService is user management for admins. Passwords it hands out
// work once: the user chooses their own at the next login.
type UserAdminService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// InviteUser adds a user with a one-time password, which it returns.
	InviteUser(ctx context.Context, u *User, teamIDs []int64) (password string, err error)
	// ChangeUser changes name, role, teams or whether the user is disabled;
	// ECONFLICT where that would leave no enabled admin. Disabling ends
	// the user's sessions.
	ChangeUser(ctx context.Context, id int64, c UserChange) error
	// ResetPassword gives a user a new one-time password and ends their sessions.
	ResetPassword(ctx context.Context, id int64) (password string, err error)
	// ChangeOwnPassword replaces a user's password after checking the
	// current one; the new one is theirs (not one-time).
	ChangeOwnPassword(ctx context.Context, id int64, current, password string) error
}
