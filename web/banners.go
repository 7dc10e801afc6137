package web

import (
	"context"
	"errors"
	"image"
	_ "image/gif" // the formats banners are accepted in, for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
	"github.com/marketplace/marketplace/views/admin"
	"github.com/marketplace/marketplace/views/catalog"
)

// Banners: the admin's list and forms under /admin/banners, the home
// page's hero and slider, and the proxy that serves their images.

const bannersPath = "/admin/banners"

func bannerURL(id string) string { return bannersPath + "/" + url.PathEscape(id) }

// datetimeLocal is the format of <input type="datetime-local">; the
// forms say that their times are UTC.
const datetimeLocal = "2006-01-02T15:04"

// placements in the order the admin page lists them.
var placements = []struct{ key, title, hint string }{
	{visualcontentclient.Hero, "Hero", "The wide banner at the top of the home page (1920×600). The first ready, active one in its window shows."},
	{visualcontentclient.Slider, "Slider", "The home page’s slider (1200×400): every ready, active slide in its window, in this order."},
}

var statusLabels = map[string]string{
	visualcontentclient.StatusDraft:    "Draft (no image)",
	visualcontentclient.StatusPending:  "Processing",
	visualcontentclient.StatusReady:    "Ready",
	visualcontentclient.StatusFailed:   "Failed",
	visualcontentclient.StatusDeleting: "Deleting",
}

// bannerGroups groups the banners by placement, in the service's order
// (position), with the neighbours each may swap with.
func bannerGroups(banners []visualcontentclient.Banner) []admin.BannerGroup {
	groups := make([]admin.BannerGroup, len(placements))
	for i, p := range placements {
		groups[i] = admin.BannerGroup{Placement: p.key, Title: p.title, Hint: p.hint}
		var in []visualcontentclient.Banner
		for _, b := range banners {
			if b.Placement == p.key {
				in = append(in, b)
			}
		}
		for j, b := range in {
			groups[i].Rows = append(groups[i].Rows, bannerRow(b, j > 0, j < len(in)-1))
		}
	}
	return groups
}

func bannerRow(b visualcontentclient.Banner, up, down bool) admin.BannerRow {
	r := admin.BannerRow{
		ID: b.ID, Title: b.Title, Placement: b.Placement, LinkURL: b.LinkURL, Alt: b.Alt,
		Status: b.Status, StatusLabel: statusLabels[b.Status], Error: sentence(b.Error), Active: b.Active,
		Position: strconv.Itoa(b.Position), EditURL: bannerURL(b.ID), RowURL: bannerURL(b.ID) + "/row",
		CanUp: up, CanDown: down,
	}
	if r.StatusLabel == "" {
		r.StatusLabel = b.Status
	}
	if r.Alt == "" {
		r.Alt = b.Title
	}
	if n := len(b.Images); n > 0 {
		r.ThumbURL = b.Images[n-1].URL // widest first: the last is the smallest
	}
	r.Schedule, r.PreviewURL = schedule(b.StartsAt, b.EndsAt)
	return r
}

// schedule says a banner's window in words, and links the home page as
// it will look when the window opens.
func schedule(starts, ends *time.Time) (text, preview string) {
	from, until := "", ""
	if starts != nil {
		from, _ = formatDateTime(*starts)
		preview = "/?preview_at=" + url.QueryEscape(starts.UTC().Format(datetimeLocal))
	}
	if ends != nil {
		until, _ = formatDateTime(*ends)
	}
	switch {
	case from != "" && until != "":
		text = "From " + from + " until " + until
	case from != "":
		text = "From " + from
	case until != "":
		text = "Until " + until
	}
	return text, preview
}

func (w *Web) bannersPage(c echo.Context, status int, form admin.BannerForm) error {
	list, err := w.cfg.Clients.VisualContent.List(c.Request().Context())
	if err != nil {
		return err
	}
	if form.Placement == "" {
		form.Placement = visualcontentclient.Hero
	}
	if form.Position == "" {
		form.Position = "0"
	}
	v := admin.BannersPage{Groups: bannerGroups(list), Form: form, MaxUpload: "10 MB"}
	return w.render(c, status, admin.Banners(w.page(c, "Banners"), v))
}

