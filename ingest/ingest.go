// Package ingest accepts incoming messages, analyzes them and stores them
// with group commit: messages that arrive at the same time from many clients
// are written in one transaction, so that a burst of single messages costs
// what one batch costs.
package ingest

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/resonanz/resonanz"
)

// maxGroup bounds how many messages one transaction takes.
const maxGroup = 1000

// request is one caller's messages waiting for the writer.
type request struct {
	msgs    []resonanz.IncomingMessage
	results []resonanz.IngestResult
	err     error
	done    chan struct{}
}

// Ingester is a resonanz.MessageService that groups concurrent calls into
// shared transactions. A call returns only after its messages are committed.
type Ingester struct {
	// Files keeps the bytes of attachments before their messages are
	// stored; nil drops them (the messages still list the files, unkept).
	// Set it before the first Ingest.
	Files resonanz.AttachmentKeeper

	store     resonanz.MessageService
	analyzer  resonanz.Analyzer
	observers []Observer
	requests  chan *request
	stop      chan struct{}
	wg        sync.WaitGroup
}

// Observer learns of messages once they are committed: everything that
// happens because a message arrived hangs off this. It runs on the writer
// goroutine, so it must hand work off rather than do it.
type Observer func(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult)

// New starts an ingester that analyzes messages, writes them to store and
// tells the observers; Close stops it.
func New(store resonanz.MessageService, analyzer resonanz.Analyzer, observers ...Observer) *Ingester {
	in := &Ingester{store: store, analyzer: analyzer, observers: observers, requests: make(chan *request), stop: make(chan struct{})}
	in.wg.Add(1)
	go in.run()
	return in
}

// Close stops the writer after the requests in flight are done.
func (in *Ingester) Close() {
	close(in.stop)
	in.wg.Wait()
}

// Ingest analyzes msgs and stores them, possibly together with other
// callers' messages. The analysis runs in the caller's goroutine, so that
// concurrent callers use every core while the single writer only writes.
func (in *Ingester) Ingest(ctx context.Context, msgs []resonanz.IncomingMessage) ([]resonanz.IngestResult, error) {
	if err := in.keepFiles(msgs); err != nil {
		return nil, err
	}
	for i := range msgs {
		msgs[i].Analysis = in.analyzer.Analyze(msgs[i].Text)
		addTopicHint(&msgs[i])
	}
	req := &request{msgs: msgs, done: make(chan struct{})}
	select {
	case in.requests <- req:
	case <-in.stop:
		return nil, resonanz.Errorf(resonanz.EINTERNAL, "resonanz is shutting down")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// Once handed over, the request is written whatever happens to ctx, so
	// the caller learns the outcome instead of guessing.
	<-req.done
	return req.results, req.err
}

// keepFiles writes the messages' attachments to disk, in the caller's
// goroutine like the analysis. A failure fails the call, so that the door
// tries again later rather than store a message without its files.
func (in *Ingester) keepFiles(msgs []resonanz.IncomingMessage) error {
	for i := range msgs {
		if in.Files == nil {
			for _, a := range msgs[i].Attachments {
				a.Data = nil
			}
			continue
		}
		if err := in.Files.Keep(&msgs[i]); err != nil {
			return fmt.Errorf("ingest: keep the files of %s: %w", msgs[i].ExternalID, err)
		}
	}
	return nil
}

func (in *Ingester) run() {
	defer in.wg.Done()
	for {
		select {
		case req := <-in.requests:
			in.write(in.gather(req))
		case <-in.stop:
			return
		}
	}
}

// gather takes the waiting requests that fit into one transaction.
func (in *Ingester) gather(first *request) []*request {
	group, n := []*request{first}, len(first.msgs)
	for n < maxGroup {
		select {
		case req := <-in.requests:
			group, n = append(group, req), n+len(req.msgs)
		default:
			return group
		}
	}
	return group
}

// write commits a group in one transaction. If that fails, each request is
// tried alone, so that one request's trouble never fails the others.
func (in *Ingester) write(group []*request) {
	ctx := context.Background()
	if len(group) > 1 {
		var all []resonanz.IncomingMessage
		for _, req := range group {
			all = append(all, req.msgs...)
		}
		if results, err := in.store.Ingest(ctx, all); err == nil {
			in.notify(all, results)
			for _, req := range group {
				req.results, results = results[:len(req.msgs)], results[len(req.msgs):]
				close(req.done)
			}
			return
		}
	}
	for _, req := range group {
		req.results, req.err = in.store.Ingest(ctx, req.msgs)
		if req.err == nil {
			in.notify(req.msgs, req.results)
		}
		close(req.done)
	}
}

func (in *Ingester) notify(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult) {
	for _, observe := range in.observers {
		observe(msgs, results)
	}
}

// addTopicHint puts the topic the message's door names (a form's topic)
// first among the analysed topics, so that routing rules on it apply.
func addTopicHint(m *resonanz.IncomingMessage) {
	if m.TopicHint == "" || slices.Contains(m.Analysis.Topics, m.TopicHint) {
		return
	}
	m.Analysis.Topics = append([]string{m.TopicHint}, m.Analysis.Topics...)
}
