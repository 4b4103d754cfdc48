package web

import (
	"mime"
	"net/http"
	"os"
	"strings"

	"github.com/resonanz/resonanz"
)

// AttachmentFiles opens the kept bytes of an attachment.
type AttachmentFiles interface {
	Open(a *resonanz.Attachment) (*os.File, error)
	// Remove deletes kept files, as when their person is erased.
	Remove(paths []string) error
}

// inertTypes are the media types a download keeps: a browser shows none of
// them as a page. Everything else, HTML and SVG above all, goes out as
// application/octet-stream.
var inertTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain": true, "text/csv": true, "message/rfc822": true, "application/zip": true,
}

// handleAttachment sends a kept file of a customer's message to an agent who
// may see its conversation, always as a download: customer files are never
// shown as a page of resonanz, where their scripts would run as the agent.
func (s *Server) handleAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := s.visibleByPath(r, resonanz.Errorf(resonanz.ENOTFOUND, "No such file.").Keyed("attachment.unknown"), s.Attachments.AttachmentConversation)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := s.Attachments.FindAttachment(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.Files.Open(a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", downloadType(a.Type))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": downloadName(a.Name)}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", info.ModTime(), f)
}

// downloadType is the declared type if it is inert, else a plain download.
func downloadType(declared string) string {
	t, _, err := mime.ParseMediaType(declared)
	if err != nil || !inertTypes[t] {
		return "application/octet-stream"
	}
	return t
}

// downloadName is the name the browser saves the file under: the stored
// name is already safe, this keeps it so should a row hold anything else.
func downloadName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || strings.ContainsRune(`/\"`, r) {
			return '_'
		}
		return r
	}, name)
	if strings.Trim(name, "._ ") == "" {
		return "file"
	}
	return name
}
