package admin

// DeadLetterRow is one dead-lettered message, ready to show.
type DeadLetterRow struct {
	EventID string
	Type    string // the event's name, e.g. "order.paid"
	Source  string // the service that sent it
	// OccurredAt and FailedAt are formatted ("12 Mar 2026, 14:05 UTC"),
	// with their machine-readable forms for <time>.
	OccurredAt    string
	OccurredAtISO string
	FailedAt      string
	FailedAtISO   string
	Reason        string
	// Preview is the start of the payload (JSON), shortened; Payload is
	// more of it, for the disclosure.
	Preview string
	Payload string
}

// DeadLetterService is one event-consuming service's dead letters.
type DeadLetterService struct {
	Name  string // the service, e.g. "warehouse"
	Queue string // e.g. "warehouse.events"
	// Error says why the service could not be asked; the other services
	// are shown all the same.
	Error string
	Items []DeadLetterRow
	// Summary counts the messages, e.g. "3 messages" (or "100 shown" when
	// there may be more).
	Summary string
}

// DeadLettersPage is GET /admin/dead-letters.
type DeadLettersPage struct {
	Services []DeadLetterService
}

// ReplayURL is where a service's replay form posts.
func ReplayURL(service string) string { return "/admin/dead-letters/" + service + "/replay" }

func serviceSectionID(name string) string { return "dead-letters-" + name }
