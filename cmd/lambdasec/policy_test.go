package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/policy"
)

const (
	ctTrail  = "../../internal/cloudtrail/testdata/trail"
	ctLookup = "../../internal/cloudtrail/testdata/lookup-events.json"
	iamDump  = "../../internal/rules/testdata/iam010"
)

func TestPolicySuggest(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		actions []string // actions the policy must allow
		absent  []string
	}{
		{"function in dump", []string{"--function", "orders-api", "--dump", iamDump, "--cloudtrail", ctTrail},
			[]string{"s3:GetObject", "s3:ListBucket", "dynamodb:Query", "lambda:InvokeFunction", "sqs:SendMessage"}, []string{"s3:DeleteObject"}},
		{"function ARN without dump", []string{"--function", "arn:aws:lambda:us-east-1:123456789012:function:orders-api", "--cloudtrail", ctTrail + "," + ctLookup},
			[]string{"secretsmanager:GetSecretValue", "kms:GenerateDataKey"}, []string{"s3:DeleteObject"}},
		{"role name", []string{"--role", "billing-role", "--cloudtrail", ctTrail},
			[]string{"s3:GetObject"}, []string{"sqs:SendMessage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := lambdasec(t, append([]string{"policy", "suggest"}, tt.args...)...)
			if st != exitOK {
				t.Fatalf("status %d: %s", st, errOut)
			}
			doc, err := policy.ParseString(out)
			if err != nil {
				t.Fatalf("output is not a policy: %v\n%s", err, out)
			}
			var allowed []string
			for _, s := range doc.Statements {
				if !s.Allow() || s.Sid == "" || len(s.Resource) == 0 {
					t.Errorf("statement %+v", s)
				}
				allowed = append(allowed, s.Action...)
			}
			for _, a := range tt.actions {
				if !contains(allowed, a) {
					t.Errorf("policy lacks %s: %v", a, allowed)
				}
			}
			for _, a := range tt.absent {
				if contains(allowed, a) {
					t.Errorf("policy allows %s", a)
				}
			}
			if !strings.HasPrefix(errOut, "# lambdasec policy suggest: ") {
				t.Errorf("summary = %q", errOut)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestPolicySuggestSummary(t *testing.T) {
	_, errOut, _ := lambdasec(t, "policy", "suggest", "--role", "orders-api-role", "--cloudtrail", ctTrail)
	for _, want := range []string{"newservice.amazonaws.com:FrobnicateWidget", "# denied:", "s3:DeleteObject", "22 calls by the role"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("summary lacks %q:\n%s", want, errOut)
		}
	}
	// The role's session token and key id in the fixture never reach output.
	if strings.Contains(errOut, "ASIA") || strings.Contains(errOut, "IQoJ") {
		t.Errorf("summary prints credentials:\n%s", errOut)
	}
}

func TestPolicySuggestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.json")
	os.WriteFile(bad, []byte(`{"Records":[{"eventSource":`), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		errSub string
	}{
		{"no selector", []string{"--cloudtrail", ctTrail}, exitUsage, "one of --role and --function"},
		{"both selectors", []string{"--role", "r", "--function", "f", "--cloudtrail", ctTrail}, exitUsage, "one of --role and --function"},
		{"no logs", []string{"--role", "r"}, exitUsage, "--cloudtrail is required"},
		{"dump without function", []string{"--role", "r", "--dump", iamDump, "--cloudtrail", ctTrail}, exitUsage, "--dump goes with --function"},
		{"function not in dump", []string{"--function", "nope", "--dump", iamDump, "--cloudtrail", ctTrail}, exitUsage, "no function nope"},
		{"role never seen", []string{"--role", "ghost-role", "--cloudtrail", ctTrail}, exitUsage, "no call by role ghost-role"},
		{"nothing readable", []string{"--role", "r", "--cloudtrail", bad}, exitUsage, "broken.json"},
		{"one bad file", []string{"--role", "orders-api-role", "--cloudtrail", ctTrail, "--cloudtrail", bad}, exitPartial, "broken.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, st := lambdasec(t, append([]string{"policy", "suggest"}, tt.args...)...)
			if st != tt.status || !strings.Contains(errOut, tt.errSub) {
				t.Errorf("status %d, stderr %q; want %d and %q", st, errOut, tt.status, tt.errSub)
			}
		})
	}
}

func TestScanCloudTrail(t *testing.T) {
	r, errOut, st := scanJSON(t, "--cloudtrail", ctTrail, iamDump)
	if st == exitUsage {
		t.Fatalf("status %d: %s", st, errOut)
	}
	var got []finding.Finding
	for _, f := range r.Findings {
		if f.RuleID == "LAMBDA-IAM-010" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Resource.Name != "orders-api-role" || got[0].Severity != finding.Medium {
		b, _ := json.MarshalIndent(got, "", " ")
		t.Errorf("IAM-010 findings = %s", b)
	}
	// Without --cloudtrail the rule has no usage data: not assessed.
	r, _, _ = scanJSON(t, iamDump)
	for _, f := range r.Findings {
		if f.RuleID == "LAMBDA-IAM-010" {
			t.Errorf("IAM-010 fired without usage data: %s", f.Message)
		}
	}
	na := 0
	for _, n := range r.NotAssessed {
		if n.RuleID == "LAMBDA-IAM-010" {
			na++
		}
	}
	if na == 0 {
		t.Error("IAM-010 not reported as not assessed without usage data")
	}
}
