// Package media is the media service: product photos and their resized
// variants. Sellers upload a photo of their product; the service checks it
// without decoding it, stores the file once per content, and a worker of
// its own makes the thumb, medium and large variants and announces the
// photo (product_image.uploaded). It learns whose product is whose from
// product events. This file wires it for the host.
package media

import (
	"context"
	"errors"
	"image"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/media/internal/adapters"
	"github.com/marketplace/marketplace/services/media/internal/app"
	"github.com/marketplace/marketplace/services/media/internal/demophoto"
	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/media/internal/ports"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/productclient"
)

// DemoPhotoSize is the side, in pixels, of the drawn demo photos. The
// demo is seeded when an empty marketplace starts, so drawing and
// processing its sixty-odd photos must take seconds, not tens: at 1000
// pixels it costs about 8.5 s of CPU (1200 would cost 10.7), half of that
// in wall time on two cores.
const DemoPhotoSize = 1000

// Service is the media service.
type Service struct {
	app       *app.App
	http      *ports.HTTP
	consumers *ports.Consumers
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Runner     = (*Service)(nil)
	_ host.Seeder     = (*Service)(nil)
)

// New builds the service. store keeps the files (originals and variants);
// products, which may be nil, is asked about a product whose
// product.created event has not arrived yet.
func New(d host.Deps, store blobstore.Store, products *productclient.Client) (*Service, error) {
	if d.DB == nil || d.Outbox == nil || store == nil {
		return nil, errors.New("media service: a database, an outbox and a blob store are required")
	}
	var pr app.Products
	if products != nil {
		pr = adapters.NewProducts(products)
	}
	a, err := app.New(app.Deps{
		Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Blobs: store, Products: pr,
		Clock: d.Clock, Logger: d.Logger,
	})
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a), consumers: ports.NewConsumers(a)}, nil
}

// Routes registers the JSON API and the file endpoint on g (mounted at
// /v1). Uploads need a server body limit above mediaclient.MaxUploadBytes
// (host.Config.BodyLimit "11M"); the service enforces 10 MiB itself.
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// BodyLimit lets uploads of up to mediaclient.MaxUploadBytes through the
// server's limit; the upload handler enforces the exact limit itself.
func (s *Service) BodyLimit() string { return "11M" }

// Subscribe consumes product.created, product.updated and product.deleted.
func (s *Service) Subscribe(r *eventbus.Router) { s.consumers.Subscribe(r) }

// Run is the processing worker; it returns when ctx ends.
func (s *Service) Run(ctx context.Context) error { return s.app.Run(ctx) }

// ProcessPending makes the variants of every photo waiting now, at once,
// and returns how many it finished (ready or failed). Tests and commands
// use it where no worker runs.
func (s *Service) ProcessPending(ctx context.Context) (int, error) { return s.app.ProcessPending(ctx) }

// Seed draws the photos of the demo products that are missing and
// processes them right away, publishing product_image.uploaded for each.
func (s *Service) Seed(ctx context.Context) error {
	owners := map[string]string{}
	for _, sh := range demo.Shops {
		owners[sh.ID] = sh.OwnerID
	}
	var photos []app.DemoPhoto
	for _, p := range demo.Products {
		for _, ph := range p.Photos {
			photos = append(photos, app.DemoPhoto{
				ID:      ph.ID,
				Product: domain.Product{ID: p.ID, ShopID: p.ShopID, OwnerID: owners[p.ShopID], Name: p.Name},
				Draw: func() image.Image {
					return demophoto.Draw(ph.Motif, ph.Hue, DemoPhotoSize)
				},
			})
		}
	}
	return s.app.SeedPhotos(ctx, photos)
}
