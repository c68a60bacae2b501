package rules_test

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

func TestSUP001UntrustedLayer(t *testing.T) {
	const id = "LAMBDA-SUP-001"
	tests := []struct {
		name   string
		adjust func(*inventory.Inventory) *inventory.Inventory
		want   map[string]string
	}{
		{"organization known", nil, map[string]string{
			// own-layer: own account; org-layer: a member and the management
			// account; aws-layers: Powertools and the Parameters and Secrets
			// extension; foreign-extension: SUP-008's.
			"foreign-layer": "high",
			"vendor-layer":  "high",
		}},
		{"members not collected", withoutOrgMembers, map[string]string{
			"foreign-layer": "medium",
			"vendor-layer":  "medium",
			// the management account is still known from describe-organization
			"org-layer": "medium",
		}},
		{"trusted in the config", func(inv *inventory.Inventory) *inventory.Inventory {
			inv.Settings.TrustedAccounts = []string{"555566667777"}
			return inv
		}, map[string]string{"foreign-layer": "high"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := loadDump(t, "supply")
			if tt.adjust != nil {
				inv = tt.adjust(inv)
			}
			compareOutcomes(t, id, supOutcomes(t, id, inv), tt.want)
		})
	}
	text := supFinding(t, id, loadDump(t, "supply"), "foreign-layer", "")
	mustContain(t, text, "999988887777", "json-logger:4", "CodeSha256 758NT1QWp/V4EzfdJ18SCc6EKHEqkwN36JcxWIzw5Aw=",
		"get-layer-version-by-arn --arn arn:aws:lambda:us-east-1:999988887777:layer:json-logger:4", "trusted_accounts")
}

func TestSUP001UnparsedLayerReference(t *testing.T) {
	inv := loadDump(t, "supply")
	for _, f := range inv.Functions {
		if f.Name == "own-layer" {
			f.Layers = append(f.Layers, inventory.LayerAttachment{ARN: "!Ref UtilsLayer"})
		}
	}
	got := supOutcomes(t, "LAMBDA-SUP-001", inv)
	if got["own-layer"] != "skip" {
		t.Errorf("unresolved layer reference: got %q, want skip", got["own-layer"])
	}
}
