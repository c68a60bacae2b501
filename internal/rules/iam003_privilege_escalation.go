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
			ID:       "LAMBDA-IAM-003",
			Title:    "Privilege-escalation path reachable from the execution role",
			Severity: finding.Critical,
			Category: "iam",
			Description: "The execution role can use a published privilege-escalation method: rewrite or attach IAM policies (to itself or others), " +
				"create credentials for users, rewrite a trust policy, assume a more powerful role whose trust policy admits it (the account root or this role), pass a role to a new compute resource it controls (EC2, Lambda, Glue, " +
				"CloudFormation, Data Pipeline, CodeBuild, SageMaker, ECS), change the code or layers of other functions, or run commands on instances. " +
				"Code running in the function can then gain permissions it was never given. " +
				"Each step is checked against the role's policies as AWS evaluates them (Deny statements, permissions boundary, NotAction, " +
				"grants split across policies, conditions such as iam:PassedToService) and on the resources the step needs " +
				"(a customer-managed policy, a role of the account; AWS managed policies cannot be changed). " +
				"Critical when every step is allowed; high when a step depends on a condition the scan cannot judge. " +
				"Roles with full administrator access are reported by LAMBDA-IAM-001 instead.",
			Remediation: "Remove the action that enables the method from the role (the finding names it and the statement that grants it), " +
				"or limit it: iam:PassRole to named roles with an `iam:PassedToService` condition, and no IAM write actions at all. " +
				"Apply with `aws iam put-role-policy` / `aws iam create-policy-version --set-as-default`, or in CloudFormation/SAM `Policies` and Terraform `aws_iam_role_policy`. " +
				"A permissions boundary that allows no IAM writes (`aws iam put-role-permissions-boundary`) closes most methods at once.",
			Compliance: []string{"MITRE ATT&CK T1098.003", "MITRE ATT&CK T1098.001", "MITRE ATT&CK T1078.004"},
			References: []string{
				"https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: checkPrivilegeEscalation,
	})
}

// checkPrivilegeEscalation analyses each role once, however many functions
// share it: the analysis walks every role of the account, so doing it per
// function would cost functions × roles.
func checkPrivilegeEscalation(inv *inventory.Inventory, out *Results) {
	byRole := map[*inventory.Role]*roleEscalation{}
	forEachFunctionRole(true, func(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
		esc, ok := byRole[role]
		if !ok {
			esc = escalationOf(role, eff, f.Account)
			byRole[role] = esc
		}
		if esc == nil {
			return
		}
		out.Add(Hit{
			Resource: roleResource(f),
			Function: f.Key(),
			Severity: At(esc.severity),
			Message: fmt.Sprintf("Function %s runs as role %s, which can escalate its privileges: %s.",
				f.Name, role.Name, strings.Join(esc.names, "; ")),
			Evidence:    esc.evidence,
			Remediation: "In role " + role.Name + ": " + strings.Join(esc.fixes, " "),
		})
	})(inv, out)
}

// roleEscalation is what IAM-003 reports about one role.
type roleEscalation struct {
	severity               finding.Severity
	names, evidence, fixes []string
}

// escalationOf finds the escalation paths of a role; nil when there is none
// (or the role is an administrator already, which IAM-001 reports).
func escalationOf(role *inventory.Role, eff *iam.Effective, acct *inventory.Account) *roleEscalation {
	if adminLevel(eff) == iam.Allowed {
		return nil
	}
	var self []string
	for _, o := range role.Functions {
		self = append(self, o.ARN)
	}
	paths := iam.Escalations(eff.Principal, role.AccountID, self)
	esc := &roleEscalation{severity: finding.High}
	if acct != nil {
		for _, a := range strongerAssumable(eff, role, acct) {
			if a.Decision == iam.Allowed {
				esc.severity = finding.Critical
			}
			name := "Assume role " + a.Role.Name + ", which has permissions this role lacks"
			if a.Decision == iam.Conditional {
				name += " (under conditions)"
			}
			esc.names = append(esc.names, name)
			var labels []string
			for _, g := range a.Grants {
				labels = append(labels, g.String())
			}
			esc.evidence = append(esc.evidence, fmt.Sprintf("sts-assume-role %s: the trust policy of %s admits %s; sts:AssumeRole: %s", a.Role.Name, a.Role.Name, role.Name, strings.Join(labels, "; ")))
			esc.fixes = append(esc.fixes, "sts-assume-role: limit sts:AssumeRole to the roles the function must assume, and trust named roles rather than the account root in "+a.Role.Name+"'s trust policy.")
		}
	}
	if len(paths) == 0 && len(esc.names) == 0 {
		return nil
	}
	for _, p := range paths {
		if p.Decision == iam.Allowed {
			esc.severity = finding.Critical
		}
		name := p.Method.Name
		if p.Decision == iam.Conditional {
			name += " (under conditions)"
		}
		esc.names = append(esc.names, name)
		for i, grants := range p.Steps {
			var labels []string
			for _, g := range grants {
				labels = append(labels, g.String())
			}
			esc.evidence = append(esc.evidence, fmt.Sprintf("%s step %d, %s: %s", p.Method.ID, i+1, p.Method.Steps[i].Action, strings.Join(labels, "; ")))
		}
		esc.fixes = append(esc.fixes, p.Method.ID+": "+p.Method.Fix)
	}
	return esc
}

// strongerAssumable returns the roles of the account that role can assume
// and that can do something it cannot (one allowed action it lacks). Roles
// whose permissions are not known are left out.
func strongerAssumable(eff *iam.Effective, role *inventory.Role, acct *inventory.Account) []iam.Assumable {
	var out []iam.Assumable
	for _, a := range iam.AssumableRoles(eff.Principal, role, acct) {
		teff, err := iam.RoleEffective(a.Role)
		if err != nil {
			continue
		}
		for _, p := range teff.Permissions {
			if _, ok := eff.Get(p.Action.String()); !ok && p.Decision == iam.Allowed {
				out = append(out, a)
				break
			}
		}
	}
	return out
}
