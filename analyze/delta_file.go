package analyze

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
)

// deltaMagic starts every stored delta; the digit is the format version.
const deltaMagic = "resonanz-delta-1"

// MarshalBinary encodes the delta, gzip-compressed, rows in feature order so
// that the same delta gives the same bytes.
func (d *Delta) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(deltaMagic)
	put := func(v any) { _ = binary.Write(bw, binary.LittleEndian, v) }
	for _, td := range d.tasks {
		put(uint8(len(td.classes)))
		for _, c := range td.classes {
			put(uint8(len(c)))
			bw.WriteString(c)
		}
		put(td.bias)
		put(uint32(len(td.rows)))
		for _, f := range slices.Sorted(maps.Keys(td.rows)) {
			put(f)
			put(td.rows[f])
		}
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary decodes a delta encoded by MarshalBinary.
func (d *Delta) UnmarshalBinary(b []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("delta: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(deltaMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != deltaMagic {
		return errors.New("delta: not a resonanz delta")
	}
	get := func(v any) error { return binary.Read(br, binary.LittleEndian, v) }
	for i := range d.tasks {
		td, err := readTaskDelta(br, get)
		if err != nil {
			return fmt.Errorf("delta: %w", err)
		}
		d.tasks[i] = td
	}
	return nil
}

func readTaskDelta(br *bufio.Reader, get func(any) error) (taskDelta, error) {
	var k uint8
	if err := get(&k); err != nil || k > 8 {
		return taskDelta{}, fmt.Errorf("bad class count %d: %v", k, err)
	}
	td := taskDelta{classes: make([]string, k), bias: make([]float32, k), rows: map[uint32][]float32{}}
	for c := range td.classes {
		var n uint8
		if err := get(&n); err != nil {
			return td, err
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(br, name); err != nil {
			return td, err
		}
		td.classes[c] = string(name)
	}
	if err := get(td.bias); err != nil {
		return td, err
	}
	var rows uint32
	if err := get(&rows); err != nil || rows > featureDim {
		return td, fmt.Errorf("bad row count %d: %v", rows, err)
	}
	for range rows {
		var f uint32
		row := make([]float32, k)
		if err := get(&f); err != nil {
			return td, err
		}
		if f >= featureDim {
			return td, fmt.Errorf("feature %d out of range", f)
		}
		if err := get(row); err != nil {
			return td, err
		}
		td.rows[f] = row
	}
	return td, nil
}
