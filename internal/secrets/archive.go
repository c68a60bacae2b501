package secrets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/redact"
)

// Limits bound what one archive may cost. Hitting one stops reading that
// part and marks the result partial; it is never an error.
type Limits struct {
	MaxTotalBytes  int64 // uncompressed bytes read from one archive, nested ones included
	MaxEntries     int   // entries, nested ones included
	MaxEntryBytes  int64 // uncompressed bytes read from one entry
	MaxNestedBytes int64 // a nested archive is held in memory to be opened: its size limit
	MaxDepth       int   // nesting depth: 1 scans zips inside the package, not deeper
	MaxRatio       int64 // uncompressed/compressed size of one entry (zip bombs)
}

// DefaultLimits fit Lambda: a zip package is at most 250 MB unzipped with
// its layers, so 1 GiB leaves room while stopping bombs.
func DefaultLimits() Limits {
	return Limits{
		MaxTotalBytes:  1 << 30,
		MaxEntries:     200_000,
		MaxEntryBytes:  256 << 20,
		MaxNestedBytes: 64 << 20,
		MaxDepth:       3,
		MaxRatio:       1000,
	}
}

// chunkSize is how much of an entry is held in memory at once.
const chunkSize = 1 << 20

// Scanner reads zip archives and reports secrets and malicious content.
// It is safe for concurrent use; each ScanFile keeps its own state.
type Scanner struct {
	det    Detector
	limits Limits
}

// NewScanner returns a Scanner using det (nil: NewEngine()) and limits.
func NewScanner(det Detector, limits Limits) *Scanner {
	if det == nil {
		det = NewEngine()
	}
	return &Scanner{det: det, limits: limits}
}

// ScanFile scans the zip archive at name without extracting it. The error
// is for an archive that cannot be opened at all; damage inside it makes
// the result partial instead.
func (s *Scanner) ScanFile(name string) (*inventory.ContentScan, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return s.Scan(f, st.Size(), name)
}

// Scan scans a zip archive read from r.
func (s *Scanner) Scan(r io.ReaderAt, size int64, name string) (*inventory.ContentScan, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("not a readable zip archive: %w", err)
	}
	st := &scanState{Scanner: s, out: &inventory.ContentScan{Archive: name}, buf: make([]byte, chunkSize)}
	st.walk(zr, "", 0)
	return st.out, nil
}

type scanState struct {
	*Scanner
	out  *inventory.ContentScan
	buf  []byte
	stop bool // a whole-archive limit was hit
}

func (st *scanState) partial(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if st.out.Partial == "" {
		st.out.Partial = msg
	} else if !strings.Contains(st.out.Partial, msg) && len(st.out.Partial) < 1000 {
		st.out.Partial += "; " + msg
	}
}

// nestedExt are archive formats that are zips inside: jars and wheels ship
// libraries, and a zip in a package is often a bundled dependency.
var nestedExt = map[string]bool{".zip": true, ".jar": true, ".war": true, ".ear": true, ".whl": true, ".egg": true, ".nupkg": true, ".apk": true}

