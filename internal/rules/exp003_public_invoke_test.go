package rules_test

import "testing"

func TestEXP003PublicInvoke(t *testing.T) {
	checkOutcomes(t, "LAMBDA-EXP-003", "exposure", []ruleOutcome{
		{"public-invoke", "critical"},  // * may call Invoke
		{"public-iam-url", "critical"}, // * may call an AWS_IAM URL with any account's signature
		{"leftover-url-grant", "low"},  // public URL grant, but no URL
		{"open-url", ""},               // URL-only public grants of a NONE URL: EXP-001
		{"half-open-url", ""},          // likewise
		{"office-url", ""},             // * narrowed by aws:SourceIp
		{"org-invoke", ""},             // * narrowed by aws:PrincipalOrgID
		{"denied-public", ""},          // * narrowed by a Deny outside the organization
		{"public-admin", ""},           // lambda:* to *: EXP-006
		{"s3-trigger", ""},             // a service with SourceArn and SourceAccount
		{"not-collected", "skip"},      // no get-policy answer
	})
	mustContain(t, findingFor(t, "LAMBDA-EXP-003", "exposure", "public-invoke"),
		"any AWS account can call the Invoke API", "open: * may lambda:InvokeFunction",
		"aws lambda remove-permission --function-name public-invoke --statement-id open")
}
