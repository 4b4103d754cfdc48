package analyze

// Feature hashing: every feature is a string hashed into dim buckets, so the
// model needs no vocabulary and unseen words cost nothing.

// Namespaces keep a word, its negated form and a character n-gram with the
// same letters apart.
const (
	nsWord    = 'w'
	nsNegated = 'n'
	nsIntense = 'i'
	nsBigram  = 'b'
	nsChar    = 'c'
)

// Character n-grams from minGram to maxGram letters, with word boundaries.
const (
	minGram = 3
	maxGram = 5
)

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashStart(ns byte) uint32 {
	return (fnvOffset ^ uint32(ns)) * fnvPrime
}

func hashBytes(h uint32, b []byte) uint32 {
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// features appends the hashed features of the tokens to dst; ids lie in
// [0, dim), dim a power of two.
func (t *tokens) features(dst []uint32, dim uint32) []uint32 {
	dst, _ = t.featuresCut(dst, dim, 0)
	return dst
}

// sentimentBytes is how much of the normalised text the sentiment model
// reads: the opening of a long text (a headline and its first sentences, the
// first lines of a forum post) carries its tone, while the rest of a news
// article piles up topic words that would push its score to an extreme.
const sentimentBytes = 400

// featuresCut is features that also returns how many of the appended ids
// come from tokens starting in the first limit bytes of the normalised
// text; limit 0 means all.
func (t *tokens) featuresCut(dst []uint32, dim uint32, limit int) ([]uint32, int) {
	base := len(dst)
	cut := -1
	mask := dim - 1
	prev := -1 // previous token in the same clause, for bigrams
	var gram [maxGram + 64]byte
	for k, s := range t.spans {
		if cut < 0 && limit > 0 && int(s.start) >= limit {
			cut = len(dst) - base
		}
		tok := t.text(k)
		if len(tok) == 0 {
			prev = -1
			continue
		}
		ns := byte(nsWord)
		if s.flags&flagNegated != 0 {
			ns = nsNegated
		}
		dst = append(dst, hashBytes(hashStart(ns), tok)&mask)
		if s.flags&flagIntense != 0 {
			dst = append(dst, hashBytes(hashStart(nsIntense), tok)&mask)
		}
		if prev >= 0 {
			h := hashBytes(hashStart(nsBigram), t.text(prev))
			h = hashBytes((h^' ')*fnvPrime, tok)
			dst = append(dst, h&mask)
		}
		if s.flags&flagBreak != 0 {
			prev = -1
		} else {
			prev = k
		}
		if s.flags&flagWord == 0 || len(tok) > len(gram)-2 {
			continue
		}
		// "<wort>" gives n-grams that know where the word starts and ends.
		g := gram[:0]
		g = append(g, '<')
		g = append(g, tok...)
		g = append(g, '>')
		for n := minGram; n <= maxGram && n <= len(g); n++ {
			for i := 0; i+n <= len(g); i++ {
				h := hashStart(nsChar + byte(n))
				dst = append(dst, hashBytes(h, g[i:i+n])&mask)
			}
		}
	}
	if cut < 0 {
		cut = len(dst) - base
	}
	return dst, cut
}

// featureDim is the number of hash buckets shared by all models, a power of two.
const featureDim = 1 << 18

// featurizer turns texts into features, reusing its buffers.
type featurizer struct{ t tokens }

// all returns the features of text as the kind model reads them.
func (f *featurizer) all(text string) []uint32 {
	f.t.normalize(text)
	return f.t.features(nil, featureDim)
}

// opening returns the features the sentiment model reads.
func (f *featurizer) opening(text string) []uint32 {
	f.t.normalize(text)
	feats, cut := f.t.featuresCut(nil, featureDim, sentimentBytes)
	return feats[:cut:cut]
}
