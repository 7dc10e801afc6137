package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/seller"
)

var (
	productFields   = map[string]string{"name": "name", "description": "description", "category_id": "category_id", "category": "category_id"}
	variationFields = map[string]string{"sku": "sku", "name": "name", "price": "price"}
	stockFields     = map[string]string{"quantity": "quantity", "reason": "reason", "mode": "mode"}
)

const sellerPerPage = 24

// ---------- Product table ----------

func (w *Web) sellerProducts(c echo.Context) error {
	s := shopOf(c)
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	res, err := w.cfg.Clients.Product.List(ctx, productclient.ListQuery{ShopID: s.ID, Page: page, PerPage: sellerPerPage})
	if err != nil {
		return err
	}
	stock, _ := w.availableByProduct(ctx, res.Items)
	v := seller.ProductsPage{Shell: shell(s, seller.TabProducts)}
	if res.Total > 0 {
		v.Summary = components.Plural(res.Total, "product", "products")
	}
	for _, p := range res.Items {
		row := seller.ProductRow{
			ID: p.ID, Name: p.Name, EditURL: seller.ProductURL(p.ID), PublicURL: productURL(p.ID),
			Variations: strconv.Itoa(p.Variations), Draft: p.Variations == 0,
			Rating: components.Rating{Average: p.Rating.Average, Count: p.Rating.Count},
		}
		if p.Image != nil {
			row.ThumbURL = p.Image.ThumbURL
		}
		if p.Variations > 0 && p.PriceFrom.Amount > 0 {
			row.PriceFrom = formatMoney(p.PriceFrom.Amount, p.PriceFrom.Currency)
		}
		if n, ok := stock[p.ID]; ok {
			row.Available = formatCount(n)
		} else {
			row.Available = "—"
		}
		v.Rows = append(v.Rows, row)
	}
	v.Pages = pageLinks(page, sellerPerPage, res.Total, func(n int) string { return "/seller/products?page=" + strconv.Itoa(n) })
	return w.render(c, http.StatusOK, seller.Products(w.page(c, "Products"), v))
}

// categoryTree orders the categories depth first, each parent followed by
// its subcategories, for the category select.
func categoryTree(cats []productclient.Category) []seller.CategoryOption {
	children := map[string][]productclient.Category{}
	known := map[string]bool{}
	for _, c := range cats {
		known[c.ID] = true
	}
	for _, c := range cats {
		parent := c.ParentID
		if !known[parent] {
			parent = "" // an orphan is shown at the top level rather than lost
		}
		children[parent] = append(children[parent], c)
	}
	out := make([]seller.CategoryOption, 0, len(cats))
	seen := map[string]bool{}
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, c := range children[parent] {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			out = append(out, seller.CategoryOption{ID: c.ID, Name: c.Name, Depth: depth})
			walk(c.ID, depth+1)
		}
	}
	walk("", 0)
	return out
}

// ---------- New product ----------

func (w *Web) newProductForm(c echo.Context) error {
	cats, err := w.cfg.Clients.Product.Categories(c.Request().Context())
	if err != nil {
		return err
	}
	v := seller.NewProductPage{Shell: shell(shopOf(c), seller.TabProducts), Form: seller.ProductForm{Categories: categoryTree(cats)}}
	return w.render(c, http.StatusOK, seller.NewProduct(w.page(c, "New product"), v))
}

func productFormValues(c echo.Context) (seller.ProductForm, productclient.ProductRequest) {
	f := seller.ProductForm{
		Name:        strings.TrimSpace(c.FormValue("name")),
		Description: strings.TrimSpace(c.FormValue("description")),
		CategoryID:  strings.TrimSpace(c.FormValue("category_id")),
	}
	return f, productclient.ProductRequest{Name: f.Name, Description: f.Description, CategoryID: f.CategoryID}
}

