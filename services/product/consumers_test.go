package product_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/media/mediaevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

func TestShopEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		ctx := context.Background()
		a := h.seller("Old Name")
		p := h.create(a, "Jug")
		h.addVariation(a, p.ID, "JUG-1", 1500)

		// shop.updated, delivered twice, renames the shop on its products.
		renamed := a.shop
		renamed.Name, renamed.Slug, renamed.Version = "Brand New", "brand-new", 3
		env := testkit.Event(t, "shop", shopevents.ShopUpdated{Shop: renamed})
		h.deliverEnvs(env, env)
		got, _ := h.c.Get(ctx, p.ID)
		if got.ShopName != "Brand New" || got.ShopSlug != "brand-new" {
			t.Fatalf("after shop.updated: %q %q", got.ShopName, got.ShopSlug)
		}
		if res, _ := h.c.List(ctx, productclient.ListQuery{Q: "brand new jug"}); res.Total != 1 || res.Items[0].ShopName != "Brand New" {
			t.Fatalf("search by the new shop name: %+v", res)
		}
		if res, _ := h.c.List(ctx, productclient.ListQuery{Q: "old name"}); res.Total != 0 {
			t.Fatalf("the old shop name still finds %d", res.Total)
		}
		// Older states arriving late change nothing, created or updated.
		stale := a.shop
		stale.Name, stale.Version = "Stale", 2
		h.deliver(shopevents.ShopUpdated{Shop: stale}, shopevents.ShopCreated{Shop: a.shop})
		if got, _ := h.c.Get(ctx, p.ID); got.ShopName != "Brand New" {
			t.Fatalf("an older shop.updated applied: %q", got.ShopName)
		}
		// Renaming announces no product change: product events carry no shop name.
		if n := len(h.outbox("product.updated")); n != 1 {
			t.Fatalf("%d product.updated events", n)
		}

		// shop.deleted, twice: the products go, each announced once.
		q := h.create(a, "Cup")
		b := h.seller("Bystander")
		r := h.create(b, "Safe")
		before := len(h.outbox())
		del := testkit.Event(t, "shop", shopevents.ShopDeleted{ShopID: a.shop.ShopID, OwnerID: a.user.UserID, Version: 4})
		h.deliverEnvs(del, del)
		for _, gone := range []string{p.ID, q.ID} {
			if _, err := h.c.Get(ctx, gone); !errors.Is(err, fault.NotFound) {
				t.Fatalf("product of the closed shop: %v", err)
			}
		}
		if _, err := h.c.Get(ctx, r.ID); err != nil {
			t.Fatalf("another shop's product: %v", err)
		}
		evs := h.outbox()[before:]
		if len(evs) != 2 {
			t.Fatalf("%d events after shop.deleted, want 2", len(evs))
		}
		var deleted []string
		for _, env := range evs {
			ev := decode[productevents.ProductDeleted](t, env)
			if ev.ShopID != a.shop.ShopID || ev.OwnerID != a.user.UserID {
				t.Fatalf("product.deleted %+v", ev)
			}
			deleted = append(deleted, ev.ProductID)
			if ev.ProductID == p.ID && (ev.Version != 3 || len(ev.VariationIDs) != 1) {
				t.Fatalf("product.deleted of the jug: %+v", ev)
			}
			if ev.ProductID == q.ID && (ev.Version != 2 || len(ev.VariationIDs) != 0) {
				t.Fatalf("product.deleted of the cup: %+v", ev)
			}
		}
		slices.Sort(deleted)
		if want := slices.Sorted(slices.Values([]string{p.ID, q.ID})); !slices.Equal(deleted, want) {
			t.Fatalf("deleted %v, want %v", deleted, want)
		}

		// The closed shop stays closed: a late shop.updated does not reopen
		// it, and its owner may not add products (the shop service, asked,
		// no longer lists it).
		late := a.shop
		late.Version = 5 // even one that claims to be newer
		h.deliver(shopevents.ShopUpdated{Shop: late})
		if _, err := h.c.Create(a.ctx, productclient.ProductRequest{CategoryID: category("kitchen"), Name: "After"}); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("create in a closed shop: %v", err)
		}
	})
}

