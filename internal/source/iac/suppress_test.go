package iac

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

const commented = `Resources:
  # lambdasec:ignore LAMBDA-CFG-003 batch job, concurrency is capped upstream
  # lambdasec:ignore LAMBDA-EXP-002,LAMBDA-EXP-001 internal tool behind the VPN
  Report:
    Type: AWS::Lambda::Function
  Api: # lambdasec:ignore LAMBDA-CFG-005
    Type: AWS::Lambda::Function
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Description: "not a comment # lambdasec:ignore LAMBDA-CFG-001"
resource "aws_lambda_function" "w" { // lambdasec:ignore LAMBDA-SEC-002 test fixture
}
  # lambdasec:ignore
  # lambdasec:ignore CFG-003 wrong shape
`

func TestParseComments(t *testing.T) {
	c, errs := ParseComments([]byte(commented))
	if len(errs) != 2 || errs[0].Line != 14 || errs[1].Line != 15 {
		t.Errorf("errors = %+v, want lines 14 and 15", errs)
	}
	for _, e := range errs {
		if !strings.Contains(e.Err.Error(), "lambdasec:ignore") {
			t.Errorf("error %q does not name the directive", e.Err)
		}
	}
	for _, tc := range []struct {
		id   string
		line int
		want []string
	}{
		{"Report", 4, []string{"LAMBDA-CFG-003", "LAMBDA-EXP-002", "LAMBDA-EXP-001"}},
		{"Api", 6, []string{"LAMBDA-CFG-005"}},
		{"Other", 8, nil},
		{"w", 12, []string{"LAMBDA-SEC-002"}},
	} {
		var got []string
		for _, s := range c.For("t.yaml", tc.id, tc.line) {
			got = append(got, s.RuleID)
			if s.File != "t.yaml" || s.LogicalID != tc.id {
				t.Errorf("%s: suppression %+v names the wrong resource", tc.id, s)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: rules %v, want %v", tc.id, got, tc.want)
		}
	}
	if got := c.For("t.yaml", "Report", 4)[0].Reason; got != "batch job, concurrency is capped upstream" {
		t.Errorf("reason = %q", got)
	}
}

func TestSuppress(t *testing.T) {
	inv := inventory.New()
	r := inv.Account("000000000000").Region("unknown")
	fn := &inventory.Function{ARN: "arn:aws:lambda:unknown:000000000000:function:report", Name: "report",
		Source: &inventory.Location{File: "t.yaml", Line: 4, LogicalID: "Report"}}
	r.Functions = append(r.Functions, fn)
	inv.Suppressions = []inventory.Suppression{
		{File: "t.yaml", Line: 2, LogicalID: "Report", RuleID: "LAMBDA-CFG-003"},
		{File: "t.yaml", Line: 2, LogicalID: "Report", RuleID: "LAMBDA-IAM-002"},
		{File: "t.yaml", Line: 9, LogicalID: "ReportRole", RuleID: "LAMBDA-IAM-001"},
	}
	inv.Link()
	at := func(rule, logicalID, function string) finding.Finding {
		return finding.Finding{RuleID: rule, Function: function, Resource: finding.Resource{File: "t.yaml", LogicalID: logicalID}}
	}
	rep := &finding.Report{Findings: []finding.Finding{
		at("LAMBDA-CFG-003", "Report", fn.Key()),     // on the function: dropped
		at("LAMBDA-CFG-005", "Report", fn.Key()),     // other rule: kept
		at("LAMBDA-IAM-002", "ReportRole", fn.Key()), // through the function: dropped
		at("LAMBDA-IAM-001", "ReportRole", ""),       // on the role itself: dropped
		at("LAMBDA-CFG-003", "Other", ""),            // other resource: kept
		{RuleID: "LAMBDA-CFG-003", Resource: finding.Resource{ARN: "arn:aws:lambda:us-east-1:1:function:x"}}, // not IaC: kept
	}}
	Suppress(rep, inv)
	if rep.Summary.Suppressed != 3 || len(rep.Findings) != 3 {
		t.Fatalf("suppressed %d, kept %+v", rep.Summary.Suppressed, rep.Findings)
	}
	for _, f := range rep.Findings {
		if f.RuleID == "LAMBDA-IAM-002" || f.RuleID == "LAMBDA-IAM-001" || (f.RuleID == "LAMBDA-CFG-003" && f.Resource.LogicalID == "Report") {
			t.Errorf("finding %s on %s should be suppressed", f.RuleID, f.Resource.LogicalID)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{
		"template.yaml", "app/serverless.yml", "node_modules/pkg/template.yaml",
		".aws-sam/build/template.yaml", ".serverless/cloudformation-template-update-stack.json",
		"cdk.out/Stack.template.json", ".hidden/template.yaml", "infra/main.tf",
		"dump/sts/get-caller-identity.json", "dump/us-east-1/lambda/list-functions.json",
	} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Find(dir, func(p string) bool {
		return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json")
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	want := []string{filepath.Join("app", "serverless.yml"), "template.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
}
