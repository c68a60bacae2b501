package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With no PATH, scan reads the IaC of the current folder: templates and
// serverless.yml files, but not the copies in build output or dependencies.
func TestScanNoArgsDiscoversIaC(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		full := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sam, err := os.ReadFile(filepath.Join("..", "..", "examples", "iac", "sam", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sls, err := os.ReadFile(filepath.Join("..", "..", "examples", "iac", "serverless", "serverless.yml"))
	if err != nil {
		t.Fatal(err)
	}
	write("template.yaml", string(sam))
	write("services/feedback/serverless.yml", string(sls))
	write(".aws-sam/build/template.yaml", string(sam))
	write("node_modules/some-lib/template.yaml", string(sam))
	write("README.md", "# not IaC\n")
	t.Chdir(dir)

	r, errOut, status := scanJSON(t, "--param", "AWS::AccountId=111122223333")
	if status != exitOK {
		t.Fatalf("status %d, stderr:\n%s", status, errOut)
	}
	files := map[string]bool{}
	for _, f := range r.Findings {
		if f.Resource.File == "" || f.Resource.Line == 0 || f.Resource.LogicalID == "" {
			t.Errorf("finding %s lacks its IaC location: %+v", f.RuleID, f.Resource)
		}
		if f.Resource.Account != "111122223333" {
			t.Errorf("finding %s: account %q, want the --param value", f.RuleID, f.Resource.Account)
		}
		files[filepath.ToSlash(f.Resource.File)] = true
	}
	for f := range files {
		if strings.Contains(f, ".aws-sam") || strings.Contains(f, "node_modules") {
			t.Errorf("scanned build output or dependencies: %s", f)
		}
	}
	if !files["template.yaml"] || !files["services/feedback/serverless.yml"] {
		t.Errorf("scanned %v, want template.yaml and services/feedback/serverless.yml", files)
	}
}

func TestScanParamErrors(t *testing.T) {
	_, errOut, status := lambdasec(t, "scan", "--param", "s3cr3t-value-without-key", filepath.Join("..", "..", "examples", "iac", "sam"))
	if status != exitUsage || !strings.Contains(errOut, "--param #1: want KEY=VALUE") || strings.Contains(errOut, "s3cr3t") {
		t.Errorf("status %d, stderr %q", status, errOut)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "params.json")
	if err := os.WriteFile(bad, []byte(`{"Stage": "prod"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, status = lambdasec(t, "scan", "--param-file", bad, filepath.Join("..", "..", "examples", "iac", "sam"))
	if status != exitPartial || !strings.Contains(errOut, "params.json: not a parameters file") {
		t.Errorf("status %d, stderr %q", status, errOut)
	}
}
