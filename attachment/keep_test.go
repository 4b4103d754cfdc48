package attachment_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/attachment"
)

func incoming(files ...*resonanz.Attachment) *resonanz.IncomingMessage {
	return &resonanz.IncomingMessage{Channel: "email", ExternalID: "a1@shop.example", Attachments: files}
}

func TestKeep(t *testing.T) {
	k := &attachment.Keeper{Dir: t.TempDir(), MaxFile: 10, MaxMessage: 15}
	original := []byte("From: k@x\r\n\r\nhi") // larger than one file, not counted with the files
	m := incoming(
		&resonanz.Attachment{Name: "original.eml", Original: true, Data: original},
		&resonanz.Attachment{Name: "../../etc/passwd", Data: []byte("0123456789")},
		&resonanz.Attachment{Name: "big.pdf", Data: []byte("01234567890")},
		&resonanz.Attachment{Name: "next.pdf", Data: []byte("012345")},
		&resonanz.Attachment{Name: "small.txt", Data: []byte("01234")},
	)
	if err := k.Keep(m); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kept    bool
		refused string
		content []byte
	}{{true, "", original}, {true, "", []byte("0123456789")}, {false, resonanz.AttachmentTooLarge, nil},
		{false, resonanz.AttachmentNoRoom, nil}, {true, "", []byte("01234")}}
	for i, a := range m.Attachments {
		if a.Data != nil {
			t.Errorf("file %d still holds its bytes", i)
		}
		if a.Refused != want[i].refused || (a.Path != "") != want[i].kept {
			t.Errorf("file %d (%s): path %q, refused %q; want kept %v, refused %q", i, a.Name, a.Path, a.Refused, want[i].kept, want[i].refused)
			continue
		}
		if !want[i].kept {
			continue
		}
		if strings.Contains(a.Path, "passwd") || strings.Contains(a.Path, "..") {
			t.Errorf("the sender's name became a path: %q", a.Path)
		}
		f, err := k.Open(a)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(f)
		f.Close()
		if !bytes.Equal(got, want[i].content) {
			t.Errorf("file %d reads %q, want %q", i, got, want[i].content)
		}
	}
	if m.Attachments[2].Limit != 10 || m.Attachments[3].Limit != 15 {
		t.Errorf("limits told: %d and %d, want 10 and 15", m.Attachments[2].Limit, m.Attachments[3].Limit)
	}

	t.Run("SameMessageSamePlace", func(t *testing.T) {
		again := incoming(&resonanz.Attachment{Original: true, Data: original}, &resonanz.Attachment{Name: "x", Data: []byte("0123456789")})
		if err := k.Keep(again); err != nil {
			t.Fatal(err)
		}
		if again.Attachments[1].Path != m.Attachments[1].Path {
			t.Errorf("the same mail kept at %q and %q", again.Attachments[1].Path, m.Attachments[1].Path)
		}
	})
	t.Run("RemoveOnlyKeptFiles", func(t *testing.T) {
		outside := filepath.Join(k.Dir, "resonanz.db")
		os.WriteFile(outside, []byte("db"), 0o600)
		if err := k.Remove([]string{m.Attachments[1].Path, "resonanz.db", "attachments/../resonanz.db", m.Attachments[1].Path}); err != nil {
			t.Fatal(err)
		}
		if f, err := k.Open(m.Attachments[1]); err == nil {
			f.Close()
			t.Error("a removed file still opens")
		}
		if _, err := os.Stat(outside); err != nil {
			t.Errorf("a path not made by Keep was removed: %v", err)
		}
		if f, err := k.Open(m.Attachments[4]); err != nil {
			t.Errorf("another file of the message went too: %v", err)
		} else {
			f.Close()
		}
	})
	t.Run("OpenRefusesOtherPaths", func(t *testing.T) {
		for _, p := range []string{"", "resonanz.db", "attachments/../resonanz.db", "/etc/passwd", "secret.key"} {
			if f, err := k.Open(&resonanz.Attachment{Path: p}); err == nil {
				f.Close()
				t.Errorf("opened %q", p)
			} else if resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Errorf("%q: %v, want not found", p, err)
			}
		}
	})
}
