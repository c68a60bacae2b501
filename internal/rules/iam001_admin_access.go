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
			ID:       "LAMBDA-IAM-001",
			Title:    "Execution role grants full administrator access",
			Severity: finding.Critical,
			Category: "iam",
			Description: "The function's execution role may do nearly everything in the account: `\"Action\": \"*\"` on `\"Resource\": \"*\"`, " +
				"the AWS managed policy AdministratorAccess, or an Allow with NotAction that leaves out almost nothing, after Deny statements, " +
				"the permissions boundary and known SCPs are applied. Anyone who gets code to run in the function (a vulnerable dependency, " +
				"an injection, a stolen deployment credential) takes over the account. " +
				"The rule counts the role's effective permissions over the whole IAM action catalog and reports it when nearly all of them, " +
				"including the IAM actions that grant further permissions, are allowed on every resource. " +
				"Only the default version of a managed policy counts.",
			Remediation: "Replace the broad grant with a policy that lists the actions and resources the function uses " +
				"(`lambdasec policy suggest --function NAME --cloudtrail LOGS` proposes one): " +
				"`aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AdministratorAccess` and " +
				"`aws iam put-role-policy --role-name ROLE --policy-name least-privilege --policy-document file://policy.json` " +
				"(CloudFormation/SAM: `Policies` / `ManagedPolicyArns` of the role; Terraform: `aws_iam_role_policy`, remove the `aws_iam_role_policy_attachment`). " +
				"Where a broad role cannot be avoided yet, set a permissions boundary (`aws iam put-role-permissions-boundary`).",
			Compliance: []string{"AWS FSBP IAM.1", "CIS AWS Foundations v1.5.0 1.16", "MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkAdminAccess),
	})
}

// adminShare is the part of the action catalog a role must have on every
// resource to count as administrator. Below 1 so that an admin policy with
// a few carve-outs (NotAction on one service) still counts.
const adminShare = 0.9

// adminActions must all be allowed: with them a role can grant itself
// whatever a carve-out left out.
var adminActions = []string{"iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:CreatePolicyVersion", "iam:PassRole"}

// adminLevel reports whether eff amounts to administrator access:
// iam.Allowed when it does unconditionally, iam.Conditional when only
// under conditions, iam.Denied when not.
func adminLevel(eff *iam.Effective) iam.Decision {
	all, _ := catalog.Expand("*")
	if len(all) == 0 {
		return iam.Denied
	}
	level := iam.Allowed
	for _, a := range adminActions {
		p, ok := eff.Get(a)
		if !ok {
			return iam.Denied
		}
		level = min(level, p.Decision)
	}
	broad, any := 0, 0
	for _, p := range eff.Permissions {
		if p.Action.Access == "" {
			continue // not in the catalog
		}
		any++
		if p.Decision == iam.Allowed && p.Broad {
			broad++
		}
	}
	switch {
	case float64(broad) >= adminShare*float64(len(all)):
		return level
	case float64(any) >= adminShare*float64(len(all)):
		return iam.Conditional
	}
	return iam.Denied
}

func checkAdminAccess(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	level := adminLevel(eff)
	if level == iam.Denied {
		return
	}
	var perms []iam.Permission
	for _, a := range adminActions {
		if p, ok := eff.Get(a); ok {
			perms = append(perms, p)
		}
	}
	hit := Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Evidence: permissionEvidence(perms),
		Message: fmt.Sprintf("Function %s runs as role %s, which has administrator access to the account (%d actions allowed, granted by %s).",
			f.Name, role.Name, len(eff.Permissions), statementLabelsOf(perms)),
		Remediation: "Remove the administrator grant from role " + role.Name + ": " + detachCommands(role.Name, grantsOf(perms)) +
			", then grant only what " + f.Name + " uses (`lambdasec policy suggest --function " + f.Name + "`).",
	}
	if level == iam.Conditional {
		hit.Severity = At(finding.High)
		hit.Message = strings.Replace(hit.Message, "which has administrator access", "which has administrator access under conditions", 1)
	}
	out.Add(hit)
}

// grantsOf collects the statements behind permissions.
func grantsOf(perms []iam.Permission) []*iam.StatementRef {
	var out []*iam.StatementRef
	for _, p := range perms {
		out = append(out, p.Grants...)
	}
	return out
}
