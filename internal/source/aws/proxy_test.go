package aws_test

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/scan"
	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
	"github.com/lambdasec/lambdasec/internal/source/aws/awstest"
)

// policyActions reads the actions docs/iam-policy.json allows.
func policyActions(t *testing.T) []string {
	data, err := os.ReadFile("../../../docs/iam-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Statement []struct {
			Action json.RawMessage
		}
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("docs/iam-policy.json: %v", err)
	}
	var out []string
	for _, s := range p.Statement {
		var list []string
		if json.Unmarshal(s.Action, &list) != nil {
			var one string
			json.Unmarshal(s.Action, &one)
			list = []string{one}
		}
		out = append(out, list...)
	}
	return out
}

var readOnly = regexp.MustCompile(`^[a-z0-9-]+:(Get|List|Describe)[A-Za-z]+$`)

// collectThrough collects the seeded moto through a proxy with the given
// faults and returns the result and the dump folder. The fault runs use
// two regions rather than all of moto's, to keep the test short.
func collectThrough(t *testing.T, endpoint string, f awstest.Faults, regions ...string) (*awstest.Proxy, *awssrc.Result, string) {
	p := awstest.NewProxy(t, endpoint, f)
	dir := t.TempDir()
	res, err := awssrc.Collect(context.Background(), awssrc.Options{EndpointURL: p.URL, Regions: regions}, dir)
	if err != nil {
		t.Fatal(err)
	}
	return p, res, dir
}

func scanReport(t *testing.T, dir string) string {
	r := scan.Run([]string{dir}, scan.Options{}).Report
	b, err := json.Marshal(struct {
		F []finding.Finding
		N any
		E any
	}{r.Findings, r.NotAssessed, r.InputErrors})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLiveCollection runs the fault scenarios against one seeded moto.
func TestLiveCollection(t *testing.T) {
	endpoint := awstest.StartMoto(t)
	awstest.Seed(t, endpoint)
	two := []string{"us-east-1", "eu-west-1"}
	proxy, clean, _ := collectThrough(t, endpoint, awstest.Faults{}, "all")
	if len(clean.Failures) > 0 {
		t.Fatalf("clean run failed calls: %v", clean.Failures)
	}
	base, _, cleanDir := collectThrough(t, endpoint, awstest.Faults{}, two...)
	want := scanReport(t, cleanDir)
	if errs := scan.Run([]string{cleanDir}, scan.Options{}).Report.InputErrors; len(errs) > 0 {
		t.Errorf("the dump reader rejects collected answers: %v", errs)
	}

	t.Run("read-only and in the policy", func(t *testing.T) {
		allowed := policyActions(t)
		ops := slices.Sorted(maps.Keys(proxy.Operations()))
		ops = append(ops, slices.Sorted(maps.Keys(clean.Calls))...)
		for _, op := range ops {
			if !readOnly.MatchString(op) && op != "sts:GetCallerIdentity" && op != "sts:AssumeRole" {
				t.Errorf("the collector called %s, which is not a read-only operation", op)
			}
			if !slices.Contains(allowed, op) {
				t.Errorf("the collector called %s, which docs/iam-policy.json does not allow", op)
			}
		}
		for _, op := range []string{"lambda:GetFunction", "ec2:DescribeRegions", "ecr:DescribeImages", "lambda:GetLayerVersion", "cloudtrail:GetEventSelectors"} {
			if !slices.Contains(ops, op) {
				t.Errorf("the proxy did not see %s: %v", op, ops)
			}
		}
	})

	t.Run("throttling and server errors lose nothing", func(t *testing.T) {
		p, res, dir := collectThrough(t, endpoint, awstest.Faults{Throttle: 0.2, Server: 0.05, Seed: 7}, two...)
		if len(res.Failures) > 0 {
			t.Fatalf("failed calls under throttling: %v", res.Failures)
		}
		if got := scanReport(t, dir); got != want {
			t.Errorf("findings under throttling differ from a clean run:\nclean: %.1500s\ngot:   %.1500s", want, got)
		}
		if p.Total() <= base.Total() {
			t.Errorf("no retries seen: %d calls vs %d clean", p.Total(), base.Total())
		}
	})

	t.Run("access denied on one API is a reported gap", func(t *testing.T) {
		_, res, dir := collectThrough(t, endpoint, awstest.Faults{Deny: []string{"lambda:GetPolicy"}}, two...)
		if len(res.Failures) == 0 {
			t.Fatal("no failure reported for the denied lambda:GetPolicy")
		}
		for _, f := range res.Failures {
			if f.Operation != "lambda:GetPolicy" || f.Kind != awssrc.KindAccessDenied {
				t.Errorf("unexpected failure %s", f)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "us-east-1/lambda/get-policy")); !os.IsNotExist(err) {
			t.Error("get-policy answers were written although every call was denied")
		}
		data, err := os.ReadFile(filepath.Join(dir, awssrc.ErrorsFile))
		if err != nil || !json.Valid(data) {
			t.Fatalf("collection-errors.json: %v", err)
		}
		r := scan.Run([]string{dir}, scan.Options{}).Report
		var notAssessed, urlFound bool
		for _, n := range r.NotAssessed {
			notAssessed = notAssessed || n.RuleID == "LAMBDA-EXP-003"
		}
		for _, f := range r.Findings {
			urlFound = urlFound || f.RuleID == "LAMBDA-EXP-001"
			if f.RuleID == "LAMBDA-EXP-003" {
				t.Error("LAMBDA-EXP-003 fired without the resource policy")
			}
		}
		if !notAssessed || !urlFound {
			t.Errorf("want EXP-003 not assessed and EXP-001 still found; not assessed %v, EXP-001 %v", notAssessed, urlFound)
		}
	})
}
