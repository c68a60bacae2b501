package terraform

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// maxModuleDepth stops module calls that (through symlinks or "../")
// include themselves.
const maxModuleDepth = 16

// maxCount bounds the instances of one counted resource, so that a typo
// such as count = 1e9 cannot exhaust memory.
const maxCount = 10000

// instance is one resource instance after evaluation: what the mapping to
// the inventory reads, from HCL and from plan JSON alike.
type instance struct {
	typ    string
	data   bool
	key    string    // configuration address, e.g. module.app.aws_iam_role.r
	addr   string    // instance address, e.g. module.app.aws_iam_role.r["eu"]
	values cty.Value // object of arguments, nested blocks as lists of objects
	loc    inventory.Location
}

// world is what every module of one configuration shares.
type world struct {
	account, region string
	instances       []*instance
	errs            []error
	modules         []*module // every module read, for suppression comments
}

// evaluator evaluates one module instance.
type evaluator struct {
	w        *world
	m        *module
	prefix   string // "module.NAME." for called modules
	depth    int
	vars     map[string]cty.Value
	locals   map[string]cty.Value
	values   map[string]cty.Value // by block key: object, tuple (count) or object of keys (for_each)
	modules  map[string]cty.Value // outputs by module call name
	wanted   map[string]map[string]bool
	funcs    map[string]function.Function
	pathVals cty.Value
}

// node is one thing to evaluate in dependency order.
type node struct {
	key  string
	rng  hcl.Range
	deps []string
	eval func()
}

func newEvaluator(w *world, m *module, prefix string, depth int, vars map[string]cty.Value, root string) *evaluator {
	return &evaluator{
		w: w, m: m, prefix: prefix, depth: depth, vars: vars,
		locals:  map[string]cty.Value{},
		values:  map[string]cty.Value{},
		modules: map[string]cty.Value{},
		wanted:  map[string]map[string]bool{},
		funcs:   functions(m.dir),
		pathVals: cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(m.dir), "root": cty.StringVal(root), "cwd": cty.StringVal("."),
		}),
	}
}

// run evaluates the module and returns its outputs.
func (e *evaluator) run(setProvider func(*evaluator)) cty.Value {
	nodes := e.nodes(setProvider)
	for _, n := range e.order(nodes) {
		n.eval()
	}
	outs := map[string]cty.Value{}
	for name, a := range e.m.outputs {
		outs[name] = e.evalExpr(a.Expr, nil)
	}
	return cty.ObjectVal(outs)
}

// nodes lists locals, blocks, module calls and the provider with their
// dependencies; references to things not declared are reported here.
func (e *evaluator) nodes(setProvider func(*evaluator)) map[string]*node {
	declared := map[string]bool{}
	for _, b := range e.m.blocks {
		if declared[b.key()] {
			e.w.errs = append(e.w.errs, rangeError(b.rng, b.key()+" is declared twice"))
		}
		declared[b.key()] = true
	}
	nodes := map[string]*node{}
	deps := func(collect func(fn func(hcl.Traversal))) []string {
		var out []string
		collect(func(t hcl.Traversal) {
			if k := e.refKey(t, declared); k != "" {
				out = append(out, k)
			}
		})
		return out
	}
	for name, a := range e.m.locals {
		name, a := name, a
		nodes["local."+name] = &node{key: "local." + name, rng: a.NameRange,
			deps: deps(func(fn func(hcl.Traversal)) { walkExpr(a.Expr, nil, fn) }),
			eval: func() { e.locals[name] = e.evalExpr(a.Expr, nil) }}
	}
	if setProvider != nil {
		var pdeps []string
		for _, p := range e.m.providers {
			pdeps = append(pdeps, deps(func(fn func(hcl.Traversal)) { walkBody(p, nil, fn) })...)
		}
		nodes["provider"] = &node{key: "provider", deps: pdeps, eval: func() { setProvider(e) }}
	}
	for _, b := range e.m.blocks {
		b := b
		d := deps(func(fn func(hcl.Traversal)) { walkTop(b.body, fn) })
		if setProvider != nil {
			d = append(d, "provider")
		}
		nodes[b.key()] = &node{key: b.key(), rng: b.rng, deps: d, eval: func() { e.evalBlock(b) }}
	}
	for name, c := range e.m.calls {
		c := c
		nodes["module."+name] = &node{key: "module." + name, rng: c.rng,
			deps: deps(func(fn func(hcl.Traversal)) { walkTop(c.body, fn) }),
			eval: func() { e.evalCall(c) }}
	}
	for _, a := range e.m.outputs {
		deps(func(fn func(hcl.Traversal)) { walkExpr(a.Expr, nil, fn) })
	}
	return nodes
}

