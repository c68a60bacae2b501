package terraform

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

// plan is the part of `terraform show -json PLANFILE` the scanner reads
// (https://developer.hashicorp.com/terraform/internals/json-format).
type plan struct {
	FormatVersion string `json:"format_version"`
	Variables     map[string]struct {
		Value json.RawMessage `json:"value"`
	} `json:"variables"`
	TerraformVersion string      `json:"terraform_version"`
	PlannedValues    *planValues `json:"planned_values"`
	PriorState       *struct {
		Values *planValues `json:"values"`
	} `json:"prior_state"`
	Configuration struct {
		ProviderConfig map[string]struct {
			Name        string                     `json:"name"`
			Alias       string                     `json:"alias"`
			Expressions map[string]json.RawMessage `json:"expressions"`
		} `json:"provider_config"`
		RootModule planConfigModule `json:"root_module"`
	} `json:"configuration"`
}

type planValues struct {
	RootModule planModule `json:"root_module"`
}

type planModule struct {
	Address      string         `json:"address"`
	Resources    []planResource `json:"resources"`
	ChildModules []planModule   `json:"child_modules"`
}

type planResource struct {
	Address string          `json:"address"`
	Mode    string          `json:"mode"`
	Type    string          `json:"type"`
	Name    string          `json:"name"`
	Index   json.RawMessage `json:"index"`
	Values  json.RawMessage `json:"values"`
}

