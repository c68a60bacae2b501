package iam

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/policy"
)

func parseDoc(t testing.TB, js string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(js))
	if err != nil {
		t.Fatalf("parse %s: %v", js, err)
	}
	return d
}

func TestMatchResource(t *testing.T) {
	for _, c := range []struct {
		pattern, arn string
		want         bool
	}{
		{"*", "arn:aws:s3:::b/k", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/x", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::c/k", false},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/r", true},
		// A wildcard in the region segment does not swallow the account.
		{"arn:aws:lambda:*:function:f", "arn:aws:lambda:us-east-1:111122223333:function:f", false},
		{"arn:aws:lambda:us-east-?:*:function:f*", "arn:aws:lambda:us-east-1:111122223333:function:foo", true},
		// Resource ARNs are case-sensitive.
		{"arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/k", false},
		// A policy variable is read as a wildcard.
		{"arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:user/bob", true},
		// Queries may be patterns: "some role in the account".
		{"arn:aws:iam::111122223333:role/app-*", "arn:aws:iam::111122223333:role/*", true},
		{"arn:aws:iam::444455556666:role/*", "arn:aws:iam::111122223333:role/*", false},
	} {
		if got := MatchResource(c.pattern, c.arn); got != c.want {
			t.Errorf("MatchResource(%q, %q) = %v, want %v", c.pattern, c.arn, got, c.want)
		}
	}
}

