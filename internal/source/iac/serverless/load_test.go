package serverless_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
	"github.com/lambdasec/lambdasec/internal/source/iac"
	"github.com/lambdasec/lambdasec/internal/source/iac/serverless"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenRules is a fixed list so that new rules elsewhere leave the golden
// files alone.
var goldenRules = []string{
	"LAMBDA-CFG-001", "LAMBDA-CFG-003", "LAMBDA-CFG-004", "LAMBDA-CFG-005",
	"LAMBDA-EXP-001", "LAMBDA-EXP-002", "LAMBDA-EXP-003", "LAMBDA-EXP-004", "LAMBDA-EXP-005",
	"LAMBDA-SEC-001", "LAMBDA-SEC-002",
}

func TestOrdersServiceGolden(t *testing.T) {
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	defer func(prev func() time.Time) { rules.Now = prev }(rules.Now)
	rules.Now = func() time.Time { return day }
	var rs []*rules.Rule
	for _, id := range goldenRules {
		r, ok := rules.Lookup(id)
		if !ok {
			t.Fatalf("rule %s is not registered", id)
		}
		rs = append(rs, r)
	}
	dir := filepath.Join("testdata", "orders-service")
	res := scan.Run([]string{dir}, scan.Options{Rules: rs, Filters: []func(*finding.Report, *inventory.Inventory){iac.Suppress}})
	for _, e := range res.Report.InputErrors {
		t.Errorf("input error: %s", e.Error())
	}
	var lines []string
	for _, f := range res.Report.Findings {
		r := f.Resource
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%s %s %s:%d %s", f.RuleID, r.LogicalID, filepath.Base(r.File), r.Line, f.Instance)))
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + fmt.Sprintf("\nsuppressed %d\n", res.Report.Summary.Suppressed)
	golden := filepath.Join(dir, "findings.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
	}
}

// load reads the fixture with params and returns its functions by name.
func load(t *testing.T, params map[string]string) map[string]*inventory.Function {
	t.Helper()
	inv := inventory.New()
	if errs := serverless.LoadFile(inv, filepath.Join("testdata", "orders-service", "serverless.yml"), params); len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	inv.Link()
	out := map[string]*inventory.Function{}
	for _, f := range inv.Functions {
		out[f.Name] = f
	}
	return out
}

func TestVariables(t *testing.T) {
	t.Setenv("UNUSED", "x")
	dev := load(t, nil)
	f := dev["orders-service-dev-processPayment"]
	if f == nil {
		t.Fatalf("functions: %v", dev)
	}
	for k, want := range map[string]string{
		"TABLE_NAME":        "orders-service-dev-orders",
		"STAGE":             "dev",
		"PAYMENTS_API_KEY":  "${ssm:/orders/dev/payments-api-key}",
		"STRIPE_SECRET_KEY": "sk_test_4eC39HqLyjWDarjtT1zdp7dcTESTONLY",
	} {
		if f.Environment[k] != want {
			t.Errorf("%s = %q, want %q", k, f.Environment[k], want)
		}
	}
	if f.MemorySize != 512 || f.Region.Name != "eu-west-1" || f.Account.ID != iac.UnknownAccount {
		t.Errorf("memory %d region %s account %s", f.MemorySize, f.Region.Name, f.Account.ID)
	}
	if f.LogGroup == nil || f.LogGroup.RetentionInDays != 14 {
		t.Errorf("log group %+v, want retention 14 (the fallback)", f.LogGroup)
	}
	if len(f.EventSources) != 1 || !strings.HasSuffix(f.EventSources[0].EventSourceARN, ":orders-service-dev-payments") {
		t.Errorf("event sources %+v", f.EventSources)
	}
	if f.EventInvokeConfig.Value == nil || f.EventInvokeConfig.Value.OnFailure != "arn:aws:sqs:eu-west-1:111122223333:payments-dlq" {
		t.Errorf("event invoke config %+v", f.EventInvokeConfig.Value)
	}
	if f.Role == nil || f.Role.Name != "orders-service-dev-eu-west-1-lambdaRole" || f.TracingMode != "Active" {
		t.Errorf("role %+v tracing %s", f.Role, f.TracingMode)
	}

	prod := load(t, map[string]string{"stage": "prod", "region": "us-east-2", "AWS::AccountId": "111122223333"})
	p := prod["orders-service-prod-processPayment"]
	if p == nil || p.MemorySize != 1024 || p.Region.Name != "us-east-2" || p.LogGroup.RetentionInDays != 90 || p.Account.ID != "111122223333" {
		t.Fatalf("prod function %+v", p)
	}
	if c := prod["orders-service-prod-createOrder"]; c.ReservedConcurrency.Value != nil {
		t.Errorf("prod config has no concurrency, got %v", *c.ReservedConcurrency.Value)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"bad yaml", "service: x\nfunctions:\n  a: [unclosed\n", "serverless.yml:2: invalid YAML"},
		{"missing file", "service: x\ncustom:\n  c: ${file(./nope.yml):key}\nfunctions:\n  a:\n    handler: h\n    memorySize: ${self:custom.c}\n",
			"serverless.yml:3: variable ${file(./nope.yml):key}: file ./nope.yml does not exist"},
		{"circular", "service: x\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nfunctions: {}\n", "circular variable reference"},
		{"unresolvable", "service: x\nfunctions:\n  a:\n    handler: ${env:LAMBDASEC_TEST_UNSET}\n", "serverless.yml:4: variable ${env:LAMBDASEC_TEST_UNSET} cannot be resolved"},
		{"secret fallback not echoed", "service: x\nfunctions:\n  a:\n    handler: ${bogus:x, 'hunter2-secret'}\n", "unsupported variable source in ${bogus:x}"},
		{"unclosed", "service: x\nfunctions:\n  a:\n    handler: ${self:service\n", "serverless.yml:4: unclosed ${"},
		{"no service", "functions: {}\n", "no service name"},
		{"cfn error in resources", "service: x\nfunctions: {}\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n      Properties:\n        QueueName: !Ref Nope\n", "serverless.yml:8: Ref names Nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "serverless.yml")
			errs := serverless.LoadBytes(inventory.New(), file, []byte(tc.src), nil)
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
				t.Fatalf("errors = %v, want one containing %q", errs, tc.want)
			}
			if strings.Contains(errs[0].Error(), "hunter2") {
				t.Errorf("error quotes a fallback value: %v", errs[0])
			}
		})
	}
}
