package iac

import (
	"testing"
)

// FuzzParseComments: any text yields directives with well-formed rule ids
// and line numbers inside the text, and never a panic.
func FuzzParseComments(f *testing.F) {
	f.Add([]byte(commented))
	f.Add([]byte("x: '#' # lambdasec:ignore LAMBDA-EXP-001,LAMBDA-EXP-002 why\n// lambdasec:ignore\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, errs := ParseComments(src)
		lines := 1
		for _, b := range src {
			if b == '\n' {
				lines++
			}
		}
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error line %d outside 1..%d", e.Line, lines)
			}
		}
		for n := 1; n <= lines; n++ {
			for _, s := range c.For("f", "R", n) {
				if !ruleID.MatchString(s.RuleID) || s.Line < 1 || s.Line > n {
					t.Fatalf("suppression %+v for line %d", s, n)
				}
			}
		}
	})
}
