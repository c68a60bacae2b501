package iac

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// directive is the comment marker: `# lambdasec:ignore LAMBDA-EXP-001 reason`
// (YAML, HCL) or `// lambdasec:ignore …` (HCL). Several rule ids may be
// given, separated by commas.
const directive = "lambdasec:ignore"

var ruleID = regexp.MustCompile(`^LAMBDA-[A-Z]{3}-\d{3}$`)

// Ignore is one rule id of one ignore comment.
type Ignore struct {
	Line   int
	RuleID string
	Reason string
}

// Comments are the ignore comments of one file, by line.
type Comments struct {
	byLine      map[int][]Ignore
	commentOnly map[int]bool // lines that hold nothing but a comment
}

// ParseComments finds the ignore comments in src. A directive without a
// well-formed rule id is an error naming its line (1-based); the other
// directives are still returned.
func ParseComments(src []byte) (*Comments, []LineError) {
	c := &Comments{byLine: map[int][]Ignore{}, commentOnly: map[int]bool{}}
	var errs []LineError
	for i, line := range bytes.Split(src, []byte("\n")) {
		n := i + 1
		trimmed := strings.TrimSpace(string(line))
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "//") {
			c.commentOnly[n] = true
		}
		at := strings.Index(string(line), directive)
		if at < 0 || !commentBefore(string(line[:at])) {
			continue
		}
		fields := strings.Fields(string(line[at+len(directive):]))
		if len(fields) == 0 {
			errs = append(errs, LineError{n, fmt.Errorf("%s names no rule id", directive)})
			continue
		}
		reason := strings.Join(fields[1:], " ")
		for _, id := range strings.Split(fields[0], ",") {
			if !ruleID.MatchString(id) {
				errs = append(errs, LineError{n, fmt.Errorf("%s: %q is not a rule id (want LAMBDA-XXX-NNN)", directive, id)})
				continue
			}
			c.byLine[n] = append(c.byLine[n], Ignore{Line: n, RuleID: id, Reason: reason})
		}
	}
	return c, errs
}

// commentBefore reports whether the text before the directive opens a
// comment outside any quoted string: the directive must sit in a comment,
// not in a value.
func commentBefore(prefix string) bool {
	p := strings.TrimRight(prefix, " \t")
	var marker int
	switch {
	case strings.HasSuffix(p, "//"):
		marker = len(p) - 2
	case strings.HasSuffix(p, "#"):
		marker = len(p) - 1
	default:
		return false
	}
	var quote rune
	for _, c := range p[:marker] {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		}
	}
	return quote == 0
}

// For returns the suppressions of the resource whose definition starts at
// line: directives on that line, on the line above, and on the block of
// comment-only lines directly above it.
func (c *Comments) For(file, logicalID string, line int) []inventory.Suppression {
	if c == nil {
		return nil
	}
	var out []inventory.Suppression
	add := func(n int) {
		for _, ig := range c.byLine[n] {
			out = append(out, inventory.Suppression{File: file, Line: ig.Line, LogicalID: logicalID, RuleID: ig.RuleID, Reason: ig.Reason})
		}
	}
	// Collect the comment block above, then report top to bottom.
	first := line
	for n := line - 1; n > 0; n-- {
		first = n
		if !c.commentOnly[n] {
			break
		}
	}
	for n := first; n <= line; n++ {
		add(n)
	}
	return out
}

// LineError is a problem at a line of a file; sources wrap it in a
// source.FileError.
type LineError struct {
	Line int
	Err  error
}

// Suppress is a scan filter: it drops the findings that an inline ignore
// comment covers and counts them in the summary. A comment on a function
// covers the findings about the function and those reported through it
// (its role, its URL); a comment on any other resource covers that resource.
func Suppress(r *finding.Report, inv *inventory.Inventory) {
	if len(inv.Suppressions) == 0 {
		return
	}
	type key struct{ file, logicalID, rule string }
	ignored := map[key]bool{}
	byFunction := map[string]map[string]bool{} // function key → rule ids
	for _, s := range inv.Suppressions {
		ignored[key{s.File, s.LogicalID, s.RuleID}] = true
	}
	for _, f := range inv.Functions {
		if f.Source == nil {
			continue
		}
		for _, s := range inv.Suppressions {
			if s.File == f.Source.File && s.LogicalID == f.Source.LogicalID {
				if byFunction[f.Key()] == nil {
					byFunction[f.Key()] = map[string]bool{}
				}
				byFunction[f.Key()][s.RuleID] = true
			}
		}
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		res := f.Resource
		if (res.File != "" && ignored[key{res.File, res.LogicalID, f.RuleID}]) || byFunction[f.Function][f.RuleID] {
			r.Summary.Suppressed++
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
}
