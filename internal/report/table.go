package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
)

func init() { register("table", func(o Options) Reporter { return table{opts: o} }) }

// table is the report for a person at a terminal: findings grouped by the
// function they concern, the worst group first, each with its evidence and
// fix, then a summary of what was and was not looked at.
type table struct{ opts Options }

const (
	defaultWidth = 100
	minWidth     = 40
	// bodyIndent lines a finding's text up under its title, past the
	// severity column.
	bodyIndent = "            "
)

// ANSI SGR codes. Severity carries the colour; everything else stays plain so
// that the output is still readable when colour is lost in a pipe or a log.
var severityColor = map[finding.Severity]string{
	finding.Critical: "1;31", // bold red
	finding.High:     "31",   // red
	finding.Medium:   "33",   // yellow
	finding.Low:      "36",   // cyan
	finding.Info:     "2",    // dim
}

const bold = "1"

func (t table) Write(w io.Writer, r *finding.Report) error {
	var b bytes.Buffer
	t.header(&b, r)
	groups := groupFindings(r.Findings)
	if len(groups) == 0 {
		b.WriteString("No findings.\n\n")
	}
	for _, g := range groups {
		t.group(&b, g)
	}
	t.summary(&b, r)
	_, err := w.Write(b.Bytes())
	return err
}

func (t table) header(b *bytes.Buffer, r *finding.Report) {
	name := cmp.Or(r.Tool.Name, toolName)
	fmt.Fprintf(b, "%s\n", t.paint(bold, strings.TrimSpace(name+" "+r.Tool.Version)))
	if len(r.Inputs) > 0 {
		t.wrapped(b, "inputs: ", "        ", strings.Join(r.Inputs, ", "))
	}
	b.WriteString("\n")
}

// group is the findings about one function, or about one resource when no
// function is concerned (an account's trails, say).
type group struct {
	key        string
	isFunction bool
	worst      finding.Severity
	findings   []finding.Finding
}

// groupFindings groups findings by function (else resource key), orders the
// groups by their worst severity then key, and each group's findings by
// severity, rule id, resource and message. It leaves fs untouched.
func groupFindings(fs []finding.Finding) []group {
	index := map[string]int{}
	var groups []group
	for _, f := range fs {
		key, isFunction := f.Function, true
		if key == "" {
			key, isFunction = f.Resource.Key(), false
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, group{key: key, isFunction: isFunction, worst: f.Severity})
		}
		g := &groups[i]
		g.findings = append(g.findings, f)
		g.worst = max(g.worst, f.Severity)
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].worst != groups[j].worst {
			return groups[i].worst > groups[j].worst
		}
		return groups[i].key < groups[j].key
	})
	for i := range groups {
		g := &groups[i]
		sort.SliceStable(g.findings, func(i, j int) bool {
			a, b := g.findings[i], g.findings[j]
			switch {
			case a.Severity != b.Severity:
				return a.Severity > b.Severity
			case a.RuleID != b.RuleID:
				return a.RuleID < b.RuleID
			case a.Resource.Key() != b.Resource.Key():
				return a.Resource.Key() < b.Resource.Key()
			}
			return a.Message < b.Message
		})
	}
	return groups
}

func (t table) group(b *bytes.Buffer, g group) {
	label := "resource"
	if g.isFunction {
		label = "function"
	}
	fmt.Fprintf(b, "%s\n", t.paint(bold, label+"  "+g.key))
	for _, f := range g.findings {
		t.finding(b, g, f)
	}
}

