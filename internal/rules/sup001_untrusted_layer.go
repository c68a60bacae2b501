package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SUP-001",
			Title:    "Layer published by an account outside the trusted set",
			Severity: finding.High,
			Category: "supply-chain",
			Description: "A layer's content is unpacked into /opt and runs inside the function's process, with its execution role's credentials and its environment variables. " +
				"Its publisher decides what every new version holds, and can delete a version so that the next deployment that references it fails; " +
				"whoever controls that account is part of your supply chain. " +
				"Trusted publishers are the scanned accounts, the members and management account of their organization, AWS's own layer accounts " +
				"(Powertools, Parameters and Secrets extension, ADOT, Lambda Insights, AppConfig; see docs/trusted-layer-publishers.md) and trusted_accounts in lambdasec.yaml. " +
				"When the organization's member list was not collected, other accounts are reported at lower severity because they may be members. " +
				"Third-party layers that are extensions are reported by LAMBDA-SUP-008 instead.",
			Remediation: "Vendor the layer: download it with `aws lambda get-layer-version-by-arn --arn ARN --query Content.Location`, review it, publish it in your own account " +
				"with `aws lambda publish-layer-version` and reference that version (CloudFormation/SAM `Layers`, Terraform `layers`), then pin it with `lambdasec lock`. " +
				"If the publisher is trusted on purpose, add its account to `trusted_accounts` in lambdasec.yaml.",
			Compliance: []string{"MITRE ATT&CK T1195.001"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: func(inv *inventory.Inventory, out *Results) {
			for _, f := range inv.Functions {
				checkUntrustedLayers(inv, f, out)
			}
		},
	})
}

func checkUntrustedLayers(inv *inventory.Inventory, f *inventory.Function, out *Results) {
	skipUnparsedLayers(f, out)
	var layers []thirdPartyLayer
	for _, l := range thirdPartyLayers(inv, f) {
		if !l.Extension {
			layers = append(layers, l)
		}
	}
	if len(layers) == 0 {
		return
	}
	var ev, accounts []string
	sev := finding.Medium
	for _, l := range layers {
		ev = append(ev, layerEvidence(l))
		accounts = append(accounts, l.Ref.Account)
		if l.Trust == trustNone {
			sev = finding.High
		}
	}
	msg := fmt.Sprintf("Function %s runs layer code published by account %s, which is neither scanned, in its organization, an AWS publisher nor trusted in the config.",
		f.Name, strings.Join(uniq(accounts), ", "))
	if sev == finding.Medium {
		msg = fmt.Sprintf("Function %s runs layer code published by account %s, which is not scanned, not an AWS publisher and not trusted in the config; "+
			"it may belong to the organization, whose member list was not collected.", f.Name, strings.Join(uniq(accounts), ", "))
	}
	out.Add(Hit{
		Resource:    FunctionResource(f),
		Function:    f.Key(),
		Severity:    At(sev),
		Message:     msg,
		Evidence:    ev,
		Remediation: vendorAdvice(f, layers),
	})
}

// skipUnparsedLayers reports layer references that name no layer version
// ARN (an unresolved IaC reference): their publisher cannot be judged.
func skipUnparsedLayers(f *inventory.Function, out *Results) {
	for _, l := range f.Layers {
		if _, ok := parseLayerARN(l.ARN); !ok {
			out.Skip(FunctionResource(f), fmt.Sprintf("layer reference %q of function %s is not a layer version ARN, so its publisher is unknown", l.ARN, f.Name))
		}
	}
}

// uniq returns xs without repeats, in first-seen order.
func uniq(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