func (w *Web) createProduct(c echo.Context) error {
	f, req := productFormValues(c)
	ctx := c.Request().Context()
	p, err := w.cfg.Clients.Product.Create(ctx, req)
	if err == nil {
		w.session(c).flash("“" + p.Name + "” is created. Add its first option to put it on sale.")
		return w.redirect(c, seller.ProductURL(p.ID))
	}
	pr, ok := formProblems(err, productFields)
	if !ok {
		return err
	}
	cats, err := w.cfg.Clients.Product.Categories(ctx)
	if err != nil {
		return err
	}
	f.Categories, f.Errors, f.Error = categoryTree(cats), pr.Fields, pr.General
	v := seller.NewProductPage{Shell: shell(shopOf(c), seller.TabProducts), Form: f}
	return w.render(c, http.StatusUnprocessableEntity, seller.NewProduct(w.page(c, "New product"), v))
}

// ---------- Product editor ----------

// ownProduct returns a product of the signed-in seller's shop. The
// services refuse changes to another shop's product themselves; this
// gives the seller a proper page for it instead of an editor that fails.
func (w *Web) ownProduct(c echo.Context) (productclient.Product, error) {
	p, err := w.cfg.Clients.Product.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return p, err
	}
	if p.ShopID != shopOf(c).ID {
		return p, fault.Forbiddenf("this product belongs to another shop")
	}
	return p, nil
}

// editor loads everything the product editor shows.
func (w *Web) editor(c echo.Context) (seller.EditProductPage, error) {
	p, err := w.ownProduct(c)
	if err != nil {
		return seller.EditProductPage{}, err
	}
	ctx := c.Request().Context()
	var (
		cats   []productclient.Category
		stock  []warehouseclient.Stock
		images []mediaclient.Image
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		cats, err = w.cfg.Clients.Product.Categories(gctx)
		return err
	})
	g.Go(func() (err error) {
		if len(p.Variations) == 0 {
			return nil
		}
		stock, err = w.cfg.Clients.Warehouse.ProductStock(gctx, p.ID)
		if errors.Is(err, fault.NotFound) {
			return nil // the warehouse has not heard of the product yet: no stock
		}
		return err
	})
	g.Go(func() (err error) {
		images, err = w.cfg.Clients.Media.List(gctx, p.ID)
		return err
	})
	if err := g.Wait(); err != nil {
		return seller.EditProductPage{}, err
	}
	v := seller.EditProductPage{
		Shell: shell(shopOf(c), seller.TabProducts),
		Form: seller.ProductForm{ID: p.ID, Name: p.Name, Description: p.Description, CategoryID: p.CategoryID,
			Categories: categoryTree(cats)},
		PublicURL:    productURL(p.ID),
		Draft:        len(p.Variations) == 0,
		NewVariation: seller.VariationForm{Stock: "0"},
		Photos:       photos(p.ID, images),
	}
	byVariation := make(map[string]warehouseclient.Stock, len(stock))
	for _, s := range stock {
		byVariation[s.VariationID] = s
	}
	for _, x := range p.Variations {
		s := byVariation[x.ID]
		v.Variations = append(v.Variations, seller.VariationRow{
			ID: x.ID, SKU: x.SKU, Name: x.Name, Price: formatMoney(x.Price.Amount, x.Price.Currency),
			Available: formatCount(s.Available), Reserved: formatCount(s.Reserved), Sold: formatCount(s.Sold),
			MovementsURL: seller.ProductURL(p.ID) + "/stock/" + url.PathEscape(x.ID),
		})
	}
	return v, nil
}

// renderEditor shows the editor again with a form's problems (status 422).
func (w *Web) renderEditor(c echo.Context, status int, change func(*seller.EditProductPage) error) error {
	v, err := w.editor(c)
	if err != nil {
		return err
	}
	if change != nil {
		if err := change(&v); err != nil {
			return err
		}
	}
	return w.render(c, status, seller.EditProduct(w.page(c, v.Form.Name), v))
}

func (w *Web) editProduct(c echo.Context) error {
	return w.renderEditor(c, http.StatusOK, nil)
}

func (w *Web) updateProduct(c echo.Context) error {
	f, req := productFormValues(c)
	p, err := w.cfg.Clients.Product.Update(c.Request().Context(), c.Param("id"), req)
	if err == nil {
		w.session(c).flash("The details of “" + p.Name + "” are saved.")
		return w.redirect(c, seller.ProductURL(p.ID))
	}
	pr, ok := formProblems(err, productFields)
	if !ok {
		return err
	}
	return w.renderEditor(c, http.StatusUnprocessableEntity, func(v *seller.EditProductPage) error {
		f.ID, f.Categories, f.Errors, f.Error = v.Form.ID, v.Form.Categories, pr.Fields, pr.General
		if f.Name == "" {
			f.Name = v.Form.Name // keep the heading while the field shows the problem
		}
		v.Form = f
		return nil
	})
}

