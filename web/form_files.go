package web

import (
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/attachment"
)

// Limits of the files a person may send with a web form: a photo or two and
// a receipt, not an archive. The kiosk offers no upload: its tablet is
// shared by everyone in the store.
const (
	maxFormFiles      = 3
	maxFormFilesBytes = 8 << 20 // all files of one entry together
)

// parseEntry reads a posted entry, with its files when the form sent some.
// A request larger than an entry (and its files) ends with the key of the
// problem's text, before it is read whole.
func parseEntry(w http.ResponseWriter, r *http.Request) (problem string) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, maxEntryBytes)
		if r.ParseForm() != nil {
			return "form.err.big"
		}
		return ""
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxEntryBytes+maxFormFilesBytes)
	if r.ParseMultipartForm(1<<20) != nil {
		return "form.err.big.files"
	}
	return ""
}

// formFiles are the files of a posted entry, at most maxFormFiles; a field
// left empty sends none.
func formFiles(r *http.Request) ([]*resonanz.Attachment, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var files []*resonanz.Attachment
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		if len(files) == maxFormFiles {
			return nil, resonanz.FieldError("files", "At most %d files.", maxFormFiles).Keyed("form.files.many")
		}
		a, err := formFile(fh)
		if err != nil {
			return nil, err
		}
		files = append(files, a)
	}
	return files, nil
}

// formFile reads one uploaded file; its name is only shown, never a path.
func formFile(fh *multipart.FileHeader) (*resonanz.Attachment, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFormFilesBytes+1))
	if err != nil {
		return nil, err
	}
	mediaType := fh.Header.Get("Content-Type")
	return &resonanz.Attachment{Name: attachment.SafeName(fh.Filename, mediaType), Type: mediaType, Size: int64(len(data)), Data: data}, nil
}
