// Package visualcontent is the visual content service: the site-wide
// banners of the home page (the hero and the slider's slides), their
// placement, order and schedule, which only admins manage. An admin's
// upload is checked without decoding it, stored as pending and announced
// (visual_content.admin_uploaded); the service's own consumer makes the
// sizes and announces the banner (visual_content.uploaded). Deletion runs
// the same way. This file wires it for the host.
package visualcontent

import (
	"context"
	"errors"
	"image"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/visualcontent/internal/adapters"
	"github.com/marketplace/marketplace/services/visualcontent/internal/app"
	"github.com/marketplace/marketplace/services/visualcontent/internal/bannerart"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
	"github.com/marketplace/marketplace/services/visualcontent/internal/ports"
)

// Service is the visual content service.
type Service struct {
	app       *app.App
	http      *ports.HTTP
	consumers *ports.Consumers
}

var (
	_ host.Service     = (*Service)(nil)
	_ host.Subscriber  = (*Service)(nil)
	_ host.Seeder      = (*Service)(nil)
	_ host.BodyLimiter = (*Service)(nil)
)

// New builds the service. store keeps the banner files (uploads and the
// sizes made from them).
func New(d host.Deps, store blobstore.Store) (*Service, error) {
	if d.DB == nil || d.Outbox == nil || store == nil {
		return nil, errors.New("visualcontent service: a database, an outbox and a blob store are required")
	}
	a, err := app.New(app.Deps{
		Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Blobs: store, Clock: d.Clock, Logger: d.Logger,
	})
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a), consumers: ports.NewConsumers(a)}, nil
}

// Routes registers the JSON API and the file endpoint on g (mounted at
// /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// BodyLimit lets uploads of up to visualcontentclient.MaxUploadBytes
// through the server's limit; the upload handler enforces the exact limit
// itself.
func (s *Service) BodyLimit() string { return "11M" }

// Subscribe consumes the service's own visual_content.admin_uploaded (makes
// the sizes) and visual_content.admin_deleted (removes the banner).
func (s *Service) Subscribe(r *eventbus.Router) { s.consumers.Subscribe(r) }

// DemoBanners are the fixed ids of the demo banners (services/demo has
// none): a hero and two slides.
var DemoBanners = []string{demo.ID("banner", 1), demo.ID("banner", 2), demo.ID("banner", 3)}

// Seed adds the demo banners once per database: drawn by code, stored as
// uploads and announced with visual_content.admin_uploaded, so the
// service's consumer makes their sizes as for an admin's upload.
func (s *Service) Seed(ctx context.Context) error {
	draw := func(p domain.Placement, hue, seed int) func() image.Image {
		size := domain.SizesOf(p)[0]
		return func() image.Image { return bannerart.Draw(size.Width, size.Height, hue, seed) }
	}
	return s.app.SeedBanners(ctx, []app.DemoBanner{
		{
			ID: DemoBanners[0],
			Input: domain.Input{
				Placement: string(domain.Hero), Title: "Made by hand, made to last",
				LinkURL: "/products?category=home", Alt: "Warm terracotta gradient with soft glowing circles",
			},
			Draw: draw(domain.Hero, 18, 1),
		},
		{
			ID: DemoBanners[1],
			Input: domain.Input{
				Placement: string(domain.Slider), Title: "Ready for the trail",
				LinkURL: "/products?category=outdoors", Alt: "Forest green gradient with rolling waves", Position: 0,
			},
			Draw: draw(domain.Slider, 150, 2),
		},
		{
			ID: DemoBanners[2],
			Input: domain.Input{
				Placement: string(domain.Slider), Title: "Paper, pens and quiet mornings",
				LinkURL: "/products?category=books", Alt: "Deep blue gradient with pale discs", Position: 1,
			},
			Draw: draw(domain.Slider, 225, 3),
		},
	})
}
