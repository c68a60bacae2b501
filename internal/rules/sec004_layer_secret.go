package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SEC-004",
			Title:    "Secret in a layer",
			Severity: finding.High,
			Category: "secrets",
			Description: "A file in a Lambda layer version holds a credential (same detectors as LAMBDA-SEC-003). A layer is shared by every function that attaches it " +
				"and, when its layer policy allows, by other accounts or everyone (lambda:GetLayerVersion returns a download URL), and a published layer version " +
				"cannot be changed, only deleted. Reported once per layer version, naming the functions that use it; a layer whose archive was not available is not assessed.",
			Remediation: "Rotate the credential, rebuild the layer without it and publish a new version " +
				"(`aws lambda publish-layer-version --layer-name NAME --zip-file fileb://layer.zip`; CloudFormation `AWS::Lambda::LayerVersion`, Terraform `aws_lambda_layer_version`), " +
				"move the functions to it (`aws lambda update-function-configuration --function-name FUNCTION --layers NEW_LAYER_VERSION_ARN`), then delete the old version: " +
				"`aws lambda delete-layer-version --layer-name NAME --version-number N`. Keep secrets in Secrets Manager or Parameter Store, read at run time.",
			Compliance: []string{"MITRE ATT&CK T1552.001"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/layers-manage.html",
			},
		},
		Needs: []inventory.Section{inventory.SecLayerVersions},
		Check: checkLayerSecrets,
	})
}

func checkLayerSecrets(inv *inventory.Inventory, out *Results) {
	for _, l := range sortedLayers(inv) {
		res := LayerResource(l)
		if !l.Content.Known {
			out.Skip(res, fmt.Sprintf("the archive of layer %s was not available: %s", res.Name, packageHint))
			continue
		}
		cs := l.Content.Value
		partialNote(out, res, "layer "+res.Name, cs)
		users := layerUsers(inv, l.ARN)
		for _, m := range contentMatches(cs, inventory.ContentSecret) {
			what := m.Description
			if m.Example {
				what += " (looks like AWS's documented example key)"
			}
			out.Add(Hit{
				Resource: res,
				Instance: where(m) + "#" + m.Rule,
				Severity: At(finding.Severity(m.Severity)),
				Message:  fmt.Sprintf("Layer %s (used by %s) contains a %s in %s.", res.Name, users, what, where(m)),
				Evidence: []string{"file: " + where(m), "detector: " + m.Rule, "value: " + m.Preview},
			})
		}
	}
}
