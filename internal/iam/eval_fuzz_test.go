package iam

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// FuzzEvaluate feeds arbitrary policy documents and requests to the
// evaluator: it must never panic, and an explicit Deny of everything must
// always win.
func FuzzEvaluate(f *testing.F) {
	f.Add(`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}`, "s3:GetObject", "arn:aws:s3:::b/k", "aws:SourceIp", "10.1.2.3")
	f.Add(`{"Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/${aws:username}"}]}`, "iam:PassRole", "arn:aws:iam::1:role/*", "iam:PassedToService", "ec2.amazonaws.com")
	f.Add(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAllValues:DateLessThanIfExists":{"aws:CurrentTime":"2020-01-01"},"Null":{"x":"true"}}}}`, "a:b", "*", "aws:CurrentTime", "2019-05-05T00:00:00Z")
	f.Fuzz(func(t *testing.T, js, action, resource, key, value string) {
		d, err := policy.Parse([]byte(js))
		if err != nil {
			return
		}
		p := &Principal{Identity: []NamedPolicy{{Name: "fuzz", Document: d}}}
		req := Request{Action: action, Resource: resource, Context: Context{key: {value}}}
		p.Evaluate(req)
		deny := &policy.Document{Statements: []policy.Statement{{Effect: "Deny", Action: policy.Strings{"*"}, Resource: policy.Strings{"*"}}}}
		p.Identity = append(p.Identity, NamedPolicy{Name: "deny", Document: deny})
		if got := p.Evaluate(req).Decision; got != Denied {
			t.Fatalf("Deny * on * did not win: %v", got)
		}
		ComputeEffective(p)
	})
}

// FuzzMatchResource checks that resource matching never panics and that
// a pattern always matches itself when it holds no wildcard.
func FuzzMatchResource(f *testing.F) {
	f.Add("arn:aws:s3:::b/*", "arn:aws:s3:::b/k")
	f.Add("arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::1:user/x")
	f.Fuzz(func(t *testing.T, p, q string) {
		MatchResource(p, q)
		resourceCovers(p, q)
		BroadResource(p)
		if !hasVariable(p) && !containsWildcard(p) && !MatchResource(p, p) {
			t.Fatalf("%q does not match itself", p)
		}
	})
}

func containsWildcard(s string) bool {
	for _, c := range s {
		if c == '*' || c == '?' {
			return true
		}
	}
	return false
}
