package dump

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// authorizationDetails is iam get-account-authorization-details (one page
// of it, when split): the roles and managed policies. Users and groups are
// not part of the inventory.
type authorizationDetails struct {
	roles    []*inventory.Role
	policies []*inventory.ManagedPolicy
}

// Policy documents arrive as objects from the CLI, which decodes them, and
// as URL-encoded strings from the raw API; policy.Parse takes both, so they
// are kept raw until then.
type authorizationDetailsAnswer struct {
	RoleDetailList []struct {
		Path                     string
		RoleName                 string
		RoleId                   string
		Arn                      string
		AssumeRolePolicyDocument json.RawMessage
		RolePolicyList           []struct {
			PolicyName     string
			PolicyDocument json.RawMessage
		}
		AttachedManagedPolicies []struct {
			PolicyName string
			PolicyArn  string
		}
		PermissionsBoundary *struct{ PermissionsBoundaryArn string }
		Tags                tagList
		RoleLastUsed        struct{ LastUsedDate string }
	}
	Policies []struct {
		PolicyName        string
		PolicyId          string
		Arn               string
		Path              string
		DefaultVersionId  string
		AttachmentCount   int
		PolicyVersionList []struct {
			Document         json.RawMessage
			VersionId        string
			IsDefaultVersion bool
		}
	}
}

func decodeAuthorizationDetails(data []byte) (any, error) {
	var a authorizationDetailsAnswer
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := &authorizationDetails{
		roles:    make([]*inventory.Role, 0, len(a.RoleDetailList)),
		policies: make([]*inventory.ManagedPolicy, 0, len(a.Policies)),
	}
	for i, r := range a.RoleDetailList {
		where := fmt.Sprintf("RoleDetailList[%d] (role %s)", i, r.RoleName)
		role := &inventory.Role{
			ARN:      r.Arn,
			Name:     r.RoleName,
			ID:       r.RoleId,
			Path:     r.Path,
			Tags:     r.Tags.toMap(),
			LastUsed: r.RoleLastUsed.LastUsedDate,
		}
		if arn, ok := parseARN(r.Arn); ok {
			role.AccountID = arn.Account
		}
		var err error
		if role.TrustPolicy, err = parseDocument(r.AssumeRolePolicyDocument); err != nil {
			return nil, fmt.Errorf("%s.AssumeRolePolicyDocument: %w", where, err)
		}
		for j, p := range r.RolePolicyList {
			doc, err := parseDocument(p.PolicyDocument)
			if err != nil {
				return nil, fmt.Errorf("%s.RolePolicyList[%d] (policy %s).PolicyDocument: %w", where, j, p.PolicyName, err)
			}
			role.InlinePolicies = append(role.InlinePolicies, inventory.InlinePolicy{Name: p.PolicyName, Document: doc})
		}
		for _, p := range r.AttachedManagedPolicies {
			role.AttachedPolicies = append(role.AttachedPolicies, inventory.PolicyAttachment{ARN: p.PolicyArn, Name: p.PolicyName})
		}
		if b := r.PermissionsBoundary; b != nil && b.PermissionsBoundaryArn != "" {
			role.PermissionsBoundary = &inventory.PolicyAttachment{ARN: b.PermissionsBoundaryArn, Name: lastSegment(b.PermissionsBoundaryArn)}
		}
		out.roles = append(out.roles, role)
	}
	for i, p := range a.Policies {
		mp := &inventory.ManagedPolicy{
			ARN:              p.Arn,
			Name:             p.PolicyName,
			ID:               p.PolicyId,
			Path:             p.Path,
			DefaultVersionID: p.DefaultVersionId,
			AWSManaged:       isAWSManagedPolicy(p.Arn),
			AttachmentCount:  p.AttachmentCount,
		}
		if mp.Name == "" {
			mp.Name = lastSegment(p.Arn)
		}
		for j, v := range p.PolicyVersionList {
			doc, err := parseDocument(v.Document)
			if err != nil {
				return nil, fmt.Errorf("Policies[%d] (policy %s).PolicyVersionList[%d] (version %s).Document: %w", i, mp.Name, j, v.VersionId, err)
			}
			isDefault := v.IsDefaultVersion || (v.VersionId != "" && v.VersionId == p.DefaultVersionId)
			mp.Versions = append(mp.Versions, inventory.PolicyVersion{ID: v.VersionId, IsDefault: isDefault, Document: doc})
			if isDefault {
				mp.Document = doc
			}
		}
		out.policies = append(out.policies, mp)
	}
	return out, nil
}

// parseDocument parses a policy document that may be absent (nil).
func parseDocument(raw json.RawMessage) (*policy.Document, error) {
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	return policy.Parse(raw)
}

// isAWSManagedPolicy reports whether arn names a policy AWS maintains:
// arn:PARTITION:iam::aws:policy/….
func isAWSManagedPolicy(s string) bool {
	a, ok := parseARN(s)
	return ok && a.Service == "iam" && a.Account == "aws" && strings.HasPrefix(a.Resource, "policy/")
}

func (d *accountDump) applyAuthorizationDetails(a *inventory.Account) {
	for _, f := range d.answers("", inventory.SecIAM, a.Collected) {
		details := f.answer.(*authorizationDetails)
		for _, r := range details.roles {
			if r.ARN != "" {
				a.Roles[r.ARN] = r
			}
		}
		for _, p := range details.policies {
			if p.ARN != "" {
				a.Policies[p.ARN] = p
			}
		}
	}
}
