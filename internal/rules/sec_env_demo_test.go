package rules_test

import (
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// TestSecretsOnDemoAccount checks the environment rules against the
// example dump's "Also built in" table: which variables of which functions
// are reported, and that the references are not.
func TestSecretsOnDemoAccount(t *testing.T) {
	inv := inventory.New()
	if errs := dump.Load(inv, filepath.Join("..", "..", "examples", "demo-account")); len(errs) > 0 {
		t.Fatal(errs)
	}
	inv.Link()
	got := func(id string) []string {
		var out []string
		for _, f := range runRule(t, id, inv).Findings {
			out = append(out, f.Resource.Name+"/"+f.Instance+":"+f.Severity.String())
		}
		sort.Strings(out)
		return out
	}
	want001 := []string{
		"debug-echo/AWS_KEY_ID_BACKUP:low", // AWS's documented example keys
		"debug-echo/AWS_SECRET_BACKUP:low",
		"notification-sender/SLACK_WEBHOOK_URL:high",
		"public-webhook/STRIPE_SECRET_KEY:critical",
		"public-webhook/STRIPE_WEBHOOK_SECRET:high",
	}
	// The Stripe keys and the example AWS key are SEC-001's: SEC-002 only
	// reports sensitive names whose literal is no known credential.
	want002 := []string{
		"legacy-report-generator/DB_PASSWORD:medium",
	}
	for id, want := range map[string][]string{"LAMBDA-SEC-001": want001, "LAMBDA-SEC-002": want002} {
		if g := got(id); !slices.Equal(g, want) {
			t.Errorf("%s:\n got %q\nwant %q", id, g, want)
		}
	}
}