func TestResourceCovers(t *testing.T) {
	for _, c := range []struct {
		p, q string
		want bool
	}{
		{"*", "arn:aws:iam::1:role/*", true},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::1:role/*", true},
		{"arn:aws:iam::1:role/app-*", "arn:aws:iam::1:role/*", false},
		{"arn:*:*:*:*:*", "*", true},
		{"arn:aws:s3:::*", "*", false},
		{"arn:aws:iam::1:user/${aws:username}", "arn:aws:iam::1:user/bob", false},
	} {
		if got := resourceCovers(c.p, c.q); got != c.want {
			t.Errorf("resourceCovers(%q, %q) = %v, want %v", c.p, c.q, got, c.want)
		}
	}
}

func TestEvalConditions(t *testing.T) {
	ctx := Context{
		"aws:SourceIp":               {"203.0.113.7"},
		"aws:SecureTransport":        {"true"},
		"aws:CurrentTime":            {"2026-01-15T10:00:00Z"},
		"s3:max-keys":                {"50"},
		"aws:PrincipalArn":           {"arn:aws:iam::111122223333:role/app"},
		"aws:TagKeys":                {"team", "env"},
		"aws:MultiFactorAuthPresent": nil, // known absent
	}
	for _, c := range []struct {
		name, cond string
		want       Tri
	}{
		{"ip in", `{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, True},
		{"ip not in", `{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/8"]}}`, False},
		{"bool", `{"Bool": {"aws:SecureTransport": "true"}}`, True},
		{"date", `{"DateLessThan": {"aws:CurrentTime": "2026-06-01T00:00:00Z"}}`, True},
		{"numeric", `{"NumericLessThanEquals": {"s3:max-keys": "10"}}`, False},
		{"arn like", `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/ap?"}}`, True},
		{"string equals is case-sensitive", `{"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/APP"}}`, False},
		{"ignore case", `{"StringEqualsIgnoreCase": {"aws:PrincipalArn": "ARN:AWS:IAM::111122223333:ROLE/APP"}}`, True},
		{"unknown key is unknown", `{"StringEquals": {"aws:PrincipalOrgID": "o-1"}}`, Unknown},
		{"unknown key with IfExists is still unknown", `{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}`, Unknown},
		{"absent key fails a positive operator", `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`, False},
		{"absent key passes a negated operator", `{"StringNotEquals": {"aws:MultiFactorAuthPresent": "x"}}`, True},
		{"absent key passes IfExists", `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}`, True},
		{"null true on absent", `{"Null": {"aws:MultiFactorAuthPresent": "true"}}`, True},
		{"null false on present", `{"Null": {"aws:SourceIp": "false"}}`, True},
		{"for all values", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env", "cost"]}}`, True},
		{"for all values fails", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}`, False},
		{"for any value", `{"ForAnyValue:StringLike": {"aws:TagKeys": "en*"}}`, True},
		{"for any value on absent key", `{"ForAnyValue:StringEquals": {"aws:MultiFactorAuthPresent": "x"}}`, False},
		{"and across operators", `{"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:PrincipalOrgID": "o-1"}}`, Unknown},
		{"policy variable in value", `{"StringEquals": {"aws:PrincipalArn": "${aws:username}"}}`, Unknown},
		{"unknown operator", `{"StringSoundsLike": {"aws:PrincipalArn": "x"}}`, Unknown},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := parseDoc(t, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": `+c.cond+`}}`)
			if got := EvalConditions(d.Statements[0].Condition, ctx); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	const acct = "111122223333"
	np := func(name, js string) NamedPolicy { return NamedPolicy{Name: name, Document: parseDoc(t, js)} }
	for _, c := range []struct {
		name string
		p    Principal
		req  Request
		want Decision
	}{
		{
			name: "allow",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*"}}`)}},
			req:  Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
			want: Allowed,
		},
		{
			name: "implicit deny",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*"}}`)}},
			req:  Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"},
			want: Denied,
		},
		{
			name: "explicit deny in another policy wins",
			p: Principal{Identity: []NamedPolicy{
				np("a", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`),
				np("d", `{"Statement": {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}`),
			}},
			req:  Request{Action: "iam:PassRole", Resource: "arn:aws:iam::" + acct + ":role/x"},
			want: Denied,
		},
		{
			name: "conditional deny makes allow conditional",
			p: Principal{Identity: []NamedPolicy{
				np("a", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`),
				np("d", `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}}`),
			}},
			req:  Request{Action: "s3:GetObject", Resource: "*"},
			want: Conditional,
		},
		{
			name: "deny of part of some resource leaves the rest",
			p: Principal{Identity: []NamedPolicy{
				np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}}`),
				np("d", `{"Statement": {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/admin"}}`),
			}},
			req:  Request{Action: "iam:PassRole", Resource: "arn:aws:iam::" + acct + ":role/*"},
			want: Allowed,
		},
		{
			name: "NotAction allow",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}`)}},
			req:  Request{Action: "ec2:RunInstances", Resource: "*"},
			want: Allowed,
		},
		{
			name: "NotAction leaves out",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}`)}},
			req:  Request{Action: "IAM:PassRole", Resource: "*"},
			want: Denied,
		},
		{
			name: "NotResource allow",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"}}`)}},
			req:  Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/k"},
			want: Denied,
		},
		{
			name: "boundary intersects",
			p: Principal{
				Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)},
				Boundary: &NamedPolicy{Name: "b", Document: parseDoc(t, `{"Statement": {"Effect": "Allow", "Action": ["s3:*", "logs:*"], "Resource": "*"}}`)},
			},
			req:  Request{Action: "iam:CreateUser", Resource: "*"},
			want: Denied,
		},
		{
			name: "boundary alone grants nothing",
			p: Principal{
				Boundary: &NamedPolicy{Name: "b", Document: parseDoc(t, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)},
			},
			req:  Request{Action: "s3:GetObject", Resource: "*"},
			want: Denied,
		},
		{
			name: "SCP level must allow",
			p: Principal{
				Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)},
				SCPs: [][]NamedPolicy{
					{np("FullAWSAccess", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)},
					{np("only-s3", `{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`)},
				},
			},
			req:  Request{Action: "ec2:RunInstances", Resource: "*"},
			want: Denied,
		},
		{
			name: "unknown condition key is conditional",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}}`)}},
			req:  Request{Action: "iam:PassRole", Resource: "*"},
			want: Conditional,
		},
		{
			name: "known condition key decides",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}}`)}},
			req:  Request{Action: "iam:PassRole", Resource: "*", Context: Context{"iam:PassedToService": {"ec2.amazonaws.com"}}},
			want: Denied,
		},
		{
			name: "policy variable in resource is conditional",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::*:user/${aws:username}"}}`)}},
			req:  Request{Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::" + acct + ":user/*"},
			want: Conditional,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.p.Evaluate(c.req); got.Decision != c.want {
				t.Errorf("Evaluate(%+v) = %v, want %v", c.req, got.Decision, c.want)
			}
		})
	}
}

func TestBroadResource(t *testing.T) {
	for _, c := range []struct {
		p    string
		want bool
	}{
		{"*", true},
		{"arn:aws:s3:::*", true},
		{"arn:aws:s3:::my-bucket/*", false},
		{"arn:aws:secretsmanager:*:*:secret:*", true},
		{"arn:aws:ssm:us-east-1:111122223333:parameter/*", true},
		{"arn:aws:ssm:us-east-1:111122223333:parameter/app/*", false},
		{"arn:aws:dynamodb:us-east-1:111122223333:table/orders", false},
		{"arn:aws:sns:*:*:*", true},
		{"arn:aws:sns:us-east-1:111122223333:alerts", false},
	} {
		if got := BroadResource(c.p); got != c.want {
			t.Errorf("BroadResource(%q) = %v, want %v", c.p, got, c.want)
		}
	}
}
