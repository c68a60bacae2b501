package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SUP-002",
			Title:    "Layer version shared publicly or with unknown accounts",
			Severity: finding.High,
			Category: "supply-chain",
			Description: "A layer-version policy that grants lambda:GetLayerVersion to \"*\" lets any AWS account download the layer's content and attach it to its own functions; " +
				"one granting it to other accounts shares it with them. Layers hold code, dependencies and, too often, configuration and credentials: " +
				"sharing them publishes all of that, and lets anyone build on a layer you may later change or delete. " +
				"Accounts of the owner's organization (and `--organization-id` grants to it) and accounts scanned together are trusted. " +
				"When the organization's member list was not collected, other accounts are reported at lower severity. " +
				"Only layers published by a scanned account are judged.",
			Remediation: "Remove the grant: `aws lambda remove-layer-version-permission --layer-name NAME --version-number N --statement-id SID`. " +
				"Share with your organization instead: `aws lambda add-layer-version-permission --layer-name NAME --version-number N --statement-id org " +
				"--action lambda:GetLayerVersion --principal '*' --organization-id o-…` (CloudFormation `AWS::Lambda::LayerVersionPermission` `OrganizationId`; " +
				"Terraform `aws_lambda_layer_version_permission` `organization_id`).",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html",
			},
		},
		Needs: []inventory.Section{inventory.SecLayerVersions, inventory.SecLayerPolicies},
		Check: checkSharedLayers,
	})
}

func checkSharedLayers(inv *inventory.Inventory, out *Results) {
	for _, a := range inv.Accounts {
		// The owner's view is the same as for a function of the account.
		owner := policyOwner(inv, &inventory.Function{Account: a})
		for _, r := range a.Regions {
			arns := make([]string, 0, len(r.Layers))
			for arn, l := range r.Layers {
				if l.AccountID == a.ID {
					arns = append(arns, arn)
				}
			}
			sort.Strings(arns)
			for _, arn := range arns {
				checkSharedLayer(r.Layers[arn], owner, out)
			}
		}
	}
}

func checkSharedLayer(l *inventory.LayerVersion, owner iam.Owner, out *Results) {
	res := finding.Resource{ARN: l.ARN, Type: "AWS::Lambda::LayerVersion", Name: fmt.Sprintf("%s:%d", l.Name, l.Version), Account: l.AccountID, Region: l.Region}
	if l.Source != nil {
		res.File, res.Line, res.LogicalID = l.Source.File, l.Source.Line, l.Source.LogicalID
	}
	if !l.Policy.Known {
		out.Skip(res, fmt.Sprintf("the layer-version policy of %s was not collected (lambda get-layer-version-policy)", res.Name))
		return
	}
	var public, outside, unknown []iam.Grant
	for _, g := range iam.AnalyzeResourcePolicy(l.Policy.Value, owner) {
		switch {
		case g.Public():
			public = append(public, g)
		case g.Reach == iam.ReachExternal:
			outside = append(outside, g)
		case g.Reach == iam.ReachUnknown:
			unknown = append(unknown, g)
		}
	}
	reported := slices.Concat(public, outside, unknown)
	if len(reported) == 0 {
		return
	}
	var who []string
	sev := finding.High
	switch {
	case len(public) > 0:
		who = append(who, "anyone (Principal \"*\")")
	case len(outside) == 0:
		sev = finding.Medium
	}
	for _, g := range slices.Concat(outside, unknown) {
		w := g.Account
		if g.Kind == iam.OrganizationPrincipal {
			w = "organization " + g.Organization
		}
		if g.Reach == iam.ReachUnknown {
			w += " (organization membership unknown)"
		}
		who = append(who, w)
	}
	var cmds []string
	for _, g := range reported {
		if g.Sid == "" {
			cmds = append(cmds, fmt.Sprintf("statement %d has no Sid: rewrite the policy without it", g.Statement))
			continue
		}
		cmds = append(cmds, fmt.Sprintf("aws lambda remove-layer-version-permission --layer-name %s --version-number %d --statement-id %s --region %s", l.Name, l.Version, g.Sid, l.Region))
	}
	out.Add(Hit{
		Resource: res,
		Severity: At(sev),
		Message:  fmt.Sprintf("Layer version %s can be downloaded and used by %s.", res.Name, strings.Join(uniq(who), ", ")),
		Evidence: grantEvidence(reported),
		Remediation: "Remove the grants: " + strings.Join(uniq(cmds), "; ") +
			". To share inside the organization use `aws lambda add-layer-version-permission … --principal '*' --organization-id o-…` " +
			"(CloudFormation `AWS::Lambda::LayerVersionPermission` `OrganizationId`; Terraform `aws_lambda_layer_version_permission` `organization_id`).",
	})
}
