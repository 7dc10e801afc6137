package shopper

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Register opens an account and stays signed in.
func (c *Client) Register(ctx context.Context, name, email, password string) error {
	p, err := c.Post(ctx, "/register", "/register", map[string]string{"name": name, "email": email, "password": password})
	_, err = expect(p, err, "register", func(p *Page) bool { return p.Status == 200 && !strings.HasPrefix(p.Path, "/register") })
	return err
}

// Login signs in.
func (c *Client) Login(ctx context.Context, email, password string) error {
	p, err := c.Post(ctx, "/login", "/login", map[string]string{"email": email, "password": password})
	_, err = expect(p, err, "log in", func(p *Page) bool { return p.Status == 200 && !strings.HasPrefix(p.Path, "/login") })
	return err
}

// OpenShop opens the signed-in user's shop.
func (c *Client) OpenShop(ctx context.Context, name, description string) error {
	p, err := c.Post(ctx, "/seller/shop", "/seller/shop", map[string]string{"name": name, "description": description})
	_, err = expect(p, err, "open a shop", func(p *Page) bool { return p.Status == 200 && p.Path != "/seller/shop" })
	return err
}

// CreateProduct lists a product in the seller's shop, in the category
// whose option text is category, and returns its id.
func (c *Client) CreateProduct(ctx context.Context, name, description, category string) (string, error) {
	p, err := c.Get(ctx, "/seller/products/new")
	if err != nil {
		return "", err
	}
	f, err := p.Form("/seller/products/new")
	if err != nil {
		return "", err
	}
	catID := p.optionValue("category_id", category)
	if catID == "" {
		return "", fmt.Errorf("no category %q on the new product form", category)
	}
	f.Values.Set("name", name)
	f.Values.Set("description", description)
	f.Values.Set("category_id", catID)
	p, err = c.Submit(ctx, f)
	p, err = expect(p, err, "create a product", func(p *Page) bool {
		return p.Status == 200 && strings.HasPrefix(p.Path, "/seller/products/")
	})
	if err != nil {
		return "", err
	}
	id := uuidPath.FindString(p.Path)
	if id == "" {
		return "", fmt.Errorf("create a product: no id in %s", p.Path)
	}
	return id, nil
}

// AddVariation adds an option with its stock to a product and returns the
// variation's id.
func (c *Client) AddVariation(ctx context.Context, productID, sku, name, price string, stock int) (string, error) {
	editor := "/seller/products/" + productID
	p, err := c.Post(ctx, editor, editor+"/variations", map[string]string{
		"sku": sku, "name": name, "price": price, "stock": strconv.Itoa(stock),
	})
	if _, err := expect(p, err, "add an option", func(p *Page) bool { return p.Status == 200 && strings.HasPrefix(p.Path, editor) }); err != nil {
		return "", err
	}
	pub, err := c.Get(ctx, "/products/"+productID)
	if err != nil {
		return "", err
	}
	// The product page lists the options in the order they were added:
	// the one just added is the last.
	ids := pub.Attrs("data-variation-id")
	if len(ids) == 0 || !strings.Contains(string(pub.Body), sku) {
		return "", fmt.Errorf("option %s is not on the product page", sku)
	}
	return ids[len(ids)-1], nil
}

// AddToCart puts quantity of a variation of a product in the cart, from
// the product page's form (with htmx, as the page sends it; the page is
// loaded once per product and client).
func (c *Client) AddToCart(ctx context.Context, productID, variationID string, quantity int) error {
	f, ok := c.buy[productID]
	if !ok {
		p, err := c.Get(ctx, "/products/"+productID)
		if err != nil {
			return err
		}
		if f, err = p.Form("/cart/items"); err != nil {
			return err
		}
		c.buy[productID] = f
	}
	g := &Form{Action: f.Action, Values: cloneValues(f)}
	g.Values.Set("variation_id", variationID)
	g.Values.Set("quantity", strconv.Itoa(quantity))
	p, err := c.SubmitHTMX(ctx, g)
	_, err = expect(p, err, "add to cart", func(p *Page) bool { return p.Status == 200 })
	return err
}

