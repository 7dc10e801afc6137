package web

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// fileForm is what readFileForm received: the text fields and the file,
// spooled to a temporary file.
type fileForm struct {
	fields   map[string]string
	file     *os.File // nil when none was sent
	tooLarge bool
}

func (u *fileForm) close() {
	if u.file != nil {
		u.file.Close()
		os.Remove(u.file.Name())
	}
}

// readFileForm reads a multipart form with one file, field "image", as a
// stream of parts: the CSRF token, which the forms send first and which
// is checked before anything else is read; the text fields named in
// fields, each cut at the most bytes it may arrive with; then the file,
// which goes to a temporary file rather than memory, up to limit bytes.
// The file is spooled before it is sent on, so that a slow connection does
// not hold a call to a service open, and its size is checked as the bytes
// arrive. notMultipart is the error for a request that is no such form.
func (w *Web) readFileForm(c echo.Context, fields map[string]int64, limit int64, notMultipart error) (*fileForm, error) {
	u := &fileForm{fields: map[string]string{}}
	req := c.Request()
	defer func() {
		// Whatever is left (a file too large, parts after the file) is
		// read to the end, within the body limit, so the browser sees the
		// answer rather than a reset connection.
		_, _ = io.Copy(io.Discard, req.Body)
	}()
	mr, err := req.MultipartReader()
	if err != nil {
		return u, notMultipart
	}
	checked, _ := c.Get(keyCSRFChecked).(bool)
	want := w.csrfToken(c)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
				u.tooLarge = true
				return u, nil
			}
			return u, fault.Invalidf("the upload did not arrive completely; please try again")
		}
		name := part.FormName()
		switch {
		case name == "_csrf":
			b, _ := io.ReadAll(io.LimitReader(part, 1024))
			if err := checkCSRF(string(b), want); err != nil {
				return u, err
			}
			checked = true
		case name == "image":
			if !checked {
				return u, errCSRF
			}
			if u.file != nil || part.FileName() == "" {
				continue // no file chosen, or a second one: ignored
			}
			f, tooLarge, err := spoolPart(part, limit)
			if err != nil {
				return u, err
			}
			u.file, u.tooLarge = f, tooLarge
			if tooLarge {
				return u, nil
			}
		case fields[name] > 0:
			b, _ := io.ReadAll(io.LimitReader(part, fields[name]))
			u.fields[name] = strings.TrimSpace(string(b))
		}
	}
	if !checked {
		return u, errCSRF
	}
	return u, nil
}

// spoolPart copies a file part to a temporary file, up to limit bytes. An
// empty part is no file.
func spoolPart(part io.Reader, limit int64) (f *os.File, tooLarge bool, err error) {
	f, err = os.CreateTemp("", "marketplace-upload-*")
	if err != nil {
		return nil, false, err
	}
	discard := func() {
		f.Close()
		os.Remove(f.Name())
	}
	n, err := io.Copy(f, io.LimitReader(part, limit+1))
	switch {
	case errors.Is(err, echo.ErrStatusRequestEntityTooLarge) || n > limit:
		discard()
		return nil, true, nil
	case err != nil:
		discard()
		return nil, false, fault.Invalidf("the upload did not arrive completely; please try again")
	case n == 0:
		discard()
		return nil, false, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		discard()
		return nil, false, err
	}
	return f, false, nil
}
