// Package linksign makes and checks the signed, expiring links that take a
// customer to their own pages without an account or a login: their contact
// wishes and a satisfaction survey. A link names what it is for, an id, the
// page's language and when it expires, signed with HMAC-SHA256 under a key
// kept in the data directory (link.key, made on first start like
// secret.key). A changed key voids every link sent before.
package linksign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/resonanz/resonanz/keyfile"
)

// KeyFile is the name of the key file in the data directory.
const KeyFile = "link.key"

// What a link is for: its path on the server.
const (
	Wishes = "wishes" // /wishes/{token}: a contact's wishes
	Survey = "survey" // /survey/{token}: one survey
)

// How long links stay good: a survey is answered soon or not at all; the
// wishes link rides in every email and canned reply, so it lasts longer.
const (
	WishesTTL = 90 * 24 * time.Hour
	SurveyTTL = 30 * 24 * time.Hour
)

// Errors of Check. A link whose signature does not match is invalid even
// when its time has also passed: only a genuine link is told it expired.
var (
	ErrInvalid = errors.New("the link is not valid")
	ErrExpired = errors.New("the link has expired")
)

// Signer signs and checks links; it is the resonanz.Links of the store.
type Signer struct {
	key  []byte
	base atomic.Pointer[string]
	// Now returns the current time; tests move it.
	Now func() time.Time
}

// New returns a signer with a 32-byte key written as 64 hex digits or in base64.
func New(key string) (*Signer, error) {
	key = strings.TrimSpace(key)
	raw, err := hex.DecodeString(key)
	if err != nil {
		raw, err = base64.StdEncoding.DecodeString(key)
	}
	if err != nil || len(raw) != 32 {
		return nil, errors.New("the link key must be 32 bytes, written as 64 hex digits or in base64")
	}
	return &Signer{key: raw, Now: time.Now}, nil
}

// Load uses key when given, else the key file in dir, made on first start.
func Load(key, dir string) (*Signer, error) {
	if key != "" {
		return New(key)
	}
	key, err := keyfile.Load(dir, KeyFile)
	if err != nil {
		return nil, fmt.Errorf("link key file: %w", err)
	}
	return New(key)
}

// SetBase sets where customers reach resonanz ("https://care.example"):
// the start of every link.
func (s *Signer) SetBase(base string) {
	base = strings.TrimRight(base, "/")
	s.base.Store(&base)
}

// Base is where customers reach resonanz; "" until SetBase.
func (s *Signer) Base() string {
	if b := s.base.Load(); b != nil {
		return *b
	}
	return ""
}

// Claim is what a genuine, current link says.
type Claim struct {
	ID      int64
	Lang    string
	Expires time.Time
}

// Token signs what a link of the kind says: id, language and expiry.
func (s *Signer) Token(kind string, id int64, lang string, ttl time.Duration) string {
	id36 := strconv.FormatInt(id, 10)
	exp := strconv.FormatInt(s.Now().Add(ttl).Unix(), 36)
	return id36 + "-" + lang + "-" + exp + "-" + s.mac(kind, id36, lang, exp)
}

// mac is the first 128 bits of the HMAC of the link's parts, in hex (hex
// survives every linkifier of mail clients and social networks).
func (s *Signer) mac(kind, id, lang, exp string) string {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(kind + "|" + id + "|" + lang + "|" + exp))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Check returns what a token of the kind says: ErrInvalid if it was not
// signed with this key for this kind (changed, cut, made up), ErrExpired
// if it was but its time is over.
func (s *Signer) Check(kind, token string) (Claim, error) {
	parts := strings.Split(token, "-")
	if len(parts) != 4 || len(parts[3]) != 32 {
		return Claim{}, ErrInvalid
	}
	want := s.mac(kind, parts[0], parts[1], parts[2])
	if !hmac.Equal([]byte(want), []byte(parts[3])) {
		return Claim{}, ErrInvalid
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[2], 36, 64)
	if err != nil || err2 != nil || id <= 0 {
		return Claim{}, ErrInvalid
	}
	c := Claim{ID: id, Lang: parts[1], Expires: time.Unix(exp, 0).UTC()}
	if !s.Now().Before(c.Expires) {
		return c, ErrExpired
	}
	return c, nil
}

// Link is the address of a page of the kind with a fresh token; "" while
// the base is not known.
func (s *Signer) Link(kind string, id int64, lang string, ttl time.Duration) string {
	base := s.Base()
	if base == "" {
		return ""
	}
	return base + "/" + kind + "/" + s.Token(kind, id, lang, ttl)
}

// WishesLink is the address of a contact's wishes page.
func (s *Signer) WishesLink(contactID int64, lang string) string {
	return s.Link(Wishes, contactID, lang, WishesTTL)
}

// SurveyLink is the address of a survey's page.
func (s *Signer) SurveyLink(surveyID int64, lang string) string {
	return s.Link(Survey, surveyID, lang, SurveyTTL)
}
