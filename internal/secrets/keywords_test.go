package secrets

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestKeywordSetAgreesWithIndex compares the one-pass search with a naive
// search for each keyword, including overlapping and nested keywords.
func TestKeywordSetAgreesWithIndex(t *testing.T) {
	words := [][]byte{[]byte("he"), []byte("she"), []byte("his"), []byte("hers"), []byte("AKIA"), []byte("KIA"), []byte("://")}
	ks := newKeywordSet(words)
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, r.IntN(200))
		for i := range b {
			b[i] = "hisreAKI:/ x"[r.IntN(12)]
		}
		got := map[[2]int]bool{}
		ks.each(b, func(w, at int) { got[[2]int{w, at}] = true })
		want := map[[2]int]bool{}
		for wi, w := range words {
			for off := 0; ; {
				i := bytes.Index(b[off:], w)
				if i < 0 {
					break
				}
				want[[2]int{wi, off + i}] = true
				off += i + 1
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%q: got %v, want %v", b, got, want)
		}
		for k := range want {
			if !got[k] {
				t.Fatalf("%q: missed %v", b, k)
			}
		}
	}
}
