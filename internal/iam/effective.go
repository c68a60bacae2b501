package iam

import (
	"slices"
	"strings"
	"sync"

	"github.com/lambdasec/lambdasec/internal/iam/catalog"
	"github.com/lambdasec/lambdasec/internal/iam/managed"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// Permission is one action a principal may perform on some resource.
type Permission struct {
	Action   catalog.Action
	Decision Decision // Allowed or Conditional
	// Grants are the identity statements that allow it.
	Grants []*StatementRef
	// Broad is set when an unconditional grant reaches every resource of a
	// kind ("*", "arn:aws:s3:::*", "secret:*", or a NotResource).
	Broad bool
}

// Effective is what a principal may do: every catalog action its identity
// policies allow, after the boundary, SCPs and Deny statements.
type Effective struct {
	Principal *Principal
	// Permissions are sorted by service and action name.
	Permissions []Permission
	index       map[string]int // lower-case action → position
}

// Get returns the permission for an action, if the principal has it.
func (e *Effective) Get(action string) (Permission, bool) {
	i, ok := e.index[strings.ToLower(action)]
	if !ok {
		return Permission{}, false
	}
	return e.Permissions[i], true
}

// Matching returns the permissions whose action matches a pattern (s3:Get*).
func (e *Effective) Matching(pattern string) []Permission {
	var out []Permission
	lp := strings.ToLower(pattern)
	for _, p := range e.Permissions {
		if caseSensitiveGlob(lp, p.Action.Key()) {
			out = append(out, p)
		}
	}
	return out
}

// candidate is an action some Allow statement names, with its lower-case
// spelling computed once.
type candidate struct {
	action catalog.Action
	key    string
}

// candidates caches, per policy document, the catalog actions its Allow
// statements name: expanding "s3:*" or "*" is done once per document.
var candidates sync.Map // *policy.Document → []candidate

func candidateActions(np *NamedPolicy) []candidate {
	if np.Document == nil {
		return nil
	}
	if v, ok := candidates.Load(np.Document); ok {
		return v.([]candidate)
	}
	if grantsEveryAction(np.Document) {
		// "Action": "*" names the whole catalog: share one list rather
		// than build a copy for every administrator role.
		v, _ := candidates.LoadOrStore(np.Document, everyCandidate())
		return v.([]candidate)
	}
	seen := map[string]bool{}
	var out []candidate
	add := func(a catalog.Action) {
		k := a.Key()
		if !seen[k] {
			seen[k] = true
			out = append(out, candidate{a, k})
		}
	}
	for _, st := range np.Document.Statements {
		if !st.Allow() {
			continue
		}
		if len(st.NotAction) > 0 {
			all, _ := catalog.Expand("*")
			for _, a := range all {
				if !matchesAny(st.NotAction, a.String()) {
					add(a)
				}
			}
			continue
		}
		for _, p := range st.Action {
			acts, _ := catalog.Expand(p)
			if len(acts) == 0 && !strings.ContainsAny(p, "*?") {
				// An exact action the catalog does not list (a new action,
				// or an unknown service) still counts as granted.
				if svc, name, found := strings.Cut(p, ":"); found && svc != "" {
					add(catalog.Action{Service: strings.ToLower(svc), Name: name})
				}
				continue
			}
			for _, a := range acts {
				add(a)
			}
		}
	}
	slices.SortFunc(out, func(a, b candidate) int { return strings.Compare(a.key, b.key) })
	v, _ := candidates.LoadOrStore(np.Document, out)
	return v.([]candidate)
}

// grantsEveryAction reports whether an Allow statement of doc names "*".
func grantsEveryAction(doc *policy.Document) bool {
	for _, st := range doc.Statements {
		if st.Allow() && slices.Contains(st.Action, "*") {
			return true
		}
	}
	return false
}

// allCataloged reports whether every candidate is a catalog action.
func allCataloged(cs []candidate) bool {
	for _, c := range cs {
		if _, ok := catalog.Lookup(c.key); !ok {
			return false
		}
	}
	return true
}

// everyCandidate is the whole catalog as candidates, sorted, built once.
var everyCandidate = sync.OnceValue(func() []candidate {
	all, _ := catalog.Expand("*")
	out := make([]candidate, len(all))
	for i, a := range all {
		out[i] = candidate{a, a.Key()}
	}
	slices.SortFunc(out, func(a, b candidate) int { return strings.Compare(a.key, b.key) })
	return out
})

// ComputeEffective evaluates every action the identity policies name
// against "some resource" with an empty-but-unknown request context.
func ComputeEffective(p *Principal) *Effective {
	e := &Effective{Principal: p, index: map[string]int{}}
	// Each document's candidates are sorted by lower-case key (service, then
	// name, as the catalog orders them): merge them without duplicates.
	var acts []candidate
	for i := range p.Identity {
		acts = mergeCandidates(acts, candidateActions(&p.Identity[i]))
	}
	pp := p.prepare()
	e.Permissions = make([]Permission, 0, len(acts))
	for _, a := range acts {
		r := pp.evaluate(a.key, "*", nil)
		if r.Decision == Denied {
			continue
		}
		perm := Permission{Action: a.action, Decision: r.Decision, Grants: r.Grants}
		if r.Decision == Allowed {
			perm.Broad = anyBroad(r.Grants)
		}
		e.index[a.key] = len(e.Permissions)
		e.Permissions = append(e.Permissions, perm)
	}
	return e
}

// mergeCandidates merges two sorted candidate lists, dropping duplicates.
// It returns b itself when a is empty, so callers must not modify the result.
func mergeCandidates(a, b []candidate) []candidate {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	// The whole catalog absorbs every other list but for actions it does
	// not know: skip the copy, which administrator roles would pay each.
	if every := everyCandidate(); &b[0] == &every[0] {
		a, b = b, a
	}
	if every := everyCandidate(); &a[0] == &every[0] && allCataloged(b) {
		return a
	}
	out := make([]candidate, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i].key, b[j].key); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// anyBroad reports whether an unconditional grant reaches every resource of
// a kind.
func anyBroad(grants []*StatementRef) bool {
	for _, g := range grants {
		if BroadGrant(g) {
			return true
		}
	}
	return false
}

// BroadGrant reports whether a statement grants, without conditions, on
// every resource of a kind (or with NotResource).
func BroadGrant(g *StatementRef) bool {
	if len(g.Conditions) > 0 {
		return false
	}
	if g.NotResource {
		return true
	}
	for _, r := range g.Resources {
		if !hasVariable(r) && BroadResource(r) {
			return true
		}
	}
	return false
}

// IncompleteError says a role's permissions cannot be judged as a whole:
// a managed policy it uses was not collected.
type IncompleteError struct {
	Role    string
	Missing []string // policy ARNs whose default version is unknown
}

func (e *IncompleteError) Error() string {
	return "the document of managed polic" + plural(len(e.Missing), "y", "ies") + " " + strings.Join(e.Missing, ", ") + " attached to role " + e.Role + " was not collected"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// RolePrincipal gathers a role's policies: inline, attached managed (each
// managed policy's default version) and its permissions boundary. It fails
// with an *IncompleteError when a customer-managed document is unknown.
func RolePrincipal(r *inventory.Role) (*Principal, error) {
	p := &Principal{}
	var missing []string
	for _, ip := range r.InlinePolicies {
		if ip.Document != nil { // an inline policy without a document grants nothing
			p.Identity = append(p.Identity, NamedPolicy{Name: ip.Name, Document: ip.Document})
		}
	}
	for _, ap := range r.AttachedPolicies {
		doc := documentOf(ap)
		if doc == nil {
			missing = append(missing, ap.ARN)
			continue
		}
		p.Identity = append(p.Identity, NamedPolicy{Name: ap.Name, ARN: ap.ARN, Document: doc})
	}
	if b := r.PermissionsBoundary; b != nil {
		if doc := documentOf(*b); doc == nil {
			missing = append(missing, b.ARN)
		} else {
			p.Boundary = &NamedPolicy{Name: b.Name, ARN: b.ARN, Document: doc}
		}
	}
	if len(missing) > 0 {
		return nil, &IncompleteError{Role: r.Name, Missing: missing}
	}
	return p, nil
}

// documentOf returns the default version of an attached policy. An AWS
// managed policy the dump left out (get-account-authorization-details
// filtered, or an IaC reference) is read from the embedded copy: AWS
// managed policies are the same in every account.
func documentOf(ap inventory.PolicyAttachment) *policy.Document {
	if ap.Policy != nil && ap.Policy.Document != nil {
		return ap.Policy.Document
	}
	if mp, ok := managed.Lookup(ap.ARN); ok {
		return mp.Document
	}
	return nil
}

type roleResult struct {
	eff *Effective
	err error
}

// roleCache holds each role's effective permissions, computed once however
// many rules ask, concurrently.
var roleCache sync.Map // *inventory.Role → *sync.OnceValue result

// RoleEffective returns the effective permissions of a role, computed once
// per role and shared by every rule.
func RoleEffective(r *inventory.Role) (*Effective, error) {
	f, _ := roleCache.LoadOrStore(r, sync.OnceValue(func() roleResult {
		p, err := RolePrincipal(r)
		if err != nil {
			return roleResult{err: err}
		}
		return roleResult{eff: ComputeEffective(p)}
	}))
	res := f.(func() roleResult)()
	return res.eff, res.err
}
