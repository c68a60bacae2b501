package rules_test

import "testing"

func TestEXP001URLNoAuth(t *testing.T) {
	checkOutcomes(t, "LAMBDA-EXP-001", "exposure", []ruleOutcome{
		{"open-url", "critical"},  // NONE, InvokeFunctionUrl and InvokeFunction granted to *
		{"half-open-url", "high"}, // NONE, only InvokeFunctionUrl granted: 403 under the current model
		{"closed-url", "medium"},  // NONE, no resource policy at all
		{"office-url", "medium"},  // NONE, * narrowed by aws:SourceIp
		{"iam-url", ""},           // AWS_IAM, granted to one role only
		{"public-iam-url", ""},    // AWS_IAM: EXP-003's business
		{"public-invoke", ""},     // no function URL
		{"not-collected", "skip"}, // no get-function-url-config answer
	})
	msg := findingFor(t, "LAMBDA-EXP-001", "exposure", "open-url")
	mustContain(t, msg, "Anyone on the internet", "FunctionURLAllowPublicAccess", "FunctionURLAllowInvokeAction",
		"aws lambda remove-permission --function-name open-url --statement-id FunctionURLAllowPublicAccess --region us-east-1")
	mustContain(t, findingFor(t, "LAMBDA-EXP-001", "exposure", "closed-url"), "403",
		"aws lambda delete-function-url-config --function-name closed-url --region us-east-1")
	mustContain(t, findingFor(t, "LAMBDA-EXP-001", "exposure", "office-url"), `"office"`, "aws:SourceIp=203.0.113.0/24")
}
