package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// The IAM rules report one finding per function and rule, on the function's
// execution role: Resource is the role and Function the function, so
// reports group a role's problems under every function that runs with it.
// A role that cannot be judged is reported as not assessed once.

// roleResource describes a function's execution role as a finding resource.
func roleResource(f *inventory.Function) finding.Resource {
	res := finding.Resource{ARN: f.RoleARN, Type: "AWS::IAM::Role", Name: roleNameOf(f.RoleARN)}
	if f.Role != nil {
		res.ARN, res.Name = f.Role.ARN, f.Role.Name
		if f.Role.Source != nil {
			res.File, res.Line, res.LogicalID = f.Role.Source.File, f.Role.Source.Line, f.Role.Source.LogicalID
		}
	}
	if f.Account != nil {
		res.Account = f.Account.ID
	}
	return res
}

// roleNameOf returns the last path segment of a role ARN.
func roleNameOf(arn string) string {
	if i := strings.LastIndex(arn, "/"); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// roleCheck is what an IAM rule does for one function whose role is known.
// eff is nil for rules that do not need the effective permissions.
type roleCheck func(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results)

// forEachFunctionRole runs check for every function whose role was
// collected, and reports the rest as not assessed. needsEffective makes a
// role with an uncollected managed policy not assessed too.
func forEachFunctionRole(needsEffective bool, check roleCheck) func(*inventory.Inventory, *Results) {
	return func(inv *inventory.Inventory, out *Results) {
		skippedRoles := map[string]bool{}
		skip := func(f *inventory.Function, reason string) {
			res := roleResource(f)
			if !skippedRoles[res.Key()] {
				skippedRoles[res.Key()] = true
				out.Skip(res, reason)
			}
		}
		for _, f := range inv.Functions {
			switch {
			case f.RoleARN == "" && f.Role == nil:
				out.Skip(FunctionResource(f), fmt.Sprintf("function %s names no execution role", f.Name))
				continue
			case f.Role == nil && (f.Account == nil || !f.Account.Collected[inventory.SecIAM]):
				acct := "of the function"
				if f.Account != nil {
					acct = f.Account.ID
				}
				skip(f, fmt.Sprintf("%s was not collected for account %s", inventory.SecIAM, acct))
				continue
			case f.Role == nil:
				skip(f, fmt.Sprintf("role %s of function %s is not in the collected IAM data", f.RoleARN, f.Name))
				continue
			}
			var eff *iam.Effective
			if needsEffective {
				var err error
				if eff, err = iam.RoleEffective(f.Role); err != nil {
					skip(f, err.Error())
					continue
				}
			}
			check(f, f.Role, eff, out)
		}
	}
}

// permissionEvidence lists the statements behind a set of permissions, each
// once, in a stable order.
func permissionEvidence(perms []iam.Permission) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range perms {
		for _, g := range p.Grants {
			s := g.String()
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// broadOnly keeps, of each permission, the unconditional grants that reach
// every resource of a kind: the statements to fix for rules about "*".
func broadOnly(perms []iam.Permission) []iam.Permission {
	out := make([]iam.Permission, len(perms))
	for i, p := range perms {
		out[i] = p
		out[i].Grants = nil
		for _, g := range p.Grants {
			if iam.BroadGrant(g) {
				out[i].Grants = append(out[i].Grants, g)
			}
		}
	}
	return out
}

// actionNames writes permissions' actions for a message, the first few and
// a count.
func actionNames(perms []iam.Permission) string {
	names := make([]string, len(perms))
	for i, p := range perms {
		names[i] = p.Action.String()
	}
	return iam.SummarizeActions(names)
}

// statementLabelsOf names the statements behind permissions for a message.
func statementLabelsOf(perms []iam.Permission) string {
	seen := map[string]bool{}
	var out []string
	for _, p := range perms {
		for _, g := range p.Grants {
			if l := g.Label(); !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// detachCommands writes the commands that detach or delete the
// policies behind statements.
func detachCommands(role string, refs []*iam.StatementRef) string {
	seen := map[string]bool{}
	var out []string
	for _, r := range refs {
		var c string
		if r.PolicyARN != "" {
			c = fmt.Sprintf("`aws iam detach-role-policy --role-name %s --policy-arn %s`", role, r.PolicyARN)
		} else {
			c = fmt.Sprintf("`aws iam put-role-policy --role-name %s --policy-name %s --policy-document file://narrowed.json`", role, r.Policy)
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// functionNames lists the names of functions.
func functionNames(fs []*inventory.Function) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// lambdaBaseline are the actions every function may legitimately need on
// every resource: writing its own logs, sending traces, and the
// network-interface actions of VPC access (AWSLambdaBasicExecutionRole,
// AWSXRayDaemonWriteAccess, AWSLambdaVPCAccessExecutionRole grant them on
// "*"). They are never findings on their own.
var lambdaBaseline = []string{
	"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
	"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
	"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
	"ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs",
}

// everyLambdaNeeds reports whether action is in lambdaBaseline.
func everyLambdaNeeds(action string) bool {
	for _, a := range lambdaBaseline {
		if strings.EqualFold(a, action) {
			return true
		}
	}
	return false
}

// addRolePermissions reports that f's role can do what (a phrase such as
// "obtain credentials or keys") through perms, at the rule's severity when
// some permission reaches every resource of its kind (broad) and at medium
// when all are scoped. Nothing is reported for no permissions.
func addRolePermissions(out *Results, f *inventory.Function, role *inventory.Role, what string, perms []iam.Permission, broad bool) {
	if len(perms) == 0 {
		return
	}
	hit := Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Message:  fmt.Sprintf("Function %s runs as role %s, which can %s: %s.", f.Name, role.Name, what, actionNames(perms)),
		Evidence: permissionEvidence(perms),
	}
	if !broad {
		hit.Severity = At(finding.Medium)
	}
	out.Add(hit)
}
