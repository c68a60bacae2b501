package rules_test

import (
	"strings"
	"testing"
)

func TestSEC005EnvNotCMK(t *testing.T) {
	checkOutcomes(t, "LAMBDA-SEC-005", "sec005", []ruleOutcome{
		{"default-key", "low"}, // variables, no KMSKeyArn
		{"own-key", ""},        // customer-managed key
		{"no-env", ""},         // nothing to encrypt
		{"empty-env", ""},      // an empty Variables map
	})
	text := findingFor(t, "LAMBDA-SEC-005", "sec005", "default-key")
	mustContain(t, text, "DB_HOST, DB_PASSWORD")
	if strings.Contains(text, "Sup3r") || strings.Contains(text, "rds.amazonaws.com") {
		t.Errorf("variable values leaked:\n%s", text)
	}
}
