package rules_test

import (
	"strings"
	"testing"
)

// ruleOutcome is what a rule said about one function in a table test: its
// finding's severity, "skip" for not assessed, "" for nothing.
type ruleOutcome struct {
	function string
	want     string
}

// checkOutcomes runs rule id over the dump and compares, function by
// function, what it reported. Functions absent from the table must get
// nothing, so a table lists every function of the dump that matters.
func checkOutcomes(t *testing.T, id, dump string, table []ruleOutcome) {
	t.Helper()
	out := runRule(t, id, loadDump(t, dump))
	got := map[string]string{}
	for _, f := range out.Findings {
		if got[f.Resource.Name] != "" {
			t.Errorf("%s: two findings for %s", id, f.Resource.Name)
		}
		got[f.Resource.Name] = f.Severity.String()
	}
	for _, n := range out.NotAssessed {
		got[n.Resource.Name] = "skip"
	}
	listed := map[string]bool{}
	for _, tt := range table {
		listed[tt.function] = true
		t.Run(tt.function, func(t *testing.T) {
			if got[tt.function] != tt.want {
				t.Errorf("%s on %s = %q, want %q", id, tt.function, got[tt.function], tt.want)
			}
		})
	}
	for name, v := range got {
		if !listed[name] {
			t.Errorf("%s on %s = %q, want nothing", id, name, v)
		}
	}
}

// findingFor returns the message, evidence and remediation rule id reported
// for a function, joined, for substring checks.
func findingFor(t *testing.T, id, dump, function string) string {
	t.Helper()
	for _, f := range runRule(t, id, loadDump(t, dump)).Findings {
		if f.Resource.Name == function {
			return f.Message + "\n" + strings.Join(f.Evidence, "\n") + "\n" + f.Remediation
		}
	}
	t.Fatalf("%s reported nothing for %s", id, function)
	return ""
}

func mustContain(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("missing %q in:\n%s", p, text)
		}
	}
}
