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
			ID:       "LAMBDA-SUP-004",
			Title:    "No code signing for a zip-packaged function",
			Severity: finding.Medium,
			Category: "supply-chain",
			Description: "Without a code-signing configuration Lambda accepts any deployment package from anyone allowed to call UpdateFunctionCode: " +
				"a leaked CI credential or an over-broad role is enough to replace the function's code, and nothing proves the code came from your build. " +
				"With one set to Enforce, Lambda rejects packages not signed by an allowed AWS Signer profile, or signed with a revoked or expired one. " +
				"Code signing applies to .zip packages (and the layers they use); container-image functions are not reported here, since Lambda does not support it for them: " +
				"LAMBDA-SUP-006 checks their images instead.",
			Remediation: "Create a signing profile and a code-signing config and attach it: `aws signer put-signing-profile --profile-name NAME --platform-id AWSLambda-SHA384-ECDSA`; " +
				"`aws lambda create-code-signing-config --allowed-publishers SigningProfileVersionArns=PROFILE_VERSION_ARN --code-signing-policies UntrustedArtifactOnDeployment=Enforce`; " +
				"`aws lambda put-function-code-signing-config --function-name FUNCTION --code-signing-config-arn CSC_ARN`; sign each build with `aws signer start-signing-job` " +
				"(SAM: `AWS::Serverless::Function` `CodeSigningConfigArn` with `sam deploy --signing-profiles`; CloudFormation `AWS::Lambda::CodeSigningConfig`; " +
				"Terraform `aws_lambda_code_signing_config` and `code_signing_config_arn`).",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
				"https://docs.aws.amazon.com/signer/latest/developerguide/Welcome.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionCodeSigning},
		Check: ForEachFunction(checkNoCodeSigning),
	})
}

func checkNoCodeSigning(f *inventory.Function, out *Results) {
	if strings.EqualFold(f.PackageType, "Image") {
		return
	}
	res := FunctionResource(f)
	if !f.CodeSigningConfigARN.Known {
		out.Skip(res, fmt.Sprintf("%s was not collected for function %s", inventory.SecFunctionCodeSigning, f.Name))
		return
	}
	if f.CodeSigningConfigARN.Value != "" {
		return
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Message:  fmt.Sprintf("Function %s has no code-signing configuration, so Lambda deploys any package uploaded for it, signed or not.", f.Name),
		Evidence: []string{"get-function-code-signing-config: CodeSigningConfigArn is empty", "PackageType: Zip"},
		Remediation: fmt.Sprintf("Attach a code-signing config that enforces signatures: `aws lambda put-function-code-signing-config --function-name %s --code-signing-config-arn CSC_ARN%s` "+
			"(create one with `aws lambda create-code-signing-config --allowed-publishers SigningProfileVersionArns=PROFILE_VERSION_ARN --code-signing-policies UntrustedArtifactOnDeployment=Enforce`; "+
			"SAM/CloudFormation `CodeSigningConfigArn`, Terraform `code_signing_config_arn`), then deploy a package signed with `aws signer start-signing-job`.", f.Name, regionFlag(f)),
	})
}
