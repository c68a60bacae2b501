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
			ID:       "LAMBDA-EXP-003",
			Title:    "Resource policy allows anyone to invoke",
			Severity: finding.Critical,
			Category: "exposure",
			Description: "A resource-policy statement that grants lambda:InvokeFunction (or InvokeAsync, or InvokeFunctionUrl for an AWS_IAM function URL) to \"*\" " +
				"without a condition that narrows the caller lets every AWS account in the world run the function: the caller signs with its own credentials, which anyone can create. " +
				"Attackers can feed it crafted input, drive up its cost and concurrency, and use whatever its execution role can reach. " +
				"Public grants that only serve a function URL with AuthType NONE are reported by LAMBDA-EXP-001, grants of more than invocation by LAMBDA-EXP-006.",
			Remediation: "Remove the statement (`aws lambda remove-permission --function-name FUNCTION --statement-id SID`) and grant the callers that need it by name: " +
				"an account or role as `--principal`, a whole organization with `--principal '*' --principal-org-id o-…`, a service with `--source-arn` and `--source-account` " +
				"(CloudFormation `AWS::Lambda::Permission` `Principal`/`PrincipalOrgID`/`SourceArn`; Terraform `aws_lambda_permission` `principal`/`principal_org_id`/`source_arn`).",
			Compliance: []string{"AWS FSBP Lambda.1", "MITRE ATT&CK T1190"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionPolicies, inventory.SecFunctionURLs},
		Check: forEachFunctionGrants(checkPublicInvoke),
	})
}

func checkPublicInvoke(f *inventory.Function, grants []iam.Grant, out *Results) {
	var reported []iam.Grant
	var notes []string
	sev := finding.Info
	for _, g := range grants {
		if !g.Public() || grantsMoreThanInvoke(g) {
			continue
		}
		s, note, report := ratePublicInvoke(f, g, grants)
		if !report {
			continue
		}
		reported = append(reported, g)
		sev = max(sev, s)
		if note != "" && !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
	}
	if len(reported) == 0 {
		return
	}
	msg := fmt.Sprintf("The resource policy of %s lets anyone invoke it (%s)", f.Name, statementLabels(reported))
	if len(notes) > 0 {
		msg += ": " + strings.Join(notes, "; ")
	}
	out.Add(Hit{
		Resource:    FunctionResource(f),
		Function:    f.Key(),
		Severity:    At(sev),
		Message:     msg + ".",
		Evidence:    grantEvidence(reported),
		Remediation: "Remove the public statements and grant named callers instead: " + removePermissionCommands(f, reported) + ".",
	})
}

// ratePublicInvoke judges one public invocation grant. Grants that only serve
// the function URL depend on the URL: with AuthType NONE they are EXP-001's,
// without a URL (or for the other auth type) they are dormant leftovers.
func ratePublicInvoke(f *inventory.Function, g iam.Grant, grants []iam.Grant) (sev finding.Severity, note string, report bool) {
	if !g.URLOnly() {
		return finding.Critical, "any AWS account can call the Invoke API on it", true
	}
	auth, known := urlAuthType(f)
	switch {
	case !known:
		return finding.Critical, "the grant serves the function URL, whose configuration was not collected", true
	case auth == "":
		return finding.Low, "the grant serves a function URL, but the function has none; creating one would expose it", true
	case !g.AppliesToURL(auth):
		return finding.Low, fmt.Sprintf("the grant only holds for a %s function URL and this one is %s; changing the auth type would expose it", g.URLAuthType, auth), true
	case auth == "NONE":
		return 0, "", false // LAMBDA-EXP-001 reports the open URL.
	}
	url, invoke := publicURLGrants(grants, auth)
	if len(url) > 0 && len(invoke) > 0 {
		return finding.Critical, "any AWS account can call its AWS_IAM function URL with its own signed requests", true
	}
	return finding.High, "any AWS account can sign requests to its AWS_IAM function URL, which AWS lets through once lambda:InvokeFunctionUrl and lambda:InvokeFunction are both granted; one of them is missing", true
}
