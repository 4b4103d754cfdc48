package search

import (
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
)

// maxStemLen bounds the words (in bytes) given to the stemmers, whose cost
// can grow quadratically with word length; no real German compound comes
// near it, and longer words are indexed as they are.
const maxStemLen = 100

// wordBuf sizes the stack buffers that words are lowercased into; longer
// words only cost an allocation.
const wordBuf = 64

// maxCached bounds the stem cache so that untrusted texts full of distinct
// words cannot grow it without limit.
const maxCached = 1 << 15

// stemPair holds the German and the English stem of one lowercase word.
type stemPair struct{ de, en string }

// stemCache remembers the stems of recent words: each stemmer takes about a
// microsecond per word, while customer texts keep repeating a small
// vocabulary. When full it is simply emptied; frequent words come back at once.
type stemCache struct {
	mu sync.Mutex
	m  map[string]stemPair
}

var cache = stemCache{m: make(map[string]stemPair)}

// stems returns the stems of a lowercase word.
func stems(word []byte) stemPair {
	if len(word) > maxStemLen {
		w := string(word)
		return stemPair{w, w}
	}
	cache.mu.Lock()
	p, ok := cache.m[string(word)]
	cache.mu.Unlock()
	if ok {
		return p
	}
	w := string(word)
	p = stemPair{de: stem(w, german.Stem), en: stem(w, english.Stem)}
	cache.mu.Lock()
	if len(cache.m) >= maxCached {
		clear(cache.m)
	}
	cache.m[w] = p
	cache.mu.Unlock()
	return p
}

func stem(word string, stemmer func(*snowballstem.Env) bool) string {
	env := snowballstem.NewEnv(word)
	stemmer(env)
	return env.Current()
}
