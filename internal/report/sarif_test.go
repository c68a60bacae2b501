package report

import (
	"encoding/json"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// sarifSchema is the OASIS SARIF 2.1.0 schema; see testdata/README.md.
const sarifSchema = "testdata/sarif-schema-2.1.0.json"

func TestSARIFGolden(t *testing.T) {
	checkGolden(t, "report.golden.sarif", render(t, "sarif", Options{}, sampleReport()))
}

func TestSARIFConformsToSchema(t *testing.T) {
	validateAgainst(t, sarifSchema, render(t, "sarif", Options{}, sampleReport()))
	empty := &finding.Report{}
	validateAgainst(t, sarifSchema, render(t, "sarif", Options{}, empty))
}

func decodeSARIF(t *testing.T, r *finding.Report) sarifRun {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", Options{}, r), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log.Runs[0]
}

// What GitHub code scanning needs beyond schema validity: rules tagged
// "security" with a security-severity, a physical location with a line on
// every result, and fingerprints that tell results apart.
func TestSARIFMeetsGitHubRequirements(t *testing.T) {
	run := decodeSARIF(t, sampleReport())
	for _, rule := range run.Tool.Driver.Rules {
		if rule.Properties.SecuritySeverity == "" || rule.Properties.Tags[0] != "security" {
			t.Errorf("rule %s: security-severity %q, tags %v", rule.ID, rule.Properties.SecuritySeverity, rule.Properties.Tags)
		}
	}
	seen := map[string]bool{}
	for i, res := range run.Results {
		if rule := run.Tool.Driver.Rules[res.RuleIndex]; rule.ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d names %s, want %s", i, res.RuleIndex, rule.ID, res.RuleID)
		}
		pl := res.Locations[0].PhysicalLocation
		if pl == nil || pl.ArtifactLocation.URI == "" || pl.Region == nil || pl.Region.StartLine < 1 {
			t.Errorf("result %d (%s): no usable physical location: %+v", i, res.RuleID, pl)
		}
		fp := res.PartialFingerprints[fingerprintKey]
		if fp == "" || seen[fp] {
			t.Errorf("result %d (%s): fingerprint %q empty or repeated", i, res.RuleID, fp)
		}
		seen[fp] = true
	}
}

func TestSARIFLocations(t *testing.T) {
	run := decodeSARIF(t, sampleReport())
	byRule := map[string]sarifResult{}
	for _, res := range run.Results {
		byRule[res.RuleID] = res
	}
	iac := byRule["LAMBDA-IAM-002"].Locations[0]
	if got := *iac.PhysicalLocation; got.ArtifactLocation != (sarifArtifactLocation{URI: templateFile, URIBaseID: "%SRCROOT%"}) || got.Region.StartLine != 61 {
		t.Errorf("IaC location = %+v, region %+v", got.ArtifactLocation, got.Region)
	}
	cloud := byRule["LAMBDA-EXP-001"].Locations[0]
	if got, want := cloud.PhysicalLocation.ArtifactLocation, (sarifArtifactLocation{URI: "aws/111122223333/eu-west-1/lambda/function/orders-webhook"}); got != want {
		t.Errorf("cloud artifact = %+v, want %+v", got, want)
	}
	if got, want := cloud.LogicalLocations[0], (sarifLogicalLocation{Name: "orders-webhook", FullyQualifiedName: ordersARN, Kind: "resource"}); got != want {
		t.Errorf("cloud logical location = %+v, want %+v", got, want)
	}
}

func TestCloudPath(t *testing.T) {
	for _, tc := range []struct {
		res  finding.Resource
		want string
	}{
		{finding.Resource{ARN: paymentsARN}, "aws/111122223333/us-east-1/lambda/function/payments-api"},
		{finding.Resource{ARN: paymentsARN + ":live"}, "aws/111122223333/us-east-1/lambda/function/payments-api/live"},
		{finding.Resource{ARN: paymentsRole}, "aws/111122223333/global/iam/role/service-role/payments-api-role"},
		{finding.Resource{ARN: "arn:aws-cn:s3:::reports bucket"}, "aws-cn/global/global/s3/reports%20bucket"},
		{finding.Resource{Type: "AWS::::Account", Name: account, Account: account}, "aws/111122223333/global/account/111122223333"},
		{finding.Resource{Type: "AWS::EC2::SecurityGroup", Name: "sg-0a1b", Account: account, Region: "eu-west-1"}, "aws/111122223333/eu-west-1/ec2/securitygroup/sg-0a1b"},
	} {
		if got := cloudPath(tc.res); got != tc.want {
			t.Errorf("cloudPath(%+v) = %q, want %q", tc.res, got, tc.want)
		}
	}
}

