// Command visualcontent runs the visual content service on its own (the
// distributed mode): the home page's banners and sliders, their files kept
// in the folder VISUAL_DIR (a volume of its own).
package main

import (
	"errors"

	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/visualcontent"
)

func main() {
	host.Main("visualcontent", ":8091", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		dir := cfg.String("visual-dir", "VISUAL_DIR", "", "folder of the banner files: uploads and their sizes (required)")
		return func(d host.Deps) (host.Service, error) {
			if *dir == "" {
				return nil, errors.New("VISUAL_DIR is required")
			}
			store, err := blobstore.NewDir(*dir)
			if err != nil {
				return nil, err
			}
			return visualcontent.New(d, store)
		}
	})
}
