package iam

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

func TestAssumableRoles(t *testing.T) {
	const acct = "111122223333"
	inv := inventory.New()
	a := inv.Account(acct)
	role := func(name, trust string) *inventory.Role {
		r := &inventory.Role{ARN: "arn:aws:iam::" + acct + ":role/" + name, Name: name, AccountID: acct, TrustPolicy: parseDoc(t, trust)}
		a.Roles[r.ARN] = r
		return r
	}
	fn := role("fn", `{"Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}`)
	role("names-fn", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/fn"}, "Action": "sts:AssumeRole"}}`)
	role("trusts-account", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}}`)
	role("trusts-account-mfa", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}}`)
	role("other-account", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}}`)

	for _, c := range []struct {
		name, policy string
		boundary     string
		want         map[string]Decision
	}{
		{
			name:   "no sts:AssumeRole grant: only the role that names fn",
			policy: `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
			want:   map[string]Decision{"names-fn": Allowed},
		},
		{
			name:   "sts:AssumeRole on every role",
			policy: `{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}`,
			want:   map[string]Decision{"names-fn": Allowed, "trusts-account": Allowed, "trusts-account-mfa": Conditional},
		},
		{
			name:   "a Deny closes even the direct trust",
			policy: `{"Statement": [{"Effect": "Deny", "Action": "sts:*", "Resource": "*"}]}`,
			want:   map[string]Decision{},
		},
		{
			name:     "a boundary without sts:AssumeRole closes the direct trust",
			policy:   `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
			boundary: `{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`,
			want:     map[string]Decision{},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &Principal{Identity: []NamedPolicy{{Name: "p", Document: parseDoc(t, c.policy)}}}
			if c.boundary != "" {
				p.Boundary = &NamedPolicy{Name: "b", Document: parseDoc(t, c.boundary)}
			}
			got := map[string]Decision{}
			for _, r := range AssumableRoles(p, fn, a) {
				got[r.Role.Name] = r.Decision
			}
			if len(got) != len(c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			for k, v := range c.want {
				if got[k] != v {
					t.Errorf("%s: got %v, want %v", k, got[k], v)
				}
			}
		})
	}
}
