package channel

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz/keyfile"
)

// KeyFile is the name of the key file in the data directory.
const KeyFile = "secret.key"

// Sealer encrypts account secrets at rest (AES-256-GCM), so that a copy of
// the database alone does not give away the company's tokens.
type Sealer struct{ aead cipher.AEAD }

// NewSealer uses a 32-byte key, given as 64 hex digits or standard base64.
func NewSealer(key string) (*Sealer, error) {
	key = strings.TrimSpace(key)
	raw, err := hex.DecodeString(key)
	if err != nil {
		raw, err = base64.StdEncoding.DecodeString(key)
	}
	if err != nil || len(raw) != 32 {
		return nil, errors.New("the secret key must be 32 bytes, written as 64 hex digits or in base64")
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// LoadSealer uses key when given, else the key file in dir, which it creates
// (mode 0600) on first start.
func LoadSealer(key, dir string) (*Sealer, error) {
	if key != "" {
		return NewSealer(key)
	}
	key, err := keyfile.Load(dir, KeyFile)
	if err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	return NewSealer(key)
}

// Seal encrypts secrets.
func (s *Sealer) Seal(secrets map[string]string) ([]byte, error) {
	plain, err := json.Marshal(secrets)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return s.aead.Seal(nonce, nonce, plain, nil), nil
}

// Open decrypts what Seal made.
func (s *Sealer) Open(sealed []byte) (map[string]string, error) {
	secrets := map[string]string{}
	if len(sealed) == 0 {
		return secrets, nil
	}
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return nil, errors.New("sealed secrets are damaged")
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], nil)
	if err != nil {
		return nil, errors.New("sealed secrets cannot be opened: was the secret key changed?")
	}
	return secrets, json.Unmarshal(plain, &secrets)
}
