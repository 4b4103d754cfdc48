package channel

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/resonanz/resonanz"
)

// Field is one setting an adapter asks for when an admin connects an account.
type Field = resonanz.ChannelField

// Adapter is one kind of platform resonanz can connect to.
type Adapter struct {
	Kind   string
	Label  string
	Fields []Field
	// New makes a live connection from an account's settings and opened secrets.
	New func(a *resonanz.ChannelAccount, secrets map[string]string, client *http.Client) (resonanz.Channel, error)
}

// Registry knows the adapters and opens the company's accounts with them.
type Registry struct {
	Accounts resonanz.ChannelAccountService
	Sealer   *Sealer
	Client   *http.Client
	adapters map[string]Adapter

	// Open connections are kept while the account stays as it is, so that
	// what a connection learns once (who the account is) is not asked again
	// for every reply of a bulk reply, against the platform's rate limit.
	mu    sync.Mutex
	conns map[int64]openChannel
}

type openChannel struct {
	fingerprint [32]byte
	ch          resonanz.Channel
}

// NewRegistry returns a registry of the given adapters.
func NewRegistry(accounts resonanz.ChannelAccountService, sealer *Sealer, client *http.Client, adapters ...Adapter) *Registry {
	r := &Registry{Accounts: accounts, Sealer: sealer, Client: client, adapters: map[string]Adapter{}}
	for _, a := range adapters {
		r.adapters[a.Kind] = a
	}
	return r
}

// Adapters lists the adapters by kind.
func (r *Registry) Adapters() []Adapter {
	var list []Adapter
	for _, a := range r.adapters {
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Kind < list[j].Kind })
	return list
}

// Kinds describes the adapters for the form that connects an account.
func (r *Registry) Kinds() []resonanz.ChannelKind {
	var kinds []resonanz.ChannelKind
	for _, a := range r.Adapters() {
		kinds = append(kinds, resonanz.ChannelKind{Kind: a.Kind, Label: a.Label, Fields: a.Fields})
	}
	return kinds
}

// Webhook opens an account whose platform pushes messages.
func (r *Registry) Webhook(ctx context.Context, id int64) (resonanz.WebhookChannel, error) {
	ch, a, err := r.Open(ctx, id)
	if err != nil {
		return nil, err
	}
	hook, ok := ch.(resonanz.WebhookChannel)
	if !ok || a.Paused || a.Demo {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No webhook here.")
	}
	return hook, nil
}

// Adapter returns the adapter of a kind.
func (r *Registry) Adapter(kind string) (Adapter, bool) {
	a, ok := r.adapters[kind]
	return a, ok
}

// Connect checks a new account's settings, tests the connection unless the
// account is a demo, seals its secrets and stores it.
func (r *Registry) Connect(ctx context.Context, a *resonanz.ChannelAccount, values map[string]string) error {
	if err := a.Validate(); err != nil {
		return err
	}
	ad, ok := r.adapters[a.Kind]
	if !ok {
		return resonanz.FieldError("kind", "Unknown kind of account %q.", a.Kind).Keyed("channel.kind.unknown")
	}
	a.Settings = map[string]string{}
	secrets := map[string]string{}
	for _, f := range ad.Fields {
		v := strings.TrimSpace(values[f.Name])
		if f.Required && v == "" {
			return resonanz.FieldError(f.Name, "%s is required.", f.Name)
		}
		if len(v) > 2000 {
			return resonanz.FieldError(f.Name, "%s is too long.", f.Name)
		}
		if f.Secret {
			secrets[f.Name] = v
		} else {
			a.Settings[f.Name] = v
		}
	}
	if err := r.checkUnique(ctx, ad, a); err != nil {
		return err
	}
	ch, err := ad.New(a, secrets, r.Client)
	if err != nil {
		return err
	}
	if !a.Demo {
		if err := ch.Check(ctx); err != nil {
			return resonanz.Errorf(resonanz.EINVALID, "The connection test failed: %s", err).Keyed("channel.test.failed")
		}
	}
	if a.SealedSecrets, err = r.Sealer.Seal(secrets); err != nil {
		return fmt.Errorf("seal secrets: %w", err)
	}
	return r.Accounts.CreateChannelAccount(ctx, a)
}

// checkUnique refuses a setting that another account of the kind has
// already, where the adapter says it must be unique.
func (r *Registry) checkUnique(ctx context.Context, ad Adapter, a *resonanz.ChannelAccount) error {
	accounts, err := r.Accounts.FindChannelAccounts(ctx)
	if err != nil {
		return err
	}
	for _, f := range ad.Fields {
		for _, other := range accounts {
			if f.Unique && other.Kind == a.Kind && a.Settings[f.Name] != "" && other.Settings[f.Name] == a.Settings[f.Name] {
				return resonanz.FieldError(f.Name, "%s %q is taken by %q already.", f.Name, a.Settings[f.Name], other.Name)
			}
		}
	}
	return nil
}

// Open returns the live connection of account id.
func (r *Registry) Open(ctx context.Context, id int64) (resonanz.Channel, *resonanz.ChannelAccount, error) {
	a, err := r.Accounts.FindChannelAccountByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	ch, err := r.open(a)
	return ch, a, err
}

func (r *Registry) open(a *resonanz.ChannelAccount) (resonanz.Channel, error) {
	ad, ok := r.adapters[a.Kind]
	if !ok {
		return nil, resonanz.Errorf(resonanz.EINVALID, "This resonanz does not know accounts of kind %q.", a.Kind)
	}
	settings, _ := json.Marshal(a.Settings)
	fp := sha256.Sum256(append(append([]byte(a.Kind+"\x00"), settings...), a.SealedSecrets...))
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.conns[a.ID]; ok && o.fingerprint == fp {
		return o.ch, nil
	}
	secrets, err := r.Sealer.Open(a.SealedSecrets)
	if err != nil {
		return nil, err
	}
	ch, err := ad.New(a, secrets, r.Client)
	if err != nil {
		return nil, err
	}
	if r.conns == nil {
		r.conns = map[int64]openChannel{}
	}
	r.conns[a.ID] = openChannel{fingerprint: fp, ch: ch}
	return ch, nil
}

// Test checks an account's connection now.
func (r *Registry) Test(ctx context.Context, id int64) error {
	ch, a, err := r.Open(ctx, id)
	if err != nil {
		return err
	}
	if a.Demo {
		return resonanz.Errorf(resonanz.ECONFLICT, "This is a demo account: it connects to nothing.").Keyed("channel.demo")
	}
	return ch.Check(ctx)
}
