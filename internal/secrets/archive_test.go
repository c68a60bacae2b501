package secrets

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// zipEntry is one file of a test archive.
type zipEntry struct {
	name    string
	data    []byte
	mode    os.FileMode // 0: regular 0644
	store   bool        // no compression
	comment string
}

func makeZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// corpusZip zips testdata/package-corpus as a deployment package.
func corpusZip(t testing.TB) []byte {
	t.Helper()
	var entries []zipEntry
	root := filepath.Join("testdata", "package-corpus")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		entries = append(entries, zipEntry{name: filepath.ToSlash(rel), data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return makeZip(t, entries...)
}

func scanZip(t testing.TB, b []byte, l Limits) *inventory.ContentScan {
	t.Helper()
	cs, err := NewScanner(nil, l).Scan(bytes.NewReader(b), int64(len(b)), "test.zip")
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestPackageCorpus measures precision and recall of package scanning on
// the labelled corpus: every planted secret must be found at its file and
// line, documented examples must be marked as examples, and nothing else
// may be reported.
func TestPackageCorpus(t *testing.T) {
	b, err := os.ReadFile("testdata/package-corpus.labels.json")
	if err != nil {
		t.Fatal(err)
	}
	var labels []struct {
		Path, Rule, Label string
		Line              int
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatal(err)
	}
	cs := scanZip(t, corpusZip(t), DefaultLimits())
	if cs.Partial != "" {
		t.Errorf("partial: %s", cs.Partial)
	}
	type key struct {
		path, rule string
		line       int
	}
	got := map[key]inventory.ContentMatch{}
	for _, m := range cs.Matches {
		if m.Kind != inventory.ContentSecret {
			t.Errorf("unexpected %s match %s in %s:%d", m.Kind, m.Rule, m.Path, m.Line)
			continue
		}
		got[key{m.Path, m.Rule, m.Line}] = m
	}
	var s score
	for _, l := range labels {
		m, ok := got[key{l.Path, l.Rule, l.Line}]
		s.add(true, ok)
		if !ok {
			t.Logf("missed %s at %s:%d", l.Rule, l.Path, l.Line)
			continue
		}
		delete(got, key{l.Path, l.Rule, l.Line})
		if m.Example != (l.Label == "example") {
			t.Errorf("%s:%d example = %v, want label %s", l.Path, l.Line, m.Example, l.Label)
		}
	}
	for k := range got {
		s.add(false, true)
		t.Logf("false positive %s at %s:%d", k.rule, k.path, k.line)
	}
	t.Logf("package corpus: %d planted, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", len(labels), s.precision(), s.recall(), s.tp, s.fp, s.fn)
	if s.precision() < 0.95 || s.recall() < 0.95 {
		t.Errorf("precision %.3f / recall %.3f below 0.95", s.precision(), s.recall())
	}
	for _, m := range cs.Matches {
		if strings.Contains(m.Preview, "sk_live_") && len(m.Preview) > 40 {
			t.Errorf("preview not redacted: %s", m.Preview)
		}
	}
}

func TestHashInName(t *testing.T) {
	h := "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
	for name, want := range map[string]string{
		h + ".zip": h,
		"arn_aws_lambda_us-east-1_111122223333_function_orders-api-" + strings.ToUpper(h) + ".zip": h,
		"orders-api.zip":              "",
		"deadbeef-" + h[:60] + ".zip": "",
	} {
		if got := hashInName(name); got != want {
			t.Errorf("hashInName(%q) = %q, want %q", name, got, want)
		}
	}
}
