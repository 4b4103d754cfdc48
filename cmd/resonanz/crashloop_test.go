package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// crashCycles is how often the crash loop kills resonanz.
const crashCycles = 100

// A client keeps sending messages while resonanz is killed with SIGKILL at
// random moments and started again, a hundred times: afterwards every
// message the API acknowledged is stored exactly once. On PostgreSQL the
// node dies while the database keeps running.
func TestCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("a hundred starts of resonanz")
	}
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		data := t.TempDir()
		crashLoop(t, func() (*store.DB, error) { return store.Open(ctx, filepath.Join(data, "resonanz.db")) }, "--data", data)
	})
	t.Run("postgres", func(t *testing.T) {
		database, data := storetest.PostgresSchema(t), t.TempDir()
		crashLoop(t, func() (*store.DB, error) { return store.OpenPostgres(ctx, database, data) }, "--data", data, "--database", database)
	})
}

// crashLoop kills and restarts resonanz serve (started with args) while a
// client sends, then checks the store that open opens.
func crashLoop(t *testing.T, open func() (*store.DB, error), args ...string) {
	ctx := context.Background()
	db, err := open()
	if err != nil {
		t.Fatal(err)
	}
	token, err := db.CreateAPIToken(ctx, "crash loop")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	random := rand.New(rand.NewPCG(seed, 1))
	c := &crashClient{token: token, random: rand.New(rand.NewPCG(seed, 2)), stop: make(chan struct{})}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); c.run() }()
	for cycle := 0; cycle < crashCycles; cycle++ {
		n := startNode(t, args...)
		c.url.Store(&n.url)
		time.Sleep(time.Duration(20+random.IntN(281)) * time.Millisecond)
		n.kill()
	}

	// A last start, for as long as the client needs to be heard again; then
	// resonanz stops in order before the store is read.
	n := startNode(t, args...)
	c.url.Store(&n.url)
	before := c.answered()
	eventually(t, "the client is not answered after the last start", func() bool { return c.answered() > before })
	close(c.stop)
	wg.Wait()
	n.cmd.Process.Signal(os.Interrupt)
	n.cmd.Wait()

	db, err = open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := map[string]int{}
	for after := int64(0); ; {
		page, err := db.MessagesAfter(ctx, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, m := range page {
			stored[m.Channel+" "+m.ExternalID]++
		}
		after = page[len(page)-1].ID
	}
	for key, n := range stored {
		if n > 1 {
			t.Errorf("%s is stored %d times", key, n)
		}
	}
	for _, key := range c.acked {
		if stored[key] != 1 {
			t.Errorf("%s was acknowledged but is stored %d times", key, stored[key])
		}
	}
	t.Logf("%d cycles: %d messages acknowledged, %d stored, %d posts failed", crashCycles, len(c.acked), len(stored), c.failed)
	if len(c.acked) < crashCycles {
		t.Fatalf("only %d messages acknowledged in %d cycles", len(c.acked), crashCycles)
	}
}

// crashClient posts messages to whichever process serves now, single ones
// and small batches, each with its own external id, and notes the ones
// acknowledged. A batch that was not acknowledged is sent again, as an
// integration retries, until it is.
type crashClient struct {
	url    atomic.Pointer[string]
	token  string
	random *rand.Rand
	stop   chan struct{}

	mu     sync.Mutex
	acked  []string // channel and external id of every message answered 200
	failed int      // posts not answered 200
}

func (c *crashClient) answered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.acked)
}

func (c *crashClient) run() {
	client := &http.Client{Timeout: 30 * time.Second}
	var batch []resonanz.IncomingMessage
	for next := 0; ; {
		select {
		case <-c.stop:
			return
		default:
		}
		url := c.url.Load()
		if url == nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		if batch == nil {
			size := 1
			if c.random.IntN(2) == 0 {
				size = 2 + c.random.IntN(7)
			}
			for range size {
				channel := []string{"forum", "mastodon"}[next%2]
				batch = append(batch, resonanz.IncomingMessage{Channel: channel, ExternalID: fmt.Sprint("crash-", next), Visibility: resonanz.Public,
					Author: resonanz.Author{Handle: fmt.Sprint("@crash", next%23)}, Text: fmt.Sprint("Nachricht ", next, ": die App hängt beim Start"), Time: time.Now()})
				next++
			}
		}
		if !c.post(client, *url, batch) {
			c.mu.Lock()
			c.failed++
			c.mu.Unlock()
			time.Sleep(5 * time.Millisecond)
			continue
		}
		c.mu.Lock()
		for _, m := range batch {
			c.acked = append(c.acked, m.Channel+" "+m.ExternalID)
		}
		c.mu.Unlock()
		batch = nil
	}
}

// post sends a batch and says whether the API acknowledged it.
func (c *crashClient) post(client *http.Client, url string, batch []resonanz.IncomingMessage) bool {
	body, _ := json.Marshal(batch)
	req, _ := http.NewRequest("POST", url+"/api/v1/messages", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
