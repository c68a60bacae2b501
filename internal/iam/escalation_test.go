package iam

import (
	"slices"
	"testing"
)

func TestEscalations(t *testing.T) {
	const acct = "111122223333"
	np := func(name, js string) NamedPolicy { return NamedPolicy{Name: name, Document: parseDoc(t, js)} }
	for _, c := range []struct {
		name string
		p    Principal
		self []string
		want []string // method ids, Conditional ones suffixed "?"
	}{
		{
			name: "customer-managed policy versions",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/app-*"}}`)}},
			want: []string{"iam-create-policy-version"},
		},
		{
			name: "AWS managed policies are not targets",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], "Resource": "arn:aws:iam::aws:policy/*"}}`)}},
		},
		{
			name: "a single role is still a target",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::111122223333:role/fn-role"}}`)}},
			want: []string{"iam-put-role-policy"},
		},
		{
			name: "PassRole limited to Lambda",
			p: Principal{Identity: []NamedPolicy{
				np("pass", `{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}}`),
				np("compute", `{"Statement": {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction", "ec2:RunInstances"], "Resource": "*"}}`),
			}},
			want: []string{"passrole-lambda-invoke"},
		},
		{
			name: "PassRole under an unknown condition",
			p: Principal{Identity: []NamedPolicy{
				np("pass", `{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}}}`),
				np("compute", `{"Statement": {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}}`),
			}},
			want: []string{"passrole-ec2?"},
		},
		{
			name: "boundary closes the path",
			p: Principal{
				Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}}`)},
				Boundary: &NamedPolicy{Name: "b", Document: parseDoc(t, `{"Statement": {"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}}`)},
			},
		},
		{
			name: "own function code only",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:me"}}`)}},
			self: []string{"arn:aws:lambda:us-east-1:111122223333:function:me"},
		},
		{
			name: "other functions' code",
			p:    Principal{Identity: []NamedPolicy{np("a", `{"Statement": {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:*"}}`)}},
			self: []string{"arn:aws:lambda:us-east-1:111122223333:function:me"},
			want: []string{"lambda-update-function-code"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range Escalations(&c.p, acct, c.self) {
				id := p.Method.ID
				if p.Decision == Conditional {
					id += "?"
				}
				got = append(got, id)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Escalations = %v, want %v", got, c.want)
			}
		})
	}
}

func TestComputeEffective(t *testing.T) {
	np := func(name, js string) NamedPolicy { return NamedPolicy{Name: name, Document: parseDoc(t, js)} }
	p := &Principal{
		Identity: []NamedPolicy{
			np("a", `{"Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}]}`),
			np("b", `{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "*"}, {"Effect": "Deny", "Action": "sqs:*", "Resource": "*"}]}`),
		},
	}
	e := ComputeEffective(p)
	get, ok := e.Get("S3:GETOBJECT")
	if !ok || get.Decision != Allowed || !get.Broad || len(get.Grants) != 2 {
		t.Errorf("s3:GetObject = %+v, %v; want allowed, broad, from both policies", get, ok)
	}
	if put, ok := e.Get("s3:PutObject"); !ok || put.Broad {
		t.Errorf("s3:PutObject = %+v, %v; want allowed on one bucket only", put, ok)
	}
	if _, ok := e.Get("sqs:SendMessage"); ok {
		t.Error("sqs:SendMessage is denied but reported allowed")
	}
	for i := 1; i < len(e.Permissions); i++ {
		if e.Permissions[i-1].Action.String() >= e.Permissions[i].Action.String() {
			t.Errorf("permissions not sorted: %s before %s", e.Permissions[i-1].Action, e.Permissions[i].Action)
		}
	}
}
