package serverless

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Helpers to read resolved serverless.yml nodes and to write the
// CloudFormation resources the framework would generate from them.

func str(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }

// mapping builds a mapping node from key/value pairs; a value is a node, a
// string, or nil (the pair is left out).
func mapping(pairs ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(pairs); i += 2 {
		var v *yaml.Node
		switch x := pairs[i+1].(type) {
		case *yaml.Node:
			v = x
		case string:
			v = str(x)
		}
		if v == nil {
			continue
		}
		m.Content = append(m.Content, str(pairs[i].(string)), v)
	}
	return m
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

func getAtt(id, attr string) *yaml.Node {
	return mapping("Fn::GetAtt", seq(str(id), str(attr)))
}

func ref(id string) *yaml.Node { return mapping("Ref", str(id)) }

// get follows keys through mappings; nil when absent.
func get(n *yaml.Node, path ...string) *yaml.Node {
	for _, k := range path {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}

// text is a scalar's value; "" for anything else.
func text(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func isTrue(n *yaml.Node) bool { return strings.EqualFold(text(n), "true") }

// items returns a list's items; a single value is a list of one.
func items(n *yaml.Node) []*yaml.Node {
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.SequenceNode:
		return n.Content
	}
	return []*yaml.Node{n}
}

// pairs returns a mapping's keys and values in order.
func pairs(n *yaml.Node) (keys []*yaml.Node, vals []*yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i])
		vals = append(vals, n.Content[i+1])
	}
	return keys, vals
}

// merge overlays b's keys on a's (environment variables: function over provider).
func merge(a, b *yaml.Node) *yaml.Node {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	out := mapping()
	seen := map[string]int{}
	for _, src := range []*yaml.Node{a, b} {
		ks, vs := pairs(src)
		for i, k := range ks {
			if j, ok := seen[k.Value]; ok {
				out.Content[j+1] = vs[i]
				continue
			}
			seen[k.Value] = len(out.Content)
			out.Content = append(out.Content, k, vs[i])
		}
	}
	return out
}

// firstOf returns the first non-nil node.
func firstOf(ns ...*yaml.Node) *yaml.Node {
	for _, n := range ns {
		if n != nil {
			return n
		}
	}
	return nil
}
