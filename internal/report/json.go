package report

import (
	"bufio"
	"bytes"
	"encoding/json"
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
	return streamReport(w, &out)
}

// streamReport writes the report as encoding/json would indent it, but one
// element at a time: a scan of thousands of functions has a report of over
// a hundred megabytes, and encoding it whole would hold it (twice, with
// indentation) in memory. The fields follow finding.Report's order; a test
// compares the result with json.MarshalIndent.
func streamReport(w io.Writer, r *finding.Report) error {
	s := &jsonStream{w: bufio.NewWriterSize(w, 64<<10)}
	s.raw("{\n")
	s.field("schema_version", r.SchemaVersion, false)
	s.field("tool", r.Tool, false)
	s.field("inputs", r.Inputs, false)
	s.field("summary", r.Summary, false)
	streamList(s, "findings", r.Findings, false)
	if len(r.NotAssessed) > 0 {
		streamList(s, "not_assessed", r.NotAssessed, false)
	}
	if len(r.Coverage) > 0 {
		streamList(s, "coverage", r.Coverage, false)
	}
	if len(r.InputErrors) > 0 {
		streamList(s, "input_errors", r.InputErrors, false)
	}
	streamList(s, "rules", r.Rules, true)
	s.raw("}\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

type jsonStream struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

func (s *jsonStream) raw(text string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(text)
	}
}

// value writes v indented as if it stood at the given prefix.
func (s *jsonStream) value(v any, prefix string) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if s.err = enc.Encode(v); s.err == nil {
		_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	}
}

func (s *jsonStream) key(name string) {
	s.raw("  ")
	s.value(name, "")
	s.raw(": ")
}

func (s *jsonStream) end(last bool) {
	if last {
		s.raw("\n")
	} else {
		s.raw(",\n")
	}
}

func (s *jsonStream) field(name string, v any, last bool) {
	s.key(name)
	s.value(v, "  ")
	s.end(last)
}

func streamList[T any](s *jsonStream, name string, list []T, last bool) {
	s.key(name)
	if len(list) == 0 {
		s.raw("[]")
		s.end(last)
		return
	}
	s.raw("[\n")
	for i := range list {
		s.raw("    ")
		s.value(list[i], "    ")
		s.end(i == len(list)-1)
	}
	s.raw("  ]")
	s.end(last)
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