// refKey maps a reference to the node it depends on ("" for variables and
// built-ins), recording an error for references to undeclared things and
// remembering which resource attributes are read.
func (e *evaluator) refKey(t hcl.Traversal, declared map[string]bool) string {
	root := t.RootName()
	bad := func(what string) string {
		e.w.errs = append(e.w.errs, rangeError(t.SourceRange(), "reference to undeclared "+what))
		return ""
	}
	switch root {
	case "var":
		if name := step(t, 1); e.m.variables[name] == nil {
			return bad("variable var." + name)
		}
		return ""
	case "local":
		name := step(t, 1)
		if e.m.locals[name] == nil {
			return bad("local value local." + name)
		}
		return "local." + name
	case "module":
		name := step(t, 1)
		if e.m.calls[name] == nil {
			return bad("module module." + name)
		}
		return "module." + name
	case "count", "each", "path", "terraform", "self":
		return ""
	case "data":
		k := "data." + step(t, 1) + "." + step(t, 2)
		if !declared[k] {
			return bad("data source " + k)
		}
		e.want(k, attrAfterInstance(t, 3))
		return k
	}
	k := root + "." + step(t, 1)
	if !declared[k] {
		return bad("resource " + k)
	}
	e.want(k, attrAfterInstance(t, 2))
	return k
}

func (e *evaluator) want(key, attr string) {
	if attr == "" {
		return
	}
	if e.wanted[key] == nil {
		e.wanted[key] = map[string]bool{}
	}
	e.wanted[key][attr] = true
}

// order sorts nodes so that each comes after what it references. A cycle
// is reported once, at the first node found on it, and its nodes are
// evaluated anyway (their values come out unknown).
func (e *evaluator) order(nodes map[string]*node) []*node {
	keys := make([]string, 0, len(nodes))
	for k := range nodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	state := map[string]int{} // 1 visiting, 2 done
	var out []*node
	var stack []string
	var visit func(k string)
	visit = func(k string) {
		n := nodes[k]
		if n == nil || state[k] == 2 {
			return
		}
		if state[k] == 1 {
			i := len(stack) - 1
			for i > 0 && stack[i] != k {
				i--
			}
			cycle := append(append([]string{}, stack[i:]...), k)
			e.w.errs = append(e.w.errs, rangeError(n.rng, "dependency cycle: "+strings.Join(cycle, " -> ")))
			return
		}
		state[k] = 1
		stack = append(stack, k)
		for _, d := range n.deps {
			visit(d)
		}
		stack = stack[:len(stack)-1]
		state[k] = 2
		out = append(out, n)
	}
	for _, k := range keys {
		visit(k)
	}
	return out
}