func (w *Web) deleteProduct(c echo.Context) error {
	if c.FormValue("confirm") != "yes" {
		return w.renderEditor(c, http.StatusUnprocessableEntity, func(v *seller.EditProductPage) error {
			v.DeleteError = "Tick the box to confirm that you want to delete this product."
			return nil
		})
	}
	p, err := w.ownProduct(c)
	if err != nil {
		return err
	}
	if err := w.cfg.Clients.Product.Delete(c.Request().Context(), p.ID); err != nil {
		return err
	}
	w.session(c).flash("“" + p.Name + "” is deleted.")
	return w.redirect(c, "/seller/products")
}

// ---------- Variations ----------

// addVariation adds an option with its starting stock: the product
// service creates it, the warehouse is asked for the product's stock so it
// knows the option before the product service's event arrives, and then
// the stock is set.
func (w *Web) addVariation(c echo.Context) error {
	f := seller.VariationForm{
		SKU:   strings.TrimSpace(c.FormValue("sku")),
		Name:  strings.TrimSpace(c.FormValue("name")),
		Price: strings.TrimSpace(c.FormValue("price")),
		Stock: strings.TrimSpace(c.FormValue("stock")),
	}
	var pr problems
	if f.SKU == "" {
		pr.add("sku", "Enter a SKU.")
	}
	if f.Name == "" {
		pr.add("name", "Enter a name for the option, for example “Blue”.")
	}
	price, msg := parsePrice(f.Price)
	if msg != "" {
		pr.add("price", msg)
	}
	stock, msg := parseQuantity(f.Stock)
	if msg != "" {
		pr.add("stock", msg)
	}
	ctx := c.Request().Context()
	productID := c.Param("id")
	if !pr.any() {
		vr, err := w.cfg.Clients.Product.AddVariation(ctx, productID, productclient.VariationRequest{SKU: f.SKU, Name: f.Name, Price: price})
		if err == nil {
			bs := w.session(c)
			if _, err := w.cfg.Clients.Warehouse.ProductStock(ctx, productID); err != nil {
				w.log.Warn("introduce a new variation to the warehouse", "product", productID, "err", err)
			}
			if stock > 0 {
				_, err := w.cfg.Clients.Warehouse.Adjust(ctx, vr.ID, warehouseclient.Adjustment{
					Mode: warehouseclient.ModeSet, Quantity: stock, Reason: "initial stock"})
				if err != nil {
					if _, ok := fault.As(err); !ok {
						w.log.Error("set initial stock", "variation", vr.ID, "err", err)
					}
					bs.flash("“" + vr.Name + "” is added, but its stock could not be set yet. Set it in the Stock section.")
					return w.redirect(c, seller.ProductURL(productID)+"#stock")
				}
			}
			bs.flash("“" + vr.Name + "” is added.")
			return w.redirect(c, seller.ProductURL(productID)+"#variations")
		}
		var ok bool
		if pr, ok = formProblems(err, variationFields); !ok {
			return err
		}
	}
	f.Errors, f.Error = pr.Fields, pr.General
	if len(f.Errors) > 1 && f.Error == "" {
		f.Error = "Please correct the marked fields."
	}
	return w.renderEditor(c, http.StatusUnprocessableEntity, func(v *seller.EditProductPage) error {
		v.NewVariation = f
		return nil
	})
}

func (w *Web) deleteVariation(c echo.Context) error {
	productID := c.Param("id")
	if err := w.cfg.Clients.Product.DeleteVariation(c.Request().Context(), productID, c.Param("variation_id")); err != nil {
		return err
	}
	w.session(c).flash("The option is deleted.")
	return w.redirect(c, seller.ProductURL(productID)+"#variations")
}

// ---------- Stock ----------

const maxReason = 200

