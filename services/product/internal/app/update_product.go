package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// UpdateProduct edits a product of the acting seller's shop.
func (a *App) UpdateProduct(ctx context.Context, productID string, in domain.ProductInput) (*domain.Product, error) {
	if _, err := signedIn(ctx, "edit products"); err != nil {
		return nil, err
	}
	in, err := in.Check()
	if err != nil {
		return nil, err
	}
	return a.change(ctx, productID, func(ctx context.Context, p *domain.Product) error {
		cat, err := a.category(ctx, in.CategoryID)
		if err != nil {
			return err
		}
		return p.Edit(cat, in, a.clock.Now())
	})
}

// change applies edit to a product of the acting seller's shop, locked,
// and stores it with its product.updated event in one transaction.
func (a *App) change(ctx context.Context, productID string, edit func(context.Context, *domain.Product) error) (*domain.Product, error) {
	who, err := signedIn(ctx, "edit products")
	if err != nil {
		return nil, err
	}
	var out *domain.Product
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		p, err := a.store.LockProduct(ctx, productID)
		if err != nil {
			return err
		}
		if err := p.MayEdit(who); err != nil {
			return err
		}
		if err := edit(ctx, p); err != nil {
			return err
		}
		if err := a.store.SaveProduct(ctx, p); err != nil {
			return err
		}
		out = p
		return a.events.Add(ctx, updated(p))
	})
	if err != nil {
		return nil, fmt.Errorf("change product %s: %w", productID, err)
	}
	return out, nil
}

// signedIn returns the acting user, or fault.Unauthenticated for nobody:
// the first check of every change, before the input is even looked at.
func signedIn(ctx context.Context, what string) (actor.Actor, error) {
	who := actor.From(ctx)
	if who.Anonymous() {
		return who, fault.Unauthenticatedf("sign in to %s", what)
	}
	return who, nil
}
