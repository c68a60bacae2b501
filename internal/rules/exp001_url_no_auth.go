package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-EXP-001",
			Title:    "Function URL without authentication",
			Severity: finding.Critical,
			Category: "exposure",
			Description: "A function URL with AuthType NONE is a public HTTPS endpoint that authenticates no one: " +
				"Lambda lets a request through as soon as the resource policy grants access to everyone. " +
				"When it does, anyone on the internet can run the function, feed it any input, run up its cost and reach whatever its role can reach. " +
				"Without such a grant the URL answers 403 Forbidden, but a single public add-permission opens it, so the missing authentication is still worth fixing.",
			Remediation: "Require signed requests: `aws lambda update-function-url-config --function-name FUNCTION --auth-type AWS_IAM` " +
				"(CloudFormation `AWS::Lambda::Url` `AuthType: AWS_IAM`; Terraform `aws_lambda_function_url` `authorization_type = \"AWS_IAM\"`), " +
				"and put CloudFront with origin access control in front if browsers must reach it. " +
				"If the URL is not needed, delete it (`aws lambda delete-function-url-config --function-name FUNCTION`) and its public statements " +
				"(`aws lambda remove-permission --function-name FUNCTION --statement-id SID`). " +
				"An endpoint that must stay public has to authenticate and throttle callers itself (and should have reserved concurrency).",
			Compliance: []string{"AWS FSBP Lambda.1", "MITRE ATT&CK T1190"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionUrlConfig.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionURLs, inventory.SecFunctionPolicies},
		Check: checkURLNoAuth,
	})
}

// conditionalURLGrants returns the grants of lambda:InvokeFunctionUrl to "*"
// that a source condition (IP, VPC) narrows: they still admit
// unauthenticated requests that match.
func conditionalURLGrants(grants []iam.Grant) []iam.Grant {
	var out []iam.Grant
	for _, g := range grants {
		if g.Reach == iam.ReachConditional && g.AppliesToURL("NONE") && slices.ContainsFunc(g.Actions, func(a string) bool { return strings.EqualFold(a, iam.InvokeFunctionURL) }) {
			out = append(out, g)
		}
	}
	return out
}

func checkURLNoAuth(inv *inventory.Inventory, out *Results) {
	for _, f := range inv.Functions {
		auth, known := urlAuthType(f)
		if !known {
			out.Skip(FunctionResource(f), "the function URL configuration was not collected (lambda get-function-url-config)")
			continue
		}
		if auth != "NONE" {
			continue
		}
		u := f.URL.Value.URL
		hit := Hit{Resource: FunctionResource(f), Function: f.Key()}
		grants, ok := functionGrants(inv, f)
		url, invoke := publicURLGrants(grants, "NONE")
		hit.Evidence = grantEvidence(append(url, invoke...))
		switch {
		case !ok:
			hit.Severity = At(finding.High)
			hit.Message = fmt.Sprintf("Function URL %s of %s has AuthType NONE; its resource policy was not collected, so whether anyone can call it now is unknown.", u, f.Name)
		case len(url) > 0 && len(invoke) > 0:
			hit.Message = fmt.Sprintf("Anyone on the internet can invoke %s through %s: the URL has AuthType NONE and the resource policy grants public access (%s).", f.Name, u, statementLabels(append(url, invoke...)))
			hit.Remediation = fmt.Sprintf("Require IAM auth (`aws lambda update-function-url-config --function-name %s --auth-type AWS_IAM%s`) or delete the URL, then remove the public statements: %s.", f.Name, regionFlag(f), removePermissionCommands(f, append(url, invoke...)))
		case len(url) > 0:
			hit.Severity = At(finding.High)
			hit.Message = fmt.Sprintf("Function URL %s of %s has AuthType NONE and its resource policy grants lambda:InvokeFunctionUrl to everyone (%s) but not lambda:InvokeFunction. "+
				"AWS now requires both, so the URL answers 403 unless the account still has AWS's transition exception; one more statement makes it public.", u, f.Name, statementLabels(url))
			hit.Remediation = fmt.Sprintf("Require IAM auth (`aws lambda update-function-url-config --function-name %s --auth-type AWS_IAM%s`) or delete the URL, and remove the public statement: %s.", f.Name, regionFlag(f), removePermissionCommands(f, url))
		default:
			hit.Severity = At(finding.Medium)
			hit.Message = fmt.Sprintf("Function URL %s of %s has AuthType NONE, so it authenticates no caller. "+
				"The resource policy grants no public access, so it answers 403 Forbidden today, but a single public add-permission would open it to anyone.", u, f.Name)
			if narrowed := conditionalURLGrants(grants); len(narrowed) > 0 {
				hit.Message += fmt.Sprintf(" Statements %s let through unauthenticated requests that match their conditions.", statementLabels(narrowed))
				hit.Evidence = grantEvidence(narrowed)
			}
			hit.Remediation = fmt.Sprintf("Require IAM auth (`aws lambda update-function-url-config --function-name %s --auth-type AWS_IAM%s`), or delete the URL if nothing uses it (`aws lambda delete-function-url-config --function-name %s%s`).",
				f.Name, regionFlag(f), f.Name, regionFlag(f))
		}
		out.Add(hit)
	}
}
