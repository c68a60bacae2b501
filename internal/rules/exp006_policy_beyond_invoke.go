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
			ID:       "LAMBDA-EXP-006",
			Title:    "Resource policy allows more than invocation",
			Severity: finding.High,
			Category: "exposure",
			Description: "A function's resource policy exists to let callers run it. Granting anything else through it — lambda:*, UpdateFunctionCode, UpdateFunctionConfiguration, AddPermission, GetFunction — " +
				"lets the grantee replace the code, swap the role or environment, open the function further, or download the code and read its environment variables, " +
				"without any permission in your own IAM policies. It is a favourite persistence trick and hard to spot in the console. " +
				"Severity follows the grantee: critical for anyone, high for other accounts and services, medium inside the account or organization; one step lower when only reading is granted.",
			Remediation: "Remove the statement (`aws lambda remove-permission --function-name FUNCTION --statement-id SID`) and grant only lambda:InvokeFunction where invocation is needed " +
				"(CloudFormation `AWS::Lambda::Permission` `Action: lambda:InvokeFunction`; Terraform `aws_lambda_permission` `action`). " +
				"Manage the function through IAM policies of your own principals, and for other accounts through roles they assume.",
			Compliance: []string{"AWS FSBP Lambda.1", "MITRE ATT&CK T1648"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
				"https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionPolicies},
		Check: forEachFunctionGrants(checkPolicyBeyondInvoke),
	})
}

func checkPolicyBeyondInvoke(f *inventory.Function, grants []iam.Grant, out *Results) {
	var reported []iam.Grant
	var lines []string
	sev := finding.Info
	for _, g := range grants {
		other := g.OtherActions()
		if len(other) == 0 {
			continue
		}
		reported = append(reported, g)
		sev = max(sev, beyondInvokeSeverity(g, other))
		what := iam.SummarizeActions(other)
		if iam.AllFunctionActions(g.Actions) {
			what = iam.SummarizeActions(g.Actions)
		}
		lines = append(lines, fmt.Sprintf("%s to %s", what, grantee(g)))
	}
	if len(reported) == 0 {
		return
	}
	out.Add(Hit{
		Resource:    FunctionResource(f),
		Function:    f.Key(),
		Severity:    At(sev),
		Message:     fmt.Sprintf("The resource policy of %s grants more than invocation (%s): %s.", f.Name, statementLabels(reported), strings.Join(lines, "; ")),
		Evidence:    grantEvidence(reported),
		Remediation: "Remove these statements and grant lambda:InvokeFunction alone where invocation is needed: " + removePermissionCommands(f, reported) + ".",
	})
}

// beyondInvokeSeverity grades a grant by who gets it, one step lower when it
// only reads.
func beyondInvokeSeverity(g iam.Grant, other []string) finding.Severity {
	var sev finding.Severity
	switch g.Reach {
	case iam.ReachPublic:
		sev = finding.Critical
	case iam.ReachOwner, iam.ReachTrusted:
		sev = finding.Medium
	default:
		sev = finding.High
	}
	for _, a := range other {
		if !iam.IsReadOnlyAction(a) {
			return sev
		}
	}
	return sev - 1
}

// grantee names who a grant is for, in words.
func grantee(g iam.Grant) string {
	switch {
	case g.NotPrincipal:
		return "everyone except " + strings.Join(g.Except, ", ")
	case g.Reach == iam.ReachPublic:
		return "anyone"
	case g.Kind == iam.OrganizationPrincipal:
		return "organization " + g.Organization
	case g.Kind == iam.AccountPrincipal && g.Principal == "*":
		return "account " + g.Account
	case g.Reach == iam.ReachConditional:
		return "anyone matching its conditions"
	}
	return g.Principal
}
