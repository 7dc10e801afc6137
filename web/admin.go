package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/views/admin"
)

// stockAudit is GET /admin/stock-audit: the warehouse's check of every
// variation's stock against its ledger and reservations (admins only; the
// warehouse checks again). Mismatches are named from the catalogue when it
// still knows them.
func (w *Web) stockAudit(c echo.Context) error {
	ctx := c.Request().Context()
	rep, err := w.cfg.Clients.Warehouse.Audit(ctx)
	if err != nil {
		return err
	}
	names := map[string]productclient.VariationInfo{}
	if len(rep.Items) > 0 {
		ids := make([]string, 0, min(len(rep.Items), maxVariationLookup))
		for i, m := range rep.Items {
			if i == maxVariationLookup {
				break
			}
			ids = append(ids, m.VariationID)
		}
		if names, err = w.cfg.Clients.Product.Variations(ctx, ids); err != nil {
			w.log.Warn("name the variations of the stock audit", "err", err)
			names = map[string]productclient.VariationInfo{}
		}
	}
	v := admin.AuditView{Checked: formatCount(rep.Checked)}
	for _, m := range rep.Items {
		r := admin.AuditRow{
			VariationID: m.VariationID,
			Available:   formatCount(m.Available) + " / " + formatCount(m.LedgerAvailable),
			Reserved:    formatCount(m.Reserved) + " / " + formatCount(m.LedgerReserved) + " (held " + formatCount(m.HeldQuantity) + ")",
			Sold:        formatCount(m.Sold) + " / " + formatCount(m.LedgerSold) + " (committed " + formatCount(m.CommittedQty) + ")",
		}
		for _, p := range m.Problems {
			r.Problems = append(r.Problems, sentence(p))
		}
		if info, ok := names[m.VariationID]; ok {
			r.Product, r.SKU, r.ProductURL = info.ProductName, info.SKU, productURL(info.ProductID)
			if info.Name != "" {
				r.Product += ", " + info.Name
			}
		}
		v.Rows = append(v.Rows, r)
	}
	return w.render(c, http.StatusOK, admin.StockAudit(w.page(c, "Stock audit"), v))
}

// maxVariationLookup is the most variations the product service names in
// one call.
const maxVariationLookup = 200
