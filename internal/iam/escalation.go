package iam

import "strings"

// EscalationMethod is one published way for a principal to gain more
// permissions than it has.
type EscalationMethod struct {
	ID    string
	Name  string
	Steps []EscalationStep // all must be allowed
	Fix   string
}

// EscalationStep is one action a method needs, on which resources.
type EscalationStep struct {
	Action string
	// Resource is the shape of resource the step needs, with {account} for
	// the principal's account: "some customer-managed policy" is
	// arn:aws:iam::{account}:policy/*, which AWS managed policies
	// (arn:aws:iam::aws:policy/…) never match.
	Resource string
	// PassedTo is the service a passed role goes to (iam:PassedToService).
	PassedTo string
	// NotSelf: a grant on the principal's own functions only does not count
	// (changing one's own code gains nothing).
	NotSelf bool
}

// EscalationMethods returns the methods checked, in a stable order.
func EscalationMethods() []EscalationMethod {
	return append([]EscalationMethod(nil), escalationMethods...)
}

// EscalationPath is a method a principal can use, with the statements that
// allow each step.
type EscalationPath struct {
	Method   EscalationMethod
	Decision Decision          // Allowed, or Conditional when a step is
	Steps    [][]*StatementRef // per step, the statements that allow it
}

// Escalations lists the methods p can use. account is p's account; self are
// the ARNs of the functions running as p, which NotSelf steps ignore.
func Escalations(p *Principal, account string, self []string) []EscalationPath {
	var out []EscalationPath
	pp := p.prepare()
	for _, m := range escalationMethods {
		path := EscalationPath{Method: m, Decision: Allowed}
		for _, s := range m.Steps {
			ctx := Context{}
			if s.PassedTo != "" {
				ctx["iam:PassedToService"] = []string{s.PassedTo}
			}
			res := pp.evaluate(strings.ToLower(s.Action), strings.ReplaceAll(s.Resource, "{account}", account), ctx)
			if res.Decision != Denied && s.NotSelf && onlySelf(res.Grants, self) {
				res.Decision = Denied
			}
			path.Decision = min(path.Decision, res.Decision)
			if path.Decision == Denied {
				break
			}
			path.Steps = append(path.Steps, res.Grants)
		}
		if path.Decision != Denied {
			out = append(out, path)
		}
	}
	return out
}

// onlySelf reports whether every grant names only the given functions (or
// their versions and aliases).
func onlySelf(grants []*StatementRef, self []string) bool {
	for _, g := range grants {
		if g.NotResource {
			return false
		}
		for _, r := range g.Resources {
			mine := false
			for _, s := range self {
				if r == s || strings.HasPrefix(r, s+":") {
					mine = true
				}
			}
			if !mine {
				return false
			}
		}
	}
	return true
}
