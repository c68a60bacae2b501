package cloudformation

import (
	"errors"
	"os"
	"sort"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

// Params are parameter values by name, including the pseudo-parameters
// AWS::AccountId, AWS::Region and AWS::StackName.
type Params map[string]string

// LoadFile reads one template into inv. Errors name the file and, where
// known, the line; a bad template adds nothing to inv.
func LoadFile(inv *inventory.Inventory, file string, params Params) []error {
	src, err := os.ReadFile(file)
	if err != nil {
		return []error{&source.FileError{Path: file, Err: err}}
	}
	return LoadBytes(inv, file, src, params)
}

// LoadBytes reads a template held in memory; file names it in errors and
// locations.
func LoadBytes(inv *inventory.Inventory, file string, src []byte, params Params) []error {
	root, err := parseYAML(src)
	if err != nil {
		return []error{fileErr(file, err)}
	}
	t, err := newTemplate(file, root, params)
	if err != nil {
		return []error{fileErr(file, err)}
	}
	comments, lineErrs := iac.ParseComments(src)
	t.comments = comments
	var errs []error
	for _, le := range lineErrs {
		errs = append(errs, &source.FileError{Path: file, Line: le.Line, Err: le.Err})
	}
	if err := t.resolveAll(); err != nil {
		return append(errs, fileErr(file, err))
	}
	t.build(inv)
	return errs
}

// LoadResources maps a Resources section embedded in another format (the
// resources of serverless.yml, with those the framework generates). src is
// the file's text, for its ignore comments. external names resources the
// deployment creates outside the section (logical id → physical name):
// references to them resolve to those names, their attributes are unknown.
func LoadResources(inv *inventory.Inventory, file string, src []byte, resources *yaml.Node, params Params, external map[string]string) error {
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "Resources"}, resources}}
	t, err := newTemplate(file, root, params)
	if err == nil {
		t.external = external
		t.comments, _ = iac.ParseComments(src)
		err = t.resolveAll()
	}
	if err != nil {
		return fileErr(file, err)
	}
	t.build(inv)
	return nil
}

func fileErr(file string, err error) error {
	var pe *parseError
	if errors.As(err, &pe) {
		return &source.FileError{Path: file, Line: pe.line, Err: pe.err}
	}
	return &source.FileError{Path: file, Err: err}
}

// resolveAll checks the references between resources for cycles, then
// evaluates every resource's properties (SAM Globals merged in) and drops
// the resources whose Condition is false.
func (t *template) resolveAll() error {
	if err := t.checkCycles(); err != nil {
		return err
	}
	var globals map[string]any
	if t.sam && t.globals != nil {
		g, err := t.eval(t.globals)
		if err != nil {
			return err
		}
		globals, _ = g.(map[string]any)
	}
	var kept []string
	for _, id := range t.order {
		r := t.resources[id]
		if r.Condition != "" {
			ok, err := t.condition(r.Condition, r.Node)
			if err != nil {
				return err
			}
			if !ok {
				delete(t.resources, id)
				continue
			}
		}
		kept = append(kept, id)
	}
	t.order = kept
	for _, id := range t.order {
		r := t.resources[id]
		props := map[string]any{}
		if pn, _ := child(r.Node, "Properties"); pn != nil {
			v, err := t.eval(pn)
			if err != nil {
				return err
			}
			m, ok := v.(map[string]any)
			if !ok && v != nil {
				return errAt(pn, "Properties of %s must be a mapping", id)
			}
			if m != nil {
				props = m
			}
		}
		if g := globalsFor(globals, r.Type); g != nil {
			props = mergeGlobals(g, props)
		}
		r.Props = props
	}
	return nil
}

// globalsFor returns the Globals section that applies to a SAM resource type.
func globalsFor(globals map[string]any, typ string) map[string]any {
	section := map[string]string{
		"AWS::Serverless::Function": "Function", "AWS::Serverless::Api": "Api",
		"AWS::Serverless::HttpApi": "HttpApi", "AWS::Serverless::SimpleTable": "SimpleTable",
		"AWS::Serverless::LayerVersion": "LayerVersion",
	}[typ]
	g, _ := globals[section].(map[string]any)
	return g
}