func (w *Web) adjustStock(c echo.Context) error {
	f := seller.StockForm{
		VariationID: strings.TrimSpace(c.FormValue("variation_id")),
		Mode:        c.FormValue("mode"),
		Quantity:    strings.TrimSpace(c.FormValue("quantity")),
		Reason:      strings.TrimSpace(c.FormValue("reason")),
	}
	if f.VariationID == "" {
		return fault.Invalidf("choose the option whose stock changes")
	}
	var pr problems
	switch f.Mode {
	case warehouseclient.ModeSet, warehouseclient.ModeAdd, warehouseclient.ModeRemove:
	default:
		pr.add("mode", "Choose whether to add, remove or set the stock.")
	}
	qty, msg := parseQuantity(f.Quantity)
	switch {
	case msg != "":
		pr.add("quantity", msg)
	case qty == 0 && f.Mode != warehouseclient.ModeSet:
		pr.add("quantity", "Enter at least 1.")
	}
	switch {
	case f.Reason == "":
		pr.add("reason", "Say why the stock changes, for example “restock” or “stock count”.")
	case utf8.RuneCountInString(f.Reason) > maxReason:
		pr.add("reason", "Keep the reason to 200 characters.")
	}
	productID := c.Param("id")
	if !pr.any() {
		st, err := w.cfg.Clients.Warehouse.Adjust(c.Request().Context(), f.VariationID,
			warehouseclient.Adjustment{Mode: f.Mode, Quantity: qty, Reason: f.Reason})
		if err == nil {
			w.session(c).flash("Stock updated: " + formatCount(st.Available) + " available.")
			return w.redirect(c, seller.ProductURL(productID)+"#stock")
		}
		var ok bool
		if pr, ok = formProblems(err, stockFields); !ok {
			return err
		}
		if errors.Is(err, fault.Conflict) && len(pr.Fields) == 0 {
			// Taking away more than there is: a problem with the quantity.
			pr.add("quantity", pr.General)
			pr.General = ""
		}
	}
	f.Errors, f.Error = pr.Fields, pr.General
	return w.renderEditor(c, http.StatusUnprocessableEntity, func(v *seller.EditProductPage) error {
		for _, x := range v.Variations {
			if x.ID == f.VariationID {
				v.Stock = f
				return nil
			}
		}
		return fault.Invalidf("this option is not part of the product")
	})
}

var movementKinds = map[string]string{
	"adjustment": "Adjustment",
	"reserve":    "Reserved for an order",
	"release":    "Released from an order",
	"commit":     "Sold",
}

func signed(n int64) string {
	switch {
	case n > 0:
		return "+" + formatCount(n)
	case n < 0:
		return "−" + formatCount(-n)
	}
	return "0"
}

func (w *Web) stockMovements(c echo.Context) error {
	p, err := w.ownProduct(c)
	if err != nil {
		return err
	}
	vid := c.Param("variation_id")
	var variation *productclient.Variation
	for i := range p.Variations {
		if p.Variations[i].ID == vid {
			variation = &p.Variations[i]
		}
	}
	if variation == nil {
		return fault.NotFoundf("no such option")
	}
	ctx := c.Request().Context()
	var (
		moves []warehouseclient.Movement
		stock []warehouseclient.Stock
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		moves, err = w.cfg.Clients.Warehouse.Movements(gctx, vid, 100)
		return err
	})
	g.Go(func() (err error) {
		stock, err = w.cfg.Clients.Warehouse.ProductStock(gctx, p.ID)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	v := seller.MovementsPage{
		Shell: shell(shopOf(c), seller.TabProducts), ProductName: p.Name, ProductURL: seller.ProductURL(p.ID),
		Variation: variation.Name + " (" + variation.SKU + ")", Available: "0",
	}
	for _, s := range stock {
		if s.VariationID == vid {
			v.Available = formatCount(s.Available)
		}
	}
	for _, m := range moves {
		kind := movementKinds[m.Kind]
		if kind == "" {
			kind = m.Kind
		}
		when, machine := formatDateTime(m.At)
		v.Items = append(v.Items, seller.Movement{
			When: when, DateTime: machine, Kind: kind, Change: signed(m.DeltaAvailable),
			Reserved: signed(m.DeltaReserved), Sold: signed(m.DeltaSold), Reason: m.Reason,
		})
	}
	return w.render(c, http.StatusOK, seller.Movements(w.page(c, "Stock history"), v))
}
