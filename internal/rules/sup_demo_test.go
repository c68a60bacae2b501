package rules_test

import (
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// TestSupplyChainOnDemoAccount checks the supply-chain rules against the
// example dump's "Also built in" table.
func TestSupplyChainOnDemoAccount(t *testing.T) {
	inv := inventory.New()
	if errs := dump.Load(inv, filepath.Join("..", "..", "examples", "demo-account")); len(errs) > 0 {
		t.Fatal(errs)
	}
	inv.Link()
	want := map[string]map[string]string{
		// 999988887777's membership of the organization is unknown (no
		// list-accounts), hence medium; invoice-worker's Powertools layer
		// (017000801446) and own layers are trusted.
		"LAMBDA-SUP-001": {"notification-sender": "medium"},
		"LAMBDA-SUP-002": {"acme-pdf-fonts:2": "high"},
		"LAMBDA-SUP-004": {
			"debug-echo": "medium", "gdpr-export": "medium", "invoice-worker": "medium", "legacy-report-generator": "medium",
			"nightly-cleanup": "medium", "partner-sync": "medium", "public-webhook": "medium",
		},
		"LAMBDA-SUP-005": {"notification-sender": "medium/Warn"},
		// :latest, from a repository whose tags can be overwritten; it scans
		// on push, and the deployed digest still carries tags.
		"LAMBDA-SUP-006": {"image-resizer": "medium/tag medium/tag-mutability"},
		"LAMBDA-SUP-008": {},
	}
	for id, w := range want {
		t.Run(id, func(t *testing.T) { compareOutcomes(t, id, supOutcomes(t, id, inv), w) })
	}
}