func (st *scanState) walk(zr *zip.Reader, prefix string, depth int) {
	for _, f := range zr.File {
		if st.stop {
			return
		}
		st.out.Files++
		if st.out.Files > st.limits.MaxEntries {
			st.partial("more than %d entries; the rest was not read", st.limits.MaxEntries)
			st.stop = true
			return
		}
		name := safeName(f.Name)
		full := prefix + name
		if name != f.Name {
			st.out.Notes = append(st.out.Notes, fmt.Sprintf("entry %q escapes the archive root (read as %s)", prefix+f.Name, full))
		}
		mode := f.Mode()
		switch {
		case mode.IsDir():
			continue
		case mode&os.ModeSymlink != 0:
			st.out.Notes = append(st.out.Notes, fmt.Sprintf("symbolic link %s was not followed", full))
			continue
		case !mode.IsRegular():
			continue
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > uint64(st.limits.MaxRatio) {
			st.partial("%s expands %d:1 (limit %d:1, a zip bomb?); not read", full, f.UncompressedSize64/f.CompressedSize64, st.limits.MaxRatio)
			continue
		}
		st.entry(f, full, depth)
	}
}

// safeName turns an entry name into a relative slash path with no .. or
// leading /, so that what reports show can never point outside the archive.
func safeName(n string) string {
	n = strings.ReplaceAll(n, `\`, "/")
	c := path.Clean("/" + n)
	return strings.TrimPrefix(c, "/")
}

// budget is how many bytes the next entry may still produce.
func (st *scanState) budget() int64 {
	return min(st.limits.MaxEntryBytes, st.limits.MaxTotalBytes-st.out.Bytes)
}

func (st *scanState) entry(f *zip.File, full string, depth int) {
	rc, err := f.Open()
	if err != nil {
		st.partial("%s: %v", full, err)
		return
	}
	defer rc.Close()
	limit := st.budget()
	if limit <= 0 {
		st.partial("more than %d bytes uncompressed; the rest was not read", st.limits.MaxTotalBytes)
		st.stop = true
		return
	}
	if nestedExt[strings.ToLower(path.Ext(full))] {
		st.nested(rc, f, full, depth, limit)
		return
	}
	st.stream(rc, full, limit)
}

// nested opens an archive inside the archive: it must be held in memory
// (zip needs random access), so its size is limited separately.
func (st *scanState) nested(rc io.Reader, f *zip.File, full string, depth int, limit int64) {
	if depth+1 > st.limits.MaxDepth {
		st.partial("%s is nested deeper than %d archives; not opened", full, st.limits.MaxDepth)
		st.stream(rc, full, limit) // still look for markers in its raw bytes
		return
	}
	max := min(limit, st.limits.MaxNestedBytes)
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	st.out.Bytes += int64(len(data))
	if err != nil {
		st.partial("%s: %v", full, err)
		return
	}
	if int64(len(data)) > max {
		st.partial("nested archive %s is larger than %d bytes; not opened", full, max)
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// A .zip name on something else: scan it as the file it is.
		if isBinary(data) {
			st.addMalicious(scanMarkers(data, false), full)
		} else {
			st.scanBytes(data, full, 1)
		}
		return
	}
	st.walk(zr, full+"!", depth+1)
}

// stream reads one file in chunks, cut at line ends so that a secret is
// never split, and scans each.
func (st *scanState) stream(r io.Reader, full string, limit int64) {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	carry, line := 0, 1
	binary := false
	first := true
	for {
		n, err := io.ReadFull(lr, st.buf[carry:])
		st.out.Bytes += int64(n)
		n += carry
		if n == 0 {
			if err != nil && !errors.Is(err, io.EOF) {
				st.partial("%s: %v", full, err)
			}
			break
		}
		chunk := st.buf[:n]
		if first {
			binary = isBinary(chunk)
			first = false
		}
		end := n
		more := err == nil
		if more && !binary {
			if i := bytes.LastIndexByte(chunk, '\n'); i >= len(chunk)/2 {
				end = i + 1
			}
		}
		if binary {
			st.addMalicious(scanMarkers(chunk[:end], false), full)
		} else {
			st.scanBytes(chunk[:end], full, line)
			line += bytes.Count(chunk[:end], nl)
		}
		if !more {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				break
			}
			st.partial("%s: %v", full, err)
			return
		}
		// Keep the unscanned tail, and for binaries a marker's length of
		// overlap so that no marker straddles two chunks unseen.
		keep := n - end
		if binary {
			keep = maxMarkerLen
		}
		copy(st.buf, st.buf[n-keep:n])
		carry = keep
	}
	if lr.N <= 0 {
		st.partial("%s is larger than %d bytes; only the start was read", full, limit)
	}
}

// scanBytes scans text: secrets, stealer behaviour, miner markers.
func (st *scanState) scanBytes(b []byte, full string, line int) {
	for _, m := range st.det.Scan(b, Location{Archive: st.out.Archive, Path: full}) {
		st.out.Matches = append(st.out.Matches, inventory.ContentMatch{
			Kind: inventory.ContentSecret, Rule: m.Rule.ID, Description: m.Rule.Description, Severity: int(m.Severity),
			Path: full, Line: line - 1 + m.Line, Preview: redact.Secret(m.Value), Example: m.Example,
		})
	}
	ms := append(scanMarkers(b, true), scanStealer(b)...)
	for i := range ms {
		ms[i].Line += line - 1
	}
	st.addMalicious(ms, full)
}

func (st *scanState) addMalicious(ms []Malicious, full string) {
	for _, m := range ms {
		for _, old := range st.out.Matches {
			if old.Kind == inventory.ContentMalicious && old.Path == full && old.Rule == m.Rule {
				goto next // one per rule and file
			}
		}
		st.out.Matches = append(st.out.Matches, inventory.ContentMatch{
			Kind: inventory.ContentMalicious, Rule: m.Rule, Description: m.Description, Severity: int(m.Severity),
			Path: full, Line: m.Line, Preview: m.Marker,
		})
	next:
	}
}

// isBinary sniffs content: NUL bytes, or a media type that is not text.
func isBinary(b []byte) bool {
	head := b[:min(len(b), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ct := http.DetectContentType(head)
	return !strings.HasPrefix(ct, "text/") && ct != "application/json" && !strings.Contains(ct, "xml") && ct != "application/octet-stream"
}
