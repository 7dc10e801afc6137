// Package userevents holds the events the user service publishes: their
// names (the routing keys) and payloads. Other services import it to
// consume them.
package userevents

import "time"

// UserCreated announces a new account. It carries no email or password
// data: consumers need the person, not the credentials.
type UserCreated struct {
	UserID    string    `json:"user_id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// EventName is the routing key.
func (UserCreated) EventName() string { return "user.created" }

// EventVersion is the payload's schema version.
func (UserCreated) EventVersion() int { return 1 }

// UserDeleted announces that an account was deleted. Services remove or
// anonymise what belongs to the user (their shop, reviews, cart).
type UserDeleted struct {
	UserID    string    `json:"user_id"`
	DeletedAt time.Time `json:"deleted_at"`
}

// EventName is the routing key.
func (UserDeleted) EventName() string { return "user.deleted" }

// EventVersion is the payload's schema version.
func (UserDeleted) EventVersion() int { return 1 }
