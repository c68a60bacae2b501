package terraform

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

// TestInlineSuppression runs the shared IaC filter over the app: the
// comment above aws_lambda_function.worker drops its NET-001 finding and
// counts it, and the api functions keep theirs.
func TestInlineSuppression(t *testing.T) {
	inv, _ := load(t, "testdata/app", source.Options{})
	r, _ := rules.Lookup("LAMBDA-NET-001")
	fs, _ := rules.Run(inv, []*rules.Rule{r})
	rep := &finding.Report{Findings: fs}
	iac.Suppress(rep, inv)
	if rep.Summary.Suppressed != 1 {
		t.Errorf("suppressed: got %d, want 1", rep.Summary.Suppressed)
	}
	for _, f := range rep.Findings {
		if f.Resource.LogicalID == "aws_lambda_function.worker" {
			t.Errorf("worker's NET-001 finding was not suppressed")
		}
	}
	if len(rep.Findings) != 2 {
		t.Errorf("the two api functions keep NET-001: got %d findings", len(rep.Findings))
	}
}

// TestUnknownIsNotAssessed: a value only known at apply (an unset
// variable) makes the rule that reads it report "not assessed", not pass.
func TestUnknownIsNotAssessed(t *testing.T) {
	inv, _ := load(t, "testdata/resources", source.Options{})
	r, _ := rules.Lookup("LAMBDA-CFG-003")
	fs, na := rules.Run(inv, []*rules.Rule{r})
	if len(fs) != 0 || len(na) != len(inv.Functions) {
		t.Errorf("CFG-003 with reserved_concurrent_executions = var.concurrency (unset): got %d findings, %d not assessed; want 0 and %d", len(fs), len(na), len(inv.Functions))
	}
	inv, _ = load(t, "testdata/resources", source.Options{Vars: map[string]string{"concurrency": "-1"}})
	if fs, na = rules.Run(inv, []*rules.Rule{r}); len(fs) != len(inv.Functions) || len(na) != 0 {
		t.Errorf("CFG-003 with --var concurrency=-1: got %d findings, %d not assessed", len(fs), len(na))
	}
	inv, _ = load(t, "testdata/resources", source.Options{Vars: map[string]string{"concurrency": "20"}})
	if fs, na = rules.Run(inv, []*rules.Rule{r}); len(fs) != 0 || len(na) != 0 {
		t.Errorf("CFG-003 with --var concurrency=20: got %d findings, %d not assessed", len(fs), len(na))
	}
}
