package mastodon

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// maxFrame bounds one frame of the stream; a status is a few kilobytes.
const maxFrame = 1 << 20

// Listen holds the account's streaming connection (/api/v1/streaming,
// stream user, a WebSocket) and calls wake whenever a notification
// arrives, so that the poller fetches it at once. The poller's cursor stays
// the one truth: the stream only says when to look, so nothing is lost when
// the stream drops and nothing is taken twice. It returns when ctx ends or
// the connection breaks.
func (c *Channel) Listen(ctx context.Context, wake func()) error {
	key := make([]byte, 16)
	rand.Read(key)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.server+"/api/v1/streaming?stream=user", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", base64.StdEncoding.EncodeToString(key))
	// The token goes in the protocol header, never in the address, which
	// ends up in logs.
	req.Header.Set("Sec-WebSocket-Protocol", c.token)
	client := *c.client
	client.Timeout = 0 // the stream stays open; ctx ends it
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s streaming: %w", c.host, err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		resp.Body.Close()
		return fmt.Errorf("%s does not stream (answered %d)", c.host, resp.StatusCode)
	}
	conn, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		resp.Body.Close()
		return errors.New("the streaming connection cannot be written to")
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.Close()
	return readStream(bufio.NewReader(conn), conn, wake)
}

// readStream reads frames until the connection ends: text frames carry
// events, pings are answered, a close frame ends it.
func readStream(r *bufio.Reader, w io.Writer, wake func()) error {
	for {
		opcode, payload, err := readFrame(r)
		if err != nil {
			return err
		}
		switch opcode {
		case 0x1: // text: {"stream":["user"],"event":"notification","payload":"…"}
			var e struct {
				Event string `json:"event"`
			}
			if json.Unmarshal(payload, &e) == nil && (e.Event == "notification" || e.Event == "update") {
				wake()
			}
		case 0x8:
			return errors.New("the server closed the stream")
		case 0x9:
			if err := writeFrame(w, 0xA, payload); err != nil {
				return err
			}
		}
	}
}

// readFrame reads one unmasked server frame; fragments are not joined, as
// events are small and a lost event only delays a fetch to the next poll.
func readFrame(r *bufio.Reader) (byte, []byte, error) {
	var head [2]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return 0, nil, err
	}
	opcode, n := head[0]&0x0F, uint64(head[1]&0x7F)
	switch n {
	case 126:
		var ext [2]byte
		if _, err := io.ReadFull(r, ext[:]); err != nil {
			return 0, nil, err
		}
		n = uint64(binary.BigEndian.Uint16(ext[:]))
	case 127:
		var ext [8]byte
		if _, err := io.ReadFull(r, ext[:]); err != nil {
			return 0, nil, err
		}
		n = binary.BigEndian.Uint64(ext[:])
	}
	if head[1]&0x80 != 0 {
		return 0, nil, errors.New("the server masked a frame")
	}
	if n > maxFrame {
		return 0, nil, fmt.Errorf("a stream frame of %d bytes is too large", n)
	}
	payload := make([]byte, n)
	_, err := io.ReadFull(r, payload)
	return opcode, payload, err
}

// writeFrame writes one final, masked client frame (RFC 6455 5.3).
func writeFrame(w io.Writer, opcode byte, payload []byte) error {
	if len(payload) > 125 {
		return errors.New("a control frame is too long")
	}
	var mask [4]byte
	rand.Read(mask[:])
	frame := append([]byte{0x80 | opcode, 0x80 | byte(len(payload))}, mask[:]...)
	for i, b := range payload {
		frame = append(frame, b^mask[i%4])
	}
	_, err := w.Write(frame)
	return err
}
