package report

import (
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/redact"
)

// The example access key pair from AWS's documentation: the tests check that
// no format ever prints it in clear.
const (
	exampleAccessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	exampleSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	exampleDBPassword      = "Tr0ub4dor&3-prod-db"
)

const (
	account       = "111122223333"
	paymentsARN   = "arn:aws:lambda:us-east-1:111122223333:function:payments-api"
	paymentsRole  = "arn:aws:iam::111122223333:role/service-role/payments-api-role"
	ordersARN     = "arn:aws:lambda:eu-west-1:111122223333:function:orders-webhook"
	legacyARN     = "arn:aws:lambda:us-east-1:111122223333:function:legacy-report"
	templateFile  = "infra/template.yaml"
	thumbnailKey  = templateFile + "#ThumbnailFunction"
	dumpDir       = "audits/acme-prod"
	badPolicyFile = dumpDir + "/eu-west-1/lambda/get-policy/orders-webhook.json"
)

var regionCollected = []string{
	"cloudtrail/describe-trails", "cloudtrail/get-event-selectors", "lambda/get-function",
	"lambda/get-function-url-config", "lambda/get-policy", "lambda/list-functions",
}

func function(arn, region, name string) finding.Resource {
	return finding.Resource{ARN: arn, Type: "AWS::Lambda::Function", Name: name, Account: account, Region: region}
}

