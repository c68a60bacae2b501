package iam

import (
	"fmt"
	"strings"
	"sync"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// Decision is the outcome of evaluating a request.
type Decision int

const (
	// Denied: an explicit Deny applies, or nothing allows the request.
	Denied Decision = iota
	// Conditional: allowed only when conditions the evaluation could not
	// judge hold (a condition key the context lacks, a policy variable, a
	// Deny that may or may not apply).
	Conditional
	// Allowed: allowed whatever the unknown parts of the request are.
	Allowed
)

func (d Decision) String() string {
	switch d {
	case Allowed:
		return "allowed"
	case Conditional:
		return "allowed under conditions"
	}
	return "denied"
}

func decisionOf(t Tri) Decision {
	switch t {
	case True:
		return Allowed
	case Unknown:
		return Conditional
	}
	return Denied
}

// NamedPolicy is a policy document with the name and ARN reports use.
// Inline policies have no ARN.
type NamedPolicy struct {
	Name     string
	ARN      string
	Document *policy.Document
}

// StatementRef points at one statement of one policy, for evidence.
type StatementRef struct {
	Policy      string
	PolicyARN   string
	Index       int // position in the document, from 0
	Sid         string
	Allow       bool
	Actions     []string // Action, or NotAction when NotAction is set
	Resources   []string // Resource, or NotResource when NotResource is set
	NotResource bool
	NotAction   bool
	Conditions  []string // the statement's conditions, described
}

// String describes the statement in one line for evidence:
// `s3-full/statement 1: Allow s3:* on *`.
func (s *StatementRef) String() string {
	effect := "Deny"
	if s.Allow {
		effect = "Allow"
	}
	acts, res := "", ""
	if s.NotAction {
		acts = "every action except "
	}
	if s.NotResource {
		res = "every resource except "
	}
	out := fmt.Sprintf("%s: %s %s%s on %s%s", s.Label(), effect, acts, strings.Join(s.Actions, ", "), res, strings.Join(s.Resources, ", "))
	if len(s.Conditions) > 0 {
		out += " when " + strings.Join(s.Conditions, " and ")
	}
	return out
}

// Label names the statement for people: policy name and Sid or position.
func (s *StatementRef) Label() string {
	st := s.Sid
	if st == "" {
		st = fmt.Sprintf("statement %d", s.Index+1)
	}
	return fmt.Sprintf("%s/%s", s.Policy, st)
}

// Principal holds the policies AWS evaluates for a request by one IAM
// principal: its identity policies, its permissions boundary, and the
// service control policies of its account when known.
type Principal struct {
	Identity []NamedPolicy
	// Boundary is the permissions boundary; nil when there is none.
	Boundary *NamedPolicy
	// SCPs are the service control policies in force, one list per level of
	// the organization (root, each OU, the account). Every level must allow
	// a request; within a level one policy suffices. Nil: not known, and not
	// applied.
	SCPs [][]NamedPolicy
}

// Request is one API call to judge. Resource may hold wildcards to ask about
// "some resource of this shape" (arn:aws:iam::111122223333:role/*), or be
// "*" for any resource at all.
type Request struct {
	Action   string
	Resource string
	Context  Context
}

// Result is the decision on a request and the statements behind it.
type Result struct {
	Decision Decision
	// Grants are the identity-policy Allow statements that apply (or may
	// apply) to the request.
	Grants []*StatementRef
	// Denies are the Deny statements that apply (Decision Denied) or may
	// apply (which made an allowed request Conditional).
	Denies []*StatementRef
}

// Evaluate applies AWS's policy evaluation logic for a principal in its own
// account: an explicit Deny in any policy wins; otherwise the identity
// policies must allow the request, and so must the permissions boundary
// and every SCP level when there are any. Parts the request context cannot
// decide make the answer Conditional, never Allowed.
func (p *Principal) Evaluate(req Request) Result {
	return p.prepare().evaluate(strings.ToLower(req.Action), req.Resource, req.Context)
}

// prepared is a Principal with its documents compiled, for evaluating many
// requests.
type prepared struct {
	identity []preparedDoc
	boundary []preparedDoc // nil: no boundary
	scps     [][]preparedDoc
}

type preparedDoc struct {
	np NamedPolicy
	c  *compiled
}

func prepareDocs(nps []NamedPolicy) []preparedDoc {
	out := make([]preparedDoc, len(nps))
	for i := range nps {
		out[i] = preparedDoc{np: nps[i], c: compile(&nps[i])}
	}
	return out
}

func (p *Principal) prepare() *prepared {
	pp := &prepared{identity: prepareDocs(p.Identity)}
	if p.Boundary != nil {
		pp.boundary = prepareDocs([]NamedPolicy{*p.Boundary})
	}
	for _, level := range p.SCPs {
		pp.scps = append(pp.scps, prepareDocs(level))
	}
	return pp
}

// evaluate judges a request whose action is already lower case.
func (pp *prepared) evaluate(action, resource string, ctx Context) Result {
	var res Result
	allow, grants, d := evalSet(pp.identity, action, resource, ctx)
	res.Grants = grants
	deny := d.tri
	res.Denies = append(res.Denies, d.refs...)
	if pp.boundary != nil {
		a, _, d := evalSet(pp.boundary, action, resource, ctx)
		allow = and(allow, a)
		deny = or(deny, d.tri)
		res.Denies = append(res.Denies, d.refs...)
	}
	for _, level := range pp.scps {
		a, _, d := evalSet(level, action, resource, ctx)
		allow = and(allow, a)
		deny = or(deny, d.tri)
		res.Denies = append(res.Denies, d.refs...)
	}
	if deny == True {
		res.Decision = Denied
		return res
	}
	res.Decision = decisionOf(and(allow, not(deny)))
	return res
}

type denial struct {
	tri  Tri
	refs []*StatementRef
}

// evalSet evaluates a set of policies: whether one allows the request and
// whether one denies it.
func evalSet(docs []preparedDoc, action, resource string, ctx Context) (Tri, []*StatementRef, denial) {
	allow := False
	var grants []*StatementRef
	var d denial
	for i := range docs {
		c := docs[i].c
		for j := range c.statements {
			s := &c.statements[j]
			t := s.applies(action, resource, ctx)
			if t == False {
				continue
			}
			if s.ref.Allow {
				allow = or(allow, t)
				grants = append(grants, s.refFor(docs[i].np))
			} else {
				d.tri = or(d.tri, t)
				d.refs = append(d.refs, s.refFor(docs[i].np))
			}
		}
	}
	return allow, grants, d
}

// compiled is a policy document prepared for evaluation; documents are
// shared between roles (managed policies), so it is cached per document.
type compiled struct {
	statements []compiledStatement
}

type compiledStatement struct {
	st  *policy.Statement
	ref StatementRef
	// actions are the Action (or NotAction) patterns, lower-cased once.
	actions []string
	// hasConditions is false for statements whose Condition is empty, so
	// the common case skips condition evaluation.
	hasConditions bool
}

var compileCache sync.Map // *policy.Document → *compiled

func compile(np *NamedPolicy) *compiled {
	if np.Document == nil {
		return &compiled{}
	}
	if c, ok := compileCache.Load(np.Document); ok {
		return c.(*compiled)
	}
	c := &compiled{statements: make([]compiledStatement, len(np.Document.Statements))}
	for i := range np.Document.Statements {
		st := &np.Document.Statements[i]
		ref := StatementRef{Policy: np.Name, PolicyARN: np.ARN, Index: i, Sid: st.Sid, Allow: st.Allow(), Actions: st.Action, Resources: st.Resource, Conditions: describeConditions(st.Condition)}
		if len(st.NotAction) > 0 {
			ref.Actions, ref.NotAction = st.NotAction, true
		}
		if len(st.NotResource) > 0 {
			ref.Resources, ref.NotResource = st.NotResource, true
		}
		c.statements[i] = compiledStatement{st: st, ref: ref, actions: lowerAll(ref.Actions), hasConditions: len(st.Condition) > 0}
	}
	v, _ := compileCache.LoadOrStore(np.Document, c)
	return v.(*compiled)
}

// refFor names the statement with the policy it was reached through. The
// compiled reference carries the name of the first policy compiled from the
// document, which is nearly always the only one; it is shared, read-only.
func (s *compiledStatement) refFor(np NamedPolicy) *StatementRef {
	if s.ref.Policy == np.Name && s.ref.PolicyARN == np.ARN {
		return &s.ref
	}
	r := s.ref
	r.Policy, r.PolicyARN = np.Name, np.ARN
	return &r
}

// applies reports whether the statement covers the request. For an Allow
// the resource must intersect the request's resource; for a Deny it must
// cover all of it, since a Deny of part of "some resource" leaves the rest.
func (s *compiledStatement) applies(action, resource string, ctx Context) Tri {
	st := s.st
	if !s.matchesAction(action) {
		return False
	}
	r := s.resourceTri(resource)
	if r == False {
		return False
	}
	if s.hasConditions {
		r = and(r, EvalConditions(st.Condition, ctx))
	}
	return r
}

// matchesAction matches a lower-case action against the statement.
func (s *compiledStatement) matchesAction(action string) bool {
	m := false
	for _, p := range s.actions {
		if lowerGlob(p, action) {
			m = true
			break
		}
	}
	return m != s.ref.NotAction
}

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	return out
}

// lowerGlob matches s against a * and ? pattern; both are lower case.
func lowerGlob(p, s string) bool {
	return p == "*" || caseSensitiveGlob(p, s)
}

func (s *compiledStatement) resourceTri(q string) Tri {
	st := s.st
	allow := s.ref.Allow
	if len(st.NotResource) > 0 {
		for _, p := range st.NotResource {
			if hasVariable(p) && resourceIntersects(p, q) {
				return Unknown
			}
			if allow && resourceCovers(p, q) || !allow && resourceIntersects(p, q) {
				return False
			}
		}
		return True
	}
	r := False
	for _, p := range st.Resource {
		switch {
		case hasVariable(p):
			if resourceIntersects(p, q) {
				r = or(r, Unknown)
			}
		case allow && resourceIntersects(p, q), !allow && resourceCovers(p, q):
			return True
		}
	}
	return r
}
