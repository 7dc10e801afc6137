package demo

import "testing"

// The services seed their parts independently, so the dataset must hold
// together by itself.
func TestDatasetIsConsistent(t *testing.T) {
	ids := map[string]bool{}
	unique := func(id string) {
		if ids[id] {
			t.Errorf("id %s used twice", id)
		}
		ids[id] = true
	}
	users := map[string]User{}
	for _, u := range append(append([]User{}, Sellers...), Shoppers...) {
		unique(u.ID)
		users[u.ID] = u
	}
	shops := map[string]bool{}
	for i, s := range Shops {
		unique(s.ID)
		shops[s.ID] = true
		if s.OwnerID != Sellers[i].ID {
			t.Errorf("shop %s is not owned by seller %d", s.Name, i)
		}
	}
	cats := map[string]bool{}
	for _, c := range Categories {
		unique(c.ID)
		if c.Parent != "" && !cats[c.Parent] {
			t.Errorf("category %s comes before its parent %s", c.Slug, c.Parent)
		}
		cats[c.Slug] = true
	}
	skus := map[string]bool{}
	for _, p := range Products {
		unique(p.ID)
		if !shops[p.ShopID] || !cats[p.Category] || len(p.Variations) == 0 || len(p.Photos) == 0 {
			t.Errorf("product %s: shop, category, variations or photos missing", p.Name)
		}
		for _, v := range p.Variations {
			unique(v.ID)
			if key := p.ShopID + v.SKU; skus[key] {
				t.Errorf("SKU %s twice in a shop", v.SKU)
			} else {
				skus[key] = true
			}
			if v.Price <= 0 || v.Stock < 0 {
				t.Errorf("variation %s: price %d stock %d", v.SKU, v.Price, v.Stock)
			}
		}
		for _, ph := range p.Photos {
			unique(ph.ID)
		}
	}
	reviewed := map[string]bool{}
	for _, r := range Reviews {
		unique(r.ID)
		if users[r.UserID].Role != "shopper" || r.Rating < 1 || r.Rating > 5 {
			t.Errorf("review %s: by %q rating %d", r.ID, users[r.UserID].Role, r.Rating)
		}
		if key := r.UserID + r.ProductID; reviewed[key] {
			t.Errorf("user %s reviews product %s twice", r.UserID, r.ProductID)
		} else {
			reviewed[key] = true
		}
	}
	if len(Products) < 40 {
		t.Errorf("%d products, want about 40", len(Products))
	}
}
