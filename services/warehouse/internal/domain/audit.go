package domain

// AuditRow is one variation's stock beside what the ledger and the
// reservations say it should be.
type AuditRow struct {
	VariationID                string
	Available, Reserved, Sold  int64 // the stock row
	LedgerAvailable            int64 // sums of the movements' deltas
	LedgerReserved, LedgerSold int64
	HeldQuantity, CommittedQty int64 // sums of held and committed reservation lines
}

// Problems lists what does not add up: each count against the ledger, the
// total against the ledger's total, reserved against the held
// reservations and sold against the committed ones.
func (r AuditRow) Problems() []string {
	var out []string
	if r.Available != r.LedgerAvailable {
		out = append(out, "available differs from the ledger")
	}
	if r.Reserved != r.LedgerReserved {
		out = append(out, "reserved differs from the ledger")
	}
	if r.Sold != r.LedgerSold {
		out = append(out, "sold differs from the ledger")
	}
	if r.Available+r.Reserved+r.Sold != r.LedgerAvailable+r.LedgerReserved+r.LedgerSold {
		out = append(out, "total differs from the ledger")
	}
	if r.Reserved != r.HeldQuantity {
		out = append(out, "reserved differs from the held reservations")
	}
	if r.Sold != r.CommittedQty {
		out = append(out, "sold differs from the committed reservations")
	}
	return out
}
