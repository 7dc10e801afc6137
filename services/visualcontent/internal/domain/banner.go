package domain

import (
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Status is where a banner is in its life.
type Status string

// The states of a banner (the same strings as visualcontentclient's).
const (
	Draft    Status = "draft"    // settings saved, no image yet
	Pending  Status = "pending"  // an image accepted, its sizes being made
	Ready    Status = "ready"    // sizes made: shown when active and in its window
	Failed   Status = "failed"   // the image could not be processed (Error says why)
	Deleting Status = "deleting" // deletion accepted, files being removed
)

// MaxErrorBytes bounds the stored reason of a failure.
const MaxErrorBytes = 200

// Errors of the domain.
var (
	ErrBannerNotFound = fault.NotFoundf("banner not found")
	ErrBeingDeleted   = fault.Conflictf("the banner is being deleted")
)

// Banner is a site-wide banner: its settings, its state and its image.
//
// Version grows with every change and travels in events. ImageVersion is
// the Version at which the image being shown or processed was accepted:
// the sizes made from it are stored under it (so each name always holds
// the same bytes), and an announcement of an older image is recognised
// and ignored.
type Banner struct {
	ID string
	Settings
	Active       bool
	Status       Status
	Error        string
	OriginalKey  string  // the uploaded file in the blob store; "" in a draft
	ImageVersion int64   // 0 until an image is accepted
	Images       []Image // the sizes last made (widest first), on disk until replaced or deleted
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NewBanner is a draft with settings s: active, without an image.
func NewBanner(id string, s Settings, now time.Time) Banner {
	return Banner{ID: id, Settings: s, Active: true, Status: Draft, Version: 1, CreatedAt: now, UpdatedAt: now}
}

func (b *Banner) touch(now time.Time) {
	b.Version++
	b.UpdatedAt = now
}

// Edit replaces the settings and, when active is not nil, turns the banner
// on or off. A banner whose placement changes while it has an image is
// processed again for the new placement's sizes: Edit then reports true,
// and the banner is pending with a new image version.
func (b *Banner) Edit(s Settings, active *bool, now time.Time) (reprocess bool, err error) {
	if b.Status == Deleting {
		return false, ErrBeingDeleted
	}
	reprocess = s.Placement != b.Placement && b.OriginalKey != ""
	b.Settings = s
	if active != nil {
		b.Active = *active
	}
	b.touch(now)
	if reprocess {
		b.Status, b.Error, b.ImageVersion = Pending, "", b.Version
	}
	return reprocess, nil
}

// AcceptImage takes a newly stored upload (its key in the blob store): the
// banner is pending with a new image version. It returns the key of the
// upload it replaces, which nothing needs any more ("" if none). The sizes
// made from that one stay in Images, and on disk, until the new ones are
// ready.
func (b *Banner) AcceptImage(key string, now time.Time) (replaced string, err error) {
	if b.Status == Deleting {
		return "", ErrBeingDeleted
	}
	replaced = b.OriginalKey
	b.touch(now)
	b.OriginalKey, b.Status, b.Error, b.ImageVersion = key, Pending, "", b.Version
	return replaced, nil
}

// Awaits reports whether the banner waits for the sizes of the image
// accepted at imageVersion: an announcement of any other image is stale.
func (b Banner) Awaits(imageVersion int64) bool {
	return b.Status == Pending && b.ImageVersion == imageVersion
}

// MarkReady records the sizes made from the image accepted at
// imageVersion and returns the sizes they replace, whose files can go. It
// reports false, changing nothing, when the banner does not wait for them
// (a newer image was accepted, it was finished already, or it is being
// deleted).
func (b *Banner) MarkReady(imageVersion int64, images []Image, now time.Time) (replaced []Image, ok bool) {
	if !b.Awaits(imageVersion) {
		return nil, false
	}
	replaced = b.Images
	b.Status, b.Error, b.Images = Ready, "", images
	b.touch(now)
	return replaced, true
}

// MarkFailed records that the image accepted at imageVersion cannot be
// processed and why; the sizes of an earlier image go with it (returned,
// for their files to be removed). It reports false, changing nothing, when
// the banner does not wait for that image.
func (b *Banner) MarkFailed(imageVersion int64, reason string, now time.Time) (replaced []Image, ok bool) {
	if !b.Awaits(imageVersion) {
		return nil, false
	}
	if len(reason) > MaxErrorBytes {
		reason = reason[:MaxErrorBytes]
	}
	replaced = b.Images
	b.Status, b.Error, b.Images = Failed, reason, nil
	b.touch(now)
	return replaced, true
}

// MarkDeleting accepts the banner's deletion. It reports false when the
// deletion was accepted already.
func (b *Banner) MarkDeleting(now time.Time) bool {
	if b.Status == Deleting {
		return false
	}
	b.Status = Deleting
	b.touch(now)
	return true
}

// Reposition moves the banner to position; false when it is there already.
func (b *Banner) Reposition(position int, now time.Time) bool {
	if b.Position == position {
		return false
	}
	b.Position = position
	b.touch(now)
	return true
}

// ShownAt reports whether the home page shows the banner at the moment at:
// ready, active and in its window.
func (b Banner) ShownAt(at time.Time) bool {
	return b.Status == Ready && b.Active && InWindow(b.StartsAt, b.EndsAt, at)
}

// Keys lists every blob the banner may have stored: its upload, the sizes
// last made, and the sizes of the image being processed (which may be on
// disk before they are recorded). Removing them all leaves nothing behind.
func (b Banner) Keys() []string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	add(b.OriginalKey)
	for _, img := range b.Images {
		add(img.Key)
	}
	if b.ImageVersion > 0 {
		for _, s := range SizesOf(b.Placement) {
			add(s.Key(b.ID, b.ImageVersion))
		}
	}
	return keys
}

// CanManage returns the error to refuse a caller who is not an
// administrator with, or nil: banners are the admins' alone.
func CanManage(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return fault.Unauthenticatedf("sign in as an administrator to manage banners")
	case !a.IsAdmin():
		return fault.Forbiddenf("only administrators manage banners")
	}
	return nil
}

// Order arranges banners (all of a placement's) in the order of ids,
// which must name each of them exactly once; banners being deleted may be
// named or left out (a list read a moment ago may hold them) and are left
// out of the result. Otherwise it returns a fault.Fields error for "ids".
func Order(banners []*Banner, ids []string) ([]*Banner, error) {
	byID := make(map[string]*Banner, len(banners))
	for _, b := range banners {
		byID[b.ID] = b
	}
	out := make([]*Banner, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		b, ok := byID[id]
		switch {
		case seen[id]:
			return nil, fault.Fields(map[string]string{"ids": "each banner must appear once"})
		case !ok:
			return nil, fault.Fields(map[string]string{"ids": "the list names a banner that is not in this placement"})
		}
		seen[id] = true
		if b.Status != Deleting {
			out = append(out, b)
		}
	}
	for _, b := range banners {
		if !seen[b.ID] && b.Status != Deleting {
			return nil, fault.Fields(map[string]string{"ids": "the list must name every banner of the placement"})
		}
	}
	return out, nil
}
