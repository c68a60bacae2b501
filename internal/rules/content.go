package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// This file holds what the rules over package and layer content share: the
// content itself is scanned before the rules run (internal/secrets), and
// the rules only read the results.

// packageHint tells the user how to make a package available.
const packageHint = "put the zip in the dump's packages/ folder as <CodeSha256 in hex>.zip (see docs/dump-format.md) or pass --packages DIR"

// LayerResource describes a layer version as a finding resource.
func LayerResource(l *inventory.LayerVersion) finding.Resource {
	res := finding.Resource{ARN: l.ARN, Type: "AWS::Lambda::LayerVersion", Name: fmt.Sprintf("%s:%d", l.Name, l.Version), Account: l.AccountID, Region: l.Region}
	if l.Source != nil {
		res.File, res.Line, res.LogicalID = l.Source.File, l.Source.Line, l.Source.LogicalID
	}
	return res
}

// sortedLayers lists every collected layer version once, by ARN, with the
// functions that use it.
func sortedLayers(inv *inventory.Inventory) []*inventory.LayerVersion {
	var out []*inventory.LayerVersion
	for _, a := range inv.Accounts {
		for _, r := range a.Regions {
			for _, l := range r.Layers {
				out = append(out, l)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

// layerUsers names the functions that attach layer version arn.
func layerUsers(inv *inventory.Inventory, arn string) string {
	var names []string
	for _, f := range inv.Functions {
		for _, la := range f.Layers {
			if la.ARN == arn {
				names = append(names, f.Name)
			}
		}
	}
	if len(names) == 0 {
		return "no scanned function"
	}
	return strings.Join(names, ", ")
}

// contentMatches returns the matches of one kind, in archive order.
func contentMatches(cs *inventory.ContentScan, kind inventory.ContentKind) []inventory.ContentMatch {
	var out []inventory.ContentMatch
	for _, m := range cs.Matches {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

// where is "path:line" (or just the path for binaries).
func where(m inventory.ContentMatch) string {
	if m.Line > 0 {
		return fmt.Sprintf("%s:%d", m.Path, m.Line)
	}
	return m.Path
}

// partialNote records that an archive was only partly read, so a clean
// result is not mistaken for a complete one.
func partialNote(out *Results, res finding.Resource, what string, cs *inventory.ContentScan) {
	if cs.Partial != "" {
		out.Skip(res, fmt.Sprintf("%s was only partially assessed: %s", what, cs.Partial))
	}
}
