// Package account renders the sign-up and sign-in pages.
package account

// RegisterForm is what the register page shows again after a failed POST.
// There is deliberately no password field: it is never echoed back.
type RegisterForm struct {
	Name  string
	Email string
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
