package document

import (
	"errors"
	"fmt"
)

// Sentinel errors, for errors.Is: a per-document error wraps one of these
// when it is about the input rather than about reading it.
var (
	ErrEmpty    = errors.New("empty document")
	ErrBinary   = errors.New("binary file")
	ErrTooLarge = errors.New("too large")
)

// Error is a per-document error: Origin names the file and, where there is
// one, the line or record ("data.csv:7"), so that its message is one line a
// person can act on ("data.csv:7: field \"text\": want a string, got a
// number").
type Error struct {
	Origin string
	Err    error
}

func (e *Error) Error() string { return e.Origin + ": " + e.Err.Error() }

// Unwrap gives the cause, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// errorf makes an Error at origin.
func errorf(origin, format string, args ...any) error {
	return &Error{Origin: origin, Err: fmt.Errorf(format, args...)}
}

// at wraps err as an Error at origin.
func at(origin string, err error) error {
	return &Error{Origin: origin, Err: err}
}

// lineOrigin is "name:line".
func lineOrigin(name string, line int) string {
	return fmt.Sprintf("%s:%d", name, line)
}
