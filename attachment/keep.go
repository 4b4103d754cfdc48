// Package attachment keeps the files that come with customers' messages —
// a mail's attachments and the mail itself as received, a web form's
// uploads — in the data directory, within size limits, under names it makes
// itself: what a sender calls a file never becomes a path.
package attachment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/resonanz/resonanz"
)

// Default limits: a file as large as mail servers commonly pass, and all
// files of one message together as large as the largest mail taken in.
const (
	DefaultMaxFile    = 10 << 20
	DefaultMaxMessage = 25 << 20
)

// Folder is the directory in the data directory that holds every kept file.
const Folder = "attachments"

// Keeper keeps attachments under Dir/attachments/<key>/, where key is made
// from the message's channel and external id: the same message fetched
// twice writes the same files again, and leaves no strays.
type Keeper struct {
	Dir        string // the data directory
	MaxFile    int64  // the largest file kept
	MaxMessage int64  // the most bytes kept of one message, its original included
}

// storedPath is the form of every path a Keeper hands out.
var storedPath = regexp.MustCompile(`^attachments/[0-9a-f]{32}/([0-9]{1,4}|original)$`)

// Keep writes each attachment of m that fits the limits and sets its Path,
// or sets why it was refused; it drops the bytes either way. The original
// (a mail as received) holds the files once more: it may be as large as a
// message's files together, and does not count against them.
func (k *Keeper) Keep(m *resonanz.IncomingMessage) error {
	if len(m.Attachments) == 0 {
		return nil
	}
	sum := sha256.Sum256([]byte(m.Channel + "\x00" + m.ExternalID))
	dir := path.Join(Folder, hex.EncodeToString(sum[:16]))
	if err := os.MkdirAll(filepath.Join(k.Dir, filepath.FromSlash(dir)), 0o700); err != nil {
		return fmt.Errorf("attachment: %w", err)
	}
	var used int64
	for i, a := range m.Attachments {
		data := a.Data
		a.Data = nil
		a.Size = max(a.Size, int64(len(data)))
		switch {
		case a.Original && a.Size > k.MaxMessage:
			a.Refused, a.Limit = resonanz.AttachmentTooLarge, k.MaxMessage
		case !a.Original && (a.Size > k.MaxFile || int64(len(data)) != a.Size):
			a.Refused, a.Limit = resonanz.AttachmentTooLarge, k.MaxFile
		case !a.Original && used+a.Size > k.MaxMessage:
			a.Refused, a.Limit = resonanz.AttachmentNoRoom, k.MaxMessage
		default:
			name := strconv.Itoa(i)
			if a.Original {
				name = "original"
			}
			a.Path = path.Join(dir, name)
			if err := k.write(a.Path, data); err != nil {
				return err
			}
			if !a.Original {
				used += a.Size
			}
		}
	}
	return nil
}

// write stores data at p in one step: a reader never sees half a file.
func (k *Keeper) write(p string, data []byte) error {
	full := filepath.Join(k.Dir, filepath.FromSlash(p))
	tmp, err := os.CreateTemp(filepath.Dir(full), ".part-*")
	if err != nil {
		return fmt.Errorf("attachment: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("attachment: write %s: %w", p, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("attachment: write %s: %w", p, err)
	}
	if err := os.Rename(tmp.Name(), full); err != nil {
		return fmt.Errorf("attachment: %w", err)
	}
	return nil
}

// Remove deletes kept files by their paths, and their message's folder once
// it is empty; a path not of the form Keep makes is left alone, and a file
// already gone is no error.
func (k *Keeper) Remove(paths []string) error {
	for _, p := range paths {
		if !storedPath.MatchString(p) {
			continue
		}
		full := filepath.Join(k.Dir, filepath.FromSlash(p))
		if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("attachment: %w", err)
		}
		os.Remove(filepath.Dir(full)) // only when empty
	}
	return nil
}

// Open opens a kept attachment for reading. Only a path of the form Keep
// makes is opened, so that a damaged database row cannot reach other files.
func (k *Keeper) Open(a *resonanz.Attachment) (*os.File, error) {
	if !storedPath.MatchString(a.Path) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "This file was not kept.")
	}
	f, err := os.Open(filepath.Join(k.Dir, filepath.FromSlash(a.Path)))
	if os.IsNotExist(err) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "This file is no longer there.")
	}
	return f, err
}
