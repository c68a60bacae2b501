package terraform

import (
	"fmt"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Terraform's JSON syntax (.tf.json) is read into the same hclsyntax tree
// the evaluator walks for .tf files: strings become templates ("${…}"
// interpolations), arrays tuples, objects either nested blocks or object
// values. Terraform tells the two apart by the provider schema; lambdasec
// has none, so inside a resource an object (or array of objects) is a
// nested block unless its key is a known map argument (tags, variables…).
// Every node keeps its position in the JSON file so findings point at the
// right line.

// jv is a JSON value with its position.
type jv struct {
	kind byte // 's' string, 'n' number, 'b' bool, 'z' null, 'a' array, 'o' object
	str  string
	num  *big.Float
	b    bool
	arr  []*jv
	obj  []jkv
	rng  hcl.Range
	// strStart is where a string's content starts (after the quote).
	strStart hcl.Pos
}

type jkv struct {
	key    string
	keyRng hcl.Range
	val    *jv
}

type jparser struct {
	src  []byte
	file string
	i    int
	line int
	col  int
}

func (p *jparser) pos() hcl.Pos { return hcl.Pos{Line: p.line, Column: p.col, Byte: p.i} }

func (p *jparser) errf(format string, a ...any) error {
	return rangeError(hcl.Range{Filename: p.file, Start: p.pos(), End: p.pos()}, fmt.Sprintf(format, a...))
}

func (p *jparser) adv() {
	if p.src[p.i] == '\n' {
		p.line++
		p.col = 1
	} else {
		p.col++
	}
	p.i++
}

func (p *jparser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\r', '\n':
			p.adv()
		default:
			return
		}
	}
}

func (p *jparser) value(depth int) (*jv, error) {
	if depth > 200 {
		return nil, p.errf("JSON nested too deeply")
	}
	p.ws()
	if p.i >= len(p.src) {
		return nil, p.errf("unexpected end of JSON")
	}
	start := p.pos()
	v := &jv{}
	switch c := p.src[p.i]; {
	case c == '{':
		v.kind = 'o'
		p.adv()
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == '}' {
			p.adv()
			break
		}
		for {
			p.ws()
			if p.i >= len(p.src) || p.src[p.i] != '"' {
				return nil, p.errf("expected a string key")
			}
			ks := p.pos()
			k, _, err := p.str()
			if err != nil {
				return nil, err
			}
			krng := hcl.Range{Filename: p.file, Start: ks, End: p.pos()}
			p.ws()
			if p.i >= len(p.src) || p.src[p.i] != ':' {
				return nil, p.errf("expected ':'")
			}
			p.adv()
			val, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.obj = append(v.obj, jkv{key: k, keyRng: krng, val: val})
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ',' {
				p.adv()
				continue
			}
			if p.i < len(p.src) && p.src[p.i] == '}' {
				p.adv()
				break
			}
			return nil, p.errf("expected ',' or '}'")
		}
	case c == '[':
		v.kind = 'a'
		p.adv()
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.adv()
			break
		}
		for {
			el, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.arr = append(v.arr, el)
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ',' {
				p.adv()
				continue
			}
			if p.i < len(p.src) && p.src[p.i] == ']' {
				p.adv()
				break
			}
			return nil, p.errf("expected ',' or ']'")
		}
	case c == '"':
		v.kind = 's'
		s, content, err := p.str()
		if err != nil {
			return nil, err
		}
		v.str, v.strStart = s, content
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []string{"true", "false", "null"} {
			if len(p.src)-p.i >= len(w) && string(p.src[p.i:p.i+len(w)]) == w {
				for range w {
					p.adv()
				}
				v.kind, v.b = 'b', w == "true"
				if w == "null" {
					v.kind = 'z'
				}
				break
			}
		}
		if v.kind == 0 {
			return nil, p.errf("invalid JSON value")
		}
	default:
		j := p.i
		for j < len(p.src) && (p.src[j] == '-' || p.src[j] == '+' || p.src[j] == '.' || p.src[j] == 'e' || p.src[j] == 'E' || (p.src[j] >= '0' && p.src[j] <= '9')) {
			j++
		}
		// strconv rejects numbers out of float64's range first, so a huge
		// exponent cannot make big.ParseFloat work for long.
		_, ferr := strconv.ParseFloat(string(p.src[p.i:j]), 64)
		f, _, err := big.ParseFloat(string(p.src[p.i:j]), 10, 512, big.ToNearestEven)
		if j == p.i || err != nil || ferr != nil {
			return nil, p.errf("invalid JSON value")
		}
		for p.i < j {
			p.adv()
		}
		v.kind, v.num = 'n', f
	}
	v.rng = hcl.Range{Filename: p.file, Start: start, End: p.pos()}
	return v, nil
}