// banners is GET /admin/banners.
func (w *Web) banners(c echo.Context) error {
	return w.bannersPage(c, http.StatusOK, admin.BannerForm{})
}

// bannerRowFragment answers a pending (or deleting) row's polling: the
// row as it is now, which stops polling once ready or failed, or nothing
// once the banner is gone (htmx then removes the row). A browser asking
// for it directly is sent to the list.
func (w *Web) bannerRowFragment(c echo.Context) error {
	if !isFragmentRequest(c) {
		return w.redirect(c, bannersPath)
	}
	id := c.Param("id")
	list, err := w.cfg.Clients.VisualContent.List(c.Request().Context())
	if err != nil {
		return err
	}
	for _, g := range bannerGroups(list) {
		for _, r := range g.Rows {
			if r.ID == id {
				return w.render(c, http.StatusOK, admin.BannerItem(w.session(c).get(keyCSRF), r))
			}
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.NoContent(http.StatusOK) // gone: the empty answer removes the row
}

// ---------- The new-banner form: one multipart upload ----------

// bannerFormFields are the text fields of the banner forms, with the
// most characters each may arrive with (more is cut; the service's own
// limits are lower, so a cut value is still refused as too long).
var bannerFormFields = map[string]int64{
	"title": 1000, "link_url": 4000, "alt": 2000, "placement": 100, "position": 100,
	"starts_at": 100, "ends_at": 100, "active": 10,
}

// readBannerForm reads a banner form (see readFileForm): the settings,
// then the image, up to the service's limit.
func (w *Web) readBannerForm(c echo.Context) (*fileForm, error) {
	return w.readFileForm(c, bannerFormFields, visualcontentclient.MaxUploadBytes,
		fault.Invalidf("send the banner with the banner form"))
}

// imageProblem checks that a file is an image of a format the service
// takes, from its bytes (never its name), reading only its header; it
// returns a message for the form, or "".
func imageProblem(f *os.File) string {
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	msg := ""
	switch http.DetectContentType(head[:n]) {
	case "image/jpeg", "image/png", "image/gif":
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return "The image could not be read. Choose it again."
		}
		cfg, _, err := image.DecodeConfig(f)
		switch {
		case err != nil:
			msg = "The image file is damaged or incomplete. Choose another one."
		case cfg.Width <= 0 || cfg.Height <= 0:
			msg = "The image has no pixels. Choose another one."
		}
	default:
		msg = "The file is not a JPEG, PNG or GIF image. Choose an image file."
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil && msg == "" {
		msg = "The image could not be read. Choose it again."
	}
	return msg
}

// bannerSettings reads and checks the settings of a banner form. The
// service checks them again (and the link, the lengths); here they are
// read into its request, and what cannot be read becomes a message.
func bannerSettings(fields map[string]string, edit bool) (visualcontentclient.BannerRequest, admin.BannerForm, problems) {
	f := admin.BannerForm{
		Title: fields["title"], LinkURL: fields["link_url"], Alt: fields["alt"], Placement: fields["placement"],
		Position: fields["position"], StartsAt: fields["starts_at"], EndsAt: fields["ends_at"], Active: fields["active"] == "true",
	}
	r := visualcontentclient.BannerRequest{Title: f.Title, LinkURL: f.LinkURL, Alt: f.Alt, Placement: f.Placement}
	var p problems
	if f.Title == "" {
		p.add("title", "Enter a title.")
	}
	if f.Placement != visualcontentclient.Hero && f.Placement != visualcontentclient.Slider {
		p.add("placement", "Choose where the banner goes: hero or slider.")
	}
	if f.Position == "" {
		f.Position = "0"
	}
	if n, err := strconv.Atoi(f.Position); err != nil || n < 0 || n > 1000 {
		p.add("position", "Enter a whole number from 0 to 1000.")
	} else {
		r.Position = n
	}
	var err string
	if r.StartsAt, err = parseLocalUTC(f.StartsAt); err != "" {
		p.add("starts_at", err)
	}
	if r.EndsAt, err = parseLocalUTC(f.EndsAt); err != "" {
		p.add("ends_at", err)
	}
	if r.StartsAt != nil && r.EndsAt != nil && !r.EndsAt.After(*r.StartsAt) {
		p.add("ends_at", "The end must be after the start.")
	}
	if edit {
		r.Active = &f.Active
	}
	return r, f, p
}

// parseLocalUTC reads a datetime-local value as UTC; empty is no time.
func parseLocalUTC(s string) (*time.Time, string) {
	if s == "" {
		return nil, ""
	}
	for _, layout := range []string{datetimeLocal, "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return &t, ""
		}
	}
	return nil, "Enter a date and time such as 2026-12-01T10:00 (UTC)."
}

// bannerFieldNames maps the service's field names to the form's.
var bannerFieldNames = map[string]string{
	"title": "title", "link_url": "link_url", "alt": "alt", "placement": "placement", "position": "position",
	"starts_at": "starts_at", "ends_at": "ends_at", "image": "image", "file": "image",
}

// serviceCtx is a context for the calls to the service after an upload
// arrived: their own time, not what is left of the page's after a slow
// upload.
func serviceCtx(c echo.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(c.Request().Context()), 30*time.Second)
}

