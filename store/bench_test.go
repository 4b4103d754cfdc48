package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
	"github.com/resonanz/resonanz/store"
)

// BenchmarkIngestBatch measures storing realistic messages in batches of 500,
// without HTTP. Messages arrive in time order, 2.6 s apart (a million in 30 days).
func BenchmarkIngestBatch(b *testing.B) {
	db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now().Add(-30 * 24 * time.Hour)
	texts := demo.NewTexts(1, time.Now())
	batch := make([]resonanz.IncomingMessage, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i += len(batch) {
		for j := range batch {
			batch[j] = texts.Message(i + j)
			batch[j].Time = start.Add(time.Duration(i+j) * 2600 * time.Millisecond)
		}
		if _, err := db.Ingest(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}

// BenchmarkCheckAPIToken measures the token look-up every API request makes:
// nothing caches valid tokens, so that a revoked one fails at once.
func BenchmarkCheckAPIToken(b *testing.B) {
	db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	secret, err := db.CreateAPIToken(context.Background(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.CheckAPIToken(context.Background(), secret, resonanz.ScopeIngest); err != nil {
			b.Fatal(err)
		}
	}
}
