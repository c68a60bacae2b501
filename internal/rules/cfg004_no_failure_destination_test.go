package rules_test

import (
	"slices"
	"strings"
	"testing"
)

func TestCFG004NoFailureDestination(t *testing.T) {
	// Not reported: with-dlq (dead-letter queue), with-dest (on-failure
	// destination), api (only API Gateway, synchronous), queue-worker (only
	// an SQS event source mapping). Reported: s3-handler (S3 pushes events)
	// and tuned (asynchronous settings but only an on-success destination).
	out := runRule(t, "LAMBDA-CFG-004", loadDump(t, "cfg004"))
	if got, want := hits(out.Findings), []string{"s3-handler:low", "tuned:low"}; !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
	if got, want := skipped(out.NotAssessed), []string{"no-eic", "no-policy"}; !slices.Equal(got, want) {
		t.Errorf("not assessed = %v, want %v", got, want)
	}
	for _, f := range out.Findings {
		if f.Resource.Name == "s3-handler" && !strings.Contains(f.Message, "Amazon S3") {
			t.Errorf("message %q does not name the asynchronous source", f.Message)
		}
	}
}
