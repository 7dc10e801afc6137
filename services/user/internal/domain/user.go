// Package domain holds the user service's entities and their rules:
// accounts with a role and a password hash, and sign-in sessions. It does
// no I/O; hashing and storage live in the layers around it.
package domain

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Limits on what a person may enter.
const (
	MaxNameRunes     = 100
	MaxEmailBytes    = 254 // RFC 5321's limit on a forward path, minus the angle brackets
	MinPasswordRunes = 8
	MaxPasswordRunes = 128
	MaxPasswordBytes = 512 // bounds the work of hashing whatever characters are used
)

// Errors the store reports in the domain's terms.
var (
	// ErrEmailTaken says another account already uses the email address.
	ErrEmailTaken = &fault.Error{
		Category: fault.CategoryConflict,
		Message:  "an account with this email already exists",
		Fields:   map[string]string{"email": "an account with this email already exists"},
	}
	// ErrUserNotFound says there is no account with that id or email.
	ErrUserNotFound = fault.NotFoundf("no such user")
)

// Signup is validated input for a new account. Only NewSignup makes one,
// so holding a Signup means the rules were checked.
type Signup struct {
	name, email, password string
	role                  actor.Role
}

// NewSignup checks the input for a new account and reports every problem
// at once, as a fault.Fields error keyed by name, email, password and role.
func NewSignup(name, email, password string, role actor.Role) (Signup, error) {
	problems := map[string]string{}
	name, msg := checkName(name)
	if msg != "" {
		problems["name"] = msg
	}
	email, msg = NormalizeEmail(email)
	if msg != "" {
		problems["email"] = msg
	}
	if msg := checkPassword(password, email); msg != "" {
		problems["password"] = msg
	}
	if !role.Valid() {
		problems["role"] = fmt.Sprintf("the role must be %s, %s or %s", actor.Shopper, actor.Seller, actor.Admin)
	}
	if len(problems) > 0 {
		return Signup{}, fault.Fields(problems)
	}
	return Signup{name: name, email: email, password: password, role: role}, nil
}

// Name is the trimmed display name.
func (s Signup) Name() string { return s.name }

// Email is the normalized (trimmed, lower-cased) address.
func (s Signup) Email() string { return s.email }

// Password is the password as entered, to be hashed.
func (s Signup) Password() string { return s.password }

// Role is the role the account gets.
func (s Signup) Role() actor.Role { return s.role }

func checkName(raw string) (string, string) {
	name := strings.TrimSpace(raw)
	switch {
	case name == "":
		return name, "enter your name"
	case !utf8.ValidString(name):
		return name, "the name contains characters that are not valid text"
	case utf8.RuneCountInString(name) > MaxNameRunes:
		return name, fmt.Sprintf("the name must be at most %d characters", MaxNameRunes)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return name, "the name must not contain control characters such as line breaks or tabs"
	}
	return name, ""
}

// NormalizeEmail trims and lower-cases an email address and checks that it
// is one bare address. It returns the normalized address and, when the
// address is not acceptable, a message saying why.
func NormalizeEmail(raw string) (string, string) {
	email := strings.ToLower(strings.TrimSpace(raw))
	if email == "" {
		return email, "enter your email address"
	}
	if len(email) > MaxEmailBytes {
		return email, fmt.Sprintf("the email address must be at most %d characters", MaxEmailBytes)
	}
	addr, err := mail.ParseAddress(email)
	if err != nil {
		return email, "enter a valid email address, like name@example.com"
	}
	if addr.Name != "" || addr.Address != email {
		// "Ann <ann@example.com>", "<ann@example.com>", a comment, quoting:
		// all parse, but only the plain address is stored and logged in with.
		return email, "enter the email address only, like name@example.com"
	}
	return email, ""
}

func checkPassword(password, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordRunes:
		return fmt.Sprintf("the password must be at least %d characters", MinPasswordRunes)
	case n > MaxPasswordRunes || len(password) > MaxPasswordBytes:
		return fmt.Sprintf("the password must be at most %d characters", MaxPasswordRunes)
	case email != "" && strings.EqualFold(strings.TrimSpace(password), email):
		return "the password must not be your email address"
	}
	return ""
}

