package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/lambdasec/lambdasec/internal/iam/managed"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// policies maps aws_iam_policy into customer-managed policies.
func (b *builder) policies() {
	b.each("aws_iam_policy", func(in *instance) {
		arn := str0(attr(in.values, "arn"))
		doc, _ := b.document(in, "policy", attr(in.values, "policy"))
		b.account.Policies[arn] = &inventory.ManagedPolicy{
			ARN: arn, Name: str0(attr(in.values, "name")), Path: pathOf(in.values),
			Document: doc, DefaultVersionID: "v1",
			Versions: []inventory.PolicyVersion{{ID: "v1", IsDefault: true, Document: doc}},
		}
	})
}

// roleResources maps aws_iam_role and what attaches policies to roles.
func (b *builder) roleResources() {
	b.each("aws_iam_role", func(in *instance) {
		v := in.values
		r := &inventory.Role{
			ARN: str0(attr(v, "arn")), Name: str0(attr(v, "name")), Path: pathOf(v),
			AccountID: b.account.ID, Source: loc(in),
		}
		r.TrustPolicy, _ = b.document(in, "assume_role_policy", attr(v, "assume_role_policy"))
		r.Tags, _ = stringMap(attr(v, "tags"))
		for _, ip := range blocks(v, "inline_policy") {
			if doc, ok := b.document(in, "inline_policy", attr(ip, "policy")); ok {
				r.InlinePolicies = append(r.InlinePolicies, inventory.InlinePolicy{Name: str0(attr(ip, "name")), Document: doc})
			}
		}
		arns, _ := strs(attr(v, "managed_policy_arns"))
		for _, a := range arns {
			r.AttachedPolicies = append(r.AttachedPolicies, b.attachment(a))
		}
		if pb, ok := str(attr(v, "permissions_boundary")); ok && pb != "" {
			att := b.attachment(pb)
			r.PermissionsBoundary = &att
		}
		b.account.Roles[r.ARN] = r
		b.roles[r.Name], b.roles[r.ARN] = r, r
	})
	b.each("aws_iam_role_policy", func(in *instance) {
		r := b.roles[str0(attr(in.values, "role"))]
		if r == nil {
			return // a role defined elsewhere
		}
		if doc, ok := b.document(in, "policy", attr(in.values, "policy")); ok {
			r.InlinePolicies = append(r.InlinePolicies, inventory.InlinePolicy{Name: str0(attr(in.values, "name")), Document: doc})
		}
	})
	b.each("aws_iam_policy_attachment", func(in *instance) {
		roles, _ := strs(attr(in.values, "roles"))
		a, ok := str(attr(in.values, "policy_arn"))
		for _, name := range roles {
			if r := b.roles[name]; r != nil && ok {
				r.AttachedPolicies = append(r.AttachedPolicies, b.attachment(a))
			}
		}
	})
	b.each("aws_iam_role_policy_attachment", func(in *instance) {
		r := b.roles[str0(attr(in.values, "role"))]
		if a, ok := str(attr(in.values, "policy_arn")); ok && r != nil {
			r.AttachedPolicies = append(r.AttachedPolicies, b.attachment(a))
		}
	})
}

// attachment resolves a policy ARN: a policy of the configuration, an AWS
// managed policy the scanner knows, or an unresolved reference.
func (b *builder) attachment(arn string) inventory.PolicyAttachment {
	att := inventory.PolicyAttachment{ARN: arn, Name: arn[strings.LastIndex(arn, "/")+1:]}
	if p := b.account.Policies[arn]; p != nil {
		att.Policy = p
	} else if p, ok := managed.Lookup(arn); ok {
		att.Policy = p
	}
	return att
}

// pathOf is the IAM path of a role or policy instance.
func pathOf(v cty.Value) string {
	return iamPath(map[string]cty.Value{"path": attr(v, "path")})
}
