package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// LayerUse is one layer version referenced by the scanned functions, as the
// supply-chain rules judge it: `lambdasec layers` prints these.
type LayerUse struct {
	ARN       string `json:"arn"`
	Name      string `json:"name"`
	Version   string `json:"version"`
	Account   string `json:"publisher_account"`
	Region    string `json:"region"`
	Publisher string `json:"publisher"` // who the account is to the scan
	Extension bool   `json:"extension"` // by the name heuristic (docs/trusted-layer-publishers.md)
	// From get-layer-version; empty when it was not collected.
	CodeSha256         string   `json:"code_sha256,omitempty"`
	CodeSize           int64    `json:"code_size,omitempty"`
	CompatibleRuntimes []string `json:"compatible_runtimes,omitempty"`
	// Policy summarizes the layer-version policy: "not collected", "none",
	// "public", or the accounts and organizations it is shared with.
	Policy    string   `json:"policy"`
	Functions []string `json:"functions"` // keys of the functions that use it
}

// LayerInventory lists every layer version the scanned functions use,
// sorted by ARN.
func LayerInventory(inv *inventory.Inventory) []LayerUse {
	byARN := map[string]*LayerUse{}
	for _, f := range inv.Functions {
		for _, l := range f.Layers {
			u := byARN[l.ARN]
			if u == nil {
				u = newLayerUse(inv, f, l)
				byARN[l.ARN] = u
			}
			u.Functions = append(u.Functions, f.Key())
		}
	}
	out := make([]LayerUse, 0, len(byARN))
	for _, u := range byARN {
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

func newLayerUse(inv *inventory.Inventory, f *inventory.Function, l inventory.LayerAttachment) *LayerUse {
	u := &LayerUse{ARN: l.ARN, Publisher: "unknown (not a layer version ARN)", Policy: "not collected"}
	if ref, ok := parseLayerARN(l.ARN); ok {
		u.Name, u.Version, u.Account, u.Region = ref.Name, ref.Version, ref.Account, ref.Region
		u.Extension = isExtensionLayer(ref.Name)
		t, product := publisherTrust(inv, f, ref.Account)
		u.Publisher = map[trust]string{
			trustOwn:     "scanned account",
			trustOrg:     "organization",
			trustUser:    "trusted in config",
			trustAWS:     "AWS: " + product,
			trustUnknown: "third party (organization members not collected)",
			trustNone:    "third party",
		}[t]
	}
	v := l.Layer
	if v == nil {
		return u
	}
	u.CodeSha256, u.CodeSize, u.CompatibleRuntimes = v.CodeSha256, v.CodeSize, v.CompatibleRuntimes
	if v.Policy.Known {
		u.Policy = policySummary(inv, v)
	}
	return u
}

// policySummary says who else may use a layer version.
func policySummary(inv *inventory.Inventory, v *inventory.LayerVersion) string {
	if v.Policy.Value == nil {
		return "none"
	}
	owner := iam.Owner{Account: v.AccountID}
	if a := findAccount(inv, v.AccountID); a != nil {
		owner = policyOwner(inv, &inventory.Function{Account: a})
	}
	var who []string
	for _, g := range iam.AnalyzeResourcePolicy(v.Policy.Value, owner) {
		switch {
		case g.Public():
			return "public"
		case g.Kind == iam.OrganizationPrincipal:
			who = append(who, "organization "+g.Organization)
		case g.Account != "":
			who = append(who, "account "+g.Account)
		default:
			who = append(who, g.Principal)
		}
	}
	if len(who) == 0 {
		return "none"
	}
	return fmt.Sprintf("shared with %s", strings.Join(uniq(who), ", "))
}
