package domain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

var now = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

func TestNormalizeAlt(t *testing.T) {
	tests := []struct {
		name, alt, product, want string
		bad                      bool
	}{
		{"given", "  A blue mug  ", "Mug", "A blue mug", false},
		{"defaults to the product", "", "Stoneware Mug", "Stoneware Mug", false},
		{"blank defaults too", "   ", "Mug", "Mug", false},
		{"200 characters", strings.Repeat("é", 200), "Mug", strings.Repeat("é", 200), false},
		{"201 characters", strings.Repeat("a", 201), "Mug", "", true},
		{"a long product name is cut", "", strings.Repeat("x", 250), strings.Repeat("x", 200), false},
		{"control characters", "a\nb", "Mug", "", true},
		{"invalid UTF-8", "a\xffb", "Mug", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeAlt(tt.alt, tt.product)
			if tt.bad {
				fe, ok := fault.As(err)
				if !ok || fe.Category != fault.CategoryInvalid || fe.Fields["alt"] == "" {
					t.Fatalf("err = %v, want invalid alt", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestParseFile(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	tests := []struct {
		hash, name string
		want       Variant
		ok         bool
	}{
		{hash, "thumb.jpg", Thumb, true},
		{hash, "medium.jpg", Medium, true},
		{hash, "large.jpg", Large, true},
		{hash, "original.jpg", "", false},
		{hash, "thumb.png", "", false},
		{hash, "thumb", "", false},
		{hash, "../thumb.jpg", "", false},
		{strings.ToUpper(hash), "thumb.jpg", "", false},
		{hash[:63], "thumb.jpg", "", false},
		{"..", "thumb.jpg", "", false},
		{"originals", hash, "", false},
		{hash + "0", "thumb.jpg", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseFile(tt.hash, tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseFile(%q, %q) = %q, %v; want %q, %v", tt.hash, tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if k, u := Large.Key(hash), Thumb.URL(hash); k != hash+"/large.jpg" || u != "/media/"+hash+"/thumb.jpg" {
		t.Fatalf("key %q url %q", k, u)
	}
}

func TestProductSupersedes(t *testing.T) {
	tests := []struct {
		name     string
		old, new Product
		want     bool
	}{
		{"newer version", Product{Version: 2}, Product{Version: 3}, true},
		{"same version", Product{Version: 3}, Product{Version: 3}, false},
		{"older version", Product{Version: 3}, Product{Version: 1}, false},
		{"any event beats facts from a call", Product{Version: 0}, Product{Version: 1}, true},
		{"a call never beats an event", Product{Version: 1}, Product{Version: 0}, false},
		{"deletion wins", Product{Version: 5}, Product{Version: 4, Deleted: true}, true},
		{"nothing after deletion", Product{Version: 5, Deleted: true}, Product{Version: 9}, false},
		{"deleted twice", Product{Version: 5, Deleted: true}, Product{Version: 6, Deleted: true}, false},
	}
	for _, tt := range tests {
		if got := tt.new.Supersedes(tt.old); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}

func TestAccess(t *testing.T) {
	p := Product{ID: "p1", ShopID: "s1", OwnerID: "u1"}
	owner := actor.Actor{UserID: "u1", Role: actor.Seller}
	other := actor.Actor{UserID: "u2", Role: actor.Seller}
	shopper := actor.Actor{UserID: "u3", Role: actor.Shopper}
	admin := actor.Actor{UserID: "u4", Role: actor.Admin}
	anon := actor.Actor{}
	tests := []struct {
		name           string
		a              actor.Actor
		p              Product
		upload, remove *fault.Error // nil: allowed
		seeAll         bool
	}{
		{"owner", owner, p, nil, nil, true},
		{"another seller", other, p, fault.Forbidden, fault.Forbidden, false},
		{"shopper", shopper, p, fault.Forbidden, fault.Forbidden, false},
		{"admin moderates but does not upload", admin, p, fault.Forbidden, nil, true},
		{"anonymous", anon, p, fault.Unauthenticated, fault.Unauthenticated, false},
		{"owner of a deleted product", owner, Product{ID: "p1", OwnerID: "u1", Deleted: true}, fault.Forbidden, fault.Forbidden, false},
		{"an owner id in the actor only matches itself", actor.Actor{UserID: "", Role: actor.Seller}, Product{}, fault.Unauthenticated, fault.Unauthenticated, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, err error, want *fault.Error) {
				if want == nil && err != nil || want != nil && !errors.Is(err, want) {
					t.Errorf("%s: err = %v, want %v", what, err, want)
				}
			}
			check("upload", CanUpload(tt.a, tt.p), tt.upload)
			check("remove", CanRemove(tt.a, tt.p), tt.remove)
			img := Image{Status: Processing}
			if got := Visible(tt.a, tt.p, img); got != tt.seeAll {
				t.Errorf("sees a processing photo: %v", got)
			}
			if !Visible(tt.a, tt.p, Image{Status: Ready}) {
				t.Error("a ready photo is public")
			}
		})
	}
}

func TestImageLifecycle(t *testing.T) {
	p := Product{ID: "p1", ShopID: "s1", OwnerID: "u1"}
	hash := strings.Repeat("0f", 32)
	img := NewImage("i1", p, hash, 2, "Mug", now)
	if img.Status != Processing || img.URL(Thumb) != "" || img.ShopID != "s1" || img.Position != 2 {
		t.Fatalf("new image %+v", img)
	}
	later := now.Add(time.Minute)
	if !img.MarkReady(1600, 1200, later) || img.Status != Ready || img.Width != 1600 || !img.UpdatedAt.Equal(later) {
		t.Fatalf("ready image %+v", img)
	}
	if img.URL(Medium) != "/media/"+hash+"/medium.jpg" {
		t.Fatalf("url %q", img.URL(Medium))
	}
	if img.MarkReady(1, 1, later) || img.MarkFailed("x", later) {
		t.Fatal("a ready photo changed state again")
	}

	bad := NewImage("i2", p, hash, 0, "", now)
	if !bad.MarkFailed(strings.Repeat("e", 300), later) || bad.Status != Failed || len(bad.Error) != 200 || bad.URL(Large) != "" {
		t.Fatalf("failed image %+v", bad)
	}
	if bad.MarkReady(1, 1, later) {
		t.Fatal("a failed photo became ready")
	}
}
