package rules_test

import (
	"slices"
	"testing"
)

func TestCFG005TracingDisabled(t *testing.T) {
	// kafka-consumer is fed by Amazon MSK, which X-Ray cannot trace. The
	// answer for trimmed was cut down by hand and lost its TracingConfig.
	out := runRule(t, "LAMBDA-CFG-005", loadDump(t, "cfg005"))
	if got, want := hits(out.Findings), []string{"kafka-consumer:info", "untraced:low"}; !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
	if got, want := skipped(out.NotAssessed), []string{"trimmed"}; !slices.Equal(got, want) {
		t.Errorf("not assessed = %v, want %v", got, want)
	}
}
