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
			ID:       "LAMBDA-IAM-006",
			Title:    "Execution role can write or change permissions on every resource",
			Severity: finding.Medium,
			Category: "iam",
			Description: "The execution role may perform Write or Permissions-management actions (as AWS's Service Authorization Reference classes them) " +
				"on every resource of their kind rather than on the resources the function uses: delete any object, publish to any topic, " +
				"change any bucket or key policy. High for Permissions management, medium for Write. " +
				"Not reported here: what every function needs (its logs, X-Ray, the network interfaces of VPC access), " +
				"credential actions (LAMBDA-IAM-004), data reads such as kms:Decrypt (LAMBDA-IAM-005), Lambda changes (LAMBDA-IAM-011), escalation steps (LAMBDA-IAM-003), " +
				"actions granted only by a service-wide wildcard (LAMBDA-IAM-002), and roles with administrator access (LAMBDA-IAM-001).",
			Remediation: "Name the resources in `Resource` (the topic, queue, table or bucket prefix the function writes) and drop actions it never calls. " +
				"Apply with `aws iam put-role-policy` (inline) or `aws iam create-policy-version --set-as-default` (customer managed); " +
				"CloudFormation/SAM `Policies`, Terraform `aws_iam_role_policy` / `aws_iam_policy_document` `resources`.",
			Compliance: []string{"MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkUnconstrainedWrite),
	})
}

// reportedElsewhere holds the actions other IAM rules report.
func reportedElsewhere() map[string]bool {
	m := map[string]bool{}
	for _, c := range credentialActions {
		m[strings.ToLower(c.action)] = true
	}
	for _, a := range lambdaModifyActions {
		m[strings.ToLower(a)] = true
	}
	for _, me := range iam.EscalationMethods() {
		for _, s := range me.Steps {
			m[strings.ToLower(s.Action)] = true
		}
	}
	for _, d := range dataReadActions {
		m[strings.ToLower(d.pattern)] = true
	}
	for _, a := range lambdaBaseline {
		m[strings.ToLower(a)] = true
	}
	return m
}

func checkUnconstrainedWrite(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	if adminLevel(eff) == iam.Allowed {
		return
	}
	skip := reportedElsewhere()
	var perms []iam.Permission
	high := false
	for _, p := range eff.Permissions {
		if p.Decision != iam.Allowed || !p.Broad || skip[p.Action.Key()] || onlyByServiceWildcard(p) {
			continue
		}
		switch p.Action.Access {
		case catalog.PermissionsManagement:
			high = true
		case catalog.Write:
		default:
			continue
		}
		perms = append(perms, p)
	}
	if len(perms) == 0 {
		return
	}
	hit := Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Message: fmt.Sprintf("Function %s runs as role %s, which can write or change permissions on every resource of its kind: %s.",
			f.Name, role.Name, actionNames(perms)),
		Evidence: permissionEvidence(broadOnly(perms)),
	}
	if high {
		hit.Severity = At(finding.High)
	}
	out.Add(hit)
}

// onlyByServiceWildcard reports whether every statement granting p does so
// through a service-wide wildcard, which LAMBDA-IAM-002 reports.
func onlyByServiceWildcard(p iam.Permission) bool {
	for _, g := range p.Grants {
		if g.NotAction {
			return false
		}
		via := false
		for _, a := range g.Actions {
			if _, ok := serviceWildcard(a); ok && iam.MatchAction(a, p.Action.String()) {
				via = true
			}
		}
		if !via {
			return false
		}
	}
	return true
}
