package cloudformation

import (
	"encoding/json"
	"strings"

	"github.com/lambdasec/lambdasec/internal/iam/managed"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

type policyDoc = policy.Document

// document parses a resolved policy document (a mapping, or a JSON string
// as some templates give it); nil when absent or malformed.
func (t *template) document(v any) *policy.Document {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		d, err := policy.ParseString(v)
		if err != nil {
			return nil
		}
		return d
	}
	b, err := json.Marshal(t.plain(v))
	if err != nil {
		return nil
	}
	d, err := policy.Parse(b)
	if err != nil {
		return nil
	}
	return d
}

func (b *builder) role(r *resource) {
	t, p := b.t, r.Props
	name := t.name(r.ID)
	path := orDefault(t.str(p["Path"]), "/")
	role := &inventory.Role{
		ARN:         t.arn("iam", "role"+path+name),
		Name:        name,
		ID:          "AROA" + strings.ToUpper(r.ID),
		Path:        path,
		AccountID:   t.account,
		Source:      b.loc(r),
		TrustPolicy: t.document(p["AssumeRolePolicyDocument"]),
		Tags:        t.strMap(p["Tags"]),
	}
	for _, ip := range list(p["Policies"]) {
		role.InlinePolicies = append(role.InlinePolicies, inventory.InlinePolicy{
			Name: t.str(get(ip, "PolicyName")), Document: t.document(get(ip, "PolicyDocument")),
		})
	}
	for _, arn := range t.strs(p["ManagedPolicyArns"]) {
		role.AttachedPolicies = append(role.AttachedPolicies, attachment(arn))
	}
	if pb := t.str(p["PermissionsBoundary"]); pb != "" {
		a := attachment(pb)
		role.PermissionsBoundary = &a
	}
	b.addRole(r.ID, role)
}

func (b *builder) addRole(id string, role *inventory.Role) {
	b.account.Roles[role.ARN] = role
	b.roles[id], b.roles[role.Name], b.roles[role.ARN] = role, role, role
}

// attachment names a managed policy by ARN; Link fills in the document of
// policies the inventory holds (the template's own managed policies and the
// embedded AWS-managed ones).
func attachment(arn string) inventory.PolicyAttachment {
	a := inventory.PolicyAttachment{ARN: arn, Name: arn[strings.LastIndex(arn, "/")+1:]}
	if strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") {
		if mp, ok := managed.Lookup(arn); ok {
			a.Policy = mp
		}
	}
	return a
}

func (b *builder) managedPolicy(r *resource) {
	t, p := b.t, r.Props
	name := t.name(r.ID)
	path := orDefault(t.str(p["Path"]), "/")
	mp := &inventory.ManagedPolicy{
		ARN:              t.arn("iam", "policy"+path+name),
		Name:             name,
		Path:             path,
		DefaultVersionID: "v1",
		Document:         t.document(p["PolicyDocument"]),
	}
	mp.Versions = []inventory.PolicyVersion{{ID: "v1", IsDefault: true, Document: mp.Document}}
	b.account.Policies[mp.ARN] = mp
	for _, rn := range list(p["Roles"]) {
		if role := b.roleOf(rn); role != nil {
			role.AttachedPolicies = append(role.AttachedPolicies, inventory.PolicyAttachment{ARN: mp.ARN, Name: name, Policy: mp})
			mp.AttachmentCount++
		}
	}
}

// roleOf finds the template's role a Roles entry names (by Ref or name).
func (b *builder) roleOf(v any) *inventory.Role {
	if r, ok := v.(Ref); ok {
		return b.roles[r.LogicalID]
	}
	return b.roles[b.t.str(v)]
}

// inlinePolicy maps AWS::IAM::Policy (Roles: [...]) and AWS::IAM::RolePolicy
// (RoleName) onto the roles' inline policies.
func (b *builder) inlinePolicy(r *resource) {
	t, p := b.t, r.Props
	ip := inventory.InlinePolicy{Name: t.str(p["PolicyName"]), Document: t.document(p["PolicyDocument"])}
	targets := list(p["Roles"])
	if rn, ok := p["RoleName"]; ok {
		targets = append(targets, rn)
	}
	for _, rn := range targets {
		if role := b.roleOf(rn); role != nil {
			role.InlinePolicies = append(role.InlinePolicies, ip)
		}
	}
}
