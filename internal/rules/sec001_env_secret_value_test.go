package rules_test

import (
	"strings"
	"testing"
)

func TestSEC001EnvSecretValue(t *testing.T) {
	checkOutcomes(t, "LAMBDA-SEC-001", "sec-env", []ruleOutcome{
		{"github-token", "high"},
		{"aws-example", "low"}, // AWS's documented example key
		{"literal-password", ""},
		{"references", ""},
		{"no-env", ""},
		{"undecryptable", "skip"},
	})
	text := findingFor(t, "LAMBDA-SEC-001", "sec-env", "github-token")
	mustContain(t, text, "GITHUB_TOKEN", "ghp_…(40 chars, sha256:", "detector: github-token")
	if strings.Contains(text, "Zq4Lm8Rt") {
		t.Errorf("secret leaked:\n%s", text)
	}
	mustContain(t, findingFor(t, "LAMBDA-SEC-001", "sec-env", "aws-example"), "documented example key")
}
