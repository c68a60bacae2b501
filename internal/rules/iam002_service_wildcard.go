package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-002",
			Title:    "Execution role grants service-wide wildcard actions",
			Severity: finding.High,
			Category: "iam",
			Description: "An Allow statement of the execution role grants every action of a service (`s3:*`, `dynamodb:*`) or of every service (`*`). " +
				"Wildcards grant actions nobody meant to give, including the destructive and permission-changing ones, and every action AWS adds later. " +
				"Severity depends on the service: high for services that hold data, keys, identities or code (IAM, STS, KMS, S3, Secrets Manager, SSM, DynamoDB, Lambda, EC2 …), " +
				"medium for others, and one step lower when the statement is limited to named resources. " +
				"A wildcard that Deny statements or the permissions boundary cancel entirely is not reported; " +
				"`\"*\"` on `\"*\"` that amounts to administrator access is LAMBDA-IAM-001.",
			Remediation: "List the actions the function calls instead of the wildcard, e.g. `\"Action\": [\"s3:GetObject\", \"s3:PutObject\"]` on " +
				"`\"Resource\": \"arn:aws:s3:::BUCKET/prefix/*\"`, and update the policy: " +
				"`aws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document file://policy.json` (inline) or " +
				"`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default` (customer managed). " +
				"CloudFormation/SAM: the role's `Policies`; Terraform: `aws_iam_role_policy` / `aws_iam_policy_document` `actions`.",
			Compliance: []string{"MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkServiceWildcard),
	})
}

// sensitiveServices hold data, keys, identities or code: a wildcard on them
// is high severity.
var sensitiveServices = map[string]bool{
	"*": true, "iam": true, "sts": true, "kms": true, "s3": true, "secretsmanager": true, "ssm": true,
	"dynamodb": true, "lambda": true, "ec2": true, "rds": true, "organizations": true, "cloudformation": true,
	"ecr": true, "ecs": true, "eks": true, "sqs": true, "sns": true, "kinesis": true, "glue": true,
	"codebuild": true, "codecommit": true, "cognito-idp": true, "cognito-identity": true, "sso": true,
}

type wildcardGrant struct {
	ref      *iam.StatementRef
	service  string
	pattern  string
	severity finding.Severity
}

func checkServiceWildcard(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	admin := adminLevel(eff) != iam.Denied
	var found []wildcardGrant
	for _, np := range eff.Principal.Identity {
		for i, st := range np.Document.Statements {
			if !st.Allow() {
				continue
			}
			for _, a := range st.Action {
				svc, ok := serviceWildcard(a)
				if !ok || (svc == "*" && admin) {
					continue
				}
				// Report only what survives Deny statements and the boundary.
				if len(eff.Matching(a)) == 0 {
					continue
				}
				sev := finding.Medium
				if sensitiveServices[svc] {
					sev = finding.High
				}
				if !statementBroad(st.Resource, st.NotResource) {
					sev--
				}
				ref := &iam.StatementRef{Policy: np.Name, PolicyARN: np.ARN, Index: i, Sid: st.Sid, Allow: true, Actions: st.Action, Resources: st.Resource}
				if len(st.NotResource) > 0 {
					ref.Resources, ref.NotResource = st.NotResource, true
				}
				found = append(found, wildcardGrant{ref: ref, service: svc, pattern: a, severity: sev})
			}
		}
	}
	if len(found) == 0 {
		return
	}
	sev := finding.Info
	var patterns, evidence []string
	var refs []*iam.StatementRef
	seen := map[string]bool{}
	for _, w := range found {
		sev = max(sev, w.severity)
		if !seen[w.pattern] {
			seen[w.pattern] = true
			patterns = append(patterns, w.pattern)
		}
		if s := w.ref.String(); !seen[s] {
			seen[s] = true
			evidence = append(evidence, s)
			refs = append(refs, w.ref)
		}
	}
	sort.Strings(patterns)
	sort.Strings(evidence)
	out.Add(Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Severity: At(sev),
		Message: fmt.Sprintf("Function %s runs as role %s, which allows every action of a service: %s.",
			f.Name, role.Name, strings.Join(patterns, ", ")),
		Evidence: evidence,
		Remediation: "Replace " + strings.Join(patterns, ", ") + " by the actions " + f.Name + " calls, in " + labelsOf(refs) +
			" of role " + role.Name + " (`aws iam put-role-policy` for inline, `aws iam create-policy-version --set-as-default` for customer-managed policies).",
	})
}

// serviceWildcard reports whether an action pattern grants a whole service
// ("s3:*") or everything ("*"), and which.
func serviceWildcard(a string) (string, bool) {
	if strings.Trim(a, "*") == "" {
		return "*", true
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || strings.Trim(name, "*") != "" || strings.ContainsAny(svc, "*?") {
		return "", false
	}
	return strings.ToLower(svc), true
}

// statementBroad reports whether a statement reaches every resource of a
// kind.
func statementBroad(resources, notResources []string) bool {
	if len(notResources) > 0 {
		return true
	}
	for _, r := range resources {
		if iam.BroadResource(r) {
			return true
		}
	}
	return false
}

func labelsOf(refs []*iam.StatementRef) string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Label()
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
