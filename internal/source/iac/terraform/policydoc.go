package terraform

import (
	"encoding/json"

	"github.com/zclconf/go-cty/cty"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// renderPolicyDocument builds the JSON that data "aws_iam_policy_document"
// yields from its statement blocks. Statements of source_policy_documents
// come first; override_policy_documents replace statements with the same
// sid. Anything unknown makes the whole document unknown: a partial
// document could hide a grant.
func renderPolicyDocument(attrs map[string]cty.Value) cty.Value {
	obj := cty.ObjectVal(attrs)
	doc := policy.Document{Version: "2012-10-17"}
	if v, ok := str(attrs["version"]); ok {
		doc.Version = v
	}
	for _, src := range listOf(attrs["source_policy_documents"]) {
		d, ok := parseDocValue(src)
		if !ok {
			return cty.UnknownVal(cty.String)
		}
		doc.Statements = append(doc.Statements, d.Statements...)
	}
	for _, sb := range blocks(obj, "statement") {
		st, ok := statementFromBlock(sb)
		if !ok {
			return cty.UnknownVal(cty.String)
		}
		doc.Statements = mergeStatement(doc.Statements, st)
	}
	for _, src := range listOf(attrs["override_policy_documents"]) {
		d, ok := parseDocValue(src)
		if !ok {
			return cty.UnknownVal(cty.String)
		}
		for _, st := range d.Statements {
			doc.Statements = mergeStatement(doc.Statements, st)
		}
	}
	if !known(attr(obj, "statement")) {
		return cty.UnknownVal(cty.String)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return cty.UnknownVal(cty.String)
	}
	return cty.StringVal(string(b))
}

// mergeStatement appends st, replacing a statement with the same non-empty
// sid as Terraform does.
func mergeStatement(sts []policy.Statement, st policy.Statement) []policy.Statement {
	if st.Sid != "" {
		for i := range sts {
			if sts[i].Sid == st.Sid {
				sts[i] = st
				return sts
			}
		}
	}
	return append(sts, st)
}

func listOf(v cty.Value) []cty.Value {
	if v == cty.NilVal || v.IsNull() {
		return nil
	}
	if !v.IsKnown() || !v.CanIterateElements() {
		return []cty.Value{cty.DynamicVal}
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

func parseDocValue(v cty.Value) (*policy.Document, bool) {
	s, ok := str(v)
	if !ok || s == "" {
		return nil, ok && s == ""
	}
	d, err := policy.ParseString(s)
	return d, err == nil
}

func statementFromBlock(b cty.Value) (policy.Statement, bool) {
	st := policy.Statement{Effect: "Allow"}
	all := true
	get := func(name string) []string {
		v, ok := strs(attr(b, name))
		all = all && ok
		return v
	}
	if e, ok := str(attr(b, "effect")); ok {
		st.Effect = e
	}
	st.Sid = str0(attr(b, "sid"))
	st.Action, st.NotAction = get("actions"), get("not_actions")
	st.Resource, st.NotResource = get("resources"), get("not_resources")
	var ok bool
	if st.Principal, ok = principals(blocks(b, "principals")); !ok {
		all = false
	}
	if st.NotPrincipal, ok = principals(blocks(b, "not_principals")); !ok {
		all = false
	}
	for _, c := range blocks(b, "condition") {
		test, ok1 := str(attr(c, "test"))
		variable, ok2 := str(attr(c, "variable"))
		values, ok3 := strs(attr(c, "values"))
		if !ok1 || !ok2 || !ok3 {
			return st, false
		}
		if st.Condition == nil {
			st.Condition = policy.Conditions{}
		}
		if st.Condition[test] == nil {
			st.Condition[test] = map[string]policy.Strings{}
		}
		st.Condition[test][variable] = append(st.Condition[test][variable], values...)
	}
	return st, all
}

// principals converts principals blocks; type "*" with identifier "*" is
// the anonymous principal.
func principals(bs []cty.Value) (*policy.Principal, bool) {
	if len(bs) == 0 {
		return nil, true
	}
	p := &policy.Principal{}
	for _, b := range bs {
		typ, ok1 := str(attr(b, "type"))
		ids, ok2 := strs(attr(b, "identifiers"))
		if !ok1 || !ok2 {
			return nil, false
		}
		switch typ {
		case "*":
			p.Any = true
		case "AWS":
			p.AWS = append(p.AWS, ids...)
		case "Service":
			p.Service = append(p.Service, ids...)
		case "Federated":
			p.Federated = append(p.Federated, ids...)
		case "CanonicalUser":
			p.CanonicalUser = append(p.CanonicalUser, ids...)
		}
	}
	return p, true
}
