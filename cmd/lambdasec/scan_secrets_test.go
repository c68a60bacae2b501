package main

import (
	"archive/zip"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secretsDump is a dump whose functions carry planted environment secrets
// (see internal/rules/testdata/sec-env).
var secretsDump = filepath.Join("..", "..", "internal", "rules", "testdata", "sec-env")

// TestScanPackagesFlag: a zip given with --packages is matched by the
// CodeSha256 in its name and scanned before the rules.
func TestScanPackagesFlag(t *testing.T) {
	dir := t.TempDir()
	// Every function of the fixture shares this CodeSha256.
	sum, _ := base64.StdEncoding.DecodeString("krH2PqdNFuyF2ksT8h/wsrEZWEgMCqGj8TfKHlALyWc=")
	f, err := os.Create(filepath.Join(dir, "pkg-"+hex.EncodeToString(sum)+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	fw, _ := w.Create("src/settings.py")
	fw.Write([]byte("SENDGRID = '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'\n"))
	w.Close()
	f.Close()

	r, stderr, status := scanJSON(t, secretsDump, "--packages", dir)
	if status != exitOK {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	n := 0
	for _, f := range r.Findings {
		if f.RuleID == "LAMBDA-SEC-003" {
			n++
			if f.Instance != "src/settings.py:1#sendgrid-api-key" {
				t.Errorf("instance %q", f.Instance)
			}
		}
	}
	if n != 6 { // the six zip functions share the package
		t.Errorf("%d SEC-003 findings, want 6", n)
	}
	if _, stderr, status := scanJSON(t, secretsDump, "--packages", filepath.Join(dir, "nope")); status != exitUsage || !strings.Contains(stderr, "not a folder") {
		t.Errorf("missing folder: exit %d, %s", status, stderr)
	}
}

// TestScanIgnoreFile: accepted findings are dropped and counted, a broken
// ignore file stops the scan naming the file and line.
func TestScanIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	os.WriteFile(good, []byte("LAMBDA-SEC-00[12] reason=x\nLAMBDA-SEC-002 resource=*:function:literal-password instance=DB_PASSWORD reason=\"rotated weekly, moving to Secrets Manager\"\n"), 0o644)
	if _, stderr, status := scanJSON(t, secretsDump, "--ignore-file", good); status != exitUsage || !strings.Contains(stderr, "good:1:") {
		t.Fatalf("bad rule glob: exit %d, %s", status, stderr)
	}
	os.WriteFile(good, []byte("# accepted\nLAMBDA-SEC-002 resource=*:function:literal-password instance=DB_PASSWORD reason=\"rotated weekly, moving to Secrets Manager\"\n"), 0o644)
	r, stderr, status := scanJSON(t, secretsDump, "--ignore-file", good)
	if status != exitOK {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	for _, f := range r.Findings {
		if f.RuleID == "LAMBDA-SEC-002" && f.Resource.Name == "literal-password" {
			t.Error("ignored finding reported")
		}
	}
	if r.Summary.Suppressed != 1 {
		t.Errorf("suppressed = %d, want 1", r.Summary.Suppressed)
	}
	expired := filepath.Join(dir, "expired")
	os.WriteFile(expired, []byte("LAMBDA-SEC-002 reason=temporary expires=2026-01-31\n"), 0o644)
	r, stderr, _ = scanJSON(t, secretsDump, "--ignore-file", expired, "--as-of", "2026-02-01")
	if r.Summary.Suppressed != 0 || !strings.Contains(stderr, "expired on 2026-01-31") {
		t.Errorf("expired entry: suppressed %d, stderr %s", r.Summary.Suppressed, stderr)
	}
}
