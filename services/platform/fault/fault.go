// Package fault defines the few error categories every service shares.
//
// Domain and application code wrap their errors around one of these
// categories; the HTTP layer maps each category to one status code exactly
// once (see httpserver), and typed clients map the status back, so a caller
// of a remote service can test errors.Is(err, fault.NotFound) just as it would
// for a local call.
package fault

import (
	"errors"
	"fmt"
)

// Category is a coarse class of failure that decides the HTTP status.
type Category string

// The categories. Their string values travel in error bodies as "code".
const (
	CategoryInvalid         Category = "invalid_input"
	CategoryNotFound        Category = "not_found"
	CategoryConflict        Category = "conflict"
	CategoryForbidden       Category = "forbidden"
	CategoryUnauthenticated Category = "unauthenticated"
	CategoryTooLarge        Category = "too_large"
	CategoryTooMany         Category = "too_many_requests"
	CategoryUnavailable     Category = "unavailable"
	CategoryInternal        Category = "internal"
)

// Sentinels to test against with errors.Is.
var (
	Invalid         = &Error{Category: CategoryInvalid, Message: "invalid input"}
	NotFound        = &Error{Category: CategoryNotFound, Message: "not found"}
	Conflict        = &Error{Category: CategoryConflict, Message: "conflict"}
	Forbidden       = &Error{Category: CategoryForbidden, Message: "forbidden"}
	Unauthenticated = &Error{Category: CategoryUnauthenticated, Message: "authentication required"}
	TooLarge        = &Error{Category: CategoryTooLarge, Message: "request too large"}
	TooMany         = &Error{Category: CategoryTooMany, Message: "too many requests"}
	Unavailable     = &Error{Category: CategoryUnavailable, Message: "service unavailable"}
)

// Error is an error of a category with a message that is safe to show to the
// caller. Fields optionally names the offending input fields and what is
// wrong with each, so a form can mark them.
type Error struct {
	Category Category
	Message  string
	Fields   map[string]string
	cause    error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return e.Message + ": " + e.cause.Error()
	}
	return e.Message
}

// Unwrap exposes the internal cause (never shown to callers).
func (e *Error) Unwrap() error { return e.cause }

// Is makes errors.Is(err, fault.NotFound) true for every error of that
// category, whatever its message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Category == e.Category
}

func newf(c Category, format string, args ...any) *Error {
	return &Error{Category: c, Message: fmt.Sprintf(format, args...)}
}

// Invalidf reports bad input with a message for the caller.
func Invalidf(format string, args ...any) *Error { return newf(CategoryInvalid, format, args...) }

// NotFoundf reports a missing resource.
func NotFoundf(format string, args ...any) *Error { return newf(CategoryNotFound, format, args...) }

// Conflictf reports a state conflict (duplicate, wrong state).
func Conflictf(format string, args ...any) *Error { return newf(CategoryConflict, format, args...) }

// Forbiddenf reports an authenticated caller that may not do this.
func Forbiddenf(format string, args ...any) *Error { return newf(CategoryForbidden, format, args...) }

// Unauthenticatedf reports a missing or bad identity.
func Unauthenticatedf(format string, args ...any) *Error {
	return newf(CategoryUnauthenticated, format, args...)
}

// TooManyf reports throttling.
func TooManyf(format string, args ...any) *Error { return newf(CategoryTooMany, format, args...) }

// Unavailablef reports a dependency that cannot be reached right now.
func Unavailablef(format string, args ...any) *Error {
	return newf(CategoryUnavailable, format, args...)
}

// Fields builds an invalid-input error naming each bad field. The message
// lists the problems so that even a caller that ignores Fields sees them.
func Fields(fields map[string]string) *Error {
	msg := "invalid input"
	if len(fields) == 1 {
		for _, v := range fields {
			msg = v
		}
	}
	return &Error{Category: CategoryInvalid, Message: msg, Fields: fields}
}

// WithCause keeps err as the internal cause of e (logged, never sent).
func (e *Error) WithCause(err error) *Error {
	c := *e
	c.cause = err
	return &c
}

// As returns the categorized error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// CategoryOf returns err's category; uncategorized errors are internal.
func CategoryOf(err error) Category {
	if e, ok := As(err); ok {
		return e.Category
	}
	return CategoryInternal
}

// statuses ties each category to its one HTTP status.
var statuses = map[Category]int{
	CategoryInvalid:         422,
	CategoryNotFound:        404,
	CategoryConflict:        409,
	CategoryForbidden:       403,
	CategoryUnauthenticated: 401,
	CategoryTooLarge:        413,
	CategoryTooMany:         429,
	CategoryUnavailable:     503,
	CategoryInternal:        500,
}

// Status returns the HTTP status of a category.
func Status(c Category) int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return 500
}

// FromStatus rebuilds a categorized error from an HTTP error response: the
// code in the body when it is known, else the status.
func FromStatus(status int, code, message string, fields map[string]string) *Error {
	c := Category(code)
	if _, known := statuses[c]; !known {
		c = CategoryInternal
		for cat, s := range statuses {
			if s == status {
				c = cat
				break
			}
		}
		if status == 400 {
			c = CategoryInvalid
		}
	}
	if message == "" {
		message = string(c)
	}
	return &Error{Category: c, Message: message, Fields: fields}
}
