package mastodon

import (
	"bufio"
	"bytes"
	"io"
	"testing"
)

func TestReadStream(t *testing.T) {
	var in bytes.Buffer
	in.Write([]byte{0x89, 0x02, 'h', 'i'}) // ping
	event := []byte(`{"stream":["user"],"event":"notification","payload":"{}"}`)
	in.Write(append([]byte{0x81, byte(len(event))}, event...))
	in.Write([]byte{0x81, 0x02, '{', '}'}) // an event of another kind
	in.Write([]byte{0x88, 0x00})           // close
	var out bytes.Buffer
	woken := 0
	err := readStream(bufio.NewReader(&in), &out, func() { woken++ })
	if err == nil || woken != 1 {
		t.Fatalf("woken %d times, err %v", woken, err)
	}
	pong := out.Bytes()
	if len(pong) != 8 || pong[0] != 0x8A || pong[1] != 0x82 || pong[6]^pong[2] != 'h' || pong[7]^pong[3] != 'i' {
		t.Fatalf("pong frame % x", pong)
	}
}

// FuzzStream feeds the frame reader whatever a server might send: it must
// end with an error at the end of the input, never panic or hang.
func FuzzStream(f *testing.F) {
	f.Add([]byte{0x81, 0x02, '{', '}', 0x88, 0x00})
	f.Add([]byte{0x81, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})
	f.Add([]byte{0x81, 0x7E, 0x00, 0x05, 'a'})
	f.Add([]byte{0x89, 0x7E, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, raw []byte) {
		err := readStream(bufio.NewReader(bytes.NewReader(raw)), io.Discard, func() {})
		if err == nil {
			t.Fatal("the stream ended without a reason")
		}
	})
}
