package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanTerraformVars: --var and --var-file reach the Terraform source,
// --var winning, and a malformed --var is a usage error that does not echo
// the value (it may be a secret).
func TestScanTerraformVars(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "iac", "terraform")
	regionOf := func(args ...string) string {
		r, errOut, status := scanJSON(t, append(args, dir)...)
		if status == exitUsage {
			t.Fatalf("usage error: %s", errOut)
		}
		for _, f := range r.Findings {
			if f.Resource.LogicalID == "aws_lambda_function.api" {
				return f.Resource.Region
			}
		}
		t.Fatalf("no finding on aws_lambda_function.api")
		return ""
	}
	if got := regionOf(); got != "us-east-1" {
		t.Errorf("default region: got %s", got)
	}
	varFile := filepath.Join(t.TempDir(), "eu.tfvars")
	if err := os.WriteFile(varFile, []byte("region = \"eu-central-1\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := regionOf("--var-file", varFile); got != "eu-central-1" {
		t.Errorf("--var-file: got %s", got)
	}
	if got := regionOf("--var-file", varFile, "--var", "region=eu-north-1"); got != "eu-north-1" {
		t.Errorf("--var over --var-file: got %s", got)
	}
	_, errOut, status := lambdasec(t, "scan", "--var", "s3cr3t-value", dir)
	if status != exitUsage || strings.Contains(errOut, "s3cr3t") {
		t.Errorf("malformed --var: status %d, stderr %q", status, errOut)
	}
}
