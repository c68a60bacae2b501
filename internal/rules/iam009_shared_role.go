package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-009",
			Title:    "Execution role shared by several functions",
			Severity: finding.Low,
			Category: "iam",
			Description: "Several functions run with the same execution role, so each has the union of the permissions all of them need, " +
				"and a compromise of any one reaches what the others can. Per-function roles also make CloudTrail show which function did what. " +
				"Medium when the shared role can write or change permissions on every resource of some kind; low otherwise. " +
				"The functions counted are those in the scan.",
			Remediation: "Give each function its own role with only what it uses: create one role per function " +
				"(`aws iam create-role --role-name FUNCTION-role --assume-role-policy-document file://lambda-trust.json`, then " +
				"`aws lambda update-function-configuration --function-name FUNCTION --role arn:aws:iam::ACCOUNT:role/FUNCTION-role`). " +
				"SAM creates a role per function when `Role` is omitted; in Terraform, declare one `aws_iam_role` per `aws_lambda_function`.",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
				"https://docs.aws.amazon.com/lambda/latest/operatorguide/least-privilege.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(false, checkSharedRole),
	})
}

func checkSharedRole(f *inventory.Function, role *inventory.Role, _ *iam.Effective, out *Results) {
	if len(role.Functions) < 2 {
		return
	}
	var others []string
	for _, o := range role.Functions {
		if o != f {
			others = append(others, o.Name)
		}
	}
	hit := Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Message: fmt.Sprintf("Function %s shares its execution role %s with %d other function(s): %s.",
			f.Name, role.Name, len(others), strings.Join(others, ", ")),
		Evidence: []string{fmt.Sprintf("role %s is the execution role of %s", role.ARN, strings.Join(functionNames(role.Functions), ", "))},
	}
	// A role whose permissions are unknown stays low: the sharing itself is
	// certain, its weight is not.
	if eff, err := iam.RoleEffective(role); err == nil {
		for _, p := range eff.Permissions {
			if p.Broad && p.Decision == iam.Allowed && (p.Action.Access == catalog.Write || p.Action.Access == catalog.PermissionsManagement) && !everyLambdaNeeds(p.Action.String()) {
				hit.Severity = At(finding.Medium)
				hit.Evidence = append(hit.Evidence, "the role can "+p.Action.String()+" on every resource of its kind, among others")
				break
			}
		}
	}
	out.Add(hit)
}
