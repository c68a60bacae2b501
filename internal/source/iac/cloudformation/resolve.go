package cloudformation

import (
	"encoding/base64"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// shortForms maps the YAML short-form tags to their long-form names.
var shortForms = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join", "!If": "Fn::If",
	"!Select": "Fn::Select", "!FindInMap": "Fn::FindInMap", "!Split": "Fn::Split",
	"!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64", "!Equals": "Fn::Equals",
	"!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not", "!Cidr": "Fn::Cidr",
	"!GetAZs": "Fn::GetAZs", "!Transform": "Fn::Transform",
	"!ToJsonString": "Fn::ToJsonString", "!Length": "Fn::Length",
}

// eval resolves a node: intrinsic functions are applied, parameters,
// mappings and conditions looked up, references to resources kept as Ref.
func (t *template) eval(n *yaml.Node) (any, error) {
	if t.steps++; t.steps > maxSteps {
		return nil, errAt(n, "template too large to evaluate (aliases expand beyond %d nodes)", maxSteps)
	}
	if t.depth++; t.depth > maxDepth {
		return nil, errAt(n, "template nested deeper than %d levels (a recursive alias?)", maxDepth)
	}
	defer func() { t.depth-- }()
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return t.eval(n.Content[0])
	case yaml.AliasNode:
		return t.eval(n.Alias)
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		fn, ok := shortForms[n.Tag]
		if !ok {
			return nil, errAt(n, "unknown tag %s", n.Tag)
		}
		return t.intrinsic(fn, n, n)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil, nil
		}
		return n.Value, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := t.eval(c)
			if err != nil {
				return nil, err
			}
			if _, drop := v.(noValue); !drop {
				out = append(out, v)
			}
		}
		return out, nil
	case yaml.MappingNode:
		if len(n.Content) == 2 {
			k := n.Content[0].Value
			if k == "Ref" || strings.HasPrefix(k, "Fn::") {
				return t.intrinsic(k, n.Content[1], n)
			}
		}
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "<<" {
				continue
			}
			v, err := t.eval(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			if _, drop := v.(noValue); !drop {
				out[n.Content[i].Value] = v
			}
		}
		return out, nil
	}
	return nil, errAt(n, "unexpected YAML node")
}

// arg is the argument node of an intrinsic: for a short-form tag, the node
// itself without its tag.
func arg(n *yaml.Node, tagged bool) *yaml.Node {
	if !tagged {
		return n
	}
	c := *n
	c.Tag = ""
	if c.Kind == yaml.ScalarNode {
		c.Tag = "!!str"
	}
	return &c
}

// args evaluates an intrinsic's argument list and checks its length.
func (t *template) args(fn string, a *yaml.Node, min, max int) ([]any, error) {
	v, err := t.eval(a)
	if err != nil {
		return nil, err
	}
	l, ok := v.([]any)
	if !ok || len(l) < min || len(l) > max {
		if min == max {
			return nil, errAt(a, "%s takes a list of %d arguments", fn, min)
		}
		return nil, errAt(a, "%s takes a list of %d to %d arguments", fn, min, max)
	}
	return l, nil
}

