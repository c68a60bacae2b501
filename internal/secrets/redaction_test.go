package secrets_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/report"
	"github.com/lambdasec/lambdasec/internal/scan"
	"github.com/lambdasec/lambdasec/internal/secrets"
)

// TestNoSecretInAnyFormat scans a dump whose function carries every
// planted secret of the corpora (in its environment and its package),
// renders the report in every format, and checks that no secret appears
// in any of the bytes, nor in input errors.
func TestNoSecretInAnyFormat(t *testing.T) {
	pkgDir := t.TempDir()
	planted := writeCorpusPackage(t, pkgDir)
	planted = append(planted, envSecrets(t)...)
	if len(planted) < 40 {
		t.Fatalf("only %d planted secrets", len(planted))
	}

	res := scan.Run([]string{filepath.Join("testdata", "planted-dump")}, scan.Options{
		Tool: finding.Tool{Name: "lambdasec", Version: "test"},
		Enrich: []func(*inventory.Inventory) []error{func(inv *inventory.Inventory) []error {
			return secrets.ScanPackages(inv, secrets.PackageOptions{Dirs: []string{pkgDir}, Limits: secrets.DefaultLimits()})
		}},
	})
	ids := map[string]int{}
	for _, f := range res.Report.Findings {
		ids[f.RuleID]++
	}
	if ids["LAMBDA-SEC-001"] == 0 || ids["LAMBDA-SEC-002"] == 0 || ids["LAMBDA-SEC-003"] == 0 {
		t.Fatalf("the planted secrets were not all found: %v", ids)
	}
	for _, name := range report.Formats() {
		rep, err := report.New(name, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rep.Write(&buf, res.Report); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := buf.String()
		// JSON-based formats escape some characters: check both spellings.
		for _, s := range planted {
			esc, _ := json.Marshal(s)
			if strings.Contains(out, s) || strings.Contains(out, strings.Trim(string(esc), `"`)) {
				t.Errorf("format %s shows planted secret %s", name, s[:min(8, len(s))]+"…")
			}
		}
	}
}

// writeCorpusPackage zips testdata/package-corpus as the planted function's
// package and returns the secrets the detector finds in it.
func writeCorpusPackage(t *testing.T, dir string) []string {
	t.Helper()
	sum := sha256.Sum256([]byte("planted-package"))
	f, err := os.Create(filepath.Join(dir, hex.EncodeToString(sum[:])+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := zip.NewWriter(f)
	var planted []string
	root := filepath.Join("testdata", "package-corpus")
	eng := secrets.NewEngine()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fw, _ := w.Create(filepath.ToSlash(rel))
		fw.Write(b)
		for _, m := range eng.Scan(b, secrets.Location{Path: rel}) {
			// AWS's documented example keys are public and named in the
			// rule descriptions on purpose.
			if !m.Example {
				planted = append(planted, m.Value)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return planted
}

// envSecrets returns the values the planted function's environment holds
// that are secrets (long enough that finding them in output means a leak).
func envSecrets(t *testing.T) []string {
	b, err := os.ReadFile(filepath.Join("testdata", "planted-dump", "us-east-1", "lambda", "list-functions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lf struct {
		Functions []struct {
			Environment struct{ Variables map[string]string }
		}
	}
	if err := json.Unmarshal(b, &lf); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range lf.Functions[0].Environment.Variables {
		if len(v) >= 8 && !strings.Contains(v, "EXAMPLE") {
			out = append(out, v)
		}
	}
	return out
}
