package report

import (
	"io"

	"github.com/lambdasec/lambdasec/internal/finding"
)

func init() { register("json", func(Options) Reporter { return jsonReporter{} }) }

// jsonReporter writes the Report itself, documented field by field in
// docs/json-schema.md and checked by docs/report.schema.json. Field order is
// the struct order, so output is byte-for-byte reproducible.
type jsonReporter struct{}

func (jsonReporter) Write(w io.Writer, r *finding.Report) error {
	out := *r
	// The output follows the schema of this build, whatever the caller set.
	out.SchemaVersion = finding.SchemaVersion
	// Consumers get [] and {} rather than null for the always-present
	// collections, so they never need a null check.
	if out.Inputs == nil {
		out.Inputs = []string{}
	}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	if out.Rules == nil {
		out.Rules = []finding.Rule{}
	}
	out.Summary.BySeverity = everySeverity(out.Summary.BySeverity)
	return writeJSON(w, out)
}

// everySeverity returns a copy of counts that names every severity, so that
// consumers can index by_severity without checking for missing keys.
func everySeverity(counts map[string]int) map[string]int {
	all := make(map[string]int, finding.Critical+1)
	for s := finding.Info; s <= finding.Critical; s++ {
		all[s.String()] = counts[s.String()]
	}
	return all
}
