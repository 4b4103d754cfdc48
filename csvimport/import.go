package csvimport

import (
	"context"
	"io"
	"sync"
	"sync/atomic"

	"github.com/resonanz/resonanz"
)

// batchSize is how many rows go to ingest at once.
const batchSize = 500

// maxErrors bounds the bad lines a report keeps; the rest are counted.
const maxErrors = 1000

// Report is what an import did.
type Report struct {
	Rows   int // lines that became messages
	Added  int // messages stored now
	Known  int // messages an earlier import stored already
	Bad    int // lines that did not become messages
	Errors []*RowError
}

// Progress is how far an import got.
type Progress struct {
	Bytes, Total int64 // read of the file
	Rows         int
}

// Importer stores the rows of a file. Messages is the ingest service, which
// analyses each message; DryRun reads and checks every row and stores none.
type Importer struct {
	Messages resonanz.MessageService
	DryRun   bool
	// Workers send batches at the same time, so that the analysis of one
	// batch runs while another is written.
	Workers int
}

// Import reads a file of size bytes in the given encoding and stores its
// rows; progress is told after every batch. A failing store or an ended ctx
// stops the import with the rows stored so far kept: a run again adds only
// the rest.
func (im *Importer) Import(ctx context.Context, file io.Reader, size int64, encoding string, opt Options, progress func(Progress)) (*Report, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	counted := &countingReader{ctx: ctx, r: file}
	rep := &Report{}
	var mu sync.Mutex
	batches := make(chan []resonanz.IncomingMessage)
	var storeErr error
	var wg sync.WaitGroup
	for range max(im.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range batches {
				added, known, err := im.store(ctx, batch)
				mu.Lock()
				rep.Added, rep.Known = rep.Added+added, rep.Known+known
				if err != nil && storeErr == nil {
					storeErr = err
					cancel()
				}
				mu.Unlock()
			}
		}()
	}
	var batch []resonanz.IncomingMessage
	tell := func() {
		if progress != nil {
			progress(Progress{Bytes: counted.n.Load(), Total: size, Rows: rep.Rows})
		}
	}
	send := func() {
		if len(batch) > 0 {
			select {
			case batches <- batch:
			case <-ctx.Done():
			}
			batch = nil
		}
		tell()
	}
	err := Read(Decode(counted, encoding), opt, func(row Row) {
		rep.Rows++
		if batch = append(batch, row.Message); len(batch) == batchSize {
			send()
		}
	}, func(e *RowError) {
		mu.Lock()
		defer mu.Unlock()
		if rep.Bad++; len(rep.Errors) < maxErrors {
			rep.Errors = append(rep.Errors, e)
		}
	})
	send()
	close(batches)
	wg.Wait()
	if storeErr != nil {
		return rep, storeErr
	}
	return rep, err
}

// store ingests one batch, unless this is a dry run.
func (im *Importer) store(ctx context.Context, batch []resonanz.IncomingMessage) (added, known int, err error) {
	if im.DryRun || ctx.Err() != nil {
		return 0, 0, ctx.Err()
	}
	results, err := im.Messages.Ingest(ctx, batch)
	for _, res := range results {
		if res.Duplicate {
			known++
		} else {
			added++
		}
	}
	return added, known, err
}

// countingReader counts what was read of the file, for the progress, and
// stops reading when ctx ends.
type countingReader struct {
	ctx context.Context
	r   io.Reader
	n   atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
