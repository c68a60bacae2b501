// Package ignore reads .lambdasecignore files and drops the findings they
// list, counting them as suppressed. The format is in docs/ignore.md: one
// entry a line, a rule id or glob, optional resource=, instance= and path=
// globs, a mandatory reason= and an optional expires= date.
package ignore

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/source"
)

// DefaultFile is the ignore file a scan reads from the current directory
// when --ignore-file is not given.
const DefaultFile = ".lambdasecignore"

// Entry is one line of an ignore file.
type Entry struct {
	File     string
	Line     int
	Rule     *regexp.Regexp // from the rule id glob
	Resource *regexp.Regexp // nil: any
	Instance *regexp.Regexp // nil: any
	Path     *regexp.Regexp // nil: any; the file inside an archive
	Reason   string
	Expires  time.Time // zero: never
	raw      string
}

// String is the entry as written, for messages.
func (e *Entry) String() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.raw) }

// List is a parsed ignore file.
type List struct{ Entries []*Entry }

// Load reads an ignore file. Errors name the file and line.
func Load(path string) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads ignore entries from r; name is used in errors.
func Parse(r io.Reader, name string) (*List, error) {
	l := &List{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, err := parseEntry(line)
		if err != nil {
			return nil, &source.FileError{Path: name, Line: n, Err: err}
		}
		e.File, e.Line, e.raw = name, n, line
		l.Entries = append(l.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, &source.FileError{Path: name, Line: n + 1, Err: err}
	}
	return l, nil
}

var ruleGlob = regexp.MustCompile(`^(?:\*|LAMBDA-[A-Z*]{1,3}(?:-[0-9*]{1,3})?|LAMBDA-\*)$`)

func parseEntry(line string) (*Entry, error) {
	fields, err := splitFields(line)
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty entry")
	}
	if !ruleGlob.MatchString(fields[0]) {
		return nil, fmt.Errorf("%q is not a rule id or rule glob (e.g. LAMBDA-SEC-001, LAMBDA-SEC-*, *)", fields[0])
	}
	e := &Entry{Rule: glob(fields[0])}
	for _, f := range fields[1:] {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" {
			return nil, fmt.Errorf("%q: want key=value with key resource, instance, path, reason or expires", f)
		}
		switch k {
		case "resource":
			e.Resource = glob(v)
		case "instance":
			e.Instance = glob(v)
		case "path":
			e.Path = glob(v)
		case "reason":
			e.Reason = v
		case "expires":
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				return nil, fmt.Errorf("expires=%s: want a date YYYY-MM-DD", v)
			}
			e.Expires = t
		default:
			return nil, fmt.Errorf("unknown key %q (want resource, instance, path, reason or expires)", k)
		}
	}
	if strings.TrimSpace(e.Reason) == "" {
		return nil, fmt.Errorf("every entry needs reason=\"why this is accepted\"")
	}
	return e, nil
}

// splitFields splits at spaces outside double quotes and removes the
// quotes: reason="a b" is one field.
func splitFields(line string) ([]string, error) {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case unicode.IsSpace(r) && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote")
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}

// glob compiles a pattern where * matches any run of characters (slashes
// and colons included, since ARNs and archive paths have both) and ? one.
func glob(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range p {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// Matches reports whether e covers f.
func (e *Entry) Matches(f finding.Finding) bool {
	if !e.Rule.MatchString(f.RuleID) {
		return false
	}
	if e.Resource != nil && !anyMatch(e.Resource, f.Resource.ARN, f.Resource.Key(), f.Resource.Name, f.Function) {
		return false
	}
	if e.Instance != nil && !e.Instance.MatchString(f.Instance) {
		return false
	}
	if e.Path != nil {
		p, ok := ArchivePath(f.Instance)
		if !ok || !e.Path.MatchString(p) {
			return false
		}
	}
	return true
}

func anyMatch(re *regexp.Regexp, vs ...string) bool {
	for _, v := range vs {
		if v != "" && re.MatchString(v) {
			return true
		}
	}
	return false
}

var archiveInstance = regexp.MustCompile(`^(.+?)(?::\d+)?#[a-z0-9-]+$`)

// ArchivePath extracts the file path from the instance of a content
// finding ("app/config.py:12#github-token" gives app/config.py).
func ArchivePath(instance string) (string, bool) {
	m := archiveInstance.FindStringSubmatch(instance)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// Apply drops the findings covered by an entry that has not expired on
// day now, adds their number to r.Summary.Suppressed, and returns the
// entries that have expired (their findings are kept) so the caller can
// warn about them.
func (l *List) Apply(r *finding.Report, now time.Time) (expired []*Entry) {
	var active []*Entry
	for _, e := range l.Entries {
		if !e.Expires.IsZero() && now.After(e.Expires.Add(24*time.Hour-time.Nanosecond)) {
			expired = append(expired, e)
			continue
		}
		active = append(active, e)
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if covered(active, f) {
			r.Summary.Suppressed++
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	return expired
}

func covered(es []*Entry, f finding.Finding) bool {
	for _, e := range es {
		if e.Matches(f) {
			return true
		}
	}
	return false
}