// sampleReport is a realistic run over an offline dump of one account and a
// SAM template: cloud and IaC findings on four functions, one account-level
// finding, redacted secrets, rules that could not assess everything, and a
// dump file that failed to parse.
func sampleReport() *finding.Report {
	payments := function(paymentsARN, "us-east-1", "payments-api")
	orders := function(ordersARN, "eu-west-1", "orders-webhook")
	legacy := function(legacyARN, "us-east-1", "legacy-report")
	thumbnail := finding.Resource{Type: "AWS::Serverless::Function", Name: "ThumbnailFunction", File: templateFile, Line: 42, LogicalID: "ThumbnailFunction"}
	thumbnailRole := finding.Resource{Type: "AWS::IAM::Role", Name: "ThumbnailFunctionRole", File: templateFile, Line: 61, LogicalID: "ThumbnailFunctionRole"}
	accountRes := finding.Resource{Type: "AWS::::Account", Name: account, Account: account}

	r := &finding.Report{
		SchemaVersion: finding.SchemaVersion,
		Tool:          finding.Tool{Name: "lambdasec", Version: "0.4.0", URI: "https://github.com/lambdasec/lambdasec"},
		Inputs:        []string{dumpDir, templateFile},
		Findings: []finding.Finding{
			{
				RuleID: "LAMBDA-IAM-001", Title: "Role grants full administrator access", Severity: finding.Critical, Category: "iam",
				Resource: finding.Resource{ARN: paymentsRole, Type: "AWS::IAM::Role", Name: "payments-api-role", Account: account},
				Function: paymentsARN,
				Message:  "Execution role payments-api-role of payments-api has AdministratorAccess attached, so the function can do anything in account 111122223333.",
				Evidence: []string{
					`managed policy arn:aws:iam::aws:policy/AdministratorAccess: {"Effect":"Allow","Action":"*","Resource":"*"}`,
				},
				Remediation: "Detach AdministratorAccess from payments-api-role and attach a policy that grants only the actions payments-api calls; `lambdasec policy suggest --function payments-api` drafts one from CloudTrail.",
				Compliance:  []string{"AWS FSBP IAM.1", "CIS AWS 1.16"},
			},
			{
				RuleID: "LAMBDA-SEC-001", Title: "Secret value in an environment variable", Severity: finding.High, Category: "secrets",
				Resource: payments, Function: paymentsARN,
				Message:     "Environment variable AWS_SECRET_ACCESS_KEY of payments-api holds an AWS secret access key in clear.",
				Evidence:    []string{"AWS_ACCESS_KEY_ID = " + redact.Secret(exampleAccessKeyID), "AWS_SECRET_ACCESS_KEY = " + redact.Secret(exampleSecretAccessKey)},
				Remediation: "Deactivate the key pair, rotate it, and let the function use its execution role instead of long-lived keys.",
				Compliance:  []string{"MITRE ATT&CK T1552.001"},
			},
			{
				RuleID: "LAMBDA-SEC-001", Title: "Secret value in an environment variable", Severity: finding.High, Category: "secrets",
				Resource: payments, Function: paymentsARN,
				Message:     "Environment variable DB_PASSWORD of payments-api holds a password in clear.",
				Evidence:    []string{"DB_PASSWORD = " + redact.Secret(exampleDBPassword)},
				Remediation: "Store the password in Secrets Manager and read it at start-up; pass only the secret's ARN in the environment.",
				Compliance:  []string{"MITRE ATT&CK T1552.001"},
			},
			{
				RuleID: "LAMBDA-EXP-001", Title: "Function URL without authentication", Severity: finding.High, Category: "exposure",
				Resource: orders, Function: ordersARN,
				Message:     "Function URL https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/ of orders-webhook has AuthType NONE: anyone on the internet can invoke it.",
				Evidence:    []string{`get-function-url-config: {"AuthType":"NONE"}`, `resource policy statement FunctionURLAllowPublicAccess: Principal "*", Action lambda:InvokeFunctionUrl`},
				Remediation: "Set AuthType to AWS_IAM, or verify a signature in the handler if the caller cannot sign requests (a webhook), and remove the public permission.",
				Compliance:  []string{"AWS FSBP Lambda.1"},
			},
			{
				RuleID: "LAMBDA-EXP-002", Title: "Function URL CORS allows any origin", Severity: finding.Medium, Category: "exposure",
				Resource: orders, Function: ordersARN,
				Message:     "Function URL of orders-webhook allows cross-origin requests from any origin.",
				Evidence:    []string{`Cors.AllowOrigins: ["*"]`},
				Remediation: "List the origins that may call the function in Cors.AllowOrigins.",
			},
			{
				RuleID: "LAMBDA-CFG-001", Title: "Deprecated runtime", Severity: finding.Medium, Category: "configuration",
				Resource: legacy, Function: legacyARN,
				Message:     "legacy-report runs on python3.8, deprecated since 2024-10-14: it no longer receives security patches.",
				Evidence:    []string{"Runtime: python3.8"},
				Remediation: "Move to python3.13 and redeploy.",
				Compliance:  []string{"AWS FSBP Lambda.2"},
			},
			{
				RuleID: "LAMBDA-CFG-003", Title: "No reserved concurrency", Severity: finding.Low, Category: "configuration",
				Resource: orders, Function: ordersARN,
				Message:     "orders-webhook has no reserved concurrency, so a flood of requests to its public URL can use the whole account's concurrency.",
				Remediation: "aws lambda put-function-concurrency --function-name orders-webhook --reserved-concurrent-executions 50",
			},
			{
				RuleID: "LAMBDA-NET-001", Title: "Function not attached to a VPC", Severity: finding.Info, Category: "network",
				Resource: legacy, Function: legacyARN,
				Message:     "legacy-report is not attached to a VPC: its traffic to the internet cannot be filtered.",
				Remediation: "Attach the function to private subnets with an egress path you control if it handles sensitive data.",
			},
			{
				RuleID: "LAMBDA-IAM-002", Title: "Service-wide wildcard actions", Severity: finding.High, Category: "iam",
				Resource: thumbnailRole, Function: thumbnailKey,
				Message:     "ThumbnailFunctionRole allows s3:* on every bucket.",
				Evidence:    []string{`Policies[0].Statement[0]: {"Effect":"Allow","Action":"s3:*","Resource":"*"}`},
				Remediation: "Grant s3:GetObject on the source bucket and s3:PutObject on the thumbnails bucket only, e.g. with the SAM policy templates S3ReadPolicy and S3WritePolicy.",
				Compliance:  []string{"AWS FSBP IAM.21"},
			},
			{
				RuleID: "LAMBDA-SUP-004", Title: "No code signing for a zip-packaged function", Severity: finding.Medium, Category: "supply-chain",
				Resource: thumbnail, Function: thumbnailKey,
				Message:     "ThumbnailFunction is deployed as a zip without a code signing configuration, so any code uploaded with its name runs.",
				Remediation: "Create an AWS::Lambda::CodeSigningConfig with UntrustedArtifactOnDeployment: Enforce and set CodeSigningConfigArn on the function.",
				Compliance:  []string{"AWS FSBP Lambda.6"},
			},
			{
				RuleID: "LAMBDA-CFG-002", Title: "No CloudTrail data events for Lambda invocations", Severity: finding.Medium, Category: "logging",
				Resource:    accountRes,
				Message:     "No trail of account 111122223333 logs Lambda Invoke data events, so who invoked a function cannot be established afterwards.",
				Evidence:    []string{"trail org-trail: its event selectors do not log Invoke", "trail audit-us: single-region trail of us-west-2"},
				Remediation: "Log Lambda data events on a multi-Region trail with an advanced event selector on resources.type AWS::Lambda::Function.",
				Compliance:  []string{"CIS AWS 3.11"},
			},
		},
		NotAssessed: []finding.NotAssessed{
			{RuleID: "LAMBDA-EXP-003", Resource: orders, Reason: "the resource policy could not be read (" + badPolicyFile + " is invalid)"},
			{RuleID: "LAMBDA-CFG-007", Resource: payments, Reason: "guardduty/list-detectors was not collected in account 111122223333, region us-east-1"},
			{RuleID: "LAMBDA-CFG-007", Resource: orders, Reason: "guardduty/list-detectors was not collected in account 111122223333, region eu-west-1"},
			{RuleID: "LAMBDA-CFG-007", Resource: legacy, Reason: "guardduty/list-detectors was not collected in account 111122223333, region us-east-1"},
			{RuleID: "LAMBDA-EXP-004", Resource: orders, Reason: "the resource policy could not be read (" + badPolicyFile + " is invalid)"},
		},
		Coverage: []finding.Coverage{
			{Account: account, Collected: []string{"iam/get-account-authorization-details", "sts/get-caller-identity"}, NotCollected: []string{"organizations/describe-organization"}},
			{Account: account, Region: "eu-west-1", Collected: regionCollected, NotCollected: []string{"guardduty/list-detectors"}},
			{Account: account, Region: "us-east-1", Collected: regionCollected, NotCollected: []string{"guardduty/list-detectors"}},
		},
		InputErrors: []finding.InputError{
			{Path: badPolicyFile, Message: "invalid JSON: unexpected end of input after 212 bytes"},
		},
		Rules: []finding.Rule{
			{
				ID: "LAMBDA-IAM-001", Title: "Role grants full administrator access", Severity: finding.Critical, Category: "iam",
				Description: "The execution role allows every action on every resource, so code running in the function (or anyone who can change it) controls the account.",
				Remediation: "Replace the administrator policy with one that grants only the actions and resources the function uses.",
				Compliance:  []string{"AWS FSBP IAM.1"},
				References:  []string{"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html"},
			},
			rule("LAMBDA-IAM-002", "Service-wide wildcard actions", finding.High, "iam", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"),
			rule("LAMBDA-SEC-001", "Secret value in an environment variable", finding.High, "secrets", "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"),
			rule("LAMBDA-EXP-001", "Function URL without authentication", finding.High, "exposure", "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"),
			rule("LAMBDA-EXP-002", "Function URL CORS allows any origin", finding.Medium, "exposure"),
			rule("LAMBDA-EXP-003", "Resource policy allows anyone to invoke", finding.Critical, "exposure"),
			rule("LAMBDA-EXP-004", "Resource policy grants access to other accounts", finding.Medium, "exposure"),
			rule("LAMBDA-CFG-001", "Deprecated runtime", finding.Medium, "configuration", "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"),
			rule("LAMBDA-CFG-002", "No CloudTrail data events for Lambda invocations", finding.Medium, "logging", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html"),
			rule("LAMBDA-CFG-003", "No reserved concurrency", finding.Low, "configuration"),
			rule("LAMBDA-CFG-007", "GuardDuty Lambda Protection disabled", finding.Medium, "threat-detection"),
			rule("LAMBDA-NET-001", "Function not attached to a VPC", finding.Info, "network"),
			rule("LAMBDA-SUP-004", "No code signing for a zip-packaged function", finding.Medium, "supply-chain", "https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html"),
		},
	}
	r.Sort()
	r.Summarize(4)
	return r
}

// rule fills the metadata a rule carries; the description and remediation
// are generic here, the findings carry the concrete ones.
func rule(id, title string, sev finding.Severity, category string, refs ...string) finding.Rule {
	return finding.Rule{
		ID: id, Title: title, Severity: sev, Category: category,
		Description: title + ": see the rule's documentation for when it fires and why it matters.",
		Remediation: "Follow the remediation of each finding; `lambdasec explain " + id + "` prints it.",
		References:  refs,
	}
}