// str reads a quoted string, returning its value and where its content starts.
func (p *jparser) str() (string, hcl.Pos, error) {
	start := p.i
	p.adv()
	content := p.pos()
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case '\\':
			p.adv()
			if p.i < len(p.src) {
				p.adv()
			}
			continue
		case '"':
			p.adv()
			s, err := strconv.Unquote(string(p.src[start:p.i]))
			if err != nil {
				// JSON escapes Go does not read (\/) are rare; retry without them.
				s, err = strconv.Unquote(jsonToGoQuote(string(p.src[start:p.i])))
			}
			if err != nil {
				return "", content, p.errf("invalid JSON string")
			}
			return s, content, nil
		case '\n':
			return "", content, p.errf("newline in JSON string")
		}
		_, n := utf8.DecodeRune(p.src[p.i:])
		for k := 0; k < n; k++ {
			p.i++
		}
		p.col++
	}
	return "", content, p.errf("unterminated JSON string")
}

func jsonToGoQuote(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] == '/' {
			out = append(out, '/')
			i++
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}

// parseJSONSource parses a .tf.json file into an hclsyntax body.
func parseJSONSource(name string, src []byte) parsedFile {
	p := &jparser{src: src, file: name, line: 1, col: 1}
	root, err := p.value(0)
	if err == nil {
		p.ws()
		if p.i < len(p.src) {
			err = p.errf("extra data after the JSON value")
		}
	}
	if err != nil {
		return parsedFile{name: name, errs: []error{err}}
	}
	if root.kind != 'o' {
		return parsedFile{name: name, errs: []error{rangeError(root.rng, "a .tf.json file must hold a JSON object")}}
	}
	c := &jconv{file: name}
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: root.rng, EndRange: root.rng}
	for _, kv := range root.obj {
		labels := 0
		switch kv.key {
		case "resource", "data":
			labels = 2
		case "variable", "output", "module", "provider":
			labels = 1
		case "locals", "terraform":
		default:
			continue
		}
		c.blocks(body, kv.key, kv.keyRng, kv.val, labels, nil, nil)
	}
	if len(c.errs) > 0 {
		return parsedFile{name: name, errs: c.errs}
	}
	return parsedFile{name: name, src: src, body: body}
}

type jconv struct {
	file string
	errs []error
}

// blocks adds to parent the block(s) of type typ held by v, reading
// `labels` levels of object keys as labels first.
func (c *jconv) blocks(parent *hclsyntax.Body, typ string, typRng hcl.Range, v *jv, labels int, got []string, gotRng []hcl.Range) {
	if labels > 0 {
		if v.kind != 'o' {
			c.errs = append(c.errs, rangeError(v.rng, typ+" needs an object keyed by its label"))
			return
		}
		for _, kv := range v.obj {
			c.blocks(parent, typ, typRng, kv.val, labels-1, append(append([]string(nil), got...), kv.key), append(append([]hcl.Range(nil), gotRng...), kv.keyRng))
		}
		return
	}
	bodies := []*jv{v}
	if v.kind == 'a' {
		bodies = v.arr
	}
	for _, bv := range bodies {
		if bv.kind != 'o' {
			c.errs = append(c.errs, rangeError(bv.rng, typ+" block must be a JSON object"))
			continue
		}
		// Findings point at the innermost label (the resource name), or at
		// the block type's key when there is no label.
		head := typRng
		if len(gotRng) > 0 {
			head = gotRng[len(gotRng)-1]
		}
		lr := make([]hcl.Range, len(gotRng))
		for i := range lr {
			lr[i] = head
		}
		b := &hclsyntax.Block{Type: typ, Labels: got, Body: c.body(typ, bv, len(got) > 0 && (typ == "resource" || typ == "data" || typ == "provider")),
			TypeRange: head, LabelRanges: lr, OpenBraceRange: bv.rng, CloseBraceRange: bv.rng}
		parent.Blocks = append(parent.Blocks, b)
	}
}

// mapArgs are arguments whose object value is a map, not a nested block.
var mapArgs = map[string]bool{
	"tags": true, "tags_all": true, "variables": true, "triggers": true, "labels": true,
	"parameters": true, "request_parameters": true, "request_templates": true,
	"response_parameters": true, "response_templates": true, "metadata": true,
}

