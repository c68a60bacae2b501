package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-010",
			Title:    "Execution role grants permissions the function never used",
			Severity: finding.Low,
			Category: "iam",
			Description: "The execution role allows actions that its sessions never performed in the CloudTrail logs given to the scan (`scan --cloudtrail`). " +
				"Permissions a function does not use only help whoever gets code to run in it. The rule compares the role's effective permissions " +
				"(after Deny statements and the permissions boundary) with the actions CloudTrail recorded for the role's sessions over the logs' time window, " +
				"and lists the unused ones by service. It is medium when unused actions include writes or permissions management, low when they only read or list. " +
				"Calls outside the window, or not logged (data events such as S3 object reads are logged only when the trail selects them), look unused: " +
				"read the finding with the window and data-event note in its evidence. The logging actions Lambda itself uses to deliver the function's logs " +
				"(logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents) are never reported. Without usage data the rule reports not assessed.",
			Remediation: "Remove the unused actions from the role. `lambdasec policy suggest --function NAME --dump DUMP --cloudtrail LOGS` writes a policy of the actions " +
				"and resources the function used; review it, then `aws iam put-role-policy --role-name ROLE --policy-name least-privilege --policy-document file://policy.json` " +
				"and detach or delete the broader policies (`aws iam detach-role-policy`, `aws iam delete-role-policy`). " +
				"CloudFormation/SAM: replace the role's `Policies`/`ManagedPolicyArns`; Terraform: `aws_iam_role_policy` with the suggested document. " +
				"IAM Access Analyzer's unused-access findings and policy generation from CloudTrail do the same in the account.",
			Compliance: []string{"NIST SP 800-53 AC-6", "AWS Well-Architected SEC03-BP02"},
			References: []string{
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
				"https://docs.aws.amazon.com/wellarchitected/latest/framework/sec_permissions_least_privileges.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkUnusedPermissions),
	})
}

// lambdaLogDelivery are the actions Lambda performs with the execution role
// to deliver the function's logs; they are not the function's own calls.
var lambdaLogDelivery = map[string]bool{
	"logs:CreateLogGroup": true, "logs:CreateLogStream": true, "logs:PutLogEvents": true,
}

// unusedServicesShown bounds the services the message and evidence list.
const unusedServicesShown = 8

func checkUnusedPermissions(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	if !role.Usage.Known || role.Usage.Value == nil {
		out.Skip(roleResource(f), fmt.Sprintf("no CloudTrail usage data for role %s (scan with --cloudtrail LOGS covering account %s)", role.Name, role.AccountID))
		return
	}
	u := role.Usage.Value
	used := map[string]bool{}
	for a := range u.Actions {
		used[strings.ToLower(a)] = true
	}
	type svc struct {
		name           string
		unused, grants int
		actions        []string
	}
	bySvc := map[string]*svc{}
	unused, risky := 0, false
	for _, p := range eff.Permissions {
		s := bySvc[p.Action.Service]
		if s == nil {
			s = &svc{name: p.Action.Service}
			bySvc[p.Action.Service] = s
		}
		s.grants++
		name := p.Action.String()
		if used[strings.ToLower(name)] || lambdaLogDelivery[name] {
			continue
		}
		s.unused++
		s.actions = append(s.actions, p.Action.Name)
		unused++
		if p.Action.Access != catalog.Read && p.Action.Access != catalog.List {
			risky = true
		}
	}
	if unused == 0 {
		return
	}
	var svcs []*svc
	for _, s := range bySvc {
		if s.unused > 0 {
			svcs = append(svcs, s)
		}
	}
	sort.Slice(svcs, func(i, j int) bool {
		if svcs[i].unused != svcs[j].unused {
			return svcs[i].unused > svcs[j].unused
		}
		return svcs[i].name < svcs[j].name
	})
	var parts, evidence []string
	for i, s := range svcs {
		if i == unusedServicesShown {
			parts = append(parts, fmt.Sprintf("%d more services", len(svcs)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%d)", s.name, s.unused))
		evidence = append(evidence, fmt.Sprintf("%s: %d of %d granted actions unused: %s", s.name, s.unused, s.grants, iam.SummarizeActions(s.actions)))
	}
	window := fmt.Sprintf("%s to %s", u.Since.UTC().Format("2006-01-02T15:04Z"), u.Until.UTC().Format("2006-01-02T15:04Z"))
	evidence = append(evidence, fmt.Sprintf("usage: %d actions used by the role's sessions, %s (%s)", len(u.Actions), window, u.Source))
	if !u.DataEvents {
		evidence = append(evidence, "the logs hold no data events: data-plane actions (S3 objects, DynamoDB items, Lambda Invoke) may be in use without showing")
	}
	sev := finding.Low
	if risky {
		sev = finding.Medium
	}
	out.Add(Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Severity: At(sev),
		Message: fmt.Sprintf("Role %s of function %s grants %d actions its sessions did not use from %s: %s.",
			role.Name, f.Name, unused, window, strings.Join(parts, ", ")),
		Evidence: evidence,
	})
}
