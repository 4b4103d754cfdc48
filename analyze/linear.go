package analyze

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// linear is a multinomial logistic regression over hashed features. Weights
// are stored feature-major so that one feature's classes share a cache line.
type linear struct {
	classes []string
	dim     uint32
	w       []float32 // dim × len(classes)
	bias    []float32
}

func newLinear(classes []string, dim uint32) *linear {
	return &linear{
		classes: classes,
		dim:     dim,
		w:       make([]float32, int(dim)*len(classes)),
		bias:    make([]float32, len(classes)),
	}
}

// logits writes the raw class scores of feats into out. Features are scaled
// by 1/√n so that long emails and short tweets land on the same scale.
func (m *linear) logits(feats []uint32, out []float64) {
	k := len(m.classes)
	var acc [8]float32
	for _, f := range feats {
		row := m.w[int(f)*k : int(f)*k+k]
		for c, v := range row {
			acc[c] += v
		}
	}
	scale := float32(1)
	if len(feats) > 0 {
		scale = float32(1 / math.Sqrt(float64(len(feats))))
	}
	for c := range k {
		out[c] = float64(acc[c]*scale + m.bias[c])
	}
}

// probs writes the class probabilities of feats into out.
func (m *linear) probs(feats []uint32, out []float64) {
	m.logits(feats, out)
	softmax(out[:len(m.classes)])
}

func softmax(x []float64) {
	hi := math.Inf(-1)
	for _, v := range x {
		hi = max(hi, v)
	}
	sum := 0.0
	for i, v := range x {
		x[i] = math.Exp(v - hi)
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}

// sample is one training example.
type sample struct {
	feats  []uint32
	label  int
	weight float32
}

// balance weights samples towards equal totals per class: power 1 makes
// every class count as much, 0 keeps the classes' natural shares.
func balance(samples []sample, classes int, power float64) {
	count := make([]int, classes)
	for _, s := range samples {
		count[s.label]++
	}
	for i := range samples {
		share := float64(len(samples)) / float64(classes*count[samples[i].label])
		samples[i].weight *= float32(math.Pow(share, power))
	}
}

// fitOptions steer stochastic gradient descent.
type fitOptions struct {
	epochs int
	rate   float64 // initial learning rate
	l2     float64 // weight decay on the features an example touches
	seed   uint64
}

// fit trains m on samples. The order of updates depends only on the seed, so
// the same data gives the same weights bit for bit.
func (m *linear) fit(samples []sample, o fitOptions) {
	k := len(m.classes)
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	p := make([]float64, k)
	step := 0
	total := float64(o.epochs * len(samples))
	for epoch := range o.epochs {
		r := rand.New(rand.NewPCG(o.seed, uint64(epoch)))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			s := samples[i]
			// Linear decay to a tenth: big steps first, fine ones at the end.
			rate := o.rate * (1 - 0.9*float64(step)/total)
			step++
			m.probs(s.feats, p)
			scale := 1.0
			if len(s.feats) > 0 {
				scale = 1 / math.Sqrt(float64(len(s.feats)))
			}
			for c := range k {
				g := p[c]
				if c == s.label {
					g--
				}
				p[c] = g * rate * float64(s.weight)
				m.bias[c] -= float32(p[c])
			}
			decay := float32(1 - rate*o.l2)
			for _, f := range s.feats {
				row := m.w[int(f)*k : int(f)*k+k]
				for c := range row {
					row[c] = row[c]*decay - float32(p[c]*scale)
				}
			}
		}
	}
}

// modelMagic starts every model file; the digit is the format version.
const modelMagic = "resonanz-linear-1"

// write stores m gzip-compressed; gzip without a name or time is byte-stable.
func (m *linear) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	put := func(v any) { _ = binary.Write(bw, binary.LittleEndian, v) }
	put(uint32(len(m.classes)))
	for _, c := range m.classes {
		put(uint16(len(c)))
		bw.WriteString(c)
	}
	put(m.dim)
	put(m.bias)
	put(m.w)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readLinear loads a model written by write.
func readLinear(r io.Reader) (*linear, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("not a resonanz model file")
	}
	var k uint32
	if err := binary.Read(br, binary.LittleEndian, &k); err != nil || k == 0 || k > 8 {
		return nil, fmt.Errorf("bad class count %d: %v", k, err)
	}
	classes := make([]string, k)
	for i := range classes {
		var n uint16
		if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
			return nil, err
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, err
		}
		classes[i] = string(b)
	}
	var dim uint32
	if err := binary.Read(br, binary.LittleEndian, &dim); err != nil || dim == 0 || dim&(dim-1) != 0 || dim > 1<<22 {
		return nil, fmt.Errorf("bad dimension %d: %v", dim, err)
	}
	m := newLinear(classes, dim)
	if err := binary.Read(br, binary.LittleEndian, m.bias); err != nil {
		return nil, err
	}
	if err := binary.Read(br, binary.LittleEndian, m.w); err != nil {
		return nil, err
	}
	return m, nil
}
