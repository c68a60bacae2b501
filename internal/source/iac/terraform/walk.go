package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// walkTop is walkBody for a resource, data or module block: the
// provider(s) arguments name provider configurations, and lifecycle's
// ignore_changes names attributes; neither is a reference to a value.
func walkTop(b *hclsyntax.Body, fn func(hcl.Traversal)) {
	for name, a := range b.Attributes {
		if name != "provider" && name != "providers" {
			walkExpr(a.Expr, nil, fn)
		}
	}
	for _, nb := range b.Blocks {
		if nb.Type == "lifecycle" {
			continue
		}
		walkBody(&hclsyntax.Body{Blocks: hclsyntax.Blocks{nb}}, nil, fn)
	}
}

// walkBody calls fn for every reference in a body, nested blocks included.
// Iterator names of dynamic blocks are local to their content and skipped.
func walkBody(b *hclsyntax.Body, local map[string]bool, fn func(hcl.Traversal)) {
	for _, a := range b.Attributes {
		walkExpr(a.Expr, local, fn)
	}
	for _, nb := range b.Blocks {
		if nb.Type != "dynamic" || len(nb.Labels) != 1 {
			walkBody(nb.Body, local, fn)
			continue
		}
		inner := map[string]bool{dynamicIterator(nb): true}
		for k := range local {
			inner[k] = true
		}
		for name, a := range nb.Body.Attributes {
			if name == "for_each" {
				walkExpr(a.Expr, local, fn)
			} else {
				walkExpr(a.Expr, inner, fn)
			}
		}
		for _, c := range nb.Body.Blocks {
			walkBody(c.Body, inner, fn)
		}
	}
}

func walkExpr(e hclsyntax.Expression, local map[string]bool, fn func(hcl.Traversal)) {
	for _, t := range e.Variables() {
		if !local[t.RootName()] {
			fn(t)
		}
	}
}

// dynamicIterator is the name a dynamic block's content uses for the
// current element: the iterator argument, or the block's label.
func dynamicIterator(b *hclsyntax.Block) string {
	if a := b.Body.Attributes["iterator"]; a != nil {
		if t, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() && len(t) == 1 {
			return t.RootName()
		}
	}
	return b.Labels[0]
}

// step returns the name at position i of a traversal (attribute steps only),
// or "" when there is none.
func step(t hcl.Traversal, i int) string {
	if i >= len(t) {
		return ""
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name
	case hcl.TraverseRoot:
		return s.Name
	}
	return ""
}

// attrAfterInstance returns the attribute a resource reference reads, after
// an optional instance index: aws_iam_role.r.arn and aws_iam_role.r["k"].arn
// both give "arn". first is the position after the resource name.
func attrAfterInstance(t hcl.Traversal, first int) string {
	if first < len(t) {
		if _, ok := t[first].(hcl.TraverseIndex); ok {
			first++
		}
	}
	return step(t, first)
}
