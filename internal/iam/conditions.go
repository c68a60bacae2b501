package iam

import (
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// Tri is a three-valued truth: a condition on a key the request context does
// not know is Unknown, never silently true or false.
type Tri int

const (
	False Tri = iota
	Unknown
	True
)

func and(a, b Tri) Tri {
	if a < b {
		return a
	}
	return b
}

func or(a, b Tri) Tri {
	if a > b {
		return a
	}
	return b
}

func not(a Tri) Tri { return True - a }

// Context is the request context of an evaluated request: condition key
// (any case) to values. A key mapped to nil is known to be absent from the
// request; a key not in the map is unknown.
type Context map[string][]string

// lookup returns the key's values and whether the context knows the key.
func (c Context) lookup(key string) ([]string, bool) {
	if v, ok := c[key]; ok {
		return v, true
	}
	for k, v := range c {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// EvalConditions evaluates a statement's Condition block against ctx:
// operators and keys are ANDed, the values of one key ORed (NORed for
// negated operators), per AWS's documented logic.
func EvalConditions(c policy.Conditions, ctx Context) Tri {
	r := True
	for op, keys := range c {
		for key, vals := range keys {
			r = and(r, evalCondition(op, key, vals, ctx))
			if r == False {
				return False
			}
		}
	}
	return r
}

// evalCondition evaluates one operator on one key.
func evalCondition(op, key string, want []string, ctx Context) Tri {
	prefix, base := splitOperator(op)
	ifExists := strings.HasSuffix(base, "ifexists") && base != "null"
	base = strings.TrimSuffix(base, "ifexists")
	if prefix != "" && prefix != "foranyvalue" && prefix != "forallvalues" {
		return Unknown
	}
	for _, w := range want {
		if hasVariable(w) {
			// The value depends on the request ("${aws:username}").
			return Unknown
		}
	}
	got, known := ctx.lookup(key)
	if !known {
		return Unknown
	}
	if base == "null" {
		if len(want) != 1 {
			return Unknown
		}
		absent := len(got) == 0
		switch strings.ToLower(want[0]) {
		case "true":
			return triOf(absent)
		case "false":
			return triOf(!absent)
		}
		return Unknown
	}
	positive, negated, ok := baseOperator(base)
	if !ok {
		return Unknown
	}
	if len(got) == 0 {
		// AWS: a missing key does not match, so a negated operator holds;
		// IfExists and ForAllValues hold vacuously, ForAnyValue fails.
		switch {
		case ifExists, prefix == "forallvalues":
			return True
		case prefix == "foranyvalue":
			return False
		}
		return triOf(negated)
	}
	one := func(v string) Tri {
		r := False
		for _, w := range want {
			r = or(r, positive(v, w))
		}
		if negated {
			return not(r)
		}
		return r
	}
	if prefix == "forallvalues" {
		r := True
		for _, v := range got {
			r = and(r, one(v))
		}
		return r
	}
	r := False
	for _, v := range got {
		r = or(r, one(v))
	}
	return r
}

func triOf(b bool) Tri {
	if b {
		return True
	}
	return False
}

// baseOperator returns the positive comparison behind an operator name and
// whether the operator negates it.
func baseOperator(base string) (cmp func(got, want string) Tri, negated, ok bool) {
	switch base {
	case "stringequals":
		return func(g, w string) Tri { return triOf(g == w) }, false, true
	case "stringnotequals":
		return func(g, w string) Tri { return triOf(g == w) }, true, true
	case "stringequalsignorecase":
		return func(g, w string) Tri { return triOf(strings.EqualFold(g, w)) }, false, true
	case "stringnotequalsignorecase":
		return func(g, w string) Tri { return triOf(strings.EqualFold(g, w)) }, true, true
	case "stringlike":
		return stringLike, false, true
	case "stringnotlike":
		return stringLike, true, true
	case "arnequals", "arnlike":
		return arnLike, false, true
	case "arnnotequals", "arnnotlike":
		return arnLike, true, true
	case "bool":
		return func(g, w string) Tri { return triOf(strings.EqualFold(g, w)) }, false, true
	case "binaryequals":
		return func(g, w string) Tri { return triOf(g == w) }, false, true
	case "ipaddress":
		return ipIn, false, true
	case "notipaddress":
		return ipIn, true, true
	}
	for _, n := range []struct {
		name    string
		negated bool
		holds   func(c int) bool
	}{
		{"equals", false, func(c int) bool { return c == 0 }},
		{"notequals", true, func(c int) bool { return c == 0 }},
		{"lessthan", false, func(c int) bool { return c < 0 }},
		{"lessthanequals", false, func(c int) bool { return c <= 0 }},
		{"greaterthan", false, func(c int) bool { return c > 0 }},
		{"greaterthanequals", false, func(c int) bool { return c >= 0 }},
	} {
		switch base {
		case "numeric" + n.name:
			return compareWith(parseNumber, n.holds), n.negated, true
		case "date" + n.name:
			return compareWith(parseDate, n.holds), n.negated, true
		}
	}
	return nil, false, false
}

func stringLike(g, w string) Tri { return triOf(caseSensitiveGlob(w, g)) }

func arnLike(g, w string) Tri {
	ws, wok := arnSegments(w)
	gs, gok := arnSegments(g)
	if !wok || !gok {
		return triOf(caseSensitiveGlob(w, g))
	}
	for i := range ws {
		if !caseSensitiveGlob(ws[i], gs[i]) {
			return False
		}
	}
	return True
}

// caseSensitiveGlob matches s against a * and ? pattern, case-sensitively.
func caseSensitiveGlob(p, s string) bool { return glob(p, s, false) }

// glob matches s against a * and ? pattern, ignoring ASCII case when fold is
// set. Folding byte by byte spares the lower-case copies that evaluating
// thousands of roles would otherwise allocate; callers fold non-ASCII text
// themselves.
func glob(p, s string, fold bool) bool {
	eq := func(a, b byte) bool {
		if fold {
			a, b = lowerASCII(a), lowerASCII(b)
		}
		return a == b
	}
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || eq(p[pi], s[si])):
			pi, si = pi+1, si+1
		case pi < len(p) && p[pi] == '*':
			star, mark, pi = pi, si, pi+1
		case star >= 0:
			mark++
			pi, si = star+1, mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func ipIn(g, w string) Tri {
	addr, err := netip.ParseAddr(g)
	if err != nil {
		return Unknown
	}
	if !strings.Contains(w, "/") {
		a, err := netip.ParseAddr(w)
		if err != nil {
			return Unknown
		}
		return triOf(a == addr)
	}
	p, err := netip.ParsePrefix(w)
	if err != nil {
		return Unknown
	}
	return triOf(p.Contains(addr))
}

func compareWith(parse func(string) (float64, bool), holds func(int) bool) func(g, w string) Tri {
	return func(g, w string) Tri {
		a, ok1 := parse(g)
		b, ok2 := parse(w)
		if !ok1 || !ok2 {
			return Unknown
		}
		c := 0
		switch {
		case a < b:
			c = -1
		case a > b:
			c = 1
		}
		return triOf(holds(c))
	}
}

func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}

// parseDate reads ISO 8601 dates and times and epoch seconds, the forms AWS
// accepts in Date conditions.
func parseDate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return float64(t.UnixNano()) / 1e9, true
		}
	}
	return 0, false
}
