package rules_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/iam/usage"
)

// The iam010 dump holds orders-api (a role granting more than the
// CloudTrail fixture shows it using), billing (a role granting exactly the
// one action it used) and ghost (a role missing from the IAM data). The
// CloudTrail fixture is the one internal/cloudtrail tests read.
const iam010Trail = "../cloudtrail/testdata/trail"

func TestIAM010UnusedPermissions(t *testing.T) {
	inv := loadDump(t, "iam010")
	if errs := usage.Enricher([]string{iam010Trail})(inv); len(errs) > 0 {
		t.Fatal(errs)
	}
	out := runRule(t, "LAMBDA-IAM-010", inv)
	if got, want := hits(out.Findings), []string{"orders-api-role:medium"}; !slices.Equal(got, want) {
		t.Fatalf("findings = %v, want %v", got, want)
	}
	f := out.Findings[0]
	if f.Function != "arn:aws:lambda:us-east-1:123456789012:function:orders-api" {
		t.Errorf("function = %q", f.Function)
	}
	ev := strings.Join(f.Evidence, "\n")
	for _, want := range []string{
		"iam: 2 of 2 granted actions unused: CreatePolicyVersion, PassRole",
		"dynamodb: 3 of 6 granted actions unused: BatchWriteItem, DeleteItem, Scan",
		"kms: 1 of 3 granted actions unused: Encrypt",
		"2026-11-20T09:58Z to 2026-11-21T14:20Z",
	} {
		if !strings.Contains(ev, want) {
			t.Errorf("evidence lacks %q:\n%s", want, ev)
		}
	}
	for _, used := range []string{"GetItem", "GetObject,", "PutEvents", "CreateLogStream"} {
		if strings.Contains(ev, used) {
			t.Errorf("evidence lists used or log-delivery action %s:\n%s", used, ev)
		}
	}
	if strings.Contains(ev, "no data events") {
		t.Error("the fixture holds data events")
	}
	if !strings.HasPrefix(f.Message, "Role orders-api-role of function orders-api grants ") {
		t.Errorf("message = %q", f.Message)
	}
	if got, want := skipped(out.NotAssessed), []string{"ghost-role"}; !slices.Equal(got, want) {
		t.Errorf("not assessed = %v, want %v", got, want)
	}
}

func TestIAM010NoUsageData(t *testing.T) {
	out := runRule(t, "LAMBDA-IAM-010", loadDump(t, "iam010"))
	if len(out.Findings) != 0 {
		t.Errorf("findings without usage data: %v", hits(out.Findings))
	}
	if got, want := skipped(out.NotAssessed), []string{"billing-role", "ghost-role", "orders-api-role"}; !slices.Equal(got, want) {
		t.Errorf("not assessed = %v, want %v", got, want)
	}
}
