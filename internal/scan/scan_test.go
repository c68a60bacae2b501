package scan

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
)

func TestCoverageNamesWhatIsMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dump")
	if err := os.CopyFS(dir, os.DirFS("../../examples/demo-account")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "us-east-1", "ec2")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "iam")); err != nil {
		t.Fatal(err)
	}
	res := Run([]string{dir}, Options{})
	if len(res.Report.InputErrors) > 0 || res.Scanned != 1 {
		t.Fatalf("errors %v, scanned %d", res.Report.InputErrors, res.Scanned)
	}
	cov := map[string]finding.Coverage{}
	for _, c := range res.Report.Coverage {
		cov[c.Account+"/"+c.Region] = c
	}
	acct := cov["111122223333/"]
	if !slices.Contains(acct.NotCollected, "iam/get-account-authorization-details") {
		t.Errorf("account coverage misses IAM: %+v", acct)
	}
	use1 := cov["111122223333/us-east-1"]
	if !slices.Contains(use1.NotCollected, "ec2/describe-subnets") || slices.Contains(use1.Collected, "ec2/describe-subnets") {
		t.Errorf("us-east-1 coverage: %+v", use1)
	}
	if !slices.Contains(use1.Collected, "lambda/list-functions") {
		t.Errorf("us-east-1 coverage lacks list-functions: %+v", use1)
	}
	// eu-west-1's functions use no layer: no layer folder is not a gap.
	if euw1 := cov["111122223333/eu-west-1"]; slices.Contains(euw1.NotCollected, "lambda/get-layer-version") {
		t.Errorf("eu-west-1 reports an unneeded section as not collected: %+v", euw1)
	}
	// With subnets gone, the single-AZ rule cannot judge VPC functions.
	found := false
	for _, n := range res.Report.NotAssessed {
		found = found || (n.RuleID == "LAMBDA-NET-002" && n.Resource.Name == "invoice-worker")
	}
	if !found {
		t.Error("NET-002 did not report invoice-worker as not assessed without subnets")
	}
}

func TestRunCountsOnlyInputsThatYieldData(t *testing.T) {
	bad := t.TempDir()
	res := Run([]string{"../../examples/org", bad, filepath.Join(bad, "missing")}, Options{})
	if res.Scanned != 1 {
		t.Errorf("Scanned = %d, want 1", res.Scanned)
	}
	if len(res.Report.InputErrors) != 2 {
		t.Errorf("input errors = %v, want one per bad input", res.Report.InputErrors)
	}
	if res.Report.Summary.Functions != 4 {
		t.Errorf("functions = %d, want 4 from the org example", res.Report.Summary.Functions)
	}
}
