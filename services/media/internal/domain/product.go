package domain

import (
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Product is what the media service knows of a product: whose it is.
// Version is the highest product version applied; 0 means the facts came
// from a call to the product service or from the demo data, and any event
// replaces them.
type Product struct {
	ID        string
	ShopID    string
	OwnerID   string
	Name      string
	Version   int64
	Deleted   bool
	UpdatedAt time.Time
}

// Supersedes reports whether the facts in p (from an event or a call)
// should replace the stored ones in old. A deleted product stays deleted:
// its id is never reused, so nothing can come after its deletion.
func (p Product) Supersedes(old Product) bool {
	if old.Deleted {
		return false
	}
	return p.Deleted || p.Version > old.Version
}

// Access is what an actor may do with a product's photos.
type Access struct {
	Upload  bool // add photos: the owner only
	Manage  bool // remove photos: the owner, or an admin moderating
	SeeAll  bool // see photos still processing or failed
	IsOwner bool
}

// AccessOf decides what a may do with p's photos.
func AccessOf(a actor.Actor, p Product) Access {
	owner := !a.Anonymous() && !p.Deleted && a.UserID == p.OwnerID
	admin := a.IsAdmin()
	return Access{Upload: owner, Manage: owner || admin, SeeAll: owner || admin, IsOwner: owner}
}

// CanUpload returns the error to refuse an upload with, or nil.
func CanUpload(a actor.Actor, p Product) error {
	switch {
	case a.Anonymous():
		return fault.Unauthenticatedf("sign in to upload photos")
	case !AccessOf(a, p).Upload:
		return fault.Forbiddenf("only the shop that sells this product can add photos to it")
	}
	return nil
}

// CanRemove returns the error to refuse removing a photo of p with, or nil.
func CanRemove(a actor.Actor, p Product) error {
	switch {
	case a.Anonymous():
		return fault.Unauthenticatedf("sign in to remove photos")
	case !AccessOf(a, p).Manage:
		return fault.Forbiddenf("only the shop that sells this product can remove its photos")
	}
	return nil
}

// Visible reports whether a may see img, a photo of p: ready photos are
// public, the others only for those who manage them.
func Visible(a actor.Actor, p Product, img Image) bool {
	return img.Status == Ready || AccessOf(a, p).SeeAll
}
