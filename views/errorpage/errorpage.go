// Package errorpage renders the friendly page shown for an HTTP error.
package errorpage

import (
	"net/http"
	"strconv"
)

// heading falls back to the standard status text when no title is given.
func heading(status int, title string) string {
	if title != "" {
		return title
	}
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Something went wrong"
}

func bodyText(status int, msg string) string {
	if msg != "" {
		return msg
	}
	switch {
	case status == http.StatusNotFound:
		return "We couldn't find the page you were looking for. It may have moved or no longer exists."
	case status == http.StatusForbidden:
		return "You don't have access to this page."
	case status >= 500:
		return "Something went wrong on our side. Please try again in a moment."
	}
	return "Something went wrong with this request."
}

func code(status int) string {
	if status <= 0 {
		return "Error"
	}
	return strconv.Itoa(status)
}