func TestShopEventsOutOfOrder(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		u := actor.Actor{UserID: id.New(), Role: actor.Seller}
		s := shopevents.Shop{ShopID: id.New(), OwnerID: u.UserID, Name: "Ghost", Slug: "ghost", Version: 1}
		// The deletion overtakes the creation: the shop never opens here,
		// and a shop service still listing it (it is behind) changes nothing.
		h.deliver(shopevents.ShopDeleted{ShopID: s.ShopID, OwnerID: u.UserID, Version: 2}, shopevents.ShopCreated{Shop: s})
		h.shops.set(toClient(s))
		if _, err := h.c.Create(actor.With(context.Background(), u), productclient.ProductRequest{CategoryID: category("kitchen"), Name: "Boo"}); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("create in a shop deleted before it was created: %v", err)
		}
		if n := len(h.outbox()); n != len(demo.Products) {
			t.Fatalf("%d events", n)
		}
		// Events without the ids they are about are dead-lettered, not retried.
		bad := testkit.Deliver(t, h.served, testkit.Event(t, "shop", shopevents.ShopCreated{}),
			testkit.Event(t, "media", mediaevents.ProductImageUploaded{}), testkit.Event(t, "comment", commentevents.CommentCreated{}))
		for i, o := range bad {
			if o != testkit.DeadLettered {
				t.Fatalf("incomplete event %d: %s", i, o)
			}
		}
	})
}

func TestDemoShopsKnownBeforeTheirEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		owner := actor.With(context.Background(), actor.Actor{UserID: demo.Shops[0].OwnerID, Role: actor.Seller})
		p, err := h.c.Create(owner, productclient.ProductRequest{CategoryID: category("decor"), Name: "New vase"})
		if err != nil || p.ShopID != demo.Shops[0].ID || p.ShopName != demo.Shops[0].Name {
			t.Fatalf("demo seller creates: %+v, %v", p, err)
		}
		if calls := h.shops.callers(); len(calls) != 0 {
			t.Fatalf("the shop service was asked: %v", calls)
		}
		// The shop service's own seeding announces the same shop at version
		// 1; it replaces the seeded copy without changing anything visible.
		ds := demo.Shops[0]
		created := testkit.Event(t, "shop", shopevents.ShopCreated{Shop: shopevents.Shop{ShopID: ds.ID, OwnerID: ds.OwnerID, Name: ds.Name, Slug: ds.Slug, Version: 1}})
		h.deliverEnvs(created, created)
		if got, _ := h.c.Get(owner, demo.Products[0].ID); got.ShopName != ds.Name || got.ShopSlug != ds.Slug {
			t.Fatalf("demo product after shop.created: %+v", got)
		}
		var shops int64
		h.db.Conn(context.Background()).Table("shops").Where("id = ?", ds.ID).Count(&shops)
		if n := len(h.outbox()); shops != 1 || n != len(demo.Products)+1 {
			t.Fatalf("%d rows of the shop, %d events", shops, n)
		}
	})
}

func image(productID, imageID string, position int) mediaevents.ProductImageUploaded {
	return mediaevents.ProductImageUploaded{
		ImageID: imageID, ProductID: productID, Position: position, Alt: "photo " + imageID,
		ThumbURL: "/media/" + imageID + "/thumb.jpg", MediumURL: "/media/" + imageID + "/medium.jpg", LargeURL: "/media/" + imageID + "/large.jpg",
		Width: 1600, Height: 1200,
	}
}

func imageIDs(imgs []productclient.Image) []string {
	var out []string
	for _, i := range imgs {
		out = append(out, i.ID)
	}
	return out
}

func TestImageEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		ctx := context.Background()
		pid := demo.Products[len(demo.Products)-1].ID // the newest: first in the listing
		first, second, third := id.New(), id.New(), id.New()

		up := testkit.Event(t, "media", image(pid, second, 1))
		h.deliverEnvs(up, up, testkit.Event(t, "media", image(pid, first, 0)))
		p, _ := h.c.Get(ctx, pid)
		if got := imageIDs(p.Images); !slices.Equal(got, []string{first, second}) {
			t.Fatalf("images %v, want first then second", got)
		}
		img := p.Images[0]
		want := productclient.Image{ID: first, ThumbURL: "/media/" + first + "/thumb.jpg", MediumURL: "/media/" + first + "/medium.jpg",
			LargeURL: "/media/" + first + "/large.jpg", Alt: "photo " + first}
		if img != want {
			t.Fatalf("image %+v, want %+v", img, want)
		}
		page, _ := h.c.List(ctx, productclient.ListQuery{PerPage: 1})
		if page.Items[0].ID != pid || page.Items[0].Image == nil || *page.Items[0].Image != want {
			t.Fatalf("summary image: %+v", page.Items[0].Image)
		}

		// Deleting, twice; a deletion that overtakes its upload keeps the
		// photo out when the upload arrives.
		del := testkit.Event(t, "media", mediaevents.ProductImageDeleted{ImageID: first, ProductID: pid})
		h.deliverEnvs(del, del)
		h.deliver(mediaevents.ProductImageDeleted{ImageID: third, ProductID: pid}, image(pid, third, 2))
		// A re-announced photo (moved) is updated in place.
		h.deliver(image(pid, second, 5))
		p, _ = h.c.Get(ctx, pid)
		if got := imageIDs(p.Images); !slices.Equal(got, []string{second}) {
			t.Fatalf("images %v, want only second", got)
		}
		page, _ = h.c.List(ctx, productclient.ListQuery{PerPage: 1})
		if page.Items[0].Image == nil || page.Items[0].Image.ID != second {
			t.Fatalf("summary image after deletion: %+v", page.Items[0].Image)
		}
		// Photos of a product that is not (or no longer) here are ignored.
		h.deliver(image(id.New(), id.New(), 0), mediaevents.ProductImageDeleted{ImageID: id.New(), ProductID: id.New()})
		// No product event: the photo list is not part of the product's state.
		if n := len(h.outbox()); n != len(demo.Products) {
			t.Fatalf("%d events", n)
		}
		// A deleted product takes its photos with it.
		owner := actor.With(ctx, actor.Actor{UserID: demo.Shops[5].OwnerID, Role: actor.Seller})
		if err := h.c.Delete(owner, pid); err != nil {
			t.Fatal(err)
		}
		var n int64
		h.db.Conn(ctx).Table("product_images").Where("product_id = ?", pid).Count(&n)
		if n != 0 {
			t.Fatalf("%d image rows left", n)
		}
	})
}

func review(productID string, average float64, count, version int64) commentevents.Review {
	return commentevents.Review{
		CommentID: id.New(), ProductID: productID, UserID: id.New(), Rating: 4,
		Product: commentevents.ProductRating{Average: average, Count: count, Version: version},
	}
}

func TestRatingEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		ctx := context.Background()
		pid := demo.Products[0].ID
		rating := func() productclient.Rating {
			t.Helper()
			p, err := h.c.Get(ctx, pid)
			if err != nil {
				t.Fatal(err)
			}
			return p.Rating
		}

		created := testkit.Event(t, "comment", commentevents.CommentCreated{Review: review(pid, 4, 1, 1)})
		h.deliverEnvs(created, created)
		if r := rating(); r != (productclient.Rating{Average: 4, Count: 1}) {
			t.Fatalf("after comment.created: %+v", r)
		}
		h.deliver(commentevents.CommentUpdated{Review: review(pid, 3.5, 2, 3)})
		// Version 2 arrives after version 3: ignored.
		h.deliver(commentevents.CommentCreated{Review: review(pid, 5, 2, 2)})
		if r := rating(); r != (productclient.Rating{Average: 3.5, Count: 2}) {
			t.Fatalf("after an old comment.created: %+v", r)
		}
		h.deliver(commentevents.CommentDeleted{Review: review(pid, 3, 1, 4)})
		if r := rating(); r != (productclient.Rating{Average: 3, Count: 1}) {
			t.Fatalf("after comment.deleted: %+v", r)
		}
		h.deliver(commentevents.CommentUpdated{Review: review(pid, 0, 0, 5), Hidden: true})
		if r := rating(); r != (productclient.Rating{}) {
			t.Fatalf("after hiding the last review: %+v", r)
		}
		// A review of an unknown product is acked and ignored.
		h.deliver(commentevents.CommentCreated{Review: review(id.New(), 5, 1, 1)})
		if n := len(h.outbox()); n != len(demo.Products) {
			t.Fatalf("%d events", n)
		}
	})
}

func toClient(s shopevents.Shop) shopclient.Shop {
	return shopclient.Shop{ID: s.ShopID, OwnerID: s.OwnerID, Name: s.Name, Slug: s.Slug, Description: s.Description}
}
