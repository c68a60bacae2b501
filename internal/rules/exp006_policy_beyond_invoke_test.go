package rules_test

import "testing"

func TestEXP006PolicyBeyondInvoke(t *testing.T) {
	checkOutcomes(t, "LAMBDA-EXP-006", "exposure", []ruleOutcome{
		{"public-admin", "critical"}, // lambda:* to *
		{"backdoor", "high"},         // UpdateFunctionCode to another account
		{"reader", "low"},            // GetFunction to a role of the own account
		{"cross-account", ""},        // invocation only
		{"public-invoke", ""},        // invocation only
		{"not-collected", "skip"},    // no get-policy answer
	})
	mustContain(t, findingFor(t, "LAMBDA-EXP-006", "exposure", "backdoor"),
		"lambda:GetFunction, lambda:UpdateFunctionCode to arn:aws:iam::999988887777:root")
	mustContain(t, findingFor(t, "LAMBDA-EXP-006", "exposure", "public-admin"), "every function action (lambda:*) to anyone")
}
