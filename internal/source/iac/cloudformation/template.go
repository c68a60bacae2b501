package cloudformation

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/source/iac"
)

// template is one parsed CloudFormation or SAM template with its evaluation
// state. Resources are evaluated once, in file order.
type template struct {
	file    string
	sam     bool // Transform: AWS::Serverless-2016-10-31 (Globals apply)
	account string
	region  string
	stack   string

	params     map[string]any // resolved parameter values
	conditions map[string]*yaml.Node
	condState  map[string]int // 0 new, 1 evaluating, 2 done
	condValue  map[string]bool
	mappings   *yaml.Node
	globals    *yaml.Node

	resources map[string]*resource
	order     []string // logical ids in file order
	naming    map[string]bool

	external map[string]string // resources another format generates (LoadResources)

	steps    int // evaluation budget, against alias bombs
	depth    int // current nesting, against recursive aliases
	comments *iac.Comments
}

// resource is one entry of Resources.
type resource struct {
	ID        string
	Type      string
	Line      int
	Node      *yaml.Node // the resource's mapping
	Props     map[string]any
	Condition string
}

// maxSteps bounds the work of evaluating one template: YAML aliases can
// make a small file describe an enormous tree.
const maxSteps = 2_000_000

// maxDepth bounds nesting: real templates stay far below it, a recursive
// YAML alias does not.
const maxDepth = 500

// parseError is a problem at a line of the template.
type parseError struct {
	line int
	err  error
}

func (e *parseError) Error() string { return e.err.Error() }

func errAt(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &parseError{line, fmt.Errorf(format, args...)}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML reads YAML or JSON (a subset YAML parsers accept) into a node
// tree, turning the parser's message into a line-carrying error.
func parseYAML(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			var line int
			fmt.Sscanf(m[1], "%d", &line)
			return nil, &parseError{line, errors.New("invalid YAML/JSON: " + m[2])}
		}
		if err.Error() == "EOF" {
			return nil, &parseError{0, errors.New("empty template")}
		}
		return nil, &parseError{0, errors.New("invalid YAML/JSON: " + strings.TrimPrefix(msg, "yaml: "))}
	}
	if len(doc.Content) == 0 {
		return nil, &parseError{0, errors.New("empty template")}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errAt(root, "a template must be a mapping with a Resources section")
	}
	return root, nil
}

// child returns the value node of key in a mapping node, and the key node.
func child(m *yaml.Node, key string) (val, k *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1], m.Content[i]
		}
	}
	return nil, nil
}

// newTemplate reads the template's sections; it evaluates nothing yet.
func newTemplate(file string, root *yaml.Node, opts Params) (*template, error) {
	t := &template{
		file:       file,
		params:     map[string]any{},
		conditions: map[string]*yaml.Node{},
		condState:  map[string]int{},
		condValue:  map[string]bool{},
		resources:  map[string]*resource{},
		naming:     map[string]bool{},
	}
	t.account = orDefault(opts["AWS::AccountId"], iac.UnknownAccount)
	t.region = orDefault(opts["AWS::Region"], iac.UnknownRegion)
	t.stack = orDefault(opts["AWS::StackName"], stackName(file))

	if tr, _ := child(root, "Transform"); tr != nil {
		for _, n := range flatten(tr) {
			if strings.HasPrefix(n.Value, "AWS::Serverless") {
				t.sam = true
			}
		}
	}
	t.mappings, _ = child(root, "Mappings")
	t.globals, _ = child(root, "Globals")
	if ps, _ := child(root, "Parameters"); ps != nil && ps.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(ps.Content); i += 2 {
			name, decl := ps.Content[i].Value, ps.Content[i+1]
			if v, ok := opts[name]; ok {
				t.params[name] = paramValue(decl, v)
				continue
			}
			if def, _ := child(decl, "Default"); def != nil && def.Kind == yaml.ScalarNode {
				t.params[name] = paramValue(decl, def.Value)
				continue
			}
			t.params[name] = Unknown{name}
		}
	}
	if cs, _ := child(root, "Conditions"); cs != nil && cs.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(cs.Content); i += 2 {
			t.conditions[cs.Content[i].Value] = cs.Content[i+1]
		}
	}
	rs, rk := child(root, "Resources")
	if rs == nil {
		return nil, errAt(root, "no Resources section")
	}
	if rs.Kind != yaml.MappingNode {
		return nil, errAt(rk, "Resources must be a mapping")
	}
	for i := 0; i+1 < len(rs.Content); i += 2 {
		k, v := rs.Content[i], rs.Content[i+1]
		if v.Kind != yaml.MappingNode {
			return nil, errAt(k, "resource %s must be a mapping", k.Value)
		}
		typ, _ := child(v, "Type")
		if typ == nil || typ.Kind != yaml.ScalarNode {
			return nil, errAt(k, "resource %s has no Type", k.Value)
		}
		if _, dup := t.resources[k.Value]; dup {
			return nil, errAt(k, "resource %s is defined twice", k.Value)
		}
		r := &resource{ID: k.Value, Type: typ.Value, Line: k.Line, Node: v}
		if c, _ := child(v, "Condition"); c != nil {
			r.Condition = c.Value
		}
		t.resources[k.Value] = r
		t.order = append(t.order, k.Value)
	}
	return t, nil
}

// paramValue types a parameter: list types split on commas.
func paramValue(decl *yaml.Node, v string) any {
	typ, _ := child(decl, "Type")
	if typ != nil && (strings.HasPrefix(typ.Value, "List<") || typ.Value == "CommaDelimitedList") {
		var out []any
		for _, p := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(p))
		}
		return out
	}
	return v
}

func flatten(n *yaml.Node) []*yaml.Node {
	if n.Kind == yaml.SequenceNode {
		return n.Content
	}
	return []*yaml.Node{n}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// stackName stands in for the stack's name: the folder holding the template,
// as `sam deploy --guided` proposes by default.
func stackName(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	name := filepath.Base(filepath.Dir(abs))
	if name == "/" || name == "." || name == "" {
		return "stack"
	}
	return name
}
