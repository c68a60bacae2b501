package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SEC-005",
			Title:    "Environment not encrypted with a customer-managed KMS key",
			Severity: finding.Low,
			Category: "secrets",
			Description: "Lambda always encrypts environment variables at rest, by default with the AWS managed key aws/lambda, whose use Lambda grants to anyone in the account allowed to read the function's configuration. " +
				"With a customer-managed key, reading the variables also takes kms:Decrypt on that key, so the key policy decides who can see them, every decryption is logged against your key, and the key can be disabled in an incident. " +
				"This matters most when variables hold anything sensitive; secrets are better kept in Secrets Manager or Parameter Store altogether.",
			Remediation: "Encrypt the environment with your own key: `aws lambda update-function-configuration --function-name FUNCTION --kms-key-arn arn:aws:kms:REGION:ACCOUNT:key/KEY_ID` " +
				"(CloudFormation `AWS::Lambda::Function` `KmsKeyArn`; Terraform `aws_lambda_function` `kms_key_arn`), with a key policy that allows kms:Decrypt to the execution role and to the people who must read the configuration.",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
				"https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/lambda.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkEnvironmentKey),
	})
}

func checkEnvironmentKey(f *inventory.Function, out *Results) {
	if len(f.Environment) == 0 || customerManagedKey(f.KMSKeyARN) {
		return
	}
	names := make([]string, 0, len(f.Environment))
	for name := range f.Environment {
		names = append(names, name)
	}
	sort.Strings(names)
	key := "the AWS managed key aws/lambda"
	if f.KMSKeyARN != "" {
		key = f.KMSKeyARN
	}
	out.Add(Hit{
		Resource: FunctionResource(f),
		Function: f.Key(),
		Message:  fmt.Sprintf("The %d environment variable(s) of %s are encrypted with %s, not a customer-managed key.", len(names), f.Name, key),
		// Names only: the values may be secrets.
		Evidence: []string{"variables: " + strings.Join(names, ", ")},
		Remediation: fmt.Sprintf("`aws lambda update-function-configuration --function-name %s --kms-key-arn KEY_ARN` with a customer-managed key whose policy allows the execution role to decrypt.",
			f.Name),
	})
}

// customerManagedKey reports whether arn names a key of the customer's own:
// any key but none at all or an AWS managed alias such as alias/aws/lambda.
func customerManagedKey(arn string) bool {
	return arn != "" && !strings.Contains(arn, ":alias/aws/")
}
