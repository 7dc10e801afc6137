package app

import (
	"time"

	"github.com/marketplace/marketplace/services/product/internal/domain"
	"github.com/marketplace/marketplace/services/product/productevents"
)

// state is the product's whole state as its events carry it.
func state(p *domain.Product) productevents.Product {
	vs := make([]productevents.Variation, 0, len(p.Variations))
	for _, v := range p.Variations {
		vs = append(vs, productevents.Variation{VariationID: v.ID, SKU: v.SKU, Name: v.Name, Price: v.Price})
	}
	return productevents.Product{
		ProductID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID, CategoryID: p.CategoryID,
		Name: p.Name, Currency: p.Currency, Variations: vs, Version: p.Version,
	}
}

func created(p *domain.Product) productevents.ProductCreated {
	return productevents.ProductCreated{Product: state(p), CreatedAt: p.CreatedAt}
}

func updated(p *domain.Product) productevents.ProductUpdated {
	return productevents.ProductUpdated{Product: state(p), UpdatedAt: p.UpdatedAt}
}

// deleted announces the product's removal as its next version.
func deleted(p *domain.Product, at time.Time) productevents.ProductDeleted {
	return productevents.ProductDeleted{
		ProductID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID, VariationIDs: p.VariationIDs(),
		Version: p.Version + 1, DeletedAt: at,
	}
}
