// Command media runs the media service on its own (the distributed mode):
// product photos and their variants, kept in the folder MEDIA_DIR (a
// volume the media processes share).
package main

import (
	"errors"
	"os"
	"strings"

	"github.com/marketplace/marketplace/services/media"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product/productclient"
)

func main() {
	host.Main("media", ":8085", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		dir := cfg.String("media-dir", "MEDIA_DIR", "", "folder of the stored photos and their variants (required)")
		productURL := cfg.String("product-url", "PRODUCT_URL", "", "base URL of the product service, asked about products whose events have not arrived yet")
		return func(d host.Deps) (host.Service, error) {
			if *dir == "" {
				return nil, errors.New("MEDIA_DIR is required")
			}
			if !strings.HasPrefix(*productURL, "http://") && !strings.HasPrefix(*productURL, "https://") {
				return nil, errors.New("PRODUCT_URL must be an http(s) URL")
			}
			store, err := blobstore.NewDir(*dir)
			if err != nil {
				return nil, err
			}
			// host.Main read and checked INTERNAL_TOKEN already.
			products := productclient.New(*productURL, httpclient.Options{Token: os.Getenv("INTERNAL_TOKEN")})
			return media.New(d, store, products)
		}
	})
}
