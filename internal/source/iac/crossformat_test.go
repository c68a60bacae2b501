package iac_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
)

// stackFormats describe the same misconfigured stack (examples/iac/): a
// function with a public URL and CORS *, python3.9, no tracing, a literal
// password in its environment, no reserved concurrency, and a role with
// s3:* on *. Adding a format is one line.
var stackFormats = []struct{ name, path string }{
	{"dump", "dump"},
	{"sam", "sam/template.yaml"},
	{"serverless", "serverless/serverless.yml"},
	{"terraform", "terraform"},
	{"terraform-plan", "terraform-plan/plan.json"},
}

// iacRules are the rules that judge what every format can declare; rules
// that need data only an account holds (trails, GuardDuty, usage) are left
// out.
var iacRules = []string{
	"LAMBDA-CFG-001", "LAMBDA-CFG-003", "LAMBDA-CFG-004", "LAMBDA-CFG-005", "LAMBDA-CFG-006",
	"LAMBDA-EXP-001", "LAMBDA-EXP-002", "LAMBDA-EXP-003", "LAMBDA-EXP-004", "LAMBDA-EXP-005", "LAMBDA-EXP-006",
	"LAMBDA-IAM-001", "LAMBDA-IAM-002", "LAMBDA-NET-001",
	"LAMBDA-SEC-001", "LAMBDA-SEC-002", "LAMBDA-SEC-005", "LAMBDA-SUP-004",
}

func TestSameStackSameFindings(t *testing.T) {
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	defer func(prev func() time.Time) { rules.Now = prev }(rules.Now)
	rules.Now = func() time.Time { return day }

	var rs []*rules.Rule
	for _, id := range iacRules {
		r, ok := rules.Lookup(id)
		if !ok {
			t.Fatalf("rule %s is not registered", id)
		}
		rs = append(rs, r)
	}
	var want []string
	for i, f := range stackFormats {
		res := scan.Run([]string{filepath.Join("..", "..", "..", "examples", "iac", f.path)}, scan.Options{Rules: rs})
		for _, e := range res.Report.InputErrors {
			t.Errorf("%s: input error: %s", f.name, e.Error())
		}
		var ids []string
		for _, fd := range res.Report.Findings {
			if !slices.Contains(ids, fd.RuleID) {
				ids = append(ids, fd.RuleID)
			}
		}
		slices.Sort(ids)
		if i == 0 {
			want = ids
			if len(want) < 8 {
				t.Fatalf("%s yields only %v: the example stack lost its misconfigurations", f.name, want)
			}
			continue
		}
		if !slices.Equal(ids, want) {
			t.Errorf("%s yields %v,\n%s yields %v", f.name, ids, stackFormats[0].name, want)
		}
	}
}
