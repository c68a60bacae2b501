package rules_test

import "testing"

func TestEXP005ServiceConfusedDeputy(t *testing.T) {
	checkOutcomes(t, "LAMBDA-EXP-005", "exposure", []ruleOutcome{
		{"sns-trigger", "medium"}, // no source condition
		{"s3-bucket-only", "low"}, // bucket ARN without SourceAccount
		{"s3-trigger", ""},        // SourceArn and SourceAccount
		{"events-partner", ""},    // SourceArn with an account (cross-account: EXP-004)
		{"public-invoke", ""},     // not a service grant
		{"not-collected", "skip"}, // no get-policy answer
	})
	mustContain(t, findingFor(t, "LAMBDA-EXP-005", "exposure", "sns-trigger"), "sns.amazonaws.com", "aws:SourceArn")
}
