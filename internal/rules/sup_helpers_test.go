package rules_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// supOutcomes runs rule id over inv and returns, per resource name, its
// findings as "severity" or "severity/instance", plus "skip" for each
// not-assessed record, sorted and joined by spaces.
func supOutcomes(t *testing.T, id string, inv *inventory.Inventory) map[string]string {
	t.Helper()
	out := runRule(t, id, inv)
	parts := map[string][]string{}
	for _, f := range out.Findings {
		s := f.Severity.String()
		if f.Instance != "" {
			s += "/" + f.Instance
		}
		parts[f.Resource.Name] = append(parts[f.Resource.Name], s)
	}
	for _, n := range out.NotAssessed {
		parts[n.Resource.Name] = append(parts[n.Resource.Name], "skip")
	}
	got := map[string]string{}
	for name, p := range parts {
		sort.Strings(p)
		got[name] = strings.Join(p, " ")
	}
	return got
}

// compareOutcomes checks got against want; resources missing from want
// must have no outcome at all.
func compareOutcomes(t *testing.T, id string, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s on %s = %q, want %q", id, name, got[name], w)
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s on %s = %q, want nothing", id, name, g)
		}
	}
}

// supFinding returns the text of rule id's finding on a resource (with the
// given instance), failing the test when there is none.
func supFinding(t *testing.T, id string, inv *inventory.Inventory, name, instance string) string {
	t.Helper()
	for _, f := range runRule(t, id, inv).Findings {
		if f.Resource.Name == name && f.Instance == instance {
			return f.Message + "\n" + strings.Join(f.Evidence, "\n") + "\n" + f.Remediation
		}
	}
	t.Fatalf("%s reported nothing for %s (%q)", id, name, instance)
	return ""
}

// withoutOrgMembers forgets the organization's member list, as when
// organizations/list-accounts was not collected.
func withoutOrgMembers(inv *inventory.Inventory) *inventory.Inventory {
	for _, a := range inv.Accounts {
		if a.Organization.Known && a.Organization.Value != nil {
			a.Organization.Value.Accounts = nil
		}
	}
	return inv
}