// User is an account.
type User struct {
	id           string
	name         string
	email        string
	passwordHash string
	role         actor.Role
	createdAt    time.Time
	updatedAt    time.Time
}

// NewUser makes the account of a validated signup; passwordHash is the
// signup's password, hashed by the caller.
func NewUser(id string, s Signup, passwordHash string, now time.Time) (*User, error) {
	switch {
	case id == "":
		return nil, errors.New("new user: empty id")
	case s.email == "":
		return nil, errors.New("new user: signup was not validated")
	case passwordHash == "":
		return nil, errors.New("new user: empty password hash")
	}
	now = now.UTC()
	return &User{
		id: id, name: s.name, email: s.email, passwordHash: passwordHash, role: s.role,
		createdAt: now, updatedAt: now,
	}, nil
}

// RebuildUser restores a stored account, without re-checking the rules
// that applied when it was made.
func RebuildUser(id, name, email, passwordHash string, role actor.Role, createdAt, updatedAt time.Time) *User {
	return &User{
		id: id, name: name, email: email, passwordHash: passwordHash, role: role,
		createdAt: createdAt.UTC(), updatedAt: updatedAt.UTC(),
	}
}

// ID is the account's UUIDv7.
func (u *User) ID() string { return u.id }

// Name is the display name.
func (u *User) Name() string { return u.name }

// Email is the normalized email address.
func (u *User) Email() string { return u.email }

// PasswordHash is the encoded argon2id hash of the password.
func (u *User) PasswordHash() string { return u.passwordHash }

// Role is what the user may do.
func (u *User) Role() actor.Role { return u.role }

// CreatedAt is when the account was made.
func (u *User) CreatedAt() time.Time { return u.createdAt }

// UpdatedAt is when the account last changed.
func (u *User) UpdatedAt() time.Time { return u.updatedAt }

// Rename changes the display name under the rules of registration; a bad
// name is a fault.Fields error on "name".
func (u *User) Rename(raw string, now time.Time) error {
	name, msg := checkName(raw)
	if msg != "" {
		return fault.Fields(map[string]string{"name": msg})
	}
	if name != u.name {
		u.name, u.updatedAt = name, now.UTC()
	}
	return nil
}

// SetPasswordHash replaces the password hash; the new password was checked
// with CheckNewPassword and hashed by the caller.
func (u *User) SetPasswordHash(hash string, now time.Time) {
	u.passwordHash, u.updatedAt = hash, now.UTC()
}

// SyncShopRole sets the role that owning (or not owning) an open shop
// gives: seller with a shop, shopper without. Admins stay admins. It
// reports whether the role changed.
func (u *User) SyncShopRole(ownsOpenShop bool, now time.Time) bool {
	if u.role == actor.Admin {
		return false
	}
	role := actor.Shopper
	if ownsOpenShop {
		role = actor.Seller
	}
	if role == u.role {
		return false
	}
	u.role, u.updatedAt = role, now.UTC()
	return true
}

// CheckNewPassword applies the password rules of registration to a new
// password of the account with email; it returns what is wrong, or "".
func CheckNewPassword(password, email string) string {
	return checkPassword(password, email)
}

// CanSee reports whether a may see the account with id userID: the user
// themself or an admin. It needs no loaded account, so a refusal reveals
// nothing about whether the account exists.
func CanSee(a actor.Actor, userID string) bool {
	return !a.Anonymous() && (a.UserID == userID || a.IsAdmin())
}

// CanEdit reports whether a may change the account with id userID (its
// name, its password): only the user themself.
func CanEdit(a actor.Actor, userID string) bool {
	return !a.Anonymous() && a.UserID == userID
}

// CanDelete reports whether a may delete the account with id userID, and
// whether the account's password must confirm it: the user themself
// always confirms with their password (an admin deleting their own
// account too, so a stolen session alone cannot delete it); an admin
// deleting someone else's account does not.
func CanDelete(a actor.Actor, userID string) (ok, needsPassword bool) {
	switch {
	case a.Anonymous():
		return false, false
	case a.UserID == userID:
		return true, true
	case a.IsAdmin():
		return true, false
	}
	return false, false
}