type planConfigModule struct {
	Resources []struct {
		Address     string                     `json:"address"`
		Expressions map[string]json.RawMessage `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Source      string                     `json:"source"`
		Expressions map[string]json.RawMessage `json:"expressions"`
		Module      planConfigModule           `json:"module"`
	} `json:"module_calls"`
	Outputs map[string]struct {
		Expression json.RawMessage `json:"expression"`
	} `json:"outputs"`
}

// expression is a configuration expression: a constant, or the references
// it reads (unknown until apply, so absent from planned values).
type expression struct {
	ConstantValue json.RawMessage `json:"constant_value"`
	References    []string        `json:"references"`
}

// loadPlan reads a plan JSON file. Resources are located in the .tf files
// next to the plan when they are there (file and line of the block), else
// in the plan file by address.
func loadPlan(inv *inventory.Inventory, path string) []error {
	src, err := os.ReadFile(path)
	if err != nil {
		return []error{err}
	}
	var p plan
	if err := json.Unmarshal(src, &p); err != nil {
		return []error{&source.FileError{Path: path, Line: jsonLine(src, err), Err: fmt.Errorf("not a Terraform plan JSON file: %v", err)}}
	}
	if p.FormatVersion == "" || p.PlannedValues == nil {
		return []error{&source.FileError{Path: path, Err: fmt.Errorf("not a Terraform plan JSON file: format_version or planned_values is missing")}}
	}
	if !strings.HasPrefix(p.FormatVersion, "1.") {
		return []error{&source.FileError{Path: path, Err: fmt.Errorf("plan format_version %q is not supported (want 1.x)", p.FormatVersion)}}
	}
	w := &world{account: iac.UnknownAccount, region: iac.UnknownRegion}
	// The provider's settings, constant or from a root variable.
	setting := func(raw json.RawMessage) string {
		var e expression
		if json.Unmarshal(raw, &e) != nil {
			return ""
		}
		val := e.ConstantValue
		for _, r := range e.References {
			if name, ok := strings.CutPrefix(r, "var."); ok {
				val = p.Variables[name].Value
			}
		}
		var one string
		if json.Unmarshal(val, &one) == nil {
			return one
		}
		var list []string
		if json.Unmarshal(val, &list) == nil && len(list) == 1 {
			return list[0]
		}
		return ""
	}
	if pc, ok := p.Configuration.ProviderConfig["aws"]; ok {
		if r := setting(pc.Expressions["region"]); r != "" {
			w.region = r
		}
		if a := setting(pc.Expressions["allowed_account_ids"]); accountID.MatchString(a) {
			w.account = a
		}
	}
	locate, modules := locator(filepath.Dir(path))
	w.modules = modules
	var errs []error
	add := func(r planResource, data bool) {
		v, err := jsonValue(r.Values)
		if err != nil {
			errs = append(errs, &source.FileError{Path: path, Err: fmt.Errorf("%s: values: %v", r.Address, err)})
			return
		}
		key := configKey(r.Address)
		l := inventory.Location{File: path, LogicalID: r.Address}
		if file, line := locate(key); file != "" {
			l.File, l.Line = file, line
		}
		w.instances = append(w.instances, &instance{typ: r.Type, data: data, key: key, addr: r.Address, values: v, loc: l})
	}
	seen := map[string]bool{}
	if p.PriorState != nil && p.PriorState.Values != nil {
		walkPlan(p.PriorState.Values.RootModule, func(r planResource) {
			if r.Mode == "data" {
				seen[r.Address] = true
				add(r, true)
			}
		})
	}
	walkPlan(p.PlannedValues.RootModule, func(r planResource) {
		if !seen[r.Address] {
			add(r, r.Mode == "data")
		}
	})
	for _, in := range w.instances {
		if in.typ == "aws_caller_identity" {
			if id := str0(attr(in.values, "account_id")); accountID.MatchString(id) {
				w.account = id
			}
		}
	}
	resolvePlan(w, configExpressions(p.Configuration.RootModule, ""))
	errs = append(errs, build(inv, w)...)
	return append(errs, suppressions(inv, w)...)
}

func walkPlan(m planModule, fn func(planResource)) {
	for _, r := range m.Resources {
		fn(r)
	}
	for _, c := range m.ChildModules {
		walkPlan(c, fn)
	}
}

// configKey strips the instance key: module.a["x"].aws_iam_role.r["k"]
// becomes module.a.aws_iam_role.r, the address of the configuration block.
func configKey(addr string) string {
	var b strings.Builder
	depth := 0
	inString := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"' && depth > 0:
			inString = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func jsonValue(raw json.RawMessage) (cty.Value, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return cty.EmptyObjectVal, nil
	}
	ty, err := ctyjson.ImpliedType(raw)
	if err != nil {
		return cty.NilVal, err
	}
	if !ty.IsObjectType() {
		return cty.NilVal, fmt.Errorf("want an object")
	}
	return ctyjson.Unmarshal(raw, ty)
}

// configExpressions indexes each configuration block's expressions by its
// address (module.NAME. prefixes included).
func configExpressions(m planConfigModule, prefix string) map[string]map[string]json.RawMessage {
	out := map[string]map[string]json.RawMessage{}
	for _, r := range m.Resources {
		out[prefix+r.Address] = r.Expressions
	}
	for name, c := range m.ModuleCalls {
		out["call:"+prefix+"module."+name] = c.Expressions
		inner := prefix + "module." + name + "."
		for k, v := range configExpressions(c.Module, inner) {
			out[k] = v
		}
		outs := map[string]json.RawMessage{}
		for o, x := range c.Module.Outputs {
			outs[o] = x.Expression
		}
		out[prefix+"module."+name] = outs
	}
	return out
}

// resolvePlan completes planned values. Attributes computed at apply are
// absent from a plan, but the configuration says what they reference: a
// function's role = aws_iam_role.r.arn gets that role's ARN, as derived
// for the HCL path, so the function links to its role here too.
func resolvePlan(w *world, exprs map[string]map[string]json.RawMessage) {
	rendered := map[*instance]bool{} // policy documents Terraform rendered at plan time
	byKey := map[string][]*instance{}
	for _, in := range w.instances {
		if _, ok := str(attr(in.values, "json")); ok && in.typ == "aws_iam_policy_document" {
			rendered[in] = true
		}
		in.values = complete(in.typ, in.data, in.addr, in.values, w.account, w.region, nil)
		byKey[in.key] = append(byKey[in.key], in)
	}
	// Data sources first, then re-rendered, so that resources reading a
	// policy document's json get the completed one.
	for _, data := range []bool{true, false} {
		for _, in := range w.instances {
			if in.data == data {
				fillInstance(w, in, exprs, byKey)
			}
		}
		if !data {
			continue
		}
		for _, in := range w.instances {
			if in.typ == "aws_iam_policy_document" && !rendered[in] {
				in.values = complete(in.typ, in.data, in.addr, without(in.values, "json", "minified_json"), w.account, w.region, nil)
			}
		}
	}
}

// fillInstance fills one instance's referenced arguments.
func fillInstance(w *world, in *instance, exprs map[string]map[string]json.RawMessage, byKey map[string][]*instance) {
	prefix := strings.TrimSuffix(in.key, configTail(in.key))
	var lookup func(prefix, ref string, depth int) (cty.Value, bool)
	lookup = func(prefix, ref string, depth int) (cty.Value, bool) {
		t := strings.Split(ref, ".")
		if t[0] == "var" && len(t) > 1 && prefix != "" {
			// A module variable: follow the module call's argument in
			// the calling module.
			call := strings.TrimSuffix(prefix, ".")
			parent := call[:strings.LastIndex(call, "module.")]
			var e expression
			if depth > maxModuleDepth || json.Unmarshal(exprs["call:"+call][t[1]], &e) != nil {
				return cty.NilVal, false
			}
			for _, r := range e.References {
				if v, ok := lookup(parent, r, depth+1); ok {
					return v, true
				}
			}
			return cty.NilVal, false
		}
		if t[0] != "module" {
			return lookupRef(byKey, prefix, ref, in)
		}
		// A module output: follow the output's own references inside
		// the module.
		if len(t) < 3 || depth > maxModuleDepth {
			return cty.NilVal, false
		}
		var e expression
		if json.Unmarshal(exprs[prefix+"module."+t[1]][t[2]], &e) != nil {
			return cty.NilVal, false
		}
		for _, r := range e.References {
			if v, ok := lookup(prefix+"module."+t[1]+".", r, depth+1); ok {
				return v, true
			}
		}
		return cty.NilVal, false
	}
	in.values = fillReferences(in, in.values, exprs[in.key], func(ref string) (cty.Value, bool) {
		return lookup(prefix, ref, 0)
	})
}

// without returns an object without some attributes.
func without(v cty.Value, names ...string) cty.Value {
	if !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() {
		return v
	}
	m := v.AsValueMap()
	for _, n := range names {
		delete(m, n)
	}
	return cty.ObjectVal(m)
}

// configTail returns the resource part of a key without its module prefix.
func configTail(key string) string {
	parts := strings.Split(key, ".")
	if len(parts) < 2 {
		return key
	}
	n := 2
	if len(parts) >= 3 && parts[len(parts)-3] == "data" {
		n = 3
	}
	return strings.Join(parts[len(parts)-n:], ".")
}

// fillReferences sets the absent arguments (and those of nested blocks)
// whose expression is a reference to the value it points at.
func fillReferences(in *instance, v cty.Value, exprs map[string]json.RawMessage, lookup func(string) (cty.Value, bool)) cty.Value {
	if len(exprs) == 0 || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() {
		return v
	}
	attrs := v.AsValueMap()
	if attrs == nil {
		attrs = map[string]cty.Value{}
	}
	for name, raw := range exprs {
		cur, has := attrs[name]
		var e expression
		if json.Unmarshal(raw, &e) == nil && len(e.References) > 0 {
			if has && !cur.IsNull() {
				continue
			}
			for _, ref := range e.References {
				if val, ok := lookup(ref); ok {
					attrs[name] = val
					break
				}
			}
			continue
		}
		var nested []map[string]json.RawMessage
		if json.Unmarshal(raw, &nested) == nil && has && cur.IsKnown() && !cur.IsNull() && cur.CanIterateElements() && len(nested) > 0 {
			var elems []cty.Value
			i := 0
			for it := cur.ElementIterator(); it.Next(); i++ {
				_, el := it.Element()
				if i < len(nested) {
					el = fillReferences(in, el, nested[i], lookup)
				}
				elems = append(elems, el)
			}
			if len(elems) > 0 {
				attrs[name] = cty.TupleVal(elems)
			}
		}
	}
	return cty.ObjectVal(attrs)
}

// lookupRef resolves a reference such as "aws_iam_role.r.arn" from a block
// in module prefix. A resource with several instances resolves only to
// the instance with the same key as the referring one.
func lookupRef(byKey map[string][]*instance, prefix, ref string, from *instance) (cty.Value, bool) {
	t := strings.Split(ref, ".")
	n := 2
	if t[0] == "data" {
		n = 3
	}
	if len(t) <= n {
		return cty.NilVal, false
	}
	// A reference may name one instance: aws_lambda_function.api["eu"].
	name, index, indexed := strings.Cut(t[n-1], "[")
	t[n-1] = name
	key := prefix + strings.Join(t[:n], ".")
	attrName := t[n]
	cands := byKey[key]
	suffix := instanceKey(from.addr)
	if indexed {
		suffix = "[" + index
	}
	var target *instance
	switch {
	case len(cands) == 1 && !indexed:
		target = cands[0]
	default:
		for _, c := range cands {
			if instanceKey(c.addr) == suffix {
				target = c
			}
		}
	}
	if target == nil {
		return cty.NilVal, false
	}
	if v := attr(target.values, attrName); !v.IsNull() {
		return v, true
	}
	return cty.StringVal(placeholder(target.addr, attrName)), true
}

var trailingKey = regexp.MustCompile(`\[(?:\d+|"(?:[^"\\]|\\.)*")\]$`)

// instanceKey returns the instance key that ends an address (`["eu"]`,
// `[0]`), or "".
func instanceKey(addr string) string { return trailingKey.FindString(addr) }

// locator maps configuration addresses to the blocks of the .tf files in
// dir (and the local modules they call), when there are any.
func locator(dir string) (func(key string) (string, int), []*module) {
	index := map[string]hcl.Range{}
	var modules []*module
	var walk func(dir, prefix string, depth int)
	walk = func(dir, prefix string, depth int) {
		if depth > maxModuleDepth || !hasTF(dir) {
			return
		}
		m, _ := parseDir(dir)
		if m == nil {
			return
		}
		modules = append(modules, m)
		for _, b := range m.blocks {
			index[prefix+b.key()] = b.rng
		}
		for name, c := range m.calls {
			if isLocalSource(c.source) {
				walk(filepath.Join(dir, c.source), prefix+"module."+name+".", depth+1)
			}
		}
	}
	walk(dir, "", 0)
	return func(key string) (string, int) {
		if r, ok := index[key]; ok {
			return r.Filename, r.Start.Line
		}
		return "", 0
	}, modules
}

// jsonLine finds the line of a JSON syntax error.
func jsonLine(src []byte, err error) int {
	off := int64(-1)
	if e, ok := err.(*json.SyntaxError); ok {
		off = e.Offset
	} else if e, ok := err.(*json.UnmarshalTypeError); ok {
		off = e.Offset
	}
	if off < 0 || off > int64(len(src)) {
		return 0
	}
	return strings.Count(string(src[:off]), "\n") + 1
}
