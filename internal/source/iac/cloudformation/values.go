package cloudformation

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// A resolved template value is one of: string (every YAML/JSON scalar,
// CloudFormation passes them as strings), []any, map[string]any, nil,
// Unknown, or Ref.

// Unknown is a value a template cannot know before deploy (an imported
// output, a parameter without default the user did not give, a macro). It
// prints as the expression it stands for, so evidence stays readable.
type Unknown struct{ Expr string }

// Ref is a reference to another resource of the template (Ref or
// Fn::GetAtt): the mapping code links to the resource itself; printing it
// yields the physical id or attribute the resource would have.
type Ref struct {
	LogicalID string
	Attr      string // "" for Ref
}

// noValue is AWS::NoValue: the property is removed.
type noValue struct{}

// str prints a value the way CloudFormation would substitute it; resolved
// resource references become physical names and ARNs.
func (t *template) str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	case Unknown:
		return "${" + v.Expr + "}"
	case Ref:
		return t.physical(v)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = t.str(x)
		}
		return strings.Join(parts, ",")
	case map[string]any:
		b, _ := json.Marshal(t.plain(v))
		return string(b)
	default:
		return ""
	}
}

// plain turns a resolved value into JSON-ready data: references and unknowns
// become strings.
func (t *template) plain(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = t.plain(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = t.plain(x)
		}
		return out
	case nil:
		return nil
	default:
		return t.str(v)
	}
}

// get walks a path of keys into a resolved map.
func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// list returns v as a list; a scalar is a list of one.
func list(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

func (t *template) strs(v any) []string {
	var out []string
	for _, x := range list(v) {
		if s := t.str(x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// intOf parses an integer property; ok is false when absent or not a number.
func (t *template) intOf(v any) (int, bool) {
	if v == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(t.str(v)))
	return n, err == nil
}

func (t *template) boolOf(v any) bool { return strings.EqualFold(t.str(v), "true") }

func (t *template) strMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		out[k] = t.str(x)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
