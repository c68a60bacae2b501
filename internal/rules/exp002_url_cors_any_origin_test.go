package rules_test

import "testing"

func TestEXP002URLCORSAnyOrigin(t *testing.T) {
	checkOutcomes(t, "LAMBDA-EXP-002", "exposure", []ruleOutcome{
		{"open-url", "medium"},    // NONE, any origin with credentials
		{"closed-url", "low"},     // NONE, any origin without credentials
		{"iam-url", "info"},       // AWS_IAM: browsers do not sign requests by themselves
		{"public-iam-url", ""},    // one named origin
		{"public-invoke", ""},     // no function URL
		{"not-collected", "skip"}, // no get-function-url-config answer
	})
}