// createBanner is POST /admin/banners: the settings and the image in one
// multipart form. Everything that can be checked here is checked first
// (settings, the file's presence, size and format), so that bad input
// changes nothing. Then the banner is created as a draft and its image
// uploaded; should the service refuse the image after all, the draft is
// deleted again (the form says so) rather than left without an image.
func (w *Web) createBanner(c echo.Context) error {
	u, err := w.readBannerForm(c)
	defer u.close()
	if err != nil {
		return err
	}
	req, form, p := bannerSettings(u.fields, false)
	switch {
	case u.tooLarge:
		p.add("image", "The image is larger than 10 MB. Choose a smaller one.")
	case u.file == nil:
		p.add("image", "Choose an image to upload.")
	default:
		if msg := imageProblem(u.file); msg != "" {
			p.add("image", msg)
		}
	}
	if p.any() {
		return w.refuseBannerForm(c, form, p)
	}
	ctx, cancel := serviceCtx(c)
	defer cancel()
	b, err := w.cfg.Clients.VisualContent.Create(ctx, req)
	if err != nil {
		p, ok := formProblems(err, bannerFieldNames)
		if !ok {
			return err
		}
		p.add("image", "Choose the image again: the form could not keep it.")
		return w.refuseBannerForm(c, form, p)
	}
	if _, err := w.cfg.Clients.VisualContent.SetImage(ctx, b.ID, u.file); err != nil {
		// The draft goes again, whatever the reason, so that a refused
		// upload leaves nothing behind.
		deleted := true
		if derr := w.cfg.Clients.VisualContent.Delete(ctx, b.ID); derr != nil {
			w.log.Warn("delete the draft of a banner whose image was refused", "banner", b.ID, "err", derr)
			deleted = false
		}
		p, ok := formProblems(err, bannerFieldNames)
		if !ok {
			return err
		}
		if errors.Is(err, fault.TooLarge) {
			p.Fields = nil
			p.add("image", "The image is larger than 10 MB. Choose a smaller one.")
		} else if p.Fields["image"] == "" {
			p.add("image", orDefault(p.General, "The image was refused. Choose another one."))
		}
		p.General = "The banner was not saved: its image was refused."
		if !deleted {
			p.General = "The image was refused, and the banner “" + b.Title + "” was saved without it, as a draft: upload another image on its page, or delete it."
		}
		return w.refuseBannerForm(c, form, p)
	}
	w.session(c).flash("The banner “" + b.Title + "” is uploaded. It shows once its image is processed.")
	return w.redirect(c, bannersPath+"#"+"banner-"+b.ID)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (w *Web) refuseBannerForm(c echo.Context, form admin.BannerForm, p problems) error {
	if len(p.Fields) > 1 && p.General == "" {
		p.General = "Please correct the marked fields."
	}
	form.Errors, form.Error = p.Fields, p.General
	return w.bannersPage(c, http.StatusUnprocessableEntity, form)
}

// ---------- One banner ----------

func bannerForm(b visualcontentclient.Banner) admin.BannerForm {
	f := admin.BannerForm{
		Title: b.Title, LinkURL: b.LinkURL, Alt: b.Alt, Placement: b.Placement, Position: strconv.Itoa(b.Position), Active: b.Active,
	}
	if b.StartsAt != nil {
		f.StartsAt = b.StartsAt.UTC().Format(datetimeLocal)
	}
	if b.EndsAt != nil {
		f.EndsAt = b.EndsAt.UTC().Format(datetimeLocal)
	}
	return f
}

func (w *Web) renderBannerEditor(c echo.Context, status int, b visualcontentclient.Banner, form, imageForm admin.BannerForm) error {
	v := admin.BannerEditPage{Row: bannerRow(b, false, false), Form: form, ImageForm: imageForm, MaxUpload: "10 MB"}
	if len(b.Images) > 0 {
		v.ImageURL = b.Images[0].URL
	}
	return w.render(c, status, admin.EditBanner(w.page(c, b.Title), v))
}

// editBanner is GET /admin/banners/{id}.
func (w *Web) editBanner(c echo.Context) error {
	b, err := w.cfg.Clients.VisualContent.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return w.renderBannerEditor(c, http.StatusOK, b, bannerForm(b), admin.BannerForm{})
}

// updateBanner is POST /admin/banners/{id}: the settings.
func (w *Web) updateBanner(c echo.Context) error {
	ctx := c.Request().Context()
	id := c.Param("id")
	fields := map[string]string{}
	for name := range bannerFormFields {
		fields[name] = strings.TrimSpace(c.FormValue(name))
	}
	req, form, p := bannerSettings(fields, true)
	if !p.any() {
		b, err := w.cfg.Clients.VisualContent.Update(ctx, id, req)
		if err == nil {
			w.session(c).flash("The banner “" + b.Title + "” is saved.")
			return w.redirect(c, bannersPath+"#banner-"+b.ID)
		}
		var ok bool
		if p, ok = formProblems(err, bannerFieldNames); !ok {
			return err
		}
	}
	b, err := w.cfg.Clients.VisualContent.Get(ctx, id)
	if err != nil {
		return err
	}
	if len(p.Fields) > 1 && p.General == "" {
		p.General = "Please correct the marked fields."
	}
	form.Errors, form.Error = p.Fields, p.General
	return w.renderBannerEditor(c, http.StatusUnprocessableEntity, b, form, admin.BannerForm{})
}

// replaceBannerImage is POST /admin/banners/{id}/image (multipart).
func (w *Web) replaceBannerImage(c echo.Context) error {
	id := c.Param("id")
	u, err := w.readBannerForm(c)
	defer u.close()
	if err != nil {
		return err
	}
	var p problems
	switch {
	case u.tooLarge:
		p.add("image", "The image is larger than 10 MB. Choose a smaller one.")
	case u.file == nil:
		p.add("image", "Choose an image to upload.")
	default:
		if msg := imageProblem(u.file); msg != "" {
			p.add("image", msg)
		}
	}
	ctx, cancel := serviceCtx(c)
	defer cancel()
	if !p.any() {
		_, err := w.cfg.Clients.VisualContent.SetImage(ctx, id, u.file)
		if err == nil {
			w.session(c).flash("The new image is uploaded. It shows once it is processed.")
			return w.redirect(c, bannersPath+"#banner-"+id)
		}
		var ok bool
		if p, ok = formProblems(err, bannerFieldNames); !ok {
			return err
		}
		if errors.Is(err, fault.TooLarge) {
			p.Fields = map[string]string{"image": "The image is larger than 10 MB. Choose a smaller one."}
		} else if p.Fields["image"] == "" {
			p.add("image", orDefault(p.General, "The image was refused. Choose another one."))
			p.General = ""
		}
	}
	b, err := w.cfg.Clients.VisualContent.Get(ctx, id)
	if err != nil {
		return err
	}
	return w.renderBannerEditor(c, http.StatusUnprocessableEntity, b, bannerForm(b), admin.BannerForm{Errors: p.Fields, Error: p.General})
}

// setBannerActive is POST /admin/banners/{id}/active: shows or hides a
// banner (active=true or false), keeping its other settings.
func (w *Web) setBannerActive(c echo.Context) error {
	ctx := c.Request().Context()
	active, err := strconv.ParseBool(c.FormValue("active"))
	if err != nil {
		return fault.Invalidf("active must be true or false")
	}
	b, err := w.cfg.Clients.VisualContent.Get(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	req := visualcontentclient.BannerRequest{
		Placement: b.Placement, Title: b.Title, LinkURL: b.LinkURL, Alt: b.Alt, Position: b.Position,
		StartsAt: b.StartsAt, EndsAt: b.EndsAt, Active: &active,
	}
	if _, err := w.cfg.Clients.VisualContent.Update(ctx, b.ID, req); err != nil {
		return err
	}
	if active {
		w.session(c).flash("“" + b.Title + "” is active: it shows when ready and in its window.")
	} else {
		w.session(c).flash("“" + b.Title + "” is hidden from the home page.")
	}
	return w.redirect(c, bannersPath+"#banner-"+b.ID)
}

// moveBanner is POST /admin/banners/{id}/move: swaps a banner with its
// neighbour in its placement (direction=up or down) and saves the order.
func (w *Web) moveBanner(c echo.Context) error {
	ctx := c.Request().Context()
	id, dir := c.Param("id"), c.FormValue("direction")
	if dir != "up" && dir != "down" {
		return fault.Invalidf("direction must be up or down")
	}
	list, err := w.cfg.Clients.VisualContent.List(ctx)
	if err != nil {
		return err
	}
	var placement string
	for _, b := range list {
		if b.ID == id {
			placement = b.Placement
		}
	}
	if placement == "" {
		return fault.NotFoundf("no banner %s", id)
	}
	var ids []string
	for _, b := range list {
		if b.Placement == placement {
			ids = append(ids, b.ID)
		}
	}
	i := slices.Index(ids, id)
	j := i - 1
	if dir == "down" {
		j = i + 1
	}
	if j >= 0 && j < len(ids) {
		ids[i], ids[j] = ids[j], ids[i]
		if err := w.cfg.Clients.VisualContent.Reorder(ctx, placement, ids); err != nil {
			return err
		}
	}
	return w.redirect(c, bannersPath+"#banner-"+id)
}

// deleteBanner is POST /admin/banners/{id}/delete. The service takes the
// banner off the home page at once and removes its files shortly after;
// the list shows it as deleting meanwhile.
func (w *Web) deleteBanner(c echo.Context) error {
	ctx := c.Request().Context()
	id := c.Param("id")
	b, err := w.cfg.Clients.VisualContent.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := w.cfg.Clients.VisualContent.Delete(ctx, id); err != nil {
		return err
	}
	w.session(c).flash("The banner “" + b.Title + "” is being deleted.")
	return w.redirect(c, bannersPath)
}

// ---------- The home page's banners ----------

// previewAt reads ?preview_at= for an admin: the moment whose banners the
// home page shows. Others get the zero time (now), as does an admin
// without the parameter; a value that does not read is said in a notice.
func previewAt(c echo.Context) (at time.Time, problem string) {
	s := c.QueryParam("preview_at")
	if s == "" {
		return time.Time{}, ""
	}
	u, ok := currentUser(c)
	if !ok || actor.Role(u.Role) != actor.Admin {
		return time.Time{}, ""
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), ""
	}
	t, msg := parseLocalUTC(s)
	if msg != "" {
		return time.Time{}, "The preview time could not be read (use 2026-12-01T10:00, UTC): the banners are shown as they are now."
	}
	return *t, ""
}

// homeBanners splits the showing banners into the hero (the first hero)
// and the slides (every slider banner, in order).
func homeBanners(showing []visualcontentclient.Banner) (hero *catalog.Banner, slides []catalog.Banner) {
	for _, b := range showing {
		if len(b.Images) == 0 {
			continue
		}
		v := catalog.Banner{Title: b.Title, Alt: b.Alt, LinkURL: b.LinkURL}
		if v.Alt == "" {
			v.Alt = b.Title
		}
		for _, img := range b.Images {
			v.Images = append(v.Images, catalog.BannerImage{URL: img.URL, Width: img.Width, Height: img.Height})
		}
		switch b.Placement {
		case visualcontentclient.Hero:
			if hero == nil {
				hero = &v
			}
		case visualcontentclient.Slider:
			slides = append(slides, v)
		}
	}
	return hero, slides
}

// ---------- The banner image proxy ----------

// bannerFile serves GET /banners/{path} from the visual content service,
// as mediaFile does photos.
func (w *Web) bannerFile(c echo.Context) error {
	return w.proxyImage(c, "application/octet-stream", w.cfg.Clients.VisualContent.File)
}