// Address is a shipping address for Checkout.
type Address struct{ FullName, Address, City, PostalCode, Country string }

// Checkout checks the cart out and returns the page it ends on: an order
// (/orders/{id}), the orders (/orders), or the cart when nothing could be
// ordered.
func (c *Client) Checkout(ctx context.Context, a Address) (*Page, error) {
	p, err := c.Get(ctx, "/checkout")
	if err != nil {
		return nil, err
	}
	f, err := p.Form("/checkout")
	if err != nil {
		return nil, err
	}
	return c.SubmitCheckout(ctx, f, a)
}

// SubmitCheckout sends a checkout form (fetched once; sending it again
// repeats the same checkout: its hidden id is the idempotency key).
func (c *Client) SubmitCheckout(ctx context.Context, f *Form, a Address) (*Page, error) {
	g := &Form{Action: f.Action, Values: cloneValues(f)}
	for k, v := range map[string]string{"full_name": a.FullName, "address": a.Address, "city": a.City, "postal_code": a.PostalCode, "country": a.Country} {
		g.Values.Set(k, v)
	}
	p, err := c.Submit(ctx, g)
	if err != nil {
		return nil, fmt.Errorf("check out: %w", err)
	}
	return p, nil
}

func cloneValues(f *Form) map[string][]string {
	out := make(map[string][]string, len(f.Values))
	for k, v := range f.Values {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// OrderID returns the order id of an order page's path, or "".
func (p *Page) OrderID() string {
	if !strings.HasPrefix(p.Path, "/orders/") {
		return ""
	}
	return uuidPath.FindString(p.Path)
}

// Pay sends the pay form of an order with a card number and returns the
// page it ends on. The form is read from orderPage when given (the order
// page a checkout ended on, as a browser has it), else fetched.
func (c *Client) Pay(ctx context.Context, orderID, card string, orderPage ...*Page) (*Page, error) {
	path := "/orders/" + orderID
	var p *Page
	if len(orderPage) > 0 && orderPage[0] != nil {
		p = orderPage[0]
	} else {
		var err error
		if p, err = c.Get(ctx, path); err != nil {
			return nil, fmt.Errorf("pay: %w", err)
		}
	}
	f, err := p.Form(path + "/pay")
	if err != nil {
		return nil, fmt.Errorf("pay: %w", err)
	}
	f.Values.Set("card_number", card)
	if p, err = c.Submit(ctx, f); err != nil {
		return nil, fmt.Errorf("pay: %w", err)
	}
	return p, nil
}

// optionValue returns the value of the option whose trimmed text is label
// in the select named name.
func (p *Page) optionValue(name, label string) string {
	var out string
	if p.doc == nil {
		return ""
	}
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "select" && attr(n, "name") == name {
			walk(n, func(o *html.Node) bool {
				if o.Type == html.ElementNode && o.Data == "option" && strings.TrimSpace(text(o)) == label {
					out = attr(o, "value")
					return false
				}
				return true
			})
			return false
		}
		return true
	})
	return out
}

// OrderStatus returns the status of an order as its page shows it
// (pending_payment, paid, shipped, cancelled), reading the status
// fragment that the order page polls.
func (c *Client) OrderStatus(ctx context.Context, orderID string) (string, error) {
	p, err := c.GetHTMX(ctx, "/orders/"+orderID+"/status")
	if err != nil {
		return "", err
	}
	if p.Status != 200 {
		return "", fmt.Errorf("order %s status: %d", orderID, p.Status)
	}
	if s := p.Attrs("data-status"); len(s) > 0 {
		return s[0], nil
	}
	return "", fmt.Errorf("order %s: no status on the page", orderID)
}
