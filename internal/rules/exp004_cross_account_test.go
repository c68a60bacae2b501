package rules_test

import (
	"strings"
	"testing"
)

func TestEXP004CrossAccount(t *testing.T) {
	t.Run("organization known", func(t *testing.T) {
		checkOutcomes(t, "LAMBDA-EXP-004", "exposure", []ruleOutcome{
			{"cross-account", "high"},  // 999988887777 is outside; the member and the scanned account are not
			{"events-partner", "high"}, // EventBridge acting for a rule in 999988887777
			{"trusted-only", ""},       // own root and the other scanned account
			{"org-invoke", ""},         // * limited to the own organization
			{"backdoor", ""},           // more than invocation: EXP-006
			{"s3-trigger", ""},         // service tied to the own account
			{"not-collected", "skip"},  // no get-policy answer
		})
		msg := findingFor(t, "LAMBDA-EXP-004", "exposure", "cross-account")
		mustContain(t, msg, "outside its organization: 999988887777", "partner")
		for _, trusted := range []string{"222233334444", "444455556666", "arn:aws:iam::111122223333:root"} {
			if strings.Contains(msg, trusted) {
				t.Errorf("trusted principal %s reported:\n%s", trusted, msg)
			}
		}
	})
	t.Run("organization not collected", func(t *testing.T) {
		checkOutcomes(t, "LAMBDA-EXP-004", "exposure-noorg", []ruleOutcome{
			{"cross-account", "medium"}, // membership of 999988887777, 222233334444, 444455556666 unknown
			{"org-invoke", "medium"},    // an organization that may or may not be the own
		})
		mustContain(t, findingFor(t, "LAMBDA-EXP-004", "exposure-noorg", "cross-account"), "may or may not belong to its organization")
	})
}
