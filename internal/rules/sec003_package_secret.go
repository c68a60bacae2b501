package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SEC-003",
			Title:    "Secret in the deployment package",
			Severity: finding.High,
			Category: "secrets",
			Description: "A file in the function's deployment package holds a credential: a provider token or key in a recognised format, a PEM private key, " +
				"a connection URL with a password, or a secret-named variable assigned a random-looking literal in code or configuration. " +
				"Anyone allowed lambda:GetFunction can download the package through its presigned Code.Location URL, and packages are copied into " +
				"every version, CI artifact store and S3 deployment bucket. The package is read from the zip without extracting it (nested jars, wheels " +
				"and zips too, within size, entry-count, nesting and compression-ratio limits); when a limit stops the reading, the function is reported as " +
				"partially assessed. Container-image functions are not assessed. Evidence gives the file, line, detector and a redacted preview, never the value.",
			Remediation: "Rotate the credential, remove it from the source and the build (and from version-control history), and read it at run time from AWS Secrets Manager or " +
				"SSM Parameter Store, e.g. through the AWS Parameters and Secrets Lambda Extension, with the execution role allowed `secretsmanager:GetSecretValue` on that secret only. " +
				"Then redeploy: `aws lambda update-function-code --function-name FUNCTION --zip-file fileb://function.zip` (CloudFormation/SAM `CodeUri`, Terraform `filename`/`s3_key`), " +
				"and delete old published versions that still carry it (`aws lambda delete-function --function-name FUNCTION --qualifier N`). " +
				"Add a secret scan to the build so it cannot come back.",
			Compliance: []string{"MITRE ATT&CK T1552.001"},
			References: []string{
				"https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkPackageSecrets),
	})
}

func checkPackageSecrets(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	if f.PackageType == "Image" {
		out.Skip(res, fmt.Sprintf("%s is a container image; image content is not scanned", f.Name))
		return
	}
	if !f.Package.Known {
		out.Skip(res, fmt.Sprintf("the deployment package of %s was not available: %s", f.Name, packageHint))
		return
	}
	cs := f.Package.Value
	partialNote(out, res, "the deployment package of "+f.Name, cs)
	for _, m := range contentMatches(cs, inventory.ContentSecret) {
		what := m.Description
		if m.Example {
			what += " (looks like AWS's documented example key)"
		}
		out.Add(Hit{
			Resource: res,
			Function: f.Key(),
			Instance: where(m) + "#" + m.Rule,
			Severity: At(finding.Severity(m.Severity)),
			Message:  fmt.Sprintf("The deployment package of %s contains a %s in %s.", f.Name, what, where(m)),
			Evidence: []string{"file: " + where(m), "detector: " + m.Rule, "value: " + m.Preview},
		})
	}
}
