package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SUP-005",
			Title:    "Code signing set to Warn, or trusting signing profiles outside the allowlist",
			Severity: finding.Medium,
			Category: "supply-chain",
			Description: "A code-signing configuration whose UntrustedArtifactOnDeployment is Warn only logs a CloudWatch metric and a CloudTrail entry when an unsigned or wrongly signed package is deployed, " +
				"and deploys it anyway: it proves nothing about the code that runs. " +
				"When lambdasec.yaml lists trusted_signing_profiles, a configuration that allows any other signing profile is reported too, " +
				"because whoever can sign with that profile can ship code to the function.",
			Remediation: "Switch the configuration to Enforce once every deployment is signed: `aws lambda update-code-signing-config --code-signing-config-arn CSC_ARN " +
				"--code-signing-policies UntrustedArtifactOnDeployment=Enforce` (CloudFormation `AWS::Lambda::CodeSigningConfig` `CodeSigningPolicies`; " +
				"Terraform `aws_lambda_code_signing_config` `policies { untrusted_artifact_on_deployment = \"Enforce\" }`). " +
				"Remove signing profiles you do not control from `--allowed-publishers SigningProfileVersionArns=…`, or add them to `trusted_signing_profiles` if they are yours.",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_CodeSigningPolicies.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionCodeSigning, inventory.SecCodeSigningConfigs},
		Check: func(inv *inventory.Inventory, out *Results) {
			for _, f := range inv.Functions {
				checkWeakCodeSigning(inv.Settings.TrustedSigningProfiles, f, out)
			}
		},
	})
}

func checkWeakCodeSigning(allow []string, f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	if !f.CodeSigningConfigARN.Known {
		out.Skip(res, fmt.Sprintf("%s was not collected for function %s", inventory.SecFunctionCodeSigning, f.Name))
		return
	}
	arn := f.CodeSigningConfigARN.Value
	if arn == "" {
		return // no configuration at all: LAMBDA-SUP-004
	}
	c := f.CodeSigning
	if c == nil {
		out.Skip(res, fmt.Sprintf("the code-signing config %s of function %s was not collected (%s)", arn, f.Name, inventory.SecCodeSigningConfigs))
		return
	}
	if strings.EqualFold(c.UntrustedArtifactOnDeployment, "Warn") {
		out.Add(Hit{
			Resource: res,
			Function: f.Key(),
			Instance: "Warn",
			Message:  fmt.Sprintf("Function %s uses code-signing config %s in Warn mode, so Lambda deploys unsigned or wrongly signed code and only logs it.", f.Name, c.ID),
			Evidence: []string{fmt.Sprintf("%s: CodeSigningPolicies.UntrustedArtifactOnDeployment = %s", c.ARN, c.UntrustedArtifactOnDeployment)},
			Remediation: fmt.Sprintf("Once every deployment of the functions using it is signed: `aws lambda update-code-signing-config --code-signing-config-arn %s "+
				"--code-signing-policies UntrustedArtifactOnDeployment=Enforce` (CloudFormation `CodeSigningPolicies.UntrustedArtifactOnDeployment: Enforce`; "+
				"Terraform `untrusted_artifact_on_deployment = \"Enforce\"`).", c.ARN),
		})
	}
	if allow == nil {
		return
	}
	var foreign []string
	for _, p := range c.AllowedPublishers {
		if !signingProfileAllowed(allow, p) {
			foreign = append(foreign, p)
		}
	}
	if len(foreign) == 0 {
		return
	}
	ev := make([]string, 0, len(foreign))
	for _, p := range foreign {
		ev = append(ev, fmt.Sprintf("%s: AllowedPublishers.SigningProfileVersionArns includes %s, not in trusted_signing_profiles", c.ARN, p))
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Instance: "allowed-publishers",
		Message:  fmt.Sprintf("Function %s accepts code signed by %d signing profile(s) outside trusted_signing_profiles (code-signing config %s).", f.Name, len(foreign), c.ID),
		Evidence: ev,
		Remediation: fmt.Sprintf("Allow only your own profiles: `aws lambda update-code-signing-config --code-signing-config-arn %s --allowed-publishers SigningProfileVersionArns=TRUSTED_ARN,…` "+
			"(CloudFormation `AllowedPublishers`; Terraform `allowed_publishers { signing_profile_version_arns = [...] }`), or add the profile to `trusted_signing_profiles` in lambdasec.yaml.", c.ARN),
	})
}

// signingProfileAllowed reports whether a signing profile version ARN is on
// the allowlist, which may name the version ARN or the profile ARN (every
// version of the profile).
func signingProfileAllowed(allow []string, versionARN string) bool {
	return slices.ContainsFunc(allow, func(a string) bool {
		a = strings.TrimSuffix(a, "/")
		return a == versionARN || strings.HasPrefix(versionARN, a+"/")
	})
}
