package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SEC-002",
			Title:    "Sensitive-named environment variable holds a literal value",
			Severity: finding.Medium,
			Category: "secrets",
			Description: "A variable whose name says it is a secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIALS, DSN, CONNECTION_STRING …) holds a literal value " +
				"instead of a reference to where the secret is kept. References are not reported: Secrets Manager, SSM and KMS ARNs, Parameter Store paths (/prod/db/password), " +
				"secret names (prod/orders/db), `{{resolve:…}}`, `${ssm:…}` and other deployment-time references, Parameters and Secrets extension URLs " +
				"(http://localhost:2773/…), KMS ciphertext encrypted client-side (base64 starting AQICAH or AQECAH), booleans, short numbers and placeholders. " +
				"Names that describe a reference or a setting (…_ARN, …_PARAM, …_NAME, …_ID, …_TTL, …_LENGTH) are not sensitive. " +
				"This rule is about the practice and fires even when LAMBDA-SEC-001 also recognised the credential's format; it catches passwords and keys that have no format of their own.",
			Remediation: "Store the value in AWS Secrets Manager (`aws secretsmanager create-secret --name prod/APP/NAME --secret-string …`) or as an SSM SecureString parameter, " +
				"put the secret's ARN or name in the variable instead (e.g. `DB_PASSWORD_SECRET_ARN`), and read it at run time with the AWS Parameters and Secrets Lambda Extension or the SDK, " +
				"granting the execution role `secretsmanager:GetSecretValue` (or `ssm:GetParameter` and `kms:Decrypt`) on that resource only. " +
				"CloudFormation/SAM: reference the secret's ARN with `!Ref`; Terraform: `environment { variables = { DB_SECRET_ARN = aws_secretsmanager_secret.db.arn } }`. " +
				"Rotate the value afterwards: it has been readable by anyone who can read the function's configuration.",
			Compliance: []string{"MITRE ATT&CK T1552"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
				"https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
				"https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkEnvSensitiveLiterals),
	})
}

func checkEnvSensitiveLiterals(f *inventory.Function, out *Results) {
	vars, ok := envAssessed(f, out)
	if !ok {
		return
	}
	for _, v := range vars {
		if !v.SensitiveLiteral() {
			continue
		}
		out.Add(Hit{
			Resource: FunctionResource(f),
			Function: f.Key(),
			Instance: v.Name,
			Message:  fmt.Sprintf("Environment variable %s of %s is named as a secret (%s) and holds a literal value, not a reference to Secrets Manager or Parameter Store.", v.Name, f.Name, v.SensitiveWord),
			Evidence: []string{envPreview(f, v.Name)},
		})
	}
}
