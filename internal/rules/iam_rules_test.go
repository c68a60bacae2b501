package rules_test

import (
	"sort"
	"strings"
	"testing"
)

// iamOutcome is what an IAM rule should report for one function: a
// severity, "skip" when its role is reported not assessed, or "" for nothing.
type iamOutcome struct {
	function string
	want     string
}

// checkIAMOutcomes runs an IAM rule over a dump and compares its findings,
// keyed by function name, and its not-assessed roles, keyed by role name
// ("role:NAME"), with the table. Anything not in the table must be silent.
func checkIAMOutcomes(t *testing.T, id, dump string, table []iamOutcome) {
	t.Helper()
	out := runRule(t, id, loadDump(t, dump))
	got := map[string]string{}
	for _, f := range out.Findings {
		name := f.Function[strings.LastIndex(f.Function, ":")+1:]
		if got[name] != "" {
			t.Errorf("%s: two findings for %s", id, name)
		}
		got[name] = f.Severity.String()
		if f.Resource.Type != "AWS::IAM::Role" || f.Resource.ARN == "" {
			t.Errorf("%s on %s: resource %+v is not the role", id, name, f.Resource)
		}
	}
	for _, n := range out.NotAssessed {
		got["role:"+n.Resource.Name] = "skip"
		if n.Reason == "" {
			t.Errorf("%s: not assessed %s without a reason", id, n.Resource.Name)
		}
	}
	listed := map[string]bool{}
	for _, tt := range table {
		listed[tt.function] = true
		if got[tt.function] != tt.want {
			t.Errorf("%s on %s = %q, want %q", id, tt.function, got[tt.function], tt.want)
		}
	}
	var extra []string
	for name, v := range got {
		if !listed[name] {
			extra = append(extra, name+"="+v)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("%s reported unexpected outcomes: %v", id, extra)
	}
}

// Roles every rule that needs the whole policy picture skips.
var iamSkips = []iamOutcome{
	{"role:missing-policy-role", "skip"}, // attached customer policy not collected
	{"role:deleted-role", "skip"},        // role not in the IAM data
}

func withSkips(t []iamOutcome) []iamOutcome { return append(t, iamSkips...) }

func TestIAMRules(t *testing.T) {
	for _, c := range []struct {
		id    string
		table []iamOutcome
	}{
		{"LAMBDA-IAM-001", withSkips([]iamOutcome{
			{"admin-fn", "critical"}, // AdministratorAccess, default version
			// notaction-fn: NotAction iam:* leaves out the IAM actions: not admin.
		})},
		{"LAMBDA-IAM-002", withSkips([]iamOutcome{
			{"wildcard-fn", "high"}, // sqs:* on *, dynamodb:* on one table
		})},
		{"LAMBDA-IAM-003", withSkips([]iamOutcome{
			{"creds-fn", "critical"},     // sts:AssumeRole on *, and trust-role trusts anyone
			{"poweruser-fn", "critical"}, // AWS managed PowerUserAccess, read from the embedded copy
			{"escalate-fn", "critical"},  // PassRole in one policy, CreateFunction+Invoke in another
			{"notaction-fn", "critical"}, // UpdateFunctionCode, ssm:SendCommand … are not IAM actions
			// bounded-fn: boundary forbids IAM writes; denied-fn: Deny iam:*;
			// aws-managed-fn: AWS managed policies cannot be changed;
			// modify-fn: may only update its own code; admin-fn: IAM-001.
		})},
		{"LAMBDA-IAM-004", withSkips([]iamOutcome{
			{"poweruser-fn", "high"},
			{"creds-fn", "high"}, // sts:AssumeRole on *; ecr:GetAuthorizationToken alone is not reported
			{"notaction-fn", "high"},
		})},
		{"LAMBDA-IAM-005", withSkips([]iamOutcome{
			{"poweruser-fn", "high"},
			{"data-fn", "high"},       // GetSecretValue and Decrypt on *; scoped-fn names its secret
			{"wildcard-fn", "medium"}, // sqs:ReceiveMessage through sqs:*
			{"notaction-fn", "high"},
		})},
		{"LAMBDA-IAM-006", withSkips([]iamOutcome{
			{"poweruser-fn", "high"},
			{"writes-fn", "high"}, // s3:PutBucketPolicy on *; logs of scoped-fn are baseline
			{"notaction-fn", "high"},
		})},
		{"LAMBDA-IAM-007", withSkips([]iamOutcome{
			{"poweruser-fn", "high"},
			{"notaction-fn", "high"},
		})},
		{"LAMBDA-IAM-008", []iamOutcome{
			{"trust-fn", "critical"}, // anyone, and another account
			{"oidc-fn", "medium"},    // GitHub OIDC limited by aud and sub
			{"mfa-fn", "low"},        // the own account, with MFA
			{"role:deleted-role", "skip"},
		}},
		{"LAMBDA-IAM-009", []iamOutcome{
			{"shared-a", "low"},
			{"shared-b", "low"},
			{"role:deleted-role", "skip"},
		}},
		{"LAMBDA-IAM-011", withSkips([]iamOutcome{
			{"poweruser-fn", "high"},
			{"escalate-fn", "high"}, // lambda:CreateFunction on *
			{"modify-fn", "medium"}, // its own code only
			{"notaction-fn", "high"},
		})},
	} {
		t.Run(c.id, func(t *testing.T) { checkIAMOutcomes(t, c.id, "iam", c.table) })
	}
}

func TestIAMRulesNotCollected(t *testing.T) {
	for _, id := range []string{"LAMBDA-IAM-001", "LAMBDA-IAM-002", "LAMBDA-IAM-003", "LAMBDA-IAM-004", "LAMBDA-IAM-005",
		"LAMBDA-IAM-006", "LAMBDA-IAM-007", "LAMBDA-IAM-008", "LAMBDA-IAM-009", "LAMBDA-IAM-011"} {
		out := runRule(t, id, loadDump(t, "iam-notcollected"))
		if len(out.Findings) != 0 || len(out.NotAssessed) != 1 || !strings.Contains(out.NotAssessed[0].Reason, "iam/get-account-authorization-details was not collected") {
			t.Errorf("%s without IAM data: findings %v, not assessed %v", id, out.Findings, out.NotAssessed)
		}
	}
}

func TestIAMEvidence(t *testing.T) {
	text := findingFor(t, "LAMBDA-IAM-003", "iam", "escalate-role")
	mustContain(t, text, "pass/PassAnyRole", "deploy/Deploy", "passrole-lambda-invoke", "iam:PassRole")
	text = findingFor(t, "LAMBDA-IAM-003", "iam", "creds-role")
	mustContain(t, text, "Assume role trust-role", "creds/AssumeAny")
	text = findingFor(t, "LAMBDA-IAM-002", "iam", "wildcard-role")
	mustContain(t, text, "queues/AllQueues: Allow sqs:* on *", "dynamodb:*")
}

func TestIAMNotAssessedReasons(t *testing.T) {
	out := runRule(t, "LAMBDA-IAM-001", loadDump(t, "iam"))
	reasons := map[string]string{}
	for _, n := range out.NotAssessed {
		reasons[n.Resource.Name] = n.Reason
	}
	mustContain(t, reasons["missing-policy-role"], "arn:aws:iam::111122223333:policy/not-collected", "was not collected")
	mustContain(t, reasons["deleted-role"], "arn:aws:iam::111122223333:role/deleted-role", "is not in the collected IAM data")
}
