package bench

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/lambdasec/lambdasec/bench/secretsgen"
	"github.com/lambdasec/lambdasec/internal/secrets"
)

var (
	corpusOnce sync.Once
	corpusZip  []byte
	corpusSize int64
	corpusErr  error
)

// secretsCorpus builds a 64 MiB package of real source text with planted
// secrets (bench/secretsgen) once per process, as an in-memory zip.
func secretsCorpus(b *testing.B) ([]byte, int64) {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lambdasec-secrets-")
		if err != nil {
			corpusErr = err
			return
		}
		defer os.RemoveAll(dir)
		if _, corpusErr = secretsgen.Write(dir, 64<<20, 20, 1); corpusErr != nil {
			return
		}
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		corpusErr = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			fw, err := w.Create(filepath.ToSlash(rel))
			if err != nil {
				return err
			}
			corpusSize += int64(len(data))
			_, err = fw.Write(data)
			return err
		})
		if corpusErr == nil {
			corpusErr = w.Close()
		}
		corpusZip = buf.Bytes()
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusZip, corpusSize
}

// BenchmarkPackageScan measures scanning one deployment package on one
// core; MB/s is of uncompressed content (decompression included).
func BenchmarkPackageScan(b *testing.B) {
	z, size := secretsCorpus(b)
	s := secrets.NewScanner(nil, secrets.DefaultLimits())
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		cs, err := s.Scan(bytes.NewReader(z), int64(len(z)), "corpus.zip")
		if err != nil || cs.Partial != "" {
			b.Fatal(err, cs.Partial)
		}
	}
}

// BenchmarkPackageScanParallel scans one copy of the package per core at
// once, as ScanPackages does for an account's many packages.
func BenchmarkPackageScanParallel(b *testing.B) {
	z, size := secretsCorpus(b)
	s := secrets.NewScanner(nil, secrets.DefaultLimits())
	b.SetBytes(size)
	b.SetParallelism(1)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Scan(bytes.NewReader(z), int64(len(z)), "corpus.zip"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "workers")
}

// BenchmarkDetectorText measures the detection engine alone on the
// uncompressed text, without zip decoding.
func BenchmarkDetectorText(b *testing.B) {
	z, size := secretsCorpus(b)
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		b.Fatal(err)
	}
	var files [][]byte
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		files = append(files, data)
	}
	e := secrets.NewEngine()
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			e.Scan(f, secrets.Location{})
		}
	}
}

// BenchmarkBombMemory scans a zip that expands to 2 GiB against the default
// 1 GiB limit and reports the heap it needed: the outcome is "partially
// assessed", the memory stays at the chunk buffer.
func BenchmarkBombMemory(b *testing.B) {
	z := bomb(b, 32, 64<<20)
	l := secrets.DefaultLimits()
	l.MaxRatio = 1 << 30 // let the bytes through to the size limit
	s := secrets.NewScanner(nil, l)
	var peak uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		cs, err := s.Scan(bytes.NewReader(z), int64(len(z)), "bomb.zip")
		runtime.ReadMemStats(&after)
		if err != nil || cs.Partial == "" {
			b.Fatal(err, "limit not reported")
		}
		peak = max(peak, after.TotalAlloc-before.TotalAlloc)
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-allocated/op")
}

// bomb builds a zip of n entries of size zero bytes each that share one
// compressed stream: gigabytes expanded, megabytes on disk.
func bomb(b *testing.B, n int, size int64) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for w := int64(0); w < size; w += int64(len(zeros)) {
		fw.Write(zeros)
		crc.Write(zeros)
	}
	fw.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := range n {
		raw, err := w.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("bomb/%d.txt", i), Method: zip.Deflate,
			CRC32: crc.Sum32(), CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(size)})
		if err != nil {
			b.Fatal(err)
		}
		raw.Write(comp.Bytes())
	}
	w.Close()
	return buf.Bytes()
}