func (t *template) intrinsic(fn string, a, at *yaml.Node) (any, error) {
	tagged := a == at
	a = arg(a, tagged)
	switch fn {
	case "Ref":
		v, err := t.eval(a)
		if err != nil {
			return nil, err
		}
		name, ok := v.(string)
		if !ok {
			return nil, errAt(a, "Ref takes a name")
		}
		return t.ref(name, at)
	case "Fn::GetAtt":
		var parts []any
		if a.Kind == yaml.ScalarNode {
			id, attr, ok := strings.Cut(a.Value, ".")
			if !ok {
				return nil, errAt(a, "Fn::GetAtt takes LogicalId.Attribute")
			}
			parts = []any{id, attr}
		} else {
			var err error
			if parts, err = t.args(fn, a, 2, 2); err != nil {
				return nil, err
			}
		}
		id, attr := t.str(parts[0]), t.str(parts[1])
		if _, ok := t.external[id]; ok {
			return Unknown{id + "." + attr}, nil
		}
		if _, ok := t.resources[id]; !ok {
			return nil, errAt(at, "Fn::GetAtt names %s, which is not a resource of the template", id)
		}
		return Ref{id, attr}, nil
	case "Fn::Sub":
		return t.sub(a, at)
	case "Fn::Join":
		l, err := t.args(fn, a, 2, 2)
		if err != nil {
			return nil, err
		}
		items, ok := l[1].([]any)
		if !ok {
			if u, isU := l[1].(Unknown); isU {
				return u, nil
			}
			return nil, errAt(a, "Fn::Join takes a delimiter and a list")
		}
		parts := make([]string, len(items))
		for i, x := range items {
			parts[i] = t.str(x)
		}
		return strings.Join(parts, t.str(l[0])), nil
	case "Fn::Select":
		l, err := t.args(fn, a, 2, 2)
		if err != nil {
			return nil, err
		}
		i, err := strconv.Atoi(t.str(l[0]))
		if err != nil {
			return nil, errAt(a, "Fn::Select needs a numeric index")
		}
		items, ok := l[1].([]any)
		if !ok {
			return Unknown{"Fn::Select"}, nil
		}
		if i < 0 || i >= len(items) {
			return nil, errAt(a, "Fn::Select index %d is outside the list of %d", i, len(items))
		}
		return items[i], nil
	case "Fn::Split":
		l, err := t.args(fn, a, 2, 2)
		if err != nil {
			return nil, err
		}
		if u, ok := l[1].(Unknown); ok {
			return u, nil
		}
		var out []any
		for _, p := range strings.Split(t.str(l[1]), t.str(l[0])) {
			out = append(out, p)
		}
		return out, nil
	case "Fn::If":
		l, err := t.args(fn, a, 3, 3)
		if err != nil {
			return nil, err
		}
		cond, err := t.condition(t.str(l[0]), a)
		if err != nil {
			return nil, err
		}
		if cond {
			return l[1], nil
		}
		return l[2], nil
	case "Fn::FindInMap":
		return t.findInMap(a)
	case "Fn::ImportValue":
		v, err := t.eval(a)
		if err != nil {
			return nil, err
		}
		return Unknown{"ImportValue:" + t.str(v)}, nil
	case "Fn::Base64":
		v, err := t.eval(a)
		if err != nil {
			return nil, err
		}
		if _, ok := v.(Unknown); ok {
			return v, nil
		}
		return base64.StdEncoding.EncodeToString([]byte(t.str(v))), nil
	case "Fn::GetAZs":
		// The region's zones, named as EC2 names them (REGIONa, REGIONb …),
		// so that subnets placed with !Select [i, !GetAZs ''] keep their
		// distinct zones.
		if _, err := t.eval(a); err != nil {
			return nil, err
		}
		var zones []any
		for _, z := range "abcdef" {
			zones = append(zones, t.region+string(z))
		}
		return zones, nil
	case "Fn::Cidr":
		if _, err := t.eval(a); err != nil {
			return nil, err
		}
		return Unknown{fn}, nil
	case "Fn::Transform":
		return Unknown{"Fn::Transform"}, nil
	case "Fn::ToJsonString":
		v, err := t.eval(a)
		if err != nil {
			return nil, err
		}
		return t.str(v), nil
	case "Fn::Length":
		v, err := t.eval(a)
		if err != nil {
			return nil, err
		}
		if l, ok := v.([]any); ok {
			return strconv.Itoa(len(l)), nil
		}
		return Unknown{"Fn::Length"}, nil
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition":
		b, err := t.condExpr(fn, a)
		if err != nil {
			return nil, err
		}
		return strconv.FormatBool(b), nil
	}
	return nil, errAt(at, "unknown intrinsic function %s", fn)
}

// ref resolves Ref: a parameter, a pseudo-parameter or a resource.
func (t *template) ref(name string, at *yaml.Node) (any, error) {
	if v, ok := t.params[name]; ok {
		return v, nil
	}
	switch name {
	case "AWS::AccountId":
		return t.account, nil
	case "AWS::Region":
		return t.region, nil
	case "AWS::Partition":
		return "aws", nil
	case "AWS::URLSuffix":
		return "amazonaws.com", nil
	case "AWS::StackName":
		return t.stack, nil
	case "AWS::NoValue":
		return noValue{}, nil
	case "AWS::StackId", "AWS::NotificationARNs":
		return Unknown{name}, nil
	}
	if _, ok := t.resources[name]; ok {
		return Ref{LogicalID: name}, nil
	}
	if v, ok := t.external[name]; ok {
		return v, nil
	}
	return nil, errAt(at, "Ref names %s, which is neither a parameter nor a resource of the template", name)
}

