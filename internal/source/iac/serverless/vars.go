package serverless

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// resolver substitutes Serverless Framework variables (${self:…},
// ${opt:…}, ${env:…}, ${file(…):…}, ${sls:…}, ${aws:…}, ${param:…}) in a
// node tree, with fallbacks (${opt:stage, 'dev'}). Values that only exist
// at deploy time (${ssm:…}, ${cf:…}, ${s3:…}, ${aws:accountId} when not
// given) stay as their own text, which rules treat as a reference.
type resolver struct {
	file    string
	dir     string
	root    *yaml.Node
	params  map[string]string
	files   map[string]*yaml.Node
	account string
	region  string
	stage   string
	active  map[string]bool // self: addresses being resolved, for cycles
	steps   int
	depth   int
	missing string // the file() of the last alternative that named a missing file
}

// varError is a problem at a line of a file.
type varError struct {
	file string
	line int
	err  error
}

func (e *varError) Error() string { return e.err.Error() }

func (r *resolver) errAt(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &varError{r.file, line, fmt.Errorf(format, args...)}
}

// maxSteps bounds the work of resolving one file (aliases, deep nesting).
const maxSteps = 1_000_000

// maxDepth bounds nesting: real files stay far below it, a recursive YAML
// alias does not.
const maxDepth = 500

// resolve returns a copy of n with every variable substituted.
func (r *resolver) resolve(n *yaml.Node) (*yaml.Node, error) {
	if r.steps++; r.steps > maxSteps {
		return nil, r.errAt(n, "file too large to resolve (more than %d nodes)", maxSteps)
	}
	if r.depth++; r.depth > maxDepth {
		return nil, r.errAt(n, "nested deeper than %d levels (a recursive alias or variable?)", maxDepth)
	}
	defer func() { r.depth-- }()
	switch n.Kind {
	case yaml.AliasNode:
		return r.resolve(n.Alias)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}, nil
		}
		return r.resolve(n.Content[0])
	case yaml.ScalarNode:
		if !strings.Contains(n.Value, "${") {
			return n, nil
		}
		return r.interpolate(n)
	}
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, ch := range n.Content {
		v, err := r.resolve(ch)
		if err != nil {
			return nil, err
		}
		c.Content[i] = v
	}
	return &c, nil
}

// interpolate resolves the variables of one scalar. A scalar that is exactly
// one variable takes the variable's value, which may be a mapping or list.
func (r *resolver) interpolate(n *yaml.Node) (*yaml.Node, error) {
	s := n.Value
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		end, err := closing(s, i+2)
		if err != nil {
			return nil, r.errAt(n, "%v", err)
		}
		expr := s[i+2 : end]
		v, err := r.variable(expr, n)
		if err != nil {
			return nil, err
		}
		if i == 0 && end == len(s)-1 && b.Len() == 0 {
			return v, nil
		}
		if v.Kind != yaml.ScalarNode {
			return nil, r.errAt(n, "${%s} is a %s and cannot be part of a string", expr, kindName(v))
		}
		b.WriteString(s[:i])
		b.WriteString(v.Value)
		s = s[end+1:]
	}
	return scalar(b.String(), n.Line), nil
}

// closing finds the } that closes the ${ opened before start, allowing
// nested variables.
func closing(s string, start int) (int, error) {
	depth := 1
	for i := start; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, errors.New("unclosed ${ in variable")
}

func scalar(v string, line int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: line}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// variable resolves one ${…} expression with its fallbacks.
func (r *resolver) variable(expr string, at *yaml.Node) (*yaml.Node, error) {
	alts := splitTop(expr)
	r.missing = ""
	for i, alt := range alts {
		alt = strings.TrimSpace(alt)
		if strings.Contains(alt, "${") {
			v, err := r.interpolate(scalar(alt, at.Line))
			if err != nil {
				return nil, err
			}
			if v.Kind != yaml.ScalarNode {
				return v, nil
			}
			alt = v.Value
		}
		v, ok, err := r.source(alt, at, i == 0)
		if err != nil {
			return nil, err
		}
		if ok {
			return v, nil
		}
	}
	if r.missing != "" {
		return nil, r.errAt(at, "variable ${%s}: file %s does not exist", redactExpr(expr), r.missing)
	}
	return nil, r.errAt(at, "variable ${%s} cannot be resolved and has no fallback", redactExpr(expr))
}

// redactExpr keeps only the sources of an expression in error messages:
// fallback literals may be secrets.
func redactExpr(expr string) string {
	var out []string
	for _, alt := range splitTop(expr) {
		alt = strings.TrimSpace(alt)
		if strings.HasPrefix(alt, "'") || strings.HasPrefix(alt, `"`) {
			alt = "'…'"
		}
		out = append(out, alt)
	}
	return strings.Join(out, ", ")
}

// splitTop splits on commas outside quotes, parentheses and nested ${}.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '{':
			depth++
		case c == ')' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// source resolves one alternative; ok is false when it is undefined (so
