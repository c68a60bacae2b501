package terraform

import (
	"sort"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// attr returns an object's attribute, or a null value when it is absent or
// the object itself is unknown.
func attr(v cty.Value, name string) cty.Value {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() || !v.Type().HasAttribute(name) {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return v.GetAttr(name)
}

// known reports whether v holds a definite value (possibly null).
func known(v cty.Value) bool { return v != cty.NilVal && v.IsWhollyKnown() }

// str returns a known, non-null primitive as a string.
func str(v cty.Value) (string, bool) {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsPrimitiveType() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || !s.IsKnown() || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}

// str0 is str without the flag: "" when unknown or absent.
func str0(v cty.Value) string {
	s, _ := str(v)
	return s
}

// strs returns a list, set or tuple of strings (or a single string) and
// whether every element was known.
func strs(v cty.Value) ([]string, bool) {
	if v == cty.NilVal || v.IsNull() {
		return nil, true
	}
	if !v.IsKnown() {
		return nil, false
	}
	if s, ok := str(v); ok {
		return []string{s}, true
	}
	if !v.CanIterateElements() || v.Type().IsObjectType() || v.Type().IsMapType() {
		return nil, false
	}
	var out []string
	all := true
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if s, ok := str(e); ok {
			out = append(out, s)
		} else {
			all = false
		}
	}
	return out, all
}

// num returns a known number as an int.
func num(v cty.Value) (int, bool) {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || !n.IsKnown() || n.IsNull() {
		return 0, false
	}
	i, _ := n.AsBigFloat().Int64()
	return int(i), true
}

// boolean returns a known bool, or def when absent; ok is false when the
// value is set but unknown.
func boolean(v cty.Value, def bool) (bool, bool) {
	if v == cty.NilVal || v.IsNull() {
		return def, true
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil || !b.IsKnown() || b.IsNull() {
		return def, false
	}
	return b.True(), true
}

// blocks returns the nested blocks of one type (a list of objects in both
// HCL and plan JSON).
func blocks(v cty.Value, name string) []cty.Value {
	b := attr(v, name)
	if b.IsNull() || !b.IsKnown() || !b.CanIterateElements() {
		return nil
	}
	if b.Type().IsObjectType() {
		return []cty.Value{b}
	}
	var out []cty.Value
	for it := b.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

// firstBlock returns the first nested block of a type, or a null value.
func firstBlock(v cty.Value, name string) cty.Value {
	if bs := blocks(v, name); len(bs) > 0 {
		return bs[0]
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// stringMap returns a map or object of strings; ok is false when some value
// is unknown.
func stringMap(v cty.Value) (map[string]string, bool) {
	if v == cty.NilVal || v.IsNull() {
		return nil, true
	}
	if !v.IsKnown() || !(v.Type().IsMapType() || v.Type().IsObjectType()) {
		return nil, false
	}
	out := map[string]string{}
	all := true
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if s, ok := str(e); ok {
			out[k.AsString()] = s
		} else {
			all = false
		}
	}
	return out, all
}

// sortedKeys returns a map's keys in order.
func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
