package resonanz

import (
	"errors"
	"fmt"
)

// Application error codes. They are mapped to HTTP status codes in one place (web).
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EFORBIDDEN    = "forbidden"
	EUNAUTHORIZED = "unauthorized"
)

// Error is an application error: a code, a message safe to show to users, and
// optionally the input field it is about.
type Error struct {
	Code    string
	Message string // in English, for the API, the command line and logs
	Field   string
	// Key names the message in the UI's catalogue and Args fill in its
	// blanks, so that each reader gets it in their language; without a Key
	// the UI shows Message.
	Key  string
	Args []any
}

// Error implements the error interface. Only the message is meant for users.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("resonanz error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("resonanz error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an application error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Args: args}
}

// FieldError returns an EINVALID error about one input field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...), Args: args}
}

// Keyed names the error's message in the UI's catalogue; the catalogue's
// English text is the format the error was made with.
func (e *Error) Keyed(key string) *Error {
	e.Key = key
	return e
}

// ErrorCode returns the code of an application error, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of an application error, and a
// generic text for any other error so that internals never leak.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorField returns the input field an application error is about, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
