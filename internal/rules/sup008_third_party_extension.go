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
			ID:       "LAMBDA-SUP-008",
			Title:    "Extension layer from a third party",
			Severity: finding.High,
			Category: "supply-chain",
			Description: "An extension is a layer with an executable under extensions/ that Lambda starts as its own process next to the function, before the function's code, " +
				"with the same execution-role credentials and environment variables. It sees every invocation's lifecycle, can keep running after the response, " +
				"and can send what it reads anywhere the function can reach. An extension from an account that is not scanned, not in the organization, not an AWS publisher " +
				"and not trusted in lambdasec.yaml hands all of that to its publisher. " +
				"Whether a layer holds an extension cannot be read from the Lambda API; lambdasec decides by its name (…Extension, aws-otel-…, …otel-collector; docs/trusted-layer-publishers.md). " +
				"Other third-party layers are reported by LAMBDA-SUP-001.",
			Remediation: "Remove the extension if it is not needed (`aws lambda update-function-configuration --function-name NAME --layers` without it; CloudFormation/SAM `Layers`, Terraform `layers`). " +
				"Otherwise vendor it into your own account (`aws lambda get-layer-version-by-arn`, review, `aws lambda publish-layer-version`), pin it with `lambdasec lock`, " +
				"and give the function only the permissions it needs, since the extension holds them too. If you trust the vendor, add its account to `trusted_accounts` in lambdasec.yaml.",
			Compliance: []string{"MITRE ATT&CK T1195.001"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-extensions.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/runtimes-extensions-api.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/extensions-configuration.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: func(inv *inventory.Inventory, out *Results) {
			for _, f := range inv.Functions {
				checkThirdPartyExtensions(inv, f, out)
			}
		},
	})
}

func checkThirdPartyExtensions(inv *inventory.Inventory, f *inventory.Function, out *Results) {
	skipUnparsedLayers(f, out)
	var layers []thirdPartyLayer
	for _, l := range thirdPartyLayers(inv, f) {
		if l.Extension {
			layers = append(layers, l)
		}
	}
	if len(layers) == 0 {
		return
	}
	var ev, names []string
	sev := finding.Medium
	for _, l := range layers {
		ev = append(ev, layerEvidence(l))
		names = append(names, fmt.Sprintf("%s (account %s)", l.Ref.Name, l.Ref.Account))
		if l.Trust == trustNone {
			sev = finding.High
		}
	}
	out.Add(Hit{
		Resource: FunctionResource(f),
		Function: f.Key(),
		Severity: At(sev),
		Message: fmt.Sprintf("Function %s runs the third-party extension %s as a separate process holding its role's credentials and environment.",
			f.Name, strings.Join(names, ", ")),
		Evidence:    ev,
		Remediation: vendorAdvice(f, layers),
	})
}
