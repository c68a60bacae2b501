package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-008",
			Title:    "Trust policy lets more than Lambda assume the execution role",
			Severity: finding.High,
			Category: "iam",
			Description: "An execution role needs to trust only `lambda.amazonaws.com`. Every other principal its trust policy names can obtain the function's permissions: " +
				"anyone (`\"*\"`, critical unless a condition limits the caller to an account or organization), another account or a role in it (high), " +
				"a federated identity provider (high; medium when conditions restrict the token), another AWS service such as EC2 (medium: every instance " +
				"or job given the role gets the function's permissions), or a principal of the same account (medium; low with MFA or other conditions). " +
				"For service principals other than Lambda and EC2, a missing aws:SourceAccount / aws:SourceArn condition (confused-deputy protection) is noted. " +
				"Deny statements in trust policies are not applied, which can only over-report.",
			Remediation: "Keep only Lambda in the trust policy: " +
				"`aws iam update-assume-role-policy --role-name ROLE --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'` " +
				"(CloudFormation/SAM: the role's `AssumeRolePolicyDocument`; Terraform: `aws_iam_role` `assume_role_policy`). " +
				"Give other services and people their own roles; where a service must stay, add `aws:SourceAccount` / `aws:SourceArn` conditions.",
			Compliance: []string{"MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(false, checkTrustBeyondLambda),
	})
}

// trustee is one principal a trust policy lets assume the role.
type trustee struct {
	who      string
	severity finding.Severity
	note     string
}

func checkTrustBeyondLambda(f *inventory.Function, role *inventory.Role, _ *iam.Effective, out *Results) {
	if role.TrustPolicy == nil {
		out.Skip(roleResource(f), fmt.Sprintf("the trust policy of role %s was not collected", role.Name))
		return
	}
	var found []trustee
	var evidence []string
	for i, st := range role.TrustPolicy.Statements {
		if !st.Allow() || !assumesRole(st) {
			continue
		}
		ts := trustees(st, role.AccountID)
		if len(ts) == 0 {
			continue
		}
		found = append(found, ts...)
		label := st.Sid
		if label == "" {
			label = fmt.Sprintf("statement %d", i+1)
		}
		line := fmt.Sprintf("trust policy %s: %s may %s", label, trusteeNames(ts), strings.Join(st.Action, ", "))
		if c := iamConditionList(st.Condition); c != "" {
			line += " when " + c
		}
		evidence = append(evidence, line)
	}
	if len(found) == 0 {
		return
	}
	sev := finding.Info
	var notes []string
	for _, t := range found {
		sev = max(sev, t.severity)
		if t.note != "" {
			notes = append(notes, t.note)
		}
	}
	sort.Strings(notes)
	evidence = append(evidence, notes...)
	out.Add(Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Severity: At(sev),
		Message: fmt.Sprintf("The execution role %s of function %s can also be assumed by %s, which then gets the function's permissions.",
			role.Name, f.Name, trusteeNames(found)),
		Evidence: evidence,
		Remediation: "Keep only Lambda in the trust policy of " + role.Name + ": `aws iam update-assume-role-policy --role-name " + role.Name +
			" --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'`, " +
			"and give the other principals (" + trusteeNames(found) + ") roles of their own.",
	})
}

// assumesRole reports whether a trust statement allows assuming the role.
func assumesRole(st policy.Statement) bool {
	if len(st.NotAction) > 0 {
		return true
	}
	for _, a := range st.Action {
		if iam.MatchAction(a, "sts:AssumeRole") || iam.MatchAction(a, "sts:AssumeRoleWithWebIdentity") || iam.MatchAction(a, "sts:AssumeRoleWithSAML") {
			return true
		}
	}
	return false
}

// narrowingTrustKeys limit who may assume a role to an account, an
// organization or named principals.
var narrowingTrustKeys = []string{"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:SourceAccount", "aws:SourceArn"}

// trustees lists the principals of a trust statement other than Lambda.
func trustees(st policy.Statement, owner string) []trustee {
	conditioned := len(st.Condition) > 0
	narrowed := false
	for _, k := range narrowingTrustKeys {
		if st.Condition.Has(k) {
			narrowed = true
		}
	}
	if st.NotPrincipal != nil || (st.Principal != nil && st.Principal.Any) {
		sev := finding.Critical
		if narrowed {
			sev = finding.High
		}
		return []trustee{{who: "anyone (*)", severity: sev}}
	}
	if st.Principal == nil {
		return nil
	}
	var out []trustee
	for _, v := range st.Principal.AWS {
		switch acct := accountOfPrincipal(v); {
		case v == "*":
			sev := finding.Critical
			if narrowed {
				sev = finding.High
			}
			out = append(out, trustee{who: "anyone (*)", severity: sev})
		case acct != "" && acct != owner:
			out = append(out, trustee{who: "account " + acct + " (" + v + ")", severity: finding.High})
		default:
			sev := finding.Medium
			if conditioned {
				sev = finding.Low
			}
			out = append(out, trustee{who: v, severity: sev})
		}
	}
	for _, v := range st.Principal.Service {
		if strings.EqualFold(v, "lambda.amazonaws.com") {
			continue
		}
		t := trustee{who: "service " + v, severity: finding.Medium}
		if !strings.EqualFold(v, "ec2.amazonaws.com") && !st.Condition.Has("aws:SourceAccount") && !st.Condition.Has("aws:SourceArn") && !st.Condition.Has("aws:SourceOrgID") {
			t.note = "service " + v + " is trusted without an aws:SourceAccount or aws:SourceArn condition (confused deputy)"
		}
		out = append(out, t)
	}
	for _, v := range st.Principal.Federated {
		sev := finding.High
		if conditioned {
			sev = finding.Medium
		}
		out = append(out, trustee{who: "federated identities of " + v, severity: sev})
	}
	return out
}

// accountOfPrincipal returns the account an AWS principal names, or "".
func accountOfPrincipal(v string) string {
	if len(v) == 12 && strings.Trim(v, "0123456789") == "" {
		return v
	}
	parts := strings.SplitN(v, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" {
		return parts[4]
	}
	return ""
}

func trusteeNames(ts []trustee) string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		if !seen[t.who] {
			seen[t.who] = true
			out = append(out, t.who)
		}
	}
	return strings.Join(out, ", ")
}

// iamConditionList writes a statement's conditions for evidence.
func iamConditionList(c policy.Conditions) string {
	var out []string
	for op, keys := range c {
		for k, v := range keys {
			out = append(out, fmt.Sprintf("%s %s=%s", op, k, strings.Join(v, ",")))
		}
	}
	sort.Strings(out)
	return strings.Join(out, " and ")
}
