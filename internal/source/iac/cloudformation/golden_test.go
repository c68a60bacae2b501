package cloudformation_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenRules are the rules the golden files cover: a fixed list, so that
// a new rule elsewhere does not change these files.
var goldenRules = []string{
	"LAMBDA-CFG-001", "LAMBDA-CFG-003", "LAMBDA-CFG-004", "LAMBDA-CFG-005",
	"LAMBDA-EXP-001", "LAMBDA-EXP-002", "LAMBDA-EXP-003", "LAMBDA-EXP-004", "LAMBDA-EXP-005", "LAMBDA-EXP-006",
	"LAMBDA-IAM-002", "LAMBDA-SEC-001", "LAMBDA-SEC-002",
	"LAMBDA-NET-002", "LAMBDA-SUP-002", "LAMBDA-SUP-005",
}

// findingLines scans path and renders each finding as
// "RULE LogicalID file:line instance", sorted, plus the suppressed count.
func findingLines(t *testing.T, path string) string {
	t.Helper()
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	defer func(prev func() time.Time) { rules.Now = prev }(rules.Now)
	rules.Now = func() time.Time { return day }
	var rs []*rules.Rule
	for _, id := range goldenRules {
		r, ok := rules.Lookup(id)
		if !ok {
			t.Fatalf("rule %s is not registered", id)
		}
		rs = append(rs, r)
	}
	res := scan.Run([]string{path}, scan.Options{Rules: rs, Filters: []func(*finding.Report, *inventory.Inventory){iac.Suppress}})
	for _, e := range res.Report.InputErrors {
		t.Errorf("input error: %s", e.Error())
	}
	var lines []string
	for _, f := range res.Report.Findings {
		r := f.Resource
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%s %s %s:%d %s", f.RuleID, r.LogicalID, filepath.Base(r.File), r.Line, f.Instance)))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + fmt.Sprintf("\nsuppressed %d\n", res.Report.Summary.Suppressed)
}

func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s (run with -update after checking):\n got:\n%s\nwant:\n%s", golden, got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ dir, file string }{
		{"sam-app", "template.yaml"},  // SAM: Globals, policy templates, events, parameters, suppression
		{"cfn-json", "template.json"}, // CloudFormation JSON: network, layers, code signing, permissions
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", tc.dir)
			checkGolden(t, filepath.Join(dir, "findings.golden"), findingLines(t, filepath.Join(dir, tc.file)))
		})
	}
}