// ctx builds an evaluation context holding only what expr references.
func (e *evaluator) ctx(travs []hcl.Traversal, extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	res := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	locals := map[string]cty.Value{}
	mods := map[string]cty.Value{}
	for _, t := range travs {
		root := t.RootName()
		if _, ok := extra[root]; ok {
			continue
		}
		switch root {
		case "var":
		case "local":
			name := step(t, 1)
			locals[name] = orUnknown(e.locals, name)
		case "module":
			name := step(t, 1)
			mods[name] = orUnknown(e.modules, name)
		case "path":
			vars["path"] = e.pathVals
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "data":
			typ, name := step(t, 1), step(t, 2)
			if data[typ] == nil {
				data[typ] = map[string]cty.Value{}
			}
			data[typ][name] = orUnknown(e.values, "data."+typ+"."+name)
		case "count", "each", "self":
		default:
			name := step(t, 1)
			if res[root] == nil {
				res[root] = map[string]cty.Value{}
			}
			res[root][name] = orUnknown(e.values, root+"."+name)
		}
	}
	vars["var"] = cty.ObjectVal(e.vars)
	vars["local"] = cty.ObjectVal(locals)
	vars["module"] = cty.ObjectVal(mods)
	dv := map[string]cty.Value{}
	for typ, m := range data {
		dv[typ] = cty.ObjectVal(m)
	}
	vars["data"] = cty.ObjectVal(dv)
	for typ, m := range res {
		vars[typ] = cty.ObjectVal(m)
	}
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: e.funcs}
}

func orUnknown(m map[string]cty.Value, k string) cty.Value {
	if v, ok := m[k]; ok {
		return v
	}
	return cty.DynamicVal
}

