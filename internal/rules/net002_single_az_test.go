package rules_test

import "testing"

func TestNET002SingleAZ(t *testing.T) {
	checkOutcomes(t, "LAMBDA-NET-002", "network", []ruleOutcome{
		{"one-az", "low"},       // two subnets, both in us-east-1a
		{"two-az", ""},          // us-east-1a and us-east-1b
		{"lost-subnet", "skip"}, // one subnet id not in describe-subnets
		{"eu-vpc", "skip"},      // eu-west-1 subnets not collected
		{"no-vpc", ""},          // not in a VPC: NET-001
		{"detached", ""},
	})
	mustContain(t, findingFor(t, "LAMBDA-NET-002", "network", "one-az"), "us-east-1a")
}