// body converts a block's JSON object. schemaBlocks says whether objects
// may be nested blocks (resources, data sources, providers and their
// nested blocks); elsewhere (locals, variables, outputs, module calls)
// every key is an argument.
func (c *jconv) body(typ string, v *jv, schemaBlocks bool) *hclsyntax.Body {
	b := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: v.rng, EndRange: hcl.Range{Filename: c.file, Start: v.rng.End, End: v.rng.End}}
	for _, kv := range v.obj {
		if kv.key == "//" {
			continue
		}
		nested := false
		switch {
		case typ == "dynamic" && kv.key == "content":
			nested = true
		case typ == "variable" && kv.key == "validation":
			continue
		case schemaBlocks && kv.key == "dynamic":
			c.blocks(b, "dynamic", kv.keyRng, kv.val, 1, nil, nil)
			continue
		case schemaBlocks && (kv.key == "lifecycle" || kv.key == "provisioner" || kv.key == "connection"):
			continue
		case schemaBlocks && !mapArgs[kv.key] && kv.key != "for_each":
			nested = isObjects(kv.val)
		}
		if nested {
			inner := kv.val
			bodies := []*jv{inner}
			if inner.kind == 'a' {
				bodies = inner.arr
			}
			for _, bv := range bodies {
				b.Blocks = append(b.Blocks, &hclsyntax.Block{Type: kv.key, Body: c.body(kv.key, bv, true),
					TypeRange: kv.keyRng, OpenBraceRange: bv.rng, CloseBraceRange: bv.rng})
			}
			continue
		}
		var expr hclsyntax.Expression
		if typ == "variable" && kv.key == "type" && kv.val.kind == 's' {
			e, diags := hclsyntax.ParseExpression([]byte(kv.val.str), c.file, kv.val.strStart)
			if diags.HasErrors() {
				c.errs = append(c.errs, diagErrors(diags)...)
				continue
			}
			expr = e
		} else {
			expr = c.expr(kv.val)
		}
		b.Attributes[kv.key] = &hclsyntax.Attribute{Name: kv.key, Expr: expr,
			SrcRange: hcl.RangeBetween(kv.keyRng, kv.val.rng), NameRange: kv.keyRng, EqualsRange: kv.keyRng}
	}
	return b
}

// isObjects reports whether v is an object or a non-empty array of objects.
func isObjects(v *jv) bool {
	if v.kind == 'o' {
		return true
	}
	if v.kind != 'a' || len(v.arr) == 0 {
		return false
	}
	for _, e := range v.arr {
		if e.kind != 'o' {
			return false
		}
	}
	return true
}

// expr converts a JSON value to an expression: strings are templates.
func (c *jconv) expr(v *jv) hclsyntax.Expression {
	switch v.kind {
	case 's':
		e, diags := hclsyntax.ParseTemplate([]byte(v.str), c.file, v.strStart)
		if diags.HasErrors() {
			c.errs = append(c.errs, diagErrors(diags)...)
			return &hclsyntax.LiteralValueExpr{Val: cty.StringVal(v.str), SrcRange: v.rng}
		}
		return e
	case 'n':
		return &hclsyntax.LiteralValueExpr{Val: cty.NumberVal(v.num), SrcRange: v.rng}
	case 'b':
		return &hclsyntax.LiteralValueExpr{Val: cty.BoolVal(v.b), SrcRange: v.rng}
	case 'z':
		return &hclsyntax.LiteralValueExpr{Val: cty.NullVal(cty.DynamicPseudoType), SrcRange: v.rng}
	case 'a':
		t := &hclsyntax.TupleConsExpr{SrcRange: v.rng, OpenRange: v.rng}
		for _, e := range v.arr {
			t.Exprs = append(t.Exprs, c.expr(e))
		}
		return t
	}
	o := &hclsyntax.ObjectConsExpr{SrcRange: v.rng, OpenRange: v.rng}
	for _, kv := range v.obj {
		key := c.expr(&jv{kind: 's', str: kv.key, rng: kv.keyRng, strStart: hcl.Pos{Line: kv.keyRng.Start.Line, Column: kv.keyRng.Start.Column + 1, Byte: kv.keyRng.Start.Byte + 1}})
		o.Items = append(o.Items, hclsyntax.ObjectConsItem{KeyExpr: &hclsyntax.ObjectConsKeyExpr{Wrapped: key, ForceNonLiteral: true}, ValueExpr: c.expr(kv.val)})
	}
	return o
}
