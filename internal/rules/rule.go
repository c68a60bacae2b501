// Package rules holds every scan rule and the registry that lists them. A
// rule is metadata plus a pure function over the inventory; each rule lives
// in its own file and registers itself in init, so adding a rule touches
// nothing else.
package rules

import (
	"fmt"
	"regexp"
	"sort"
	"sync"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// Rule is one check.
type Rule struct {
	finding.Rule
	// Needs names the inventory sections the rule reads. Where one is
	// missing the rule must report "not assessed" rather than stay silent.
	Needs []inventory.Section
	// Check reports the rule's findings on inv into out. It must not modify
	// inv and must be safe to run concurrently with other rules.
	Check func(inv *inventory.Inventory, out *Results)
}

var (
	mu       sync.RWMutex
	registry = map[string]*Rule{}
	idShape  = regexp.MustCompile(`^LAMBDA-[A-Z]{3}-\d{3}$`)
)

// Register adds a rule. It panics on a malformed or duplicate id or missing
// metadata: those are programming errors caught by the first test run.
func Register(r *Rule) {
	mu.Lock()
	defer mu.Unlock()
	switch {
	case !idShape.MatchString(r.ID):
		panic(fmt.Sprintf("rules: malformed rule id %q", r.ID))
	case registry[r.ID] != nil:
		panic(fmt.Sprintf("rules: duplicate rule id %s", r.ID))
	case r.Title == "" || r.Category == "" || r.Description == "" || r.Remediation == "" || r.Check == nil:
		panic(fmt.Sprintf("rules: %s lacks a title, category, description, remediation or check", r.ID))
	}
	registry[r.ID] = r
}

// All returns every registered rule sorted by id.
func All() []*Rule {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (*Rule, bool) {
	mu.RLock()
	defer mu.RUnlock()
	r, ok := registry[id]
	return r, ok
}

// Hit is what a rule reports about one resource. Fields left empty take the
// rule's metadata.
type Hit struct {
	Resource    finding.Resource
	Function    string            // function key, when the finding concerns one
	Instance    string            // tells apart several findings of the rule on one resource; never a secret
	Severity    *finding.Severity // nil: the rule's default severity
	Message     string
	Evidence    []string // never a secret in clear: use internal/redact
	Remediation string   // empty: the rule's remediation
}

// At returns a pointer to s, for Hit.Severity.
func At(s finding.Severity) *finding.Severity { return &s }

// Results collects one rule's output.
type Results struct {
	rule        *Rule
	Findings    []finding.Finding
	NotAssessed []finding.NotAssessed
}

// NewResults returns an empty collector for r; tests use it to run one rule.
func NewResults(r *Rule) *Results { return &Results{rule: r} }

// Add records a finding.
func (o *Results) Add(h Hit) {
	sev := o.rule.Severity
	if h.Severity != nil {
		sev = *h.Severity
	}
	rem := h.Remediation
	if rem == "" {
		rem = o.rule.Remediation
	}
	o.Findings = append(o.Findings, finding.Finding{
		RuleID:      o.rule.ID,
		Title:       o.rule.Title,
		Severity:    sev,
		Category:    o.rule.Category,
		Resource:    h.Resource,
		Function:    h.Function,
		Instance:    h.Instance,
		Message:     h.Message,
		Evidence:    h.Evidence,
		Remediation: rem,
		Compliance:  o.rule.Compliance,
	})
}

// Skip records that the rule could not judge a resource, and why.
func (o *Results) Skip(res finding.Resource, reason string) {
	o.NotAssessed = append(o.NotAssessed, finding.NotAssessed{RuleID: o.rule.ID, Resource: res, Reason: reason})
}

// Run runs rules over inv concurrently and returns their findings and
// not-assessed records in rule order.
func Run(inv *inventory.Inventory, rs []*Rule) ([]finding.Finding, []finding.NotAssessed) {
	results := make([]*Results, len(rs))
	var wg sync.WaitGroup
	for i, r := range rs {
		results[i] = NewResults(r)
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Check(inv, results[i])
		}()
	}
	wg.Wait()
	var fs []finding.Finding
	var na []finding.NotAssessed
	for _, res := range results {
		fs = append(fs, res.Findings...)
		na = append(na, res.NotAssessed...)
	}
	return fs, na
}

// FunctionResource describes a function as a finding resource.
func FunctionResource(f *inventory.Function) finding.Resource {
	res := finding.Resource{ARN: f.ARN, Type: "AWS::Lambda::Function", Name: f.Name}
	if f.Account != nil {
		res.Account = f.Account.ID
	}
	if f.Region != nil {
		res.Region = f.Region.Name
	}
	if f.Source != nil {
		res.File, res.Line, res.LogicalID = f.Source.File, f.Source.Line, f.Source.LogicalID
	}
	return res
}

// ForEachFunction adapts a per-function check to a Rule.Check.
func ForEachFunction(check func(f *inventory.Function, out *Results)) func(*inventory.Inventory, *Results) {
	return func(inv *inventory.Inventory, out *Results) {
		for _, f := range inv.Functions {
			check(f, out)
		}
	}
}