// mergeGlobals applies SAM's rules: a resource's own scalar wins, mappings
// merge key by key, and lists hold the global entries followed by the
// resource's.
func mergeGlobals(g, local map[string]any) map[string]any {
	out := make(map[string]any, len(g)+len(local))
	for k, v := range g {
		out[k] = v
	}
	for k, v := range local {
		gv, ok := out[k]
		if !ok {
			out[k] = v
			continue
		}
		switch lv := v.(type) {
		case map[string]any:
			if gm, ok := gv.(map[string]any); ok {
				out[k] = mergeGlobals(gm, lv)
				continue
			}
		case []any:
			if gl, ok := gv.([]any); ok {
				out[k] = append(append([]any{}, gl...), lv...)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// checkCycles reports a resource that depends on itself through Ref,
// Fn::GetAtt, Fn::Sub or DependsOn: CloudFormation refuses such a template.
func (t *template) checkCycles() error {
	deps := map[string][]string{}
	for _, id := range t.order {
		seen := map[string]bool{}
		collectRefs(t.resources[id].Node, t, seen)
		deps[id] = sortedKeys(seen)
	}
	state := map[string]int{}
	var path []string
	var visit func(id string) error
	visit = func(id string) error {
		switch state[id] {
		case 1:
			i := len(path) - 1
			for i > 0 && path[i] != id {
				i--
			}
			cycle := append(append([]string{}, path[i:]...), id)
			return errAt(keyNode(t.resources[id]), "circular reference between resources: %s", joinArrow(cycle))
		case 2:
			return nil
		}
		state[id] = 1
		path = append(path, id)
		for _, d := range deps[id] {
			if err := visit(d); err != nil {
				return err
			}
		}
		path = path[:len(path)-1]
		state[id] = 2
		return nil
	}
	ids := append([]string{}, t.order...)
	sort.Strings(ids)
	for _, id := range ids {
		if err := visit(id); err != nil {
			return err
		}
	}
	return nil
}

func keyNode(r *resource) *yaml.Node { return &yaml.Node{Line: r.Line} }

func joinArrow(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += " → "
		}
		s += id
	}
	return s
}

// collectRefs gathers the resource ids a node refers to, without evaluating.
func collectRefs(n *yaml.Node, t *template, into map[string]bool) {
	if n == nil {
		return
	}
	add := func(id string) {
		if _, ok := t.resources[id]; ok {
			into[id] = true
		}
	}
	switch n.Tag {
	case "!Ref":
		add(n.Value)
	case "!GetAtt":
		if n.Kind == yaml.ScalarNode {
			id, _, _ := strings.Cut(n.Value, ".")
			add(id)
		} else if len(n.Content) > 0 {
			add(n.Content[0].Value)
		}
	case "!Sub":
		subRefs(n, add)
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			switch k {
			case "Ref":
				add(v.Value)
			case "Fn::GetAtt":
				if v.Kind == yaml.ScalarNode {
					id, _, _ := strings.Cut(v.Value, ".")
					add(id)
				} else if len(v.Content) > 0 {
					add(v.Content[0].Value)
				}
			case "Fn::Sub":
				subRefs(v, add)
			case "DependsOn":
				for _, d := range flatten(v) {
					add(d.Value)
				}
			}
		}
	}
	if n.Kind == yaml.AliasNode {
		return // aliases repeat nodes already visited
	}
	for _, c := range n.Content {
		collectRefs(c, t, into)
	}
}

func subRefs(n *yaml.Node, add func(string)) {
	text := n
	if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
		text = n.Content[0]
	}
	s := text.Value
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			return
		}
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if len(name) > 0 && name[0] != '!' {
			id, _, _ := strings.Cut(name, ".")
			add(id)
		}
	}
}
