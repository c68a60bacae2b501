// Package secrets finds credentials and malicious content in what a Lambda
// function carries: environment variables, deployment packages and layers.
// The detection engine is our own compact rule set built from the documented
// token formats of each provider; every rule names literal keywords that
// must occur before its regular expression runs, so most content is skipped
// by a fast substring search and the regexp engine only sees small windows.
//
// Nothing in this package returns a secret value except Match.Value, which
// callers must pass through internal/redact before it leaves memory.
package secrets

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// Location is where content comes from, for messages: an archive path and
// the path of the file inside it, or an environment variable name.
type Location struct {
	Archive string // e.g. the package or layer zip; may be empty
	Path    string // path inside the archive, or "env:NAME"
}

// Match is one detection.
type Match struct {
	Rule     *Rule
	Where    Location
	Line     int    // 1-based line in the file; 0 when not applicable
	Value    string // the matched secret: print only through internal/redact
	Example  bool   // a documented example value (e.g. AWS's AKIAIOSFODNN7EXAMPLE)
	Severity finding.Severity
}

// Detector finds secrets in content. Implementations are safe for
// concurrent use.
type Detector interface {
	Scan(content []byte, where Location) []Match
}

// Rule is one provider format.
type Rule struct {
	ID          string // stable, e.g. "aws-access-key-id"
	Description string
	Severity    finding.Severity
	// Keywords are literal substrings of which one must occur in the
	// content for the rule to run; the regexp runs only on the line around
	// each occurrence.
	Keywords []string
	re       *regexp.Regexp
	// group is the submatch that holds the secret (0: the whole match).
	group int
	// valid, when set, rejects look-alikes the regexp cannot (placeholders,
	// low entropy, malformed structure).
	valid func(secret string) bool
	// nameGroup, when set, is the submatch holding the name the secret is
	// assigned to, which validName must accept.
	nameGroup int
	validName func(name string) bool
	// generic rules yield to a provider rule that matched the same value.
	generic bool
}

// Engine is the default Detector. It holds only immutable compiled rules
// and tables (Go's regexp is safe for concurrent use), so one Engine
// serves every goroutine.
type Engine struct {
	rules    []*Rule
	keywords []keyword // every distinct keyword with the rules that need it
	set      *keywordSet
}

type keyword struct {
	text  []byte
	rules []*Rule
}

// maxWindow bounds the text around a keyword occurrence that a rule's
// regexp sees, so a minified file with megabyte-long lines stays linear.
const maxWindow = 4096

// NewEngine returns the engine for files: the provider rules plus the
// generic secret-assignment rule.
func NewEngine() *Engine { return newEngine(append(providerRules(), genericRule)) }

// newValueEngine returns the provider rules only, for single values whose
// name is judged separately (environment variables).
func newValueEngine() *Engine { return newEngine(providerRules()) }

func newEngine(rules []*Rule) *Engine {
	e := &Engine{rules: rules}
	idx := map[string]int{}
	for _, r := range rules {
		for _, k := range r.Keywords {
			i, ok := idx[k]
			if !ok {
				i = len(e.keywords)
				idx[k] = i
				e.keywords = append(e.keywords, keyword{text: []byte(k)})
			}
			e.keywords[i].rules = append(e.keywords[i].rules, r)
		}
	}
	words := make([][]byte, len(e.keywords))
	for i, k := range e.keywords {
		words[i] = k.text
	}
	e.set = newKeywordSet(words)
	return e
}

// Rules returns the engine's rules.
func (e *Engine) Rules() []*Rule { return e.rules }

// Scan implements Detector. One pass finds the keyword occurrences; each
// rule's regexp then runs once on the line around an occurrence, and not
// again on a line it has already read.
func (e *Engine) Scan(content []byte, where Location) []Match {
	type key struct {
		rule  *Rule
		start int
	}
	var seen map[key]bool
	var out []Match
	done := map[*Rule]int{} // offset up to which each rule has read
	e.set.each(content, func(w, at int) {
		kw := e.keywords[w]
		ws, we := -1, -1
		for _, r := range kw.rules {
			if at < done[r] {
				continue
			}
			if ws < 0 {
				ws, we = window(content, at, len(kw.text))
			}
			done[r] = max(we, at+len(kw.text))
			for _, loc := range r.re.FindAllSubmatchIndex(content[ws:we], -1) {
				s, t := loc[2*r.group], loc[2*r.group+1]
				if s < 0 {
					continue
				}
				if seen == nil {
					seen = map[key]bool{}
				}
				k := key{r, ws + s}
				if seen[k] {
					continue
				}
				seen[k] = true
				v := string(content[ws+s : ws+t])
				if r.valid != nil && !r.valid(v) {
					continue
				}
				if r.nameGroup > 0 && r.validName != nil {
					ns, nt := loc[2*r.nameGroup], loc[2*r.nameGroup+1]
					if ns < 0 || !r.validName(string(content[ws+ns:ws+nt])) {
						continue
					}
				}
				m := Match{Rule: r, Where: where, Line: 1 + bytes.Count(content[:ws+s], nl), Value: v, Severity: r.Severity}
				if isDocumentedExample(r, v) {
					m.Example, m.Severity = true, finding.Low
				}
				out = append(out, m)
			}
		}
	})
	out = dropGenericOverlaps(out)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Rule.ID < out[j].Rule.ID
	})
	return out
}

var nl = []byte{'\n'}

// window returns the line around content[at:at+n], cut to maxWindow bytes
// on each side. PEM keys span lines, so the window extends forward over
// following lines up to the limit.
func window(content []byte, at, n int) (int, int) {
	start := bytes.LastIndexByte(content[:at], '\n') + 1
	if at-start > maxWindow {
		start = at - maxWindow
	}
	end := min(len(content), at+n+maxWindow)
	if j := bytes.IndexByte(content[at+n:end], '\n'); j >= 0 && !bytes.Contains(content[at:at+n], []byte("PRIVATE KEY")) {
		end = at + n + j
	}
	return start, end
}

// dropGenericOverlaps removes generic matches on a line where a provider
// rule matched a value containing or contained in theirs: one secret, one
// match, under the more precise rule.
func dropGenericOverlaps(ms []Match) []Match {
	var kept []Match
	for _, m := range ms {
		if m.Rule.generic && overlapsProvider(ms, m) {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

func overlapsProvider(ms []Match, g Match) bool {
	for _, m := range ms {
		if !m.Rule.generic && m.Line == g.Line && (strings.Contains(m.Value, g.Value) || strings.Contains(g.Value, m.Value)) {
			return true
		}
	}
	return false
}
