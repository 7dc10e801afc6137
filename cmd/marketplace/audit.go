package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/warehouse"
)

// errAuditFailed makes the command exit non-zero when stock does not add up.
var errAuditFailed = errors.New("the stock audit found mismatches")

// stockAudit checks that every variation's available, reserved and sold
// stock matches its movement ledger and its reservations.
func stockAudit(ctx context.Context, args []string, out io.Writer) error {
	cfg := config.New("marketplace stock-audit")
	common := commonFlags(cfg)
	if err := parse(cfg, args, out); err != nil {
		return err
	}
	for _, s := range services {
		if s.name != "warehouse" {
			continue
		}
		return withService(ctx, *common.data, s, func(svc host.Service) error {
			mismatches, checked, err := svc.(*warehouse.Service).Audit(ctx)
			if err != nil {
				return err
			}
			for _, m := range mismatches {
				fmt.Fprintf(out, "%s: available %d, reserved %d, sold %d: %s\n",
					m.VariationID, m.Available, m.Reserved, m.Sold, strings.Join(m.Problems, "; "))
			}
			if len(mismatches) > 0 {
				return fmt.Errorf("%w: %d of %d variations", errAuditFailed, len(mismatches), checked)
			}
			fmt.Fprintf(out, "all stock adds up: %d variations checked\n", checked)
			return nil
		})
	}
	return nil
}
