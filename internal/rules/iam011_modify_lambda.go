package rules

import (
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-011",
			Title:    "Execution role can modify Lambda functions or layers",
			Severity: finding.High,
			Category: "iam",
			Description: "The execution role may change functions or layers: replace code, change configuration (layers, environment, role), " +
				"publish layer versions, open a function to other principals (AddPermission, function URLs) or create functions and triggers. " +
				"Code running in the function can plant itself in other functions or in its own next version (persistence) and move to other roles (lateral movement). " +
				"High when a grant reaches every function or layer; medium when it names some. Roles with administrator access are reported by LAMBDA-IAM-001 alone.",
			Remediation: "Execution roles should not deploy: remove these actions from the role and leave deployment to the CI/CD role " +
				"(`aws iam put-role-policy` / `aws iam detach-role-policy`; CloudFormation/SAM `Policies`, Terraform `aws_iam_role_policy`). " +
				"If a function must manage others, name them in `Resource` and enforce code signing (`aws lambda put-function-code-signing-config`).",
			Compliance: []string{"MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkModifyLambda),
	})
}

// lambdaModifyActions change what a function runs or who may call it.
var lambdaModifyActions = []string{
	"lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:CreateFunction",
	"lambda:PublishLayerVersion", "lambda:AddLayerVersionPermission", "lambda:AddPermission",
	"lambda:CreateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig", "lambda:CreateEventSourceMapping",
	"lambda:UpdateEventSourceMapping", "lambda:UpdateAlias", "lambda:PublishVersion",
	"lambda:DeleteFunctionCodeSigningConfig", "lambda:PutFunctionCodeSigningConfig",
}

func checkModifyLambda(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	if adminLevel(eff) == iam.Allowed {
		return
	}
	var perms []iam.Permission
	broad := false
	for _, a := range lambdaModifyActions {
		if p, ok := eff.Get(a); ok {
			perms = append(perms, p)
			broad = broad || (p.Broad && p.Decision == iam.Allowed)
		}
	}
	addRolePermissions(out, f, role, "modify Lambda functions or layers", perms, broad)
}
