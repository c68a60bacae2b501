package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-005",
			Title:    "Execution role reads data on every resource",
			Severity: finding.High,
			Category: "iam",
			Description: "The execution role may read secrets, parameters, objects, keys, tables or queues on every resource of their kind " +
				"(`\"Resource\": \"*\"`, `arn:aws:s3:::*`, `secret:*` …) rather than on the ones the function uses. " +
				"Code running in the function can then read every secret and every bucket of the account. " +
				"High for secrets, parameters and decryption keys; medium for other data stores. Roles with administrator access are reported by LAMBDA-IAM-001 alone.",
			Remediation: "Name the resources the function reads: secretsmanager:GetSecretValue on `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-*`, " +
				"ssm:GetParameter* on `arn:aws:ssm:REGION:ACCOUNT:parameter/app/*`, s3:GetObject on `arn:aws:s3:::BUCKET/prefix/*`, kms:Decrypt on the key ARN " +
				"(or with a `kms:ViaService` condition), dynamodb actions on the table ARN. Apply with `aws iam put-role-policy` / " +
				"`aws iam create-policy-version --set-as-default`; CloudFormation/SAM `Policies` (or SAM policy templates such as `SSMParameterReadPolicy`), Terraform `aws_iam_role_policy`.",
			Compliance: []string{"MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkUnscopedDataAccess),
	})
}

// dataReadActions read stored data; the high ones hold secrets or keys.
var dataReadActions = []struct {
	pattern string
	high    bool
}{
	{"secretsmanager:GetSecretValue", true},
	{"secretsmanager:BatchGetSecretValue", true},
	{"ssm:GetParameter", true},
	{"ssm:GetParameters", true},
	{"ssm:GetParametersByPath", true},
	{"kms:Decrypt", true},
	{"s3:GetObject", false},
	{"s3:GetObjectVersion", false},
	{"dynamodb:GetItem", false},
	{"dynamodb:BatchGetItem", false},
	{"dynamodb:Query", false},
	{"dynamodb:Scan", false},
	{"dynamodb:ExportTableToPointInTime", false},
	{"sqs:ReceiveMessage", false},
	{"kinesis:GetRecords", false},
	{"rds-data:ExecuteStatement", false},
	{"athena:GetQueryResults", false},
	{"logs:GetLogEvents", false},
	{"logs:FilterLogEvents", false},
}

func checkUnscopedDataAccess(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	if adminLevel(eff) == iam.Allowed {
		return
	}
	var perms []iam.Permission
	high := false
	var services []string
	seen := map[string]bool{}
	for _, d := range dataReadActions {
		p, ok := eff.Get(d.pattern)
		if !ok || !p.Broad || p.Decision != iam.Allowed {
			continue
		}
		perms = append(perms, p)
		high = high || d.high
		if !seen[p.Action.Service] {
			seen[p.Action.Service] = true
			services = append(services, p.Action.Service)
		}
	}
	if len(perms) == 0 {
		return
	}
	hit := Hit{
		Resource: roleResource(f),
		Function: f.Key(),
		Message: fmt.Sprintf("Function %s runs as role %s, which can read data on every resource of %s: %s.",
			f.Name, role.Name, strings.Join(services, ", "), actionNames(perms)),
		Evidence: permissionEvidence(broadOnly(perms)),
	}
	if !high {
		hit.Severity = At(finding.Medium)
	}
	out.Add(hit)
}
