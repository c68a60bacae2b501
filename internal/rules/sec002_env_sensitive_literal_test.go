package rules_test

import (
	"strings"
	"testing"
)

func TestSEC002EnvSensitiveLiteral(t *testing.T) {
	checkOutcomes(t, "LAMBDA-SEC-002", "sec-env", []ruleOutcome{
		{"github-token", ""}, // GITHUB_TOKEN: a GitHub token, which SEC-001 reports alone
		{"aws-example", ""},  // AWS_ACCESS_KEY_ID: a key id is not a secret name
		{"literal-password", "medium"},
		{"references", ""}, // ARN, parameter path, {{resolve:}}, extension URL, TTL
		{"no-env", ""},
		{"undecryptable", "skip"},
	})
	text := findingFor(t, "LAMBDA-SEC-002", "sec-env", "literal-password")
	mustContain(t, text, "DB_PASSWORD", "(PASSWORD)", "(19 chars, sha256:")
	if strings.Contains(text, "Autumn2024") || strings.Contains(text, "rds.amazonaws.com") {
		t.Errorf("value leaked:\n%s", text)
	}
}
