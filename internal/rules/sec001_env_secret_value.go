package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SEC-001",
			Title:    "Secret value in an environment variable",
			Severity: finding.High,
			Category: "secrets",
			Description: "An environment variable holds a credential in a recognised provider format (AWS access keys, GitHub, GitLab, Slack, Stripe, " +
				"SendGrid, Google, OpenAI, Anthropic, npm and PyPI tokens, PEM private keys, JWTs, connection URLs with a password). " +
				"Environment variables are returned in clear by lambda:GetFunctionConfiguration and GetFunction to anyone allowed to read the function, " +
				"are copied into every published version, and end up in IaC templates, CI logs and crash dumps; a credential there is readable far beyond the function. " +
				"Severity follows the credential: live payment and cloud keys and private keys are critical or high, test-mode keys low. " +
				"AWS's documented example keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and siblings) are reported at low severity " +
				"as example keys: they grant nothing, but a function carrying them is usually a copy-pasted setup whose real keys belong somewhere safer. " +
				"The value never appears in the report: evidence shows its first four characters, length and a SHA-256 prefix.",
			Remediation: "Rotate the credential first (it has been exposed), then move it to AWS Secrets Manager or SSM Parameter Store (SecureString) and read it at run time, " +
				"ideally through the AWS Parameters and Secrets Lambda Extension (cached, `http://localhost:2773/secretsmanager/get?secretId=NAME`). " +
				"Grant the execution role `secretsmanager:GetSecretValue` on that one secret only, and replace the variable with the secret's ARN or name: " +
				"`aws lambda update-function-configuration --function-name FUNCTION --environment 'Variables={DB_SECRET_ARN=arn:aws:secretsmanager:…}'`. " +
				"CloudFormation: pass `{{resolve:secretsmanager:NAME:SecretString:KEY}}` only where a service needs the value at deploy time, never into Lambda variables; " +
				"Terraform: keep the value out of `aws_lambda_function.environment` and reference `aws_secretsmanager_secret.ARN`. " +
				"For AWS keys, give the function an execution role with the permissions instead of keys.",
			Compliance: []string{"MITRE ATT&CK T1552"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
				"https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkEnvSecretValues),
	})
}

func checkEnvSecretValues(f *inventory.Function, out *Results) {
	vars, ok := envAssessed(f, out)
	if !ok {
		return
	}
	for _, v := range vars {
		if v.Match == nil {
			continue
		}
		what := v.Match.Rule.Description
		msg := fmt.Sprintf("Environment variable %s of %s holds a %s in clear.", v.Name, f.Name, what)
		if v.Match.Example {
			msg = fmt.Sprintf("Environment variable %s of %s holds what looks like AWS's documented example key (a %s that grants nothing); real keys do not belong there either.", v.Name, f.Name, what)
		}
		out.Add(Hit{
			Resource: FunctionResource(f),
			Function: f.Key(),
			Instance: v.Name,
			Severity: At(v.Match.Severity),
			Message:  msg,
			Evidence: []string{envPreview(f, v.Name), "detector: " + v.Match.Rule.ID},
		})
	}
}
