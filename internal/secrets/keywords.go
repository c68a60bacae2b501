package secrets

// keywordSet finds every occurrence of a fixed set of keywords in one pass
// over the content (Aho-Corasick with a full transition table): a scan
// costs one table lookup per byte however many keywords there are, where
// searching for each keyword separately would read the content once per
// keyword.
type keywordSet struct {
	next [][256]int32 // state transitions, failure links folded in
	out  [][]int32    // keyword indexes that end in each state
	lens []int        // keyword lengths
}

func newKeywordSet(words [][]byte) *keywordSet {
	ks := &keywordSet{next: make([][256]int32, 1), out: make([][]int32, 1)}
	// Build the trie; -1 marks a missing edge until failure links fill it.
	for i := range ks.next[0] {
		ks.next[0][i] = -1
	}
	for wi, w := range words {
		ks.lens = append(ks.lens, len(w))
		s := int32(0)
		for _, c := range w {
			if ks.next[s][c] < 0 {
				var row [256]int32
				for i := range row {
					row[i] = -1
				}
				ks.next = append(ks.next, row)
				ks.out = append(ks.out, nil)
				ks.next[s][c] = int32(len(ks.next) - 1)
			}
			s = ks.next[s][c]
		}
		ks.out[s] = append(ks.out[s], int32(wi))
	}
	// Breadth-first: a missing edge goes where the failure state's edge goes.
	fail := make([]int32, len(ks.next))
	var queue []int32
	for c := range 256 {
		if t := ks.next[0][c]; t >= 0 {
			fail[t] = 0
			queue = append(queue, t)
		} else {
			ks.next[0][c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		ks.out[s] = append(ks.out[s], ks.out[fail[s]]...)
		for c := range 256 {
			if t := ks.next[s][c]; t >= 0 {
				fail[t] = ks.next[fail[s]][c]
				queue = append(queue, t)
			} else {
				ks.next[s][c] = ks.next[fail[s]][c]
			}
		}
	}
	return ks
}

// each calls fn with the keyword index and start offset of every
// occurrence, in order of where the occurrences end.
func (ks *keywordSet) each(content []byte, fn func(word, start int)) {
	s := int32(0)
	for i, c := range content {
		s = ks.next[s][c]
		for _, w := range ks.out[s] {
			fn(int(w), i+1-ks.lens[w])
		}
	}
}