// the next fallback applies).
func (r *resolver) source(alt string, at *yaml.Node, first bool) (*yaml.Node, bool, error) {
	if len(alt) >= 2 && (alt[0] == '\'' || alt[0] == '"') && alt[len(alt)-1] == alt[0] {
		return scalar(alt[1:len(alt)-1], at.Line), true, nil
	}
	if alt == "null" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", Line: at.Line}, true, nil
	}
	if alt == "true" || alt == "false" || isNumber(alt) {
		return scalar(alt, at.Line), true, nil
	}
	kind, addr, _ := strings.Cut(alt, ":")
	switch {
	case kind == "self":
		return r.self(addr, at)
	case kind == "opt", kind == "param":
		if v, ok := r.params[addr]; ok {
			return scalar(v, at.Line), true, nil
		}
		return nil, false, nil
	case kind == "env":
		if v, ok := os.LookupEnv(addr); ok {
			return scalar(v, at.Line), true, nil
		}
		return nil, false, nil
	case kind == "sls":
		switch addr {
		case "stage":
			return scalar(r.stage, at.Line), true, nil
		case "instanceId":
			return scalar("${sls:instanceId}", at.Line), true, nil
		}
	case kind == "aws":
		switch addr {
		case "accountId":
			return scalar(r.account, at.Line), true, nil
		case "region":
			return scalar(r.region, at.Line), true, nil
		}
	case strings.HasPrefix(kind, "file("):
		return r.fromFile(alt, at)
	case kind == "ssm", kind == "cf", kind == "s3", kind == "secretsmanager", kind == "terraform":
		// Known only at deploy time: keep the reference itself.
		return scalar("${"+alt+"}", at.Line), true, nil
	}
	if first {
		return nil, false, r.errAt(at, "unsupported variable source in ${%s}", redactExpr(alt))
	}
	return nil, false, nil
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// self resolves ${self:a.b.c} in the service file.
func (r *resolver) self(addr string, at *yaml.Node) (*yaml.Node, bool, error) {
	if r.active[addr] {
		return nil, false, r.errAt(at, "circular variable reference: ${self:%s} depends on itself", addr)
	}
	r.active[addr] = true
	defer delete(r.active, addr)
	n, err := r.walk(r.root, addr)
	if n == nil || err != nil {
		return nil, false, err
	}
	v, err := r.resolve(n)
	return v, err == nil, err
}

// fromFile resolves ${file(./path):a.b} relative to the service file.
func (r *resolver) fromFile(alt string, at *yaml.Node) (*yaml.Node, bool, error) {
	close := strings.Index(alt, ")")
	if close < 0 {
		return nil, false, r.errAt(at, "malformed file() variable")
	}
	rel := strings.Trim(strings.TrimSpace(alt[len("file("):close]), `'"`)
	addr := strings.TrimPrefix(alt[close+1:], ":")
	path := filepath.Join(r.dir, rel)
	doc, ok := r.files[path]
	if !ok {
		src, err := os.ReadFile(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				r.missing = rel
				return nil, false, nil // undefined: a fallback may apply
			}
			return nil, false, r.errAt(at, "file(%s): %v", rel, err)
		}
		var d yaml.Node
		if err := yaml.Unmarshal(src, &d); err != nil {
			return nil, false, &varError{path, 0, fmt.Errorf("invalid YAML/JSON: %v", strings.TrimPrefix(err.Error(), "yaml: "))}
		}
		if len(d.Content) > 0 {
			doc = d.Content[0]
		}
		r.files[path] = doc
	}
	if doc == nil {
		return nil, false, nil
	}
	key := "file:" + path + ":" + addr
	if r.active[key] {
		return nil, false, r.errAt(at, "circular variable reference through file(%s)", rel)
	}
	r.active[key] = true
	defer delete(r.active, key)
	n, err := r.walk(doc, addr)
	if n == nil || err != nil {
		return nil, false, err
	}
	v, err := r.resolve(n)
	return v, err == nil, err
}

// walk follows a dotted address through mappings (and list indexes),
// resolving variables met on the way: ${self:custom.config.size} where
// custom.config is itself ${file(…)}.
func (r *resolver) walk(n *yaml.Node, addr string) (*yaml.Node, error) {
	if addr == "" {
		return n, nil
	}
	for _, k := range strings.Split(addr, ".") {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n != nil && n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "${") {
			v, err := r.interpolate(n)
			if err != nil {
				return nil, err
			}
			n = v
		}
		if n == nil {
			return nil, nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					next = n.Content[i+1]
				}
			}
			n = next
		case yaml.SequenceNode:
			var idx int
			if _, err := fmt.Sscanf(k, "%d", &idx); err != nil || idx < 0 || idx >= len(n.Content) {
				return nil, nil
			}
			n = n.Content[idx]
		default:
			return nil, nil
		}
	}
	return n, nil
}
