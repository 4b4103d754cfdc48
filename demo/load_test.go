package demo_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// loaded is a database with the demo loaded, analysed as the server does,
// with the links its surveys need.
func loaded(t *testing.T) *store.DB {
	t.Helper()
	analyzer, err := analyze.New()
	must(t, err)
	links, err := linksign.New("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	must(t, err)
	links.SetBase("http://127.0.0.1:8080")
	db := storetest.Open(t)
	db.Links = links
	fresh, err := demo.Load(context.Background(), db, analyzer, io.Discard)
	must(t, err)
	if !fresh {
		t.Fatal("the demo was not loaded into an empty database")
	}
	return db
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestLoadOnce: a database that holds the demo is not loaded twice, and every
// start prints the logins people try it with.
func TestLoadOnce(t *testing.T) {
	db := loaded(t)
	analyzer, err := analyze.New()
	must(t, err)
	var out strings.Builder
	again, err := demo.Load(context.Background(), db, analyzer, &out)
	must(t, err)
	if again {
		t.Error("the demo was loaded again into a database that holds it")
	}
	for _, want := range []string{"Demo login: " + demo.Login + " / " + demo.Password, "lea@example.org", "Tom Berger"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the start printed %q, want %q in it", out.String(), want)
		}
	}
}
