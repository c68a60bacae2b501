package secrets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var (
	zerosOnce sync.Once
	zerosComp []byte
	zerosCRC  uint32
)

// zeros64 is 64 MiB of zero bytes, deflated once per test binary (about
// 64 KiB).
const zeros64 = 64 << 20

func deflatedZeros() ([]byte, uint32) {
	zerosOnce.Do(func() {
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		zeros := make([]byte, 1<<20)
		crc := crc32.NewIEEE()
		for range zeros64 >> 20 {
			fw.Write(zeros)
			crc.Write(zeros)
		}
		fw.Close()
		zerosComp, zerosCRC = comp.Bytes(), crc.Sum32()
	})
	return zerosComp, zerosCRC
}

// bombZip builds a zip of n entries that each expand to 64 MiB of zeros
// while sharing one small compressed stream, so gigabytes of expanded
// content cost a few megabytes.
func bombZip(t testing.TB, n int) []byte {
	t.Helper()
	comp, crc := deflatedZeros()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := range n {
		h := &zip.FileHeader{Name: fmt.Sprintf("bomb/%d.txt", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(len(comp)), UncompressedSize64: zeros64}
		raw, err := w.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		raw.Write(comp)
	}
	w.Close()
	return buf.Bytes()
}

func nestedZip(t testing.TB, depth int, inner zipEntry) []byte {
	b := makeZip(t, inner)
	for i := range depth {
		b = makeZip(t, zipEntry{name: "lib/level" + string(rune('0'+i)) + ".zip", data: b})
	}
	return b
}

func TestArchiveSafety(t *testing.T) {
	token := zipEntry{name: "config.py", data: []byte("GITHUB_TOKEN = 'ghp_Zq4Lm8Rt2Vx6Bn0Pc3Hs7Kd1Wf5Jy9Ga2Ue4'\n")}
	small := DefaultLimits()
	small.MaxTotalBytes = 16 << 20
	small.MaxEntries = 10
	tests := []struct {
		name        string
		zip         []byte
		limits      Limits
		wantPartial string // substring; "" means complete
		wantNote    string
		wantRules   []string // rule@path of the matches
	}{
		{
			name:        "zip bomb refused by compression ratio",
			zip:         bombZip(t, 32), // 2 GiB expanded
			limits:      DefaultLimits(),
			wantPartial: "a zip bomb?",
		},
		{
			name: "zip bomb stopped by total size",
			zip:  bombZip(t, 32),
			limits: func() Limits {
				l := small
				l.MaxRatio = 1 << 20
				return l
			}(),
			wantPartial: "bytes",
		},
		{
			name:        "too many entries",
			zip:         makeZip(t, manyEntries(20)...),
			limits:      small,
			wantPartial: "more than 10 entries",
		},
		{
			name:      "zip-slip name is read under the root",
			zip:       makeZip(t, zipEntry{name: "../../etc/evil.py", data: token.data}),
			limits:    DefaultLimits(),
			wantNote:  `"../../etc/evil.py" escapes the archive root (read as etc/evil.py)`,
			wantRules: []string{"github-token@etc/evil.py"},
		},
		{
			name:     "symlink entry is not followed",
			zip:      makeZip(t, zipEntry{name: "env", data: []byte("/proc/self/environ"), mode: os.ModeSymlink | 0o777}),
			limits:   DefaultLimits(),
			wantNote: "symbolic link env was not followed",
		},
		{
			name:      "nested within the depth limit",
			zip:       nestedZip(t, 2, token),
			limits:    DefaultLimits(),
			wantRules: []string{"github-token@lib/level1.zip!lib/level0.zip!config.py"},
		},
		{
			name:        "nested deeper than the limit",
			zip:         nestedZip(t, 5, token),
			limits:      DefaultLimits(),
			wantPartial: "nested deeper than 3 archives",
		},
		{
			name:        "damaged entry",
			zip:         damaged(t),
			limits:      DefaultLimits(),
			wantPartial: "app.py",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := scanZip(t, tt.zip, tt.limits)
			if tt.wantPartial == "" && cs.Partial != "" || !strings.Contains(cs.Partial, tt.wantPartial) {
				t.Errorf("Partial = %q, want %q", cs.Partial, tt.wantPartial)
			}
			if tt.wantNote != "" && !strings.Contains(strings.Join(cs.Notes, "\n"), tt.wantNote) {
				t.Errorf("Notes = %q, want %q", cs.Notes, tt.wantNote)
			}
			var got []string
			for _, m := range cs.Matches {
				got = append(got, m.Rule+"@"+m.Path)
			}
			if strings.Join(got, ",") != strings.Join(tt.wantRules, ",") {
				t.Errorf("matches = %q, want %q", got, tt.wantRules)
			}
		})
	}
}

func manyEntries(n int) []zipEntry {
	var es []zipEntry
	for i := range n {
		es = append(es, zipEntry{name: "f" + strings.Repeat("x", i) + ".txt", data: []byte("hello\n")})
	}
	return es
}

// damaged flips bytes in the compressed data of an entry.
func damaged(t *testing.T) []byte {
	b := makeZip(t, zipEntry{name: "app.py", data: bytes.Repeat([]byte("print('hello world')\n"), 500)})
	i := bytes.Index(b, []byte("app.py")) + len("app.py") + 10
	for j := i; j < i+40; j++ {
		b[j] ^= 0xff
	}
	return b
}

func TestScanRejectsNonZip(t *testing.T) {
	_, err := NewScanner(nil, DefaultLimits()).Scan(bytes.NewReader([]byte("not a zip")), 9, "x.zip")
	if err == nil || !strings.Contains(err.Error(), "not a readable zip archive") {
		t.Fatalf("err = %v", err)
	}
}

// TestBombMemoryBounded checks that scanning gigabytes of expanded content
// keeps the heap near the chunk buffer, not the content size.
func TestBombMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("decompresses 128 MiB")
	}
	z := bombZip(t, 32) // 2 GiB against a 128 MiB limit
	l := DefaultLimits()
	l.MaxRatio = 1 << 20
	l.MaxTotalBytes = 128 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cs := scanZip(t, z, l)
	runtime.ReadMemStats(&after)
	if cs.Partial == "" {
		t.Error("limit not reported")
	}
	if grown := int64(after.HeapInuse) - int64(before.HeapInuse); grown > 32<<20 {
		t.Errorf("heap grew by %d MiB", grown>>20)
	}
}