func TestFileArtifact(t *testing.T) {
	for path, want := range map[string]sarifArtifactLocation{
		"./infra/template.yaml":     {URI: "infra/template.yaml", URIBaseID: "%SRCROOT%"},
		"infra/my stack.yaml":       {URI: "infra/my%20stack.yaml", URIBaseID: "%SRCROOT%"},
		"/home/ci/src/app/sam.yaml": {URI: "file:///home/ci/src/app/sam.yaml"},
	} {
		if got := fileArtifact(path); got != want {
			t.Errorf("fileArtifact(%q) = %+v, want %+v", path, got, want)
		}
	}
}

// The fingerprint follows the problem, not its wording or position.
func TestFingerprintIgnoresWordingAndLine(t *testing.T) {
	base := sampleReport().Findings[0]
	reworded := base
	reworded.Message, reworded.Evidence, reworded.Resource.Line = "other words", nil, base.Resource.Line+10
	if fingerprint(reworded) != fingerprint(base) {
		t.Error("fingerprint changed with message, evidence or line")
	}
	for name, change := range map[string]func(*finding.Finding){
		"rule":     func(f *finding.Finding) { f.RuleID = "LAMBDA-IAM-011" },
		"resource": func(f *finding.Finding) { f.Resource.ARN += "-2" },
		"function": func(f *finding.Finding) { f.Function = ordersARN },
	} {
		other := base
		change(&other)
		if fingerprint(other) == fingerprint(base) {
			t.Errorf("fingerprint ignores the %s", name)
		}
	}
}

func TestSARIFInvocation(t *testing.T) {
	run := decodeSARIF(t, sampleReport())
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful {
		t.Error("executionSuccessful with an input error")
	}
	first := inv.ToolExecutionNotifications[0]
	if first.Level != "error" || first.Locations[0].PhysicalLocation.ArtifactLocation.URI != badPolicyFile {
		t.Errorf("first notification = %+v, want the input error", first)
	}
	var notes int
	for _, n := range inv.ToolExecutionNotifications {
		if n.Level == "note" {
			notes++
			if rule := run.Tool.Driver.Rules[n.AssociatedRule.Index]; rule.ID != n.AssociatedRule.ID {
				t.Errorf("notification names rule %s at index of %s", n.AssociatedRule.ID, rule.ID)
			}
		}
	}
	if notes != 3 { // LAMBDA-CFG-007, LAMBDA-EXP-003, LAMBDA-EXP-004
		t.Errorf("%d not-assessed notes, want 3", notes)
	}

	clean := sampleReport()
	clean.InputErrors = nil
	if !decodeSARIF(t, clean).Invocations[0].ExecutionSuccessful {
		t.Error("not executionSuccessful without input errors")
	}
}

// A finding whose rule metadata is missing still points at a rule.
func TestSARIFDescribesRulesMissingFromTheReport(t *testing.T) {
	r := sampleReport()
	r.Rules = nil
	run := decodeSARIF(t, r)
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("%s: ruleIndex %d names %s", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
	}
	validateAgainst(t, sarifSchema, render(t, "sarif", Options{}, r))
}

func TestCamelCase(t *testing.T) {
	for title, want := range map[string]string{
		"No CloudTrail data events for Lambda invocations": "NoCloudTrailDataEventsForLambdaInvocations",
		"Service-wide wildcard actions (`s3:*`, `*`)":      "ServiceWideWildcardActionsS3",
		"": "",
	} {
		if got := camelCase(title); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", title, got, want)
		}
	}
}
