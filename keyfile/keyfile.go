// Package keyfile keeps resonanz's secret keys in the data directory: 32
// random bytes written as 64 hex digits, in a file made (mode 0600) on first
// start. Back the files up with the database.
package keyfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Load returns the key in the file name in dir, making the file with a new
// random key when there is none.
func Load(dir, name string) (string, error) {
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		raw := make([]byte, 32)
		rand.Read(raw)
		b = []byte(hex.EncodeToString(raw) + "\n")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) { // made meanwhile by another command on the same directory
			return Load(dir, name)
		} else if err != nil {
			return "", fmt.Errorf("create %s: %w", name, err)
		}
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("write %s: %w", name, err)
		}
	} else if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return string(b), nil
}
