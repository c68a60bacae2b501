package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SUP-007",
			Title:    "Malicious content in code or layer",
			Severity: finding.Critical,
			Category: "supply-chain",
			Description: "The deployment package or a layer contains markers of cryptocurrency mining or credential stealing: stratum mining-pool URLs " +
				"(stratum+tcp://, stratum+ssl://), the XMRig miner (its name or its donate-level option, in binaries too), public mining-pool hostnames, " +
				"code that reads /proc/self/environ, or code that serialises the whole environment (where Lambda keeps the execution role's session credentials) " +
				"in a file that also makes outbound requests. These are what compromised functions and poisoned dependencies carry; legitimate functions have no use for them. " +
				"Binaries are searched for the markers only; text files for all of them.",
			Remediation: "Treat the function as compromised: stop it (`aws lambda put-function-concurrency --function-name FUNCTION --reserved-concurrent-executions 0`), " +
				"keep a copy of the package for analysis (`aws lambda get-function --function-name FUNCTION --query Code.Location`), revoke the role's sessions " +
				"(IAM console: Revoke active sessions, which attaches an AWSRevokeOlderSessions deny policy), find who changed the code or layer in CloudTrail " +
				"(UpdateFunctionCode, PublishLayerVersion, UpdateFunctionConfiguration), then redeploy from a trusted build and enforce code signing " +
				"(`aws lambda put-function-code-signing-config`; CloudFormation `CodeSigningConfigArn`, Terraform `code_signing_config_arn`).",
			Compliance: []string{"MITRE ATT&CK T1496.001", "MITRE ATT&CK T1552"},
			References: []string{
				"https://attack.mitre.org/techniques/T1496/001/",
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: checkMaliciousContent,
	})
}

func checkMaliciousContent(inv *inventory.Inventory, out *Results) {
	for _, f := range inv.Functions {
		res := FunctionResource(f)
		switch {
		case f.PackageType == "Image":
			out.Skip(res, fmt.Sprintf("%s is a container image; image content is not scanned", f.Name))
			continue
		case !f.Package.Known:
			out.Skip(res, fmt.Sprintf("the deployment package of %s was not available: %s", f.Name, packageHint))
			continue
		}
		partialNote(out, res, "the deployment package of "+f.Name, f.Package.Value)
		for _, m := range contentMatches(f.Package.Value, inventory.ContentMalicious) {
			out.Add(maliciousHit(res, f.Key(), "The deployment package of "+f.Name, m))
		}
	}
	for _, l := range sortedLayers(inv) {
		res := LayerResource(l)
		if !l.Content.Known {
			out.Skip(res, fmt.Sprintf("the archive of layer %s was not available: %s", res.Name, packageHint))
			continue
		}
		partialNote(out, res, "layer "+res.Name, l.Content.Value)
		for _, m := range contentMatches(l.Content.Value, inventory.ContentMalicious) {
			out.Add(maliciousHit(res, "", fmt.Sprintf("Layer %s (used by %s)", res.Name, layerUsers(inv, l.ARN)), m))
		}
	}
}

func maliciousHit(res finding.Resource, fn, subject string, m inventory.ContentMatch) Hit {
	return Hit{
		Resource: res,
		Function: fn,
		Instance: where(m) + "#" + m.Rule,
		Severity: At(finding.Severity(m.Severity)),
		Message:  fmt.Sprintf("%s contains a %s in %s.", subject, m.Description, where(m)),
		Evidence: []string{"file: " + where(m), "marker: " + m.Preview, "detector: " + m.Rule},
	}
}
