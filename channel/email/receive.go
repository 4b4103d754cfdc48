package email

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"

	"github.com/resonanz/resonanz"
)

// cursor is where fetching goes on in each mailbox: the mailbox's
// UIDVALIDITY and the last UID taken. A UID never comes back while the
// UIDVALIDITY stays, so a restart fetches nothing twice and skips nothing.
type cursor struct {
	Boxes map[string]*boxCursor `json:"b"`
}

type boxCursor struct {
	Validity uint32 `json:"v"`
	Last     uint32 `json:"u"`
}

const (
	// batchMails and batchBytes bound one Receive, so that a long backlog
	// comes in steps and memory stays bounded.
	batchMails = 25
	batchBytes = 2 * MaxMailSize
	// firstLook is how far back a mailbox is read the first time: the mails
	// of the last day, so that those of the hour before connecting count.
	firstLook = 24 * time.Hour
)

// Receive fetches the mails that arrived in each mailbox after the cursor.
// An empty cursor, or a mailbox new to it, starts with the last day's mails;
// a mailbox whose UIDVALIDITY changed is read again from its start, and
// ingest drops what it already has by Message-ID.
func (c *Channel) Receive(ctx context.Context, raw string) (*resonanz.Received, error) {
	cur := cursor{Boxes: map[string]*boxCursor{}}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &cur); err != nil {
			return nil, resonanz.Permanent(fmt.Errorf("the stored cursor is damaged: %w", err))
		}
		if cur.Boxes == nil {
			cur.Boxes = map[string]*boxCursor{}
		}
	}
	got := &resonanz.Received{}
	err := c.withIMAP(ctx, func(cl *client.Client) error {
		for _, box := range c.mailboxes {
			if err := c.receiveBox(cl, box, &cur, got); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	next, _ := json.Marshal(cur)
	got.Cursor = string(next)
	return got, nil
}

// receiveBox takes in the next batch of one mailbox.
func (c *Channel) receiveBox(cl *client.Client, name string, cur *cursor, got *resonanz.Received) error {
	status, err := examine(cl, name)
	if err != nil {
		return err
	}
	bc := cur.Boxes[name]
	switch {
	case bc == nil:
		last, err := lastBefore(cl, time.Now().Add(-firstLook))
		if err != nil {
			return fmt.Errorf("mailbox %q: %w", name, err)
		}
		bc = &boxCursor{Validity: status.UidValidity, Last: last}
	case bc.Validity != status.UidValidity:
		bc = &boxCursor{Validity: status.UidValidity}
	}
	cur.Boxes[name] = bc
	if status.Messages == 0 || status.UidNext > 0 && bc.Last+1 >= status.UidNext {
		return nil
	}
	uids, err := uidsAfter(cl, bc.Last)
	if err != nil || len(uids) == 0 {
		return err
	}
	sizes, err := fetchSizes(cl, uids[:min(len(uids), 10*batchMails)])
	if err != nil {
		return err
	}
	var batch []uint32
	var total int64
	for _, uid := range uids {
		size, known := sizes[uid]
		if size > MaxMailSize {
			size = 0 // skipped without fetching its body
		}
		if !known || len(batch) == batchMails || len(batch) > 0 && total+size > batchBytes {
			got.More = true
			break
		}
		batch = append(batch, uid)
		total += size
	}
	mails, err := fetchBodies(cl, batch, sizes)
	if err != nil {
		return err
	}
	for _, uid := range batch {
		f := mails[uid]
		switch {
		case sizes[uid] > MaxMailSize:
			got.Skipped = append(got.Skipped, resonanz.Skipped{ExternalID: uidRef(name, bc, uid),
				Reason: fmt.Sprintf("a mail of %.1f MB, more than the %d MB taken in: read it in the mailbox", float64(sizes[uid])/(1<<20), MaxMailSize>>20)})
		case f == nil:
			// Deleted between the search and the fetch.
		default:
			m, skip := c.incoming(f.raw, f.internal)
			if skip != "" {
				got.Skipped = append(got.Skipped, resonanz.Skipped{ExternalID: uidRef(name, bc, uid) + " " + m.ExternalID, Reason: skip})
			} else {
				got.Messages = append(got.Messages, m)
			}
		}
		bc.Last = uid
	}
	return nil
}

// uidRef names a mail by where it lies, for the log.
func uidRef(box string, bc *boxCursor, uid uint32) string {
	return fmt.Sprintf("%s/%d/%d", box, bc.Validity, uid)
}

// lastBefore returns the UID before the first mail that arrived since t, or
// the highest UID when none did.
func lastBefore(cl *client.Client, t time.Time) (uint32, error) {
	recent, err := cl.UidSearch(&imap.SearchCriteria{Since: t})
	if err != nil {
		return 0, err
	}
	if len(recent) > 0 {
		return slices.Min(recent) - 1, nil
	}
	all, err := cl.UidSearch(imap.NewSearchCriteria())
	if err != nil || len(all) == 0 {
		return 0, err
	}
	return slices.Max(all), nil
}

// uidsAfter lists the UIDs above last in order. "last+1:*" always matches
// the newest mail, even one below last: it is filtered out.
func uidsAfter(cl *client.Client, last uint32) ([]uint32, error) {
	set := new(imap.SeqSet)
	set.AddRange(last+1, 0)
	uids, err := cl.UidSearch(&imap.SearchCriteria{Uid: set})
	if err != nil {
		return nil, err
	}
	uids = slices.DeleteFunc(uids, func(u uint32) bool { return u <= last })
	slices.Sort(uids)
	return uids, nil
}

// fetchSizes asks the size of each mail before any body is fetched.
func fetchSizes(cl *client.Client, uids []uint32) (map[uint32]int64, error) {
	set := new(imap.SeqSet)
	set.AddNum(uids...)
	ch := make(chan *imap.Message, 16)
	done := make(chan error, 1)
	go func() { done <- cl.UidFetch(set, []imap.FetchItem{imap.FetchUid, imap.FetchRFC822Size}, ch) }()
	sizes := map[uint32]int64{}
	for msg := range ch {
		sizes[msg.Uid] = int64(msg.Size)
	}
	return sizes, <-done
}

type fetched struct {
	raw      []byte
	internal time.Time
}

// fetchBodies fetches the whole of each mail not over the size limit,
// without marking it read.
func fetchBodies(cl *client.Client, uids []uint32, sizes map[uint32]int64) (map[uint32]*fetched, error) {
	set := new(imap.SeqSet)
	for _, uid := range uids {
		if sizes[uid] <= MaxMailSize {
			set.AddNum(uid)
		}
	}
	out := map[uint32]*fetched{}
	if set.Empty() {
		return out, nil
	}
	section := &imap.BodySectionName{Peek: true}
	ch := make(chan *imap.Message, 4)
	done := make(chan error, 1)
	go func() {
		done <- cl.UidFetch(set, []imap.FetchItem{imap.FetchUid, imap.FetchInternalDate, section.FetchItem()}, ch)
	}()
	for msg := range ch {
		body := msg.GetBody(section)
		if body == nil {
			continue
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(body); err != nil {
			continue
		}
		out[msg.Uid] = &fetched{raw: b.Bytes(), internal: msg.InternalDate}
	}
	return out, <-done
}