func (t table) finding(b *bytes.Buffer, g group, f finding.Finding) {
	sev := fmt.Sprintf("%-8s", strings.ToUpper(f.Severity.String()))
	fmt.Fprintf(b, "  %s  %s  %s\n", t.paint(severityColor[f.Severity], sev), f.RuleID, f.Title)
	t.wrapped(b, bodyIndent, bodyIndent, f.Message)
	if where := location(f.Resource, g.key); where != "" {
		t.wrapped(b, bodyIndent, bodyIndent+"  ", where)
	}
	if len(f.Evidence) > 0 {
		b.WriteString(bodyIndent + "evidence:\n")
		// Evidence is printed verbatim, unwrapped: it is policy text, routes
		// and log lines that people copy.
		for _, e := range f.Evidence {
			fmt.Fprintf(b, "%s  - %s\n", bodyIndent, e)
		}
	}
	if f.Remediation != "" {
		t.wrapped(b, bodyIndent+"fix: ", bodyIndent+"     ", f.Remediation)
	}
	b.WriteString("\n")
}

// location says where a finding's resource is when its group header does not
// already: the file and line for infrastructure-as-code, else the resource
// key when the finding is about another resource than the group's (the
// function's role, say).
func location(res finding.Resource, groupKey string) string {
	if res.File != "" {
		at := res.File
		if res.Line > 0 {
			at += ":" + strconv.Itoa(res.Line)
		}
		if what := strings.Join(unique([]string{res.LogicalID, res.Type}), ", "); what != "" {
			at += " (" + what + ")"
		}
		return "at " + at
	}
	if res.Key() != groupKey {
		return "resource: " + res.Key()
	}
	return ""
}

func (t table) summary(b *bytes.Buffer, r *finding.Report) {
	s := r.Summary
	fmt.Fprintf(b, "%s\n", t.paint(bold, "Summary"))
	counts := make([]string, 0, finding.Critical+1)
	for sev := finding.Critical; sev >= finding.Info; sev-- {
		counts = append(counts, t.paint(severityColor[sev], fmt.Sprintf("%s %d", sev, s.BySeverity[sev.String()])))
	}
	fmt.Fprintf(b, "  %-14s%d  (%s)\n", "findings", s.Findings, strings.Join(counts, ", "))
	fmt.Fprintf(b, "  %-14s%d scanned\n", "functions", s.Functions)
	fmt.Fprintf(b, "  %-14s%d", "not assessed", s.NotAssessed)
	if s.NotAssessed > 0 {
		b.WriteString("  (checks that lacked the data they need)")
	}
	b.WriteString("\n")
	for _, n := range notAssessedByRule(r.NotAssessed) {
		t.wrapped(b, fmt.Sprintf("    %-16s%s: ", n.ruleID, plural(n.count, "resource")), "      ", n.firstReason)
	}
	fmt.Fprintf(b, "  %-14s%d\n", "input errors", len(r.InputErrors))
	for _, e := range r.InputErrors {
		t.wrapped(b, "    ", "      ", e.Error())
	}
}

// wrapped writes text wrapped to the table width, the first line after
// first and the others after rest.
func (t table) wrapped(b *bytes.Buffer, first, rest, text string) {
	width := t.opts.Width
	if width == 0 {
		width = defaultWidth
	}
	room := func(prefix string) int { return max(width-len([]rune(prefix)), minWidth) }
	for i, line := range wrap(text, room(first), room(rest)) {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		b.WriteString(strings.TrimRight(prefix+line, " ") + "\n")
	}
}

// wrap breaks text at spaces into lines of at most first runes for the first
// line and rest for the others; a word longer than that (an ARN, a URL) gets
// a line of its own rather than being cut. Line breaks in text are kept.
func wrap(text string, first, rest int) []string {
	var lines []string
	width := first
	for _, para := range strings.Split(text, "\n") {
		line, n := "", 0
		for _, word := range strings.Fields(para) {
			wn := len([]rune(word))
			switch {
			case n == 0:
				line, n = word, wn
			case n+1+wn <= width:
				line, n = line+" "+word, n+1+wn
			default:
				lines, width = append(lines, line), rest
				line, n = word, wn
			}
		}
		lines, width = append(lines, line), rest
	}
	return lines
}

func (t table) paint(code, s string) string {
	if !t.opts.Color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}