// evalExpr evaluates an expression. What cannot be evaluated (unsupported
// functions, unknown inputs, type errors) is unknown: Terraform would know
// it only at apply time, or the scanner does not model it, and rules treat
// unknown values conservatively.
func (e *evaluator) evalExpr(x hclsyntax.Expression, extra map[string]cty.Value) cty.Value {
	v, diags := x.Value(e.ctx(x.Variables(), extra))
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// evalBody evaluates a resource body into an object: arguments as values,
// nested blocks (static and dynamic) as tuples of objects.
func (e *evaluator) evalBody(b *hclsyntax.Body, extra map[string]cty.Value, top bool) cty.Value {
	attrs := map[string]cty.Value{}
	for name, a := range b.Attributes {
		if top && metaArgs[name] {
			continue
		}
		attrs[name] = e.evalExpr(a.Expr, extra)
	}
	groups := map[string][]cty.Value{}
	var order []string
	add := func(typ string, v cty.Value) {
		if _, ok := groups[typ]; !ok {
			order = append(order, typ)
		}
		groups[typ] = append(groups[typ], v)
	}
	for _, nb := range b.Blocks {
		switch {
		case top && metaArgs[nb.Type]:
		case nb.Type == "dynamic" && len(nb.Labels) == 1:
			e.evalDynamic(nb, extra, add)
		default:
			add(nb.Type, e.evalBody(nb.Body, extra, false))
		}
	}
	for _, typ := range order {
		if _, set := attrs[typ]; !set {
			attrs[typ] = cty.TupleVal(groups[typ])
		}
	}
	return cty.ObjectVal(attrs)
}

// evalDynamic expands a dynamic block. An unknown for_each makes the whole
// block list unknown rather than empty.
func (e *evaluator) evalDynamic(nb *hclsyntax.Block, extra map[string]cty.Value, add func(string, cty.Value)) {
	typ := nb.Labels[0]
	fe := nb.Body.Attributes["for_each"]
	var content *hclsyntax.Body
	for _, c := range nb.Body.Blocks {
		if c.Type == "content" {
			content = c.Body
		}
	}
	if fe == nil || content == nil {
		return
	}
	coll := e.evalExpr(fe.Expr, extra)
	if !coll.IsWhollyKnown() || coll.IsNull() || !coll.CanIterateElements() {
		add(typ, cty.DynamicVal)
		return
	}
	it := dynamicIterator(nb)
	for i := coll.ElementIterator(); i.Next(); {
		k, v := i.Element()
		inner := map[string]cty.Value{}
		for n, x := range extra {
			inner[n] = x
		}
		inner[it] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		add(typ, e.evalBody(content, inner, false))
	}
}

// evalBlock expands a resource or data block into its instances.
func (e *evaluator) evalBlock(b *block) {
	key := e.prefix + b.key()
	mk := func(suffix string, extra map[string]cty.Value) cty.Value {
		v := e.evalBody(b.body, extra, true)
		addr := key + suffix
		v = e.complete(b, addr, v)
		e.w.instances = append(e.w.instances, &instance{
			typ: b.typ, data: b.data, key: configKey(key), addr: addr, values: v,
			loc: inventory.Location{File: b.rng.Filename, Line: b.rng.Start.Line, LogicalID: addr},
		})
		return v
	}
	e.values[b.key()] = e.expand(b.body, mk)
}

// evalCall evaluates a local module call. Modules from registries or git
// are not downloaded: their resources are not part of the scan, and their
// outputs are unknown.
func (e *evaluator) evalCall(c *call) {
	if !isLocalSource(c.source) {
		e.modules[c.name] = cty.DynamicVal
		return
	}
	if e.depth >= maxModuleDepth {
		e.w.errs = append(e.w.errs, rangeError(c.rng, "module calls nest deeper than "+fmt.Sprint(maxModuleDepth)+" levels"))
		e.modules[c.name] = cty.DynamicVal
		return
	}
	dir := filepath.Join(e.m.dir, c.source)
	child, errs := parseDir(dir)
	e.w.errs = append(e.w.errs, errs...)
	if child == nil {
		e.modules[c.name] = cty.DynamicVal
		return
	}
	e.w.modules = append(e.w.modules, child)
	// One module instance per count index or for_each key, as for
	// resources; the child's addresses carry the instance key.
	instance := func(suffix string, extra map[string]cty.Value) cty.Value {
		inputs := map[string]cty.Value{}
		for name, a := range c.body.Attributes {
			if name != "source" && name != "version" && !metaArgs[name] {
				inputs[name] = e.evalExpr(a.Expr, extra)
			}
		}
		vars, verrs := moduleVars(child, inputs)
		e.w.errs = append(e.w.errs, verrs...)
		ce := newEvaluator(e.w, child, e.prefix+"module."+c.name+suffix+".", e.depth+1, vars, e.pathVals.GetAttr("root").AsString())
		return ce.run(nil)
	}
	e.modules[c.name] = e.expand(c.body, instance)
}

// expand runs mk once per instance of a block with count or for_each (a
// tuple or an object of the results), or once for a plain block. An
// unknown count or for_each gives one instance with an unknown key.
func (e *evaluator) expand(body *hclsyntax.Body, mk func(suffix string, extra map[string]cty.Value) cty.Value) cty.Value {
	if a := body.Attributes["count"]; a != nil {
		n := e.evalExpr(a.Expr, nil)
		if !n.IsKnown() || n.IsNull() || !n.Type().Equals(cty.Number) {
			mk("[*]", map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})})
			return cty.DynamicVal
		}
		c, _ := n.AsBigFloat().Int64()
		if c > maxCount {
			e.w.errs = append(e.w.errs, rangeError(a.Expr.Range(), fmt.Sprintf("count is %d; only the first %d instances are scanned", c, maxCount)))
			c = maxCount
		}
		var elems []cty.Value
		for i := int64(0); i < c; i++ {
			elems = append(elems, mk(fmt.Sprintf("[%d]", i), map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})}))
		}
		return cty.TupleVal(elems)
	}
	if a := body.Attributes["for_each"]; a != nil {
		coll := e.evalExpr(a.Expr, nil)
		if !coll.IsWhollyKnown() || coll.IsNull() || !coll.CanIterateElements() {
			mk("[*]", map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})})
			return cty.DynamicVal
		}
		if n := coll.LengthInt(); n > maxCount {
			e.w.errs = append(e.w.errs, rangeError(a.Expr.Range(), fmt.Sprintf("for_each has %d elements; only the first %d instances are scanned", n, maxCount)))
		}
		set := coll.Type().IsSetType()
		elems := map[string]cty.Value{}
		for it := coll.ElementIterator(); it.Next() && len(elems) < maxCount; {
			k, v := it.Element()
			if set {
				k = v
			}
			if !k.Type().Equals(cty.String) {
				continue
			}
			ks := k.AsString()
			elems[ks] = mk(fmt.Sprintf("[%q]", ks), map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})})
		}
		return cty.ObjectVal(elems)
	}
	return mk("", nil)
}
