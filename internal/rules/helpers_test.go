package rules_test

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// loadDump reads a dump fixture under testdata/ and links it.
func loadDump(t *testing.T, dir string) *inventory.Inventory {
	t.Helper()
	inv := inventory.New()
	if errs := dump.Load(inv, filepath.Join("testdata", dir)); len(errs) > 0 {
		t.Fatalf("loading %s: %v", dir, errs)
	}
	inv.Link()
	return inv
}

// runRule runs one registered rule over inv.
func runRule(t *testing.T, id string, inv *inventory.Inventory) *rules.Results {
	t.Helper()
	r, ok := rules.Lookup(id)
	if !ok {
		t.Fatalf("rule %s is not registered", id)
	}
	out := rules.NewResults(r)
	r.Check(inv, out)
	return out
}

// hits returns "NAME:severity" for each finding, sorted, for compact
// comparison in table tests. NAME is the resource name.
func hits(fs []finding.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Resource.Name+":"+f.Severity.String())
	}
	sort.Strings(out)
	return out
}

// skipped returns the resource names a rule reported as not assessed, sorted.
func skipped(na []finding.NotAssessed) []string {
	out := make([]string, 0, len(na))
	for _, n := range na {
		out = append(out, n.Resource.Name)
	}
	sort.Strings(out)
	return out
}
