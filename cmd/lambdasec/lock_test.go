package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lockDrift returns the LAMBDA-SUP-003 findings of a scan as
// "resource: message".
func lockDrift(t *testing.T, args ...string) []string {
	t.Helper()
	r, stderr, status := scanJSON(t, args...)
	if status == exitUsage {
		t.Fatalf("scan failed: %s", stderr)
	}
	var out []string
	for _, f := range r.Findings {
		if f.RuleID == "LAMBDA-SUP-003" {
			out = append(out, f.Resource.Name+": "+f.Message+"\n"+strings.Join(f.Evidence, "\n"))
		}
	}
	return out
}

// TestLockThenScan is the lock workflow on the example: a fresh lock shows
// no drift; a hash edited in a copy of the dump shows as exactly one finding
// naming the old and the new hash.
func TestLockThenScan(t *testing.T) {
	dir := copyTree(t, "../../examples/demo-account")
	lock := filepath.Join(t.TempDir(), "lambdasec.lock")
	_, stderr, status := lambdasec(t, "lock", "-o", lock, dir)
	if status != exitOK && status != exitPartial { // other sources' complaints about the example do not matter here
		t.Fatalf("lock: status %d: %s", status, stderr)
	}
	if !strings.Contains(stderr, "locked 10 functions") {
		t.Errorf("lock summary: %s", stderr)
	}
	if got := lockDrift(t, "--lock", lock, dir); len(got) != 0 {
		t.Fatalf("drift right after locking: %q", got)
	}

	const old, changed = "JdHU5D4AlEaKH3GVK0hnRF+qU/lMWcWTGFhajwtuyaA=", "QmFkTGF5ZXJDb250ZW50UmVwbGFjZWRBZnRlckxvY2s="
	edit(t, filepath.Join(dir, "us-east-1/lambda/get-layer-version/acme-common-utils/3.json"), old, changed)
	got := lockDrift(t, "--lock", lock, dir)
	if len(got) != 1 || !strings.Contains(got[0], old) || !strings.Contains(got[0], changed) || !strings.HasPrefix(got[0], "acme-common-utils:3: ") {
		t.Fatalf("after editing the layer hash: %q", got)
	}

	// The code hash is in list-functions and get-function alike.
	const code, newCode = "gSdtNyZX/ZNj3PnenNP7sPhEIWyBsQxQLrUK7MBuJ9c=", "TmV3Q29kZURlcGxveWVkT3V0c2lkZVRoZVBpcGVsaW4="
	edit(t, filepath.Join(dir, "us-east-1/lambda/list-functions.json"), code, newCode)
	edit(t, filepath.Join(dir, "us-east-1/lambda/get-function/orders-api.json"), code, newCode)
	got = lockDrift(t, "--lock", lock, dir)
	if len(got) != 2 || !strings.Contains(strings.Join(got, "\n"), "orders-api: The code of function orders-api changed since the lock: CodeSha256 "+newCode+", locked "+code) {
		t.Fatalf("after editing the code hash: %q", got)
	}
}

func TestLockErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, status := lambdasec(t, "lock", "-o", filepath.Join(dir, "x.lock"), filepath.Join(dir, "nothing-here")); status != exitUsage {
		t.Errorf("lock of a missing path: status %d, want %d", status, exitUsage)
	}
	bad := filepath.Join(dir, "bad.lock")
	if err := os.WriteFile(bad, []byte("lambdasec-lock 1\nfunction arn:aws:lambda:us-east-1:111122223333:function:f\n  cod x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, status := lambdasec(t, "scan", "--lock", bad, "../../examples/demo-account")
	if status != exitPartial || !strings.Contains(stderr, "bad.lock:3: unknown entry") || strings.Contains(stderr, "cod x") {
		t.Errorf("bad lock: status %d, stderr %s", status, stderr)
	}
	out, _, status := lambdasec(t, "lock", "-o", "-", "../../examples/demo-account")
	if (status != exitOK && status != exitPartial) || !strings.HasPrefix(out, "lambdasec-lock 1\n") {
		t.Errorf("lock to stdout: status %d:\n%s", status, out)
	}
}

func TestScanConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "lambdasec.yaml")
	if err := os.WriteFile(cfg, []byte("trusted_accounts:\n  - \"999988887777\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, stderr, status := scanJSON(t, "--config", cfg, "../../examples/demo-account")
	if status == exitUsage {
		t.Fatal(stderr)
	}
	for _, f := range r.Findings {
		if f.RuleID == "LAMBDA-SUP-001" {
			t.Errorf("trusted publisher still reported: %s", f.Message)
		}
	}
	if err := os.WriteFile(cfg, []byte("trusted_accounts:\n  - 12345\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, status = lambdasec(t, "scan", "--config", cfg, "../../examples/demo-account")
	if status != exitUsage || !strings.Contains(stderr, "lambdasec.yaml:2: trusted_accounts") {
		t.Errorf("bad config: status %d, stderr %s", status, stderr)
	}
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %s", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(b), old, new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLayersCommand(t *testing.T) {
	out, stderr, status := lambdasec(t, "layers", "../../examples/demo-account")
	if status == exitUsage {
		t.Fatal(stderr)
	}
	for _, want := range []string{
		"acme-pdf-fonts:2 (111122223333, us-east-1)", "public",
		"AWS: Powertools for AWS Lambda (Python)",
		"fast-json-logger:12 (999988887777, us-east-1)", "third party (organization members not collected)",
		"invoice-worker, nightly-cleanup",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("layers output lacks %q:\n%s", want, out)
		}
	}
	if _, _, status := lambdasec(t, "layers", "--format", "xml", "../../examples/demo-account"); status != exitUsage {
		t.Errorf("--format xml: status %d", status)
	}
	out, _, _ = lambdasec(t, "layers", "--format", "json", "../../examples/demo-account")
	if !strings.Contains(out, `"publisher_account": "017000801446"`) || !strings.Contains(out, `"extension": false`) {
		t.Errorf("json output:\n%s", out)
	}
}
