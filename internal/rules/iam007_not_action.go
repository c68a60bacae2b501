package rules

import (
	"fmt"
	"sort"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-007",
			Title:    "Execution role allows with NotAction or NotResource",
			Severity: finding.Medium,
			Category: "iam",
			Description: "An Allow statement with NotAction grants every action except the listed ones, including every action AWS adds later; " +
				"an Allow with NotResource grants the actions on every resource except the listed ones, including resources created later. " +
				"Both grant far more than they appear to. High when NotAction is combined with every resource. " +
				"The role's inline and attached policies are read (the permissions boundary, where NotAction is a normal way to carve out, is not).",
			Remediation: "Rewrite the statement as an Allow of the actions and resources the function needs, and put the exceptions in a separate Deny statement if they matter: " +
				"`{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"], \"Resource\": \"arn:aws:s3:::BUCKET/*\"}` instead of " +
				"`{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}`. Apply with `aws iam put-role-policy` (inline) or " +
				"`aws iam create-policy-version --set-as-default` (customer managed); CloudFormation/SAM `Policies`, Terraform `aws_iam_policy_document` `not_actions` → `actions`.",
			References: []string{
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkNotActionResource),
	})
}

func checkNotActionResource(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	sev := finding.Info
	var evidence []string
	check := func(name, arn string, doc *policy.Document) {
		if doc == nil {
			return
		}
		for i, st := range doc.Statements {
			if !st.Allow() || (len(st.NotAction) == 0 && len(st.NotResource) == 0) {
				continue
			}
			ref := &iam.StatementRef{Policy: name, PolicyARN: arn, Index: i, Sid: st.Sid, Allow: true, Actions: st.Action, Resources: st.Resource}
			if len(st.NotAction) > 0 {
				ref.Actions, ref.NotAction = st.NotAction, true
			}
			if len(st.NotResource) > 0 {
				ref.Resources, ref.NotResource = st.NotResource, true
			}
			s := finding.Medium
			if ref.NotAction && statementBroad(st.Resource, st.NotResource) {
				s = finding.High
			}
			sev = max(sev, s)
			evidence = append(evidence, ref.String())
		}
	}
	for _, p := range eff.Principal.Identity {
		check(p.Name, p.ARN, p.Document)
	}
	if len(evidence) == 0 {
		return
	}
	sort.Strings(evidence)
	out.Add(Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Severity: At(sev),
		Message:  fmt.Sprintf("Function %s runs as role %s, whose policies allow with NotAction or NotResource (%d statement(s)), granting everything not listed.", f.Name, role.Name, len(evidence)),
		Evidence: evidence,
	})
}
