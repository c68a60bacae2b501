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
			ID:       "LAMBDA-EXP-004",
			Title:    "Resource policy grants access to other accounts",
			Severity: finding.High,
			Category: "exposure",
			Description: "A statement that names another AWS account, a role or user in it, another organization, " +
				"or a service acting for another account's resources lets whoever controls that account invoke the function with input of their choosing. " +
				"Accounts of the owner's organization and accounts scanned together with it are trusted and not reported. " +
				"When the organization's member list was not collected, other accounts are reported at lower severity because they may well be members. " +
				"Grants of more than invocation are reported by LAMBDA-EXP-006 instead.",
			Remediation: "Remove grants that are no longer needed (`aws lambda remove-permission --function-name FUNCTION --statement-id SID`). " +
				"For partners that must stay, grant a specific role rather than the account root and review it regularly; " +
				"for your own accounts, prefer `--principal '*' --principal-org-id o-…` (CloudFormation `AWS::Lambda::Permission` `PrincipalOrgID`; Terraform `aws_lambda_permission` `principal_org_id`). " +
				"Collect organizations/describe-organization and organizations/list-accounts so members are recognised.",
			Compliance: []string{"MITRE ATT&CK T1199"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-organization.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
			},
		},
		// Organization data is optional: without it other accounts are
		// reported at lower severity rather than not assessed.
		Needs: []inventory.Section{inventory.SecFunctionPolicies},
		Check: forEachFunctionGrants(checkCrossAccount),
	})
}

func checkCrossAccount(f *inventory.Function, grants []iam.Grant, out *Results) {
	var reported []iam.Grant
	var outside, unknown []string
	for _, g := range grants {
		if !g.CrossAccount() || grantsMoreThanInvoke(g) {
			continue
		}
		reported = append(reported, g)
		who := g.Account
		if g.Kind == iam.OrganizationPrincipal {
			who = "organization " + g.Organization
		}
		if g.Kind == iam.ServicePrincipal {
			who = g.Principal + " for account " + g.Account
		}
		switch {
		case g.Reach == iam.ReachExternal && !slices.Contains(outside, who):
			outside = append(outside, who)
		case g.Reach == iam.ReachUnknown && !slices.Contains(unknown, who):
			unknown = append(unknown, who)
		}
	}
	if len(reported) == 0 {
		return
	}
	hit := Hit{
		Resource:    FunctionResource(f),
		Function:    f.Key(),
		Evidence:    grantEvidence(reported),
		Remediation: "Remove the grants that are not needed: " + removePermissionCommands(f, reported) + ".",
	}
	var parts []string
	if len(outside) > 0 {
		parts = append(parts, "outside its organization: "+strings.Join(outside, ", "))
	}
	if len(unknown) > 0 {
		parts = append(parts, "that may or may not belong to its organization, whose members were not collected: "+strings.Join(unknown, ", "))
		if len(outside) == 0 {
			hit.Severity = At(finding.Medium)
		}
	}
	hit.Message = fmt.Sprintf("The resource policy of %s lets other accounts invoke it (%s), %s.", f.Name, statementLabels(reported), strings.Join(parts, "; and "))
	out.Add(hit)
}