// sub implements Fn::Sub: ${Name}, ${Resource.Attr}, ${!Literal}.
func (t *template) sub(a, at *yaml.Node) (any, error) {
	var text string
	vars := map[string]any{}
	if a.Kind == yaml.SequenceNode {
		l, err := t.args("Fn::Sub", a, 1, 2)
		if err != nil {
			return nil, err
		}
		text = t.str(l[0])
		if len(l) == 2 {
			m, ok := l[1].(map[string]any)
			if !ok {
				return nil, errAt(a, "Fn::Sub variables must be a mapping")
			}
			vars = m
		}
	} else {
		v, err := t.eval(a)
		if err != nil {
			return nil, err
		}
		s, ok := v.(string)
		if !ok {
			return nil, errAt(a, "Fn::Sub takes a string or [string, variables]")
		}
		text = s
	}
	var b strings.Builder
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		j := strings.Index(text[i:], "}")
		if j < 0 {
			return nil, errAt(at, "Fn::Sub: unclosed ${")
		}
		name := text[i+2 : i+j]
		text = text[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		if v, ok := vars[name]; ok {
			b.WriteString(t.str(v))
			continue
		}
		if id, attr, ok := strings.Cut(name, "."); ok {
			if _, ext := t.external[id]; ext {
				b.WriteString(t.str(Unknown{name}))
				continue
			}
			if _, isRes := t.resources[id]; !isRes {
				return nil, errAt(at, "Fn::Sub: ${%s} names %s, which is not a resource of the template", name, id)
			}
			b.WriteString(t.str(Ref{id, attr}))
			continue
		}
		v, err := t.ref(name, at)
		if err != nil {
			return nil, err
		}
		b.WriteString(t.str(v))
	}
	return b.String(), nil
}

func (t *template) findInMap(a *yaml.Node) (any, error) {
	l, err := t.args("Fn::FindInMap", a, 3, 4)
	if err != nil {
		return nil, err
	}
	var def any
	if len(l) == 4 {
		def = get(l[3], "DefaultValue")
	}
	for _, x := range l[:3] {
		if _, ok := x.(Unknown); ok {
			if def != nil {
				return def, nil
			}
			return Unknown{"Fn::FindInMap"}, nil
		}
	}
	m, _ := child(t.mappings, t.str(l[0]))
	top, _ := child(m, t.str(l[1]))
	v, _ := child(top, t.str(l[2]))
	if v == nil {
		if def != nil {
			return def, nil
		}
		return nil, errAt(a, "Fn::FindInMap: %s/%s/%s is not in Mappings", t.str(l[0]), t.str(l[1]), t.str(l[2]))
	}
	return t.eval(v)
}

// condition evaluates a named condition once; a condition that depends on
// itself is an error. A condition on a value unknown before deploy counts
// as true: the resources it guards are then judged as if deployed.
func (t *template) condition(name string, at *yaml.Node) (bool, error) {
	switch t.condState[name] {
	case 2:
		return t.condValue[name], nil
	case 1:
		return false, errAt(at, "condition %s depends on itself (circular reference)", name)
	}
	n, ok := t.conditions[name]
	if !ok {
		return false, errAt(at, "condition %s is not defined in Conditions", name)
	}
	t.condState[name] = 1
	v, err := t.eval(n)
	if err != nil {
		return false, err
	}
	b := true
	if s, ok := v.(string); ok {
		b = s == "true"
	}
	t.condState[name], t.condValue[name] = 2, b
	return b, nil
}

func (t *template) condExpr(fn string, a *yaml.Node) (bool, error) {
	switch fn {
	case "Condition":
		v, err := t.eval(a)
		if err != nil {
			return false, err
		}
		return t.condition(t.str(v), a)
	case "Fn::Equals":
		l, err := t.args(fn, a, 2, 2)
		if err != nil {
			return false, err
		}
		for _, x := range l {
			if _, ok := x.(Unknown); ok {
				return true, nil
			}
		}
		return t.str(l[0]) == t.str(l[1]), nil
	case "Fn::Not":
		l, err := t.args(fn, a, 1, 1)
		if err != nil {
			return false, err
		}
		return t.str(l[0]) != "true", nil
	}
	// Fn::And, Fn::Or: items may be {Condition: name} mappings.
	if a.Kind != yaml.SequenceNode || len(a.Content) < 1 {
		return false, errAt(a, "%s takes a list of conditions", fn)
	}
	result := fn == "Fn::And"
	for _, c := range a.Content {
		var b bool
		if cn, _ := child(c, "Condition"); cn != nil && len(c.Content) == 2 {
			var err error
			if b, err = t.condition(cn.Value, cn); err != nil {
				return false, err
			}
		} else {
			v, err := t.eval(c)
			if err != nil {
				return false, err
			}
			b = t.str(v) == "true"
		}
		if fn == "Fn::And" {
			result = result && b
		} else {
			result = result || b
		}
	}
	return result, nil
}
