package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// The resource-policy rules share one reading of a function's policy and
// split its grants so that one grant is reported by one rule:
//
//   - a grant of more than invocation belongs to EXP-006, whoever the grantee;
//   - a public grant usable only through a function URL whose AuthType is
//     NONE belongs to EXP-001, which judges the URL as a whole;
//   - any other public invocation grant belongs to EXP-003;
//   - an invocation grant to an account or organization outside the trusted
//     set belongs to EXP-004;
//   - a service grant without source conditions belongs to EXP-005.
//
// Each rule reports at most one finding per function, listing every grant it
// owns as evidence.

const notCollectedPolicy = "the function's resource policy was not collected (lambda get-policy)"

// policyOwner describes the function's account for resource-policy analysis: its
// organization when known, and every other account of the scan as trusted.
func policyOwner(inv *inventory.Inventory, f *inventory.Function) iam.Owner {
	var o iam.Owner
	if f.Account == nil {
		return o
	}
	o.Account = f.Account.ID
	for _, a := range inv.Accounts {
		if a.ID != o.Account {
			o.Trusted = append(o.Trusted, a.ID)
		}
	}
	if org := f.Account.Organization; org.Known {
		if org.Value == nil {
			o.MembersKnown = true // in no organization: every other account is outside
		} else {
			o.Organization = org.Value.ID
			o.Members = org.Value.Accounts
			o.MembersKnown = len(org.Value.Accounts) > 0 // organizations/list-accounts was collected
		}
	}
	return o
}

// functionGrants reads f's resource policy; ok is false when it was not
// collected.
func functionGrants(inv *inventory.Inventory, f *inventory.Function) (grants []iam.Grant, ok bool) {
	if !f.ResourcePolicy.Known {
		return nil, false
	}
	return iam.AnalyzeResourcePolicy(f.ResourcePolicy.Value, policyOwner(inv, f)), true
}

// grantsMoreThanInvoke marks the grants EXP-006 reports.
func grantsMoreThanInvoke(g iam.Grant) bool { return len(g.OtherActions()) > 0 }

// urlAuthType returns f's function URL auth type, "" when it has no URL, and
// whether the URL configuration was collected.
func urlAuthType(f *inventory.Function) (string, bool) {
	if !f.URL.Known {
		return "", false
	}
	if f.URL.Value == nil {
		return "", true
	}
	return strings.ToUpper(f.URL.Value.AuthType), true
}

// publicURLGrants returns the public grants that hold for a function URL of
// the given auth type: those of lambda:InvokeFunctionUrl, and those of
// lambda:InvokeFunction, which AWS requires as well for function URLs (new
// ones since October 2025, all of them from 1 November 2026).
func publicURLGrants(grants []iam.Grant, authType string) (url, invoke []iam.Grant) {
	for _, g := range grants {
		if !g.Public() || !g.AppliesToURL(authType) {
			continue
		}
		for _, a := range g.Actions {
			switch {
			case strings.EqualFold(a, iam.InvokeFunctionURL):
				url = append(url, g)
			case strings.EqualFold(a, iam.InvokeFunction):
				invoke = append(invoke, g)
			}
		}
	}
	return url, invoke
}

// grantEvidence describes grants one per line, each statement once.
func grantEvidence(grants []iam.Grant) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range grants {
		if s := g.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// statementLabels lists the statements of grants, each once, in order.
func statementLabels(grants []iam.Grant) string {
	var out []string
	seen := map[string]bool{}
	for _, g := range grants {
		if l := g.Label(); !seen[l] {
			seen[l] = true
			out = append(out, fmt.Sprintf("%q", l))
		}
	}
	return strings.Join(out, ", ")
}

// removePermissionCommands gives the commands that delete the statements of grants.
func removePermissionCommands(f *inventory.Function, grants []iam.Grant) string {
	region := regionFlag(f)
	var cmds []string
	seen := map[string]bool{}
	for _, g := range grants {
		if seen[g.Label()] {
			continue
		}
		seen[g.Label()] = true
		if g.Sid == "" {
			cmds = append(cmds, fmt.Sprintf("rewrite the policy without %s (it has no Sid to remove it by)", g.Label()))
			continue
		}
		cmds = append(cmds, fmt.Sprintf("aws lambda remove-permission --function-name %s --statement-id %s%s", f.Name, g.Sid, region))
	}
	return strings.Join(cmds, "; ")
}

// regionFlag is the --region option that makes a command hit f's region.
func regionFlag(f *inventory.Function) string {
	if f.Region == nil {
		return ""
	}
	return " --region " + f.Region.Name
}

// forEachFunctionGrants adapts a check over one function's analysed
// resource-policy grants to a Rule.Check. Functions whose policy was not
// collected are reported as not assessed, the same way for every rule.
func forEachFunctionGrants(check func(f *inventory.Function, grants []iam.Grant, out *Results)) func(*inventory.Inventory, *Results) {
	return func(inv *inventory.Inventory, out *Results) {
		for _, f := range inv.Functions {
			grants, ok := functionGrants(inv, f)
			if !ok {
				out.Skip(FunctionResource(f), notCollectedPolicy)
				continue
			}
			check(f, grants, out)
		}
	}
}
