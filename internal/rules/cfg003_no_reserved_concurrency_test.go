package rules_test

import (
	"slices"
	"testing"
)

func TestCFG003NoReservedConcurrency(t *testing.T) {
	// capped reserves 5 and disabled reserves 0 (switched off): neither is a
	// finding. undescribed has no get-function answer.
	out := runRule(t, "LAMBDA-CFG-003", loadDump(t, "cfg003"))
	if got, want := hits(out.Findings), []string{"open:low"}; !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
	if got, want := skipped(out.NotAssessed), []string{"undescribed"}; !slices.Equal(got, want) {
		t.Errorf("not assessed = %v, want %v", got, want)
	}
}
