// Package report renders a finding.Report for people (a terminal table) and
// machines (JSON, SARIF). Each format lives in its own file and registers
// itself from init, so adding a format is one new file and touches nothing
// else. Reporters only read the report: they never sort, filter or
// summarize it, so every format shows the same run the same way.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// Reporter renders a finding.Report.
type Reporter interface {
	Write(w io.Writer, r *finding.Report) error
}

// Options tune reporters; formats ignore the options that do not concern
// them.
type Options struct {
	// Color turns on ANSI colours in the table. The CLI decides: only when
	// stdout is a terminal and NO_COLOR is unset.
	Color bool
	// Width is the column at which the table wraps prose; 0 means 100.
	Width int
}

// toolName names the scanner when a report leaves Tool.Name empty.
const toolName = "lambdasec"

// factory builds a format's reporter.
type factory func(Options) Reporter

// formats maps a format name to its factory; each format file fills it from
// init through register.
var formats = map[string]factory{}

func register(name string, f factory) {
	if _, dup := formats[name]; dup {
		panic("report: format registered twice: " + name)
	}
	formats[name] = f
}

// New returns the reporter for a format name such as "table", "json" or
// "sarif". Names are case-insensitive.
func New(format string, opts Options) (Reporter, error) {
	f, ok := formats[strings.ToLower(format)]
	if !ok {
		return nil, fmt.Errorf("unknown report format %q (known formats: %s)", format, strings.Join(Formats(), ", "))
	}
	return f(opts), nil
}

// Formats lists the names New accepts, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// writeJSON writes v as two-space indented JSON followed by a newline. HTML
// escaping stays off: policies and commands in evidence and remediation are
// read by people, and `&&` is clearer than `\u0026\u0026`.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// unique drops empty and repeated strings, keeping the first of each.
func unique(ss []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
