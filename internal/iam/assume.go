package iam

import (
	"slices"
	"sort"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// Assumable is a role another principal of the account may assume.
type Assumable struct {
	Role     *inventory.Role
	Decision Decision // Conditional when the trust statement has conditions
	Grants   []*StatementRef
}

// AssumableRoles lists the roles of acct, other than from, that from can
// assume: the target's trust policy names from, from's account, or anyone,
// and from's own policies allow sts:AssumeRole on the target. Trusting the
// account (its root) delegates the decision to the caller's policies, as
// AWS does within one account.
func AssumableRoles(from *Principal, fromRole *inventory.Role, acct *inventory.Account) []Assumable {
	var out []Assumable
	for _, target := range acct.Roles {
		if target == fromRole || target.TrustPolicy == nil {
			continue
		}
		trust, direct := trusts(target.TrustPolicy, fromRole)
		if trust == Denied {
			continue
		}
		res := from.Evaluate(Request{Action: "sts:AssumeRole", Resource: target.ARN})
		switch {
		case direct && len(res.Denies) == 0:
			// A trust policy naming the role itself grants the assumption
			// within the account on its own, unless a Deny applies or the
			// role's permissions boundary does not allow sts:AssumeRole.
			res.Decision = Allowed
			if from.Boundary != nil {
				b := (&Principal{Identity: []NamedPolicy{*from.Boundary}}).Evaluate(Request{Action: "sts:AssumeRole", Resource: target.ARN})
				res.Decision = b.Decision
			}
			if res.Decision == Denied {
				continue
			}
		case res.Decision == Denied:
			continue
		}
		out = append(out, Assumable{Role: target, Decision: min(trust, res.Decision), Grants: res.Grants})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Role.ARN < out[j].Role.ARN })
	return out
}

// trusts reports whether a trust policy lets role assume its role, and
// whether an Allow names the role's own ARN (rather than its account or
// anyone, which leave the decision to the role's identity policies).
func trusts(doc *policy.Document, role *inventory.Role) (d Decision, direct bool) {
	allow, deny := False, False
	for _, st := range doc.Statements {
		if !assumeAction(st) || !namesPrincipal(st, role) {
			continue
		}
		if st.Allow() && st.Principal != nil && slices.Contains(st.Principal.AWS, role.ARN) {
			direct = true
		}
		t := True
		if len(st.Condition) > 0 {
			t = Unknown
		}
		if st.Allow() {
			allow = or(allow, t)
		} else {
			deny = or(deny, t)
		}
	}
	if deny == True {
		return Denied, false
	}
	return decisionOf(and(allow, not(deny))), direct
}

func assumeAction(st policy.Statement) bool {
	if len(st.NotAction) > 0 {
		return !matchesAny(st.NotAction, "sts:AssumeRole")
	}
	return matchesAny(st.Action, "sts:AssumeRole")
}

// namesPrincipal reports whether a trust statement's principal covers role:
// anyone, its account, or the role itself.
func namesPrincipal(st policy.Statement, role *inventory.Role) bool {
	if st.NotPrincipal != nil {
		return false // rare in trust policies; not judged
	}
	p := st.Principal
	if p == nil {
		return false
	}
	if p.Any {
		return true
	}
	root := "arn:aws:iam::" + role.AccountID + ":root"
	for _, v := range p.AWS {
		if v == "*" || v == role.AccountID || v == root || v == role.ARN {
			return true
		}
	}
	return false
}
