package rules_test

import "testing"

func TestNET001NoVPC(t *testing.T) {
	checkOutcomes(t, "LAMBDA-NET-001", "network", []ruleOutcome{
		{"no-vpc", "info"},   // no VpcConfig
		{"detached", "info"}, // VpcConfig with no subnets, as Lambda reports a detached function
		{"one-az", ""},
		{"two-az", ""},
		{"lost-subnet", ""},
		{"eu-vpc", ""},
	})
}
