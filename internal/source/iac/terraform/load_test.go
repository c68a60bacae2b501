package terraform

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenRules are the rules the golden findings cover: rules added later
// change other packages' goldens, not these.
var goldenRules = map[string]bool{
	"LAMBDA-CFG-001": true, "LAMBDA-CFG-003": true, "LAMBDA-CFG-004": true, "LAMBDA-CFG-005": true,
	"LAMBDA-CFG-006": true, "LAMBDA-EXP-001": true, "LAMBDA-EXP-002": true, "LAMBDA-EXP-003": true,
	"LAMBDA-EXP-004": true, "LAMBDA-EXP-005": true, "LAMBDA-EXP-006": true, "LAMBDA-NET-001": true,
	"LAMBDA-SEC-005": true,
}

func load(t *testing.T, path string, opts source.Options) (*inventory.Inventory, []error) {
	t.Helper()
	inv := inventory.New()
	errs := tfSource{}.Load(inv, path, opts)
	inv.Link()
	return inv, errs
}

// findings runs the golden rules and applies inline suppressions, one line
// per finding: rule, file:line, address.
func findings(t *testing.T, inv *inventory.Inventory) string {
	t.Helper()
	var rs []*rules.Rule
	for _, r := range rules.All() {
		if goldenRules[r.ID] {
			rs = append(rs, r)
		}
	}
	fs, _ := rules.Run(inv, rs)
	var lines []string
	for _, f := range fs {
		suppressed := false
		for _, s := range inv.Suppressions {
			if s.File == f.Resource.File && s.LogicalID == f.Resource.LogicalID && s.RuleID == f.RuleID {
				suppressed = true
			}
		}
		if suppressed {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s %s:%d %s", f.RuleID, filepath.ToSlash(f.Resource.File), f.Resource.Line, f.Resource.LogicalID))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// describe prints what the mapping produced, for the inventory golden.
func describe(inv *inventory.Inventory) string {
	var b strings.Builder
	for _, a := range inv.Accounts {
		fmt.Fprintf(&b, "account %s\n", a.ID)
		for _, arn := range sortedKeys(a.Roles) {
			r := a.Roles[arn]
			fmt.Fprintf(&b, "  role %s (%s:%d %s)\n", r.ARN, filepath.ToSlash(r.Source.File), r.Source.Line, r.Source.LogicalID)
			if r.TrustPolicy != nil {
				fmt.Fprintf(&b, "    trust %s\n", mustJSON(r.TrustPolicy))
			}
			for _, p := range r.InlinePolicies {
				fmt.Fprintf(&b, "    inline %s %s\n", p.Name, mustJSON(p.Document))
			}
			for _, p := range r.AttachedPolicies {
				fmt.Fprintf(&b, "    attached %s resolved=%v\n", p.ARN, p.Policy != nil)
			}
		}
		for _, r := range a.Regions {
			fmt.Fprintf(&b, "  region %s\n", r.Name)
			for _, f := range r.Functions {
				fmt.Fprintf(&b, "    function %s (%s:%d %s)\n", f.ARN, filepath.ToSlash(f.Source.File), f.Source.Line, f.Source.LogicalID)
				fmt.Fprintf(&b, "      runtime=%s memory=%d role=%s linked=%v tracing=%s kms=%s dlq=%s\n", f.Runtime, f.MemorySize, f.RoleARN, f.Role != nil, f.TracingMode, f.KMSKeyARN, f.DeadLetterTarget)
				for _, k := range sortedKeys(f.Environment) {
					fmt.Fprintf(&b, "      env %s=%s\n", k, f.Environment[k])
				}
				if f.ReservedConcurrency.Known && f.ReservedConcurrency.Value != nil {
					fmt.Fprintf(&b, "      reserved=%d\n", *f.ReservedConcurrency.Value)
				}
				if f.URL.Known && f.URL.Value != nil {
					fmt.Fprintf(&b, "      url auth=%s cors=%v\n", f.URL.Value.AuthType, f.URL.Value.CORS.AllowOrigins)
				}
				if f.ResourcePolicy.Known && f.ResourcePolicy.Value != nil {
					fmt.Fprintf(&b, "      policy %s\n", mustJSON(f.ResourcePolicy.Value))
				}
				if f.LogGroup != nil {
					fmt.Fprintf(&b, "      log group %s retention=%d kms=%s\n", f.LogGroup.Name, f.LogGroup.RetentionInDays, f.LogGroup.KMSKeyID)
				}
			}
		}
	}
	for _, s := range inv.Suppressions {
		fmt.Fprintf(&b, "suppress %s %s:%d %s %q\n", s.RuleID, filepath.ToSlash(s.File), s.Line, s.LogicalID, s.Reason)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestLoadHCLModule(t *testing.T) {
	inv, errs := load(t, "testdata/app", source.Options{})
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	golden(t, "app.inventory.txt", describe(inv))
	golden(t, "app.findings.txt", findings(t, inv))
	if inv.Accounts[0].ID != "111122223333" {
		t.Errorf("account from allowed_account_ids and tfvars: got %s", inv.Accounts[0].ID)
	}
}

func TestVarsOverride(t *testing.T) {
	opts := source.Options{Vars: map[string]string{"env": "staging", "region": "us-east-2"}}
	inv, errs := load(t, "testdata/app", opts)
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	if got := inv.Accounts[0].Regions[0].Name; got != "us-east-2" {
		t.Errorf("region: got %s, want us-east-2 from --var", got)
	}
	names := map[string]bool{}
	for _, f := range inv.Functions {
		names[f.Name] = true
	}
	if !names["orders-staging-api-eu"] || !names["orders-staging-worker"] {
		t.Errorf("--var env=staging should win over terraform.tfvars: functions %v", names)
	}
}

func TestUnknownAccount(t *testing.T) {
	inv, _ := load(t, "testdata/errors/unknown_ref.tf", source.Options{})
	if inv.Accounts[0].ID != iac.UnknownAccount {
		t.Errorf("account: got %s, want %s", inv.Accounts[0].ID, iac.UnknownAccount)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func TestLoadPlan(t *testing.T) {
	inv, errs := load(t, "testdata/app/plan.json", source.Options{})
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	golden(t, "plan.inventory.txt", describe(inv))
	got := findings(t, inv)
	golden(t, "plan.findings.txt", got)
	// The plan locates resources in the .tf files next to it, so it yields
	// the same findings at the same lines as the HCL.
	hcl, _ := load(t, "testdata/app", source.Options{})
	if want := findings(t, hcl); got != want {
		t.Errorf("plan and HCL findings differ:\n--- plan\n%s\n--- hcl\n%s", got, want)
	}
}
