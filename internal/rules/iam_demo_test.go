package rules_test

import (
	"sort"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// demoIAMOutcomes runs the IAM rules over examples/demo-account and returns,
// per rule, "function:severity" for each finding, sorted.
func demoIAMOutcomes(t *testing.T, ids ...string) map[string][]string {
	t.Helper()
	inv := inventory.New()
	if errs := dump.Load(inv, "../../examples/demo-account"); len(errs) > 0 {
		t.Fatalf("loading the demo account: %v", errs)
	}
	inv.Link()
	got := map[string][]string{}
	for _, id := range ids {
		out := runRule(t, id, inv)
		for _, f := range out.Findings {
			got[id] = append(got[id], lastColon(f.Function)+":"+f.Severity.String())
		}
		for _, n := range out.NotAssessed {
			got[id] = append(got[id], "skip "+n.Resource.Name+": "+n.Reason)
		}
		sort.Strings(got[id])
	}
	return got
}

func lastColon(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			return s[i+1:]
		}
	}
	return s
}

// TestIAMRulesOnDemoAccount checks the IAM cases built into the demo
// account (its README, "Also built in"), and that the good function,
// orders-api, gets no IAM finding.
func TestIAMRulesOnDemoAccount(t *testing.T) {
	ids := []string{"LAMBDA-IAM-001", "LAMBDA-IAM-002", "LAMBDA-IAM-003", "LAMBDA-IAM-004", "LAMBDA-IAM-005",
		"LAMBDA-IAM-006", "LAMBDA-IAM-007", "LAMBDA-IAM-008", "LAMBDA-IAM-009", "LAMBDA-IAM-011"}
	got := demoIAMOutcomes(t, ids...)
	want := map[string][]string{
		"LAMBDA-IAM-001": {"legacy-report-generator:critical"},
		"LAMBDA-IAM-002": {"debug-echo:high"},
		"LAMBDA-IAM-005": {"debug-echo:medium"}, // s3:GetObject on every bucket, through s3:*
		// sns:Publish on every topic.
		"LAMBDA-IAM-006": {"invoice-worker:medium", "nightly-cleanup:medium", "notification-sender:medium"},
		"LAMBDA-IAM-008": {"legacy-report-generator:medium"},
		// sns:Publish on every topic makes the shared role medium.
		"LAMBDA-IAM-009": {"invoice-worker:medium", "nightly-cleanup:medium", "notification-sender:medium"},
	}
	for _, id := range ids {
		if !equalStrings(got[id], want[id]) {
			t.Errorf("%s on the demo account = %q, want %q", id, got[id], want[id])
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
