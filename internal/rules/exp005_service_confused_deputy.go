package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-EXP-005",
			Title:    "Service-principal permission without SourceArn/SourceAccount (confused deputy)",
			Severity: finding.Medium,
			Category: "exposure",
			Description: "Granting a service such as s3.amazonaws.com or sns.amazonaws.com lets that service invoke the function on behalf of any customer, " +
				"so another account can point its own bucket, topic or rule at the function and make the service call it with input of their choosing (the confused deputy problem). " +
				"AWS asks for aws:SourceArn or aws:SourceAccount on every service grant (lambda:EventSourceToken for Alexa); SourceAccount alone already keeps other accounts out. " +
				"S3 is the one case where SourceArn is not enough: bucket ARNs carry no account and a deleted bucket's name can be taken by anyone, so S3 grants also need SourceAccount.",
			Remediation: "Replace the statement with one tied to the source: `aws lambda remove-permission --function-name FUNCTION --statement-id SID` then " +
				"`aws lambda add-permission --function-name FUNCTION --statement-id SID --action lambda:InvokeFunction --principal SERVICE --source-arn RESOURCE_ARN --source-account ACCOUNT` " +
				"(CloudFormation `AWS::Lambda::Permission` `SourceArn` and `SourceAccount`; Terraform `aws_lambda_permission` `source_arn` and `source_account`).",
			Compliance: []string{"AWS FSBP Lambda.1"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionPolicies},
		Check: forEachFunctionGrants(checkServiceConfusedDeputy),
	})
}

func checkServiceConfusedDeputy(f *inventory.Function, grants []iam.Grant, out *Results) {
	var reported []iam.Grant
	var unprotected []string
	bucketOnly := false
	for _, g := range grants {
		if g.Service() == "" || grantsMoreThanInvoke(g) {
			continue
		}
		switch {
		case !g.ConfusedDeputyProtected:
			unprotected = append(unprotected, g.Principal)
		case strings.EqualFold(g.Service(), "s3.amazonaws.com") && g.Account == "":
			bucketOnly = true
		default:
			continue
		}
		reported = append(reported, g)
	}
	if len(reported) == 0 {
		return
	}
	hit := Hit{
		Resource: FunctionResource(f),
		Function: f.Key(),
		Evidence: grantEvidence(reported),
		Remediation: "Tie each service grant to its source: " + removePermissionCommands(f, reported) +
			"; then add it back with `--source-arn` and `--source-account` (`aws lambda add-permission --function-name " + f.Name + " …`).",
	}
	if len(unprotected) > 0 {
		hit.Message = fmt.Sprintf("The resource policy of %s lets %s invoke it for any customer's resources (%s): no aws:SourceArn or aws:SourceAccount condition.",
			f.Name, strings.Join(unprotected, ", "), statementLabels(reported))
		if bucketOnly {
			hit.Message += " S3 grants tied to a bucket by name only also need aws:SourceAccount."
		}
	} else {
		hit.Severity = At(finding.Low)
		hit.Message = fmt.Sprintf("The resource policy of %s ties Amazon S3 to a bucket by name only (%s): add aws:SourceAccount, since a deleted bucket's name can be registered by another account.",
			f.Name, statementLabels(reported))
	}
	out.Add(hit)
}
