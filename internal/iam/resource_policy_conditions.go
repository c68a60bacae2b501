package iam

import (
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// keyKind says how to read the values of a narrowing condition key.
type keyKind int

const (
	accountKey keyKind = iota // a 12-digit account id
	arnKey                    // an ARN, which may name an account
	orgKey                    // an organization id, o-…
	orgPathKey                // o-…/r-…/ou-…
	ipKey                     // a CIDR
	idKey                     // a VPC, endpoint or token id
)

// narrowingKeys are the condition keys that, with a specific value, limit who
// can use a statement. Keys are lower case.
var narrowingKeys = map[string]keyKind{
	"aws:principalaccount":    accountKey,
	"aws:principalarn":        arnKey,
	"aws:principalorgid":      orgKey,
	"aws:principalorgpaths":   orgPathKey,
	"aws:sourceaccount":       accountKey,
	"aws:sourceowner":         accountKey,
	"aws:sourcearn":           arnKey,
	"aws:sourceorgid":         orgKey,
	"aws:sourceorgpaths":      orgPathKey,
	"aws:sourceip":            ipKey,
	"aws:sourcevpc":           idKey,
	"aws:sourcevpce":          idKey,
	"lambda:eventsourcetoken": idKey,
}

// sourceKeys tie a service principal to resources or accounts: the
// confused-deputy protections AWS asks for when granting a service.
var sourceKeys = map[string]bool{
	"aws:sourcearn": true, "aws:sourceaccount": true, "aws:sourceowner": true,
	"aws:sourceorgid": true, "aws:sourceorgpaths": true, "lambda:eventsourcetoken": true,
}

// narrowing is what a statement's conditions limit its callers to.
type narrowing struct {
	principalAccounts []string // from aws:PrincipalAccount, aws:PrincipalArn
	sourceAccounts    []string // from aws:SourceAccount, aws:SourceOwner, aws:SourceArn
	orgs              []string // from aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:SourceOrg…
	other             bool     // narrowed without naming an account (source IP, VPC, token, S3 bucket)
	source            bool     // a source key narrows: protects a service grant
}

func (n *narrowing) merge(m narrowing) {
	n.principalAccounts = union(n.principalAccounts, m.principalAccounts)
	n.sourceAccounts = union(n.sourceAccounts, m.sourceAccounts)
	n.orgs = union(n.orgs, m.orgs)
	n.other = n.other || m.other
	n.source = n.source || m.source
}

// narrowingOf reads the narrowing keys under the operators opOK accepts. A
// key narrows only if every one of its values does: one wildcard value lets
// everyone through.
func narrowingOf(c policy.Conditions, opOK func(string) bool) narrowing {
	var n narrowing
	for op, keys := range c {
		if !opOK(op) {
			continue
		}
		for key, vals := range keys {
			k := strings.ToLower(key)
			kind, ok := narrowingKeys[k]
			if !ok || len(vals) == 0 {
				continue
			}
			var accts, orgs []string
			narrow := true
			for _, v := range vals {
				ok, acct, org := narrowValue(kind, v)
				narrow = narrow && ok
				if acct != "" {
					accts = append(accts, acct)
				}
				if org != "" {
					orgs = append(orgs, org)
				}
			}
			if !narrow {
				continue
			}
			n.source = n.source || sourceKeys[k]
			switch {
			case len(accts) == len(vals) && strings.HasPrefix(k, "aws:principal"):
				n.principalAccounts = union(n.principalAccounts, accts)
			case len(accts) == len(vals):
				n.sourceAccounts = union(n.sourceAccounts, accts)
			case len(orgs) == len(vals):
				n.orgs = union(n.orgs, orgs)
			default:
				n.other = true
			}
		}
	}
	return n
}

// narrowValue reports whether one condition value is specific, and the
// account or organization it names, if any.
func narrowValue(kind keyKind, v string) (narrow bool, account, org string) {
	wild := strings.ContainsAny(v, "*?")
	switch kind {
	case accountKey:
		if accountID.MatchString(v) {
			return true, v, ""
		}
	case arnKey:
		parts := strings.SplitN(v, ":", 6)
		if len(parts) < 6 || parts[0] != "arn" {
			return false, "", ""
		}
		if accountID.MatchString(parts[4]) {
			return true, parts[4], ""
		}
		// An ARN without an account (an S3 bucket) is specific only without
		// wildcards: anyone can create a bucket whose name matches one.
		if parts[4] == "" && !wild {
			return true, "", ""
		}
	case orgKey:
		if strings.HasPrefix(v, "o-") && !wild {
			return true, "", v
		}
	case orgPathKey:
		first, _, _ := strings.Cut(v, "/")
		if strings.HasPrefix(first, "o-") && !strings.ContainsAny(first, "*?") {
			return true, "", first
		}
	case ipKey:
		return v != "" && !wild && !strings.HasSuffix(v, "/0"), "", ""
	case idKey:
		return v != "" && !wild, "", ""
	}
	return false, "", ""
}

// splitOperator splits "ForAnyValue:StringLikeIfExists" into its lower-cased
// set prefix and base.
func splitOperator(op string) (prefix, base string) {
	op = strings.ToLower(op)
	if i := strings.Index(op, ":"); i >= 0 {
		return op[:i], op[i+1:]
	}
	return "", op
}

// narrowingOperator reports whether an Allow condition under op fails for a
// caller the value does not name, including one whose request lacks the key.
// IfExists passes requests without the key, and so does ForAllValues (an
// empty set): neither narrows.
func narrowingOperator(op string) bool {
	prefix, base := splitOperator(op)
	if prefix == "forallvalues" || strings.HasSuffix(base, "ifexists") {
		return false
	}
	switch base {
	case "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress":
		return true
	}
	return false
}

// negatedOperator reports whether a Deny condition under op denies every
// caller the value does not name (a request without the key included), which
// makes the Deny narrow the matching Allow statements.
func negatedOperator(op string) bool {
	prefix, base := splitOperator(op)
	if prefix != "" {
		return false
	}
	switch strings.TrimSuffix(base, "ifexists") {
	case "stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress":
		return true
	}
	return false
}

// deny is a Deny statement simple enough to apply: either unconditional
// (guard nil) or a single negated narrowing condition on "*".
type deny struct {
	principal *policy.Principal
	actions   []string
	guard     *narrowing
}

func readDenies(doc *policy.Document) []deny {
	var out []deny
	for _, st := range doc.Statements {
		if st.Allow() || st.Principal == nil || st.NotPrincipal != nil || len(st.NotAction) > 0 {
			continue
		}
		d := deny{principal: st.Principal, actions: statementActions(st)}
		switch keys := conditionCount(st.Condition); {
		case keys == 0:
		case keys == 1 && coversEveryone(st.Principal):
			n := narrowingOf(st.Condition, negatedOperator)
			if len(n.principalAccounts)+len(n.sourceAccounts)+len(n.orgs) == 0 && !n.other {
				continue
			}
			d.guard = &n
		default:
			continue
		}
		out = append(out, d)
	}
	return out
}

func conditionCount(c policy.Conditions) int {
	n := 0
	for _, keys := range c {
		n += len(keys)
	}
	return n
}

func coversEveryone(p *policy.Principal) bool {
	return p.Any || contains(p.AWS, "*")
}

// removeDenied drops the actions an unconditional Deny takes from g.
func removeDenied(denies []deny, g Grant) []string {
	actions := g.Actions
	for _, d := range denies {
		if d.guard != nil || !denyCovers(d.principal, g) {
			continue
		}
		actions = filter(actions, func(a string) bool { return !contains(d.actions, a) })
	}
	return actions
}

// denyCovers reports whether a Deny's principal takes in g's grantee.
func denyCovers(p *policy.Principal, g Grant) bool {
	if coversEveryone(p) {
		return true
	}
	if g.Kind == ServicePrincipal {
		return contains(p.Service, g.Principal)
	}
	for _, v := range p.AWS {
		if g.Principal != "*" && strings.EqualFold(v, g.Principal) {
			return true
		}
		// Denying an account (its id or root) denies all of its principals.
		whole := accountID.MatchString(v) || strings.HasSuffix(v, ":root")
		if whole && g.Account != "" && accountOf(v) == g.Account {
			return true
		}
	}
	return false
}

func coversAll(denied, actions []string) bool {
	for _, a := range actions {
		if !contains(denied, a) {
			return false
		}
	}
	return true
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func union(a, b []string) []string {
	for _, x := range b {
		if !contains(a, x) {
			a = append(a, x)
		}
	}
	sort.Strings(a)
	return a
}
