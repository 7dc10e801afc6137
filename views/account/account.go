// Package account renders the sign-up and sign-in pages.
package account

import "net/url"

// RegisterForm is what the register page shows again after a failed POST.
// There is deliberately no password field: it is never echoed back.
type RegisterForm struct {
	Name  string
	Email string
	// Next is where to go after signing up (a path on this site).
	Next string
	// Errors maps a field name ("name", "email", "password") to its message.
	Errors map[string]string
	// Error is a problem with the whole form, shown in an alert box.
	Error string
}

// LoginForm is what the login page shows; Next is where to go after signing in.
type LoginForm struct {
	Email string
	Next  string
	// Errors maps a field name ("email", "password") to its message.
	Errors map[string]string
	// Error is a problem with the whole form (e.g. wrong email or password).
	Error string
}

// withNext is a sign-in or sign-up page that continues to next.
func withNext(page, next string) string {
	if next == "" {
		return page
	}
	return page + "?next=" + url.QueryEscape(next)
}

// toCheckout reports whether the visitor signs in on the way to the
// checkout: the page says that their cart is kept.
func toCheckout(next string) bool { return next == "/checkout" }

// PasswordMinLength is the shortest password the register form accepts in the
// browser; the user service enforces its own rule either way.
const PasswordMinLength = 8

// SettingsView is the account page, GET /account: three forms, each with
// its own problems after a failed POST.
type SettingsView struct {
	Email    string
	Profile  ProfileForm
	Password FormState
	Delete   FormState
}

// ProfileForm is the change-your-name form.
type ProfileForm struct {
	Name   string
	Errors map[string]string // "name"
	Error  string
}

// FormState is the problems of a form that echoes nothing back (the
// password forms).
type FormState struct {
	Errors map[string]string
	Error  string
}
