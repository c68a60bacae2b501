// Package finding defines the one shape every rule and detector reports, and
// the Report that reporters render. It knows nothing about AWS or rules.
package finding

import (
	"fmt"
	"sort"
	"strings"
)

// SchemaVersion is the version of the JSON report schema (docs/json-schema.md).
// Bump the minor number for additive changes, the major one for breaking ones.
const SchemaVersion = "1.1"

// Severity orders findings. The zero value is Info.
type Severity int

const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity accepts the lower- or upper-case name of a severity.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Severity(i), nil
		}
	}
	return Info, fmt.Errorf("unknown severity %q (want one of %s)", name, strings.Join(severityNames[:], ", "))
}

// MarshalText writes the severity by name so JSON stays readable and stable.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Resource names what a finding is about. Cloud resources carry an ARN;
// resources found in infrastructure-as-code carry a file, line and logical id.
type Resource struct {
	ARN       string `json:"arn,omitempty"`
	Type      string `json:"type"` // e.g. AWS::Lambda::Function
	Name      string `json:"name,omitempty"`
	Account   string `json:"account,omitempty"`
	Region    string `json:"region,omitempty"`
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
	LogicalID string `json:"logical_id,omitempty"`
}

// Key is a stable identifier of the resource for grouping and sorting.
func (r Resource) Key() string {
	if r.ARN != "" {
		return r.ARN
	}
	if r.File != "" {
		return r.File + "#" + r.LogicalID
	}
	return r.Type + "/" + r.Name
}

// Finding is one problem on one resource.
type Finding struct {
	RuleID   string   `json:"rule_id"`
	Title    string   `json:"title"`
	Severity Severity `json:"severity"`
	Category string   `json:"category"`
	Resource Resource `json:"resource"`
	// Function is the ARN (or IaC key) of the function the finding concerns,
	// when there is one; reporters group by it.
	Function string `json:"function,omitempty"`
	// Instance tells apart findings of one rule on one resource and
	// function (an environment variable's name, a statement's Sid). Never a
	// secret value. Empty when a rule reports a resource at most once.
	Instance    string   `json:"instance,omitempty"`
	Message     string   `json:"message"`
	Evidence    []string `json:"evidence,omitempty"` // secrets always redacted
	Remediation string   `json:"remediation"`
	Compliance  []string `json:"compliance,omitempty"`
}

// Rule is the metadata of a rule, carried in reports so that formats such as
// SARIF can describe every rule that produced a result.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Severity    Severity `json:"severity"`
	Category    string   `json:"category"`
	Description string   `json:"description"`
	Remediation string   `json:"remediation"`
	Compliance  []string `json:"compliance,omitempty"`
	References  []string `json:"references,omitempty"`
}

// NotAssessed records a rule that could not judge a resource because the data
// it needs was not collected. It is reported instead of silence.
type NotAssessed struct {
	RuleID   string   `json:"rule_id"`
	Resource Resource `json:"resource"`
	Reason   string   `json:"reason"`
}

// InputError is a problem reading one input (a file of a dump, a template).
type InputError struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"` // 0 when unknown
	Message string `json:"message"`
}

func (e InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	return e.Path + ": " + e.Message
}

// Coverage says which parts of a scope were collected, so that a reader can
// tell "no finding" from "not looked at".
type Coverage struct {
	Account      string   `json:"account"`
	Region       string   `json:"region,omitempty"` // empty for account-wide data such as IAM
	Collected    []string `json:"collected,omitempty"`
	NotCollected []string `json:"not_collected,omitempty"`
}

// Tool identifies the scanner in reports.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"uri,omitempty"`
}

// Summary counts findings by severity.
type Summary struct {
	Functions   int            `json:"functions"`
	Findings    int            `json:"findings"`
	BySeverity  map[string]int `json:"by_severity"`
	NotAssessed int            `json:"not_assessed"`
	// Suppressed counts findings dropped by ignore files and inline
	// suppressions.
	Suppressed int `json:"suppressed,omitempty"`
}

// Report is everything one run produced. Reporters render it.
type Report struct {
	SchemaVersion string        `json:"schema_version"`
	Tool          Tool          `json:"tool"`
	Inputs        []string      `json:"inputs"`
	Summary       Summary       `json:"summary"`
	Findings      []Finding     `json:"findings"`
	NotAssessed   []NotAssessed `json:"not_assessed,omitempty"`
	Coverage      []Coverage    `json:"coverage,omitempty"`
	InputErrors   []InputError  `json:"input_errors,omitempty"`
	// Rules holds the metadata of every rule that ran, sorted by id.
	Rules []Rule `json:"rules"`
}

// Sort puts findings in a stable order: by severity (highest first), then
// rule id, then resource. Reports are byte-for-byte reproducible.
func (r *Report) Sort() {
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Resource.Key() != b.Resource.Key() {
			return a.Resource.Key() < b.Resource.Key()
		}
		return a.Message < b.Message
	})
	sort.SliceStable(r.NotAssessed, func(i, j int) bool {
		a, b := r.NotAssessed[i], r.NotAssessed[j]
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Resource.Key() < b.Resource.Key()
	})
	sort.Slice(r.Rules, func(i, j int) bool { return r.Rules[i].ID < r.Rules[j].ID })
}

// Summarize recomputes Summary from the findings. functions is the number of
// functions scanned.
func (r *Report) Summarize(functions int) {
	s := Summary{Functions: functions, Findings: len(r.Findings), BySeverity: map[string]int{}, NotAssessed: len(r.NotAssessed), Suppressed: r.Summary.Suppressed}
	for _, n := range severityNames {
		s.BySeverity[n] = 0
	}
	for _, f := range r.Findings {
		s.BySeverity[f.Severity.String()]++
	}
	r.Summary = s
}

// Filter keeps the findings at or above min.
func (r *Report) Filter(min Severity) {
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if f.Severity >= min {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
}

// Max returns the highest severity among the findings and whether there is any.
func (r *Report) Max() (Severity, bool) {
	max, any := Info, false
	for _, f := range r.Findings {
		if !any || f.Severity > max {
			max, any = f.Severity, true
		}
	}
	return max, any
}
