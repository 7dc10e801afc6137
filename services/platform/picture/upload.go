package picture

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// MaxUploadBytes is the largest image file a service accepts: product
// photos and banners alike (their clients' MaxUploadBytes say the same).
const MaxUploadBytes = 10 << 20

// ErrTooLarge is an upload over MaxUploadBytes.
var ErrTooLarge = &fault.Error{Category: fault.CategoryTooLarge, Message: "the file is larger than 10 MiB"}

// ReadUpload reads an uploaded file of at most MaxUploadBytes, refusing
// more before reading when size (the declared length, 0 or -1 when not
// known) says so. An empty file is invalid input on the field "image".
func ReadUpload(body io.Reader, size int64) ([]byte, error) {
	if size > MaxUploadBytes {
		return nil, ErrTooLarge
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(body, MaxUploadBytes+1))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, fault.TooLarge):
		return nil, ErrTooLarge
	case err != nil:
		return nil, fault.Invalidf("the upload could not be read").WithCause(err)
	case buf.Len() > MaxUploadBytes:
		return nil, ErrTooLarge
	case buf.Len() == 0:
		return nil, fault.Fields(map[string]string{"image": "the file is empty"})
	}
	return buf.Bytes(), nil
}

// Invalid turns a problem with an uploaded file into the error for the
// uploader, on the field "image".
func Invalid(err error) error {
	msg := "the file cannot be read as an image"
	if known := knownProblem(err); known != nil {
		msg = known.Error()
	}
	return fault.Fields(map[string]string{"image": msg}).WithCause(err)
}

// Reason is the short message for a file that could not be decoded, as
// the person who uploaded it sees it: one of Known.
func Reason(err error) string {
	if known := knownProblem(err); known != nil {
		return known.Error()
	}
	return ErrCorrupt.Error()
}

// knownProblem is the one of Known that err is, or nil.
func knownProblem(err error) error {
	for _, known := range Known {
		if errors.Is(err, known) {
			return known
		}
	}
	return nil
}
