package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-CFG-006",
			Title:    "Log group without retention or encryption",
			Severity: finding.Low,
			Category: "logging",
			Description: "Function logs often carry request payloads, identifiers and, by mistake, secrets. " +
				"A log group that never expires keeps all of it forever, and one without a customer-managed KMS key cannot be sealed off by revoking a key " +
				"or audited through key usage; CloudWatch Logs then encrypts with a key AWS owns. " +
				"The rule reports one finding per function listing both problems. " +
				"A log group that does not exist yet is reported as information: Lambda creates it at the first invocation with no expiry and no key, " +
				"unless it is created beforehand with both (or the role cannot create it, and the function logs nothing at all).",
			Remediation: "Set a retention period and a KMS key on the function's log group: " +
				"`aws logs put-retention-policy --log-group-name GROUP --retention-in-days DAYS` and " +
				"`aws logs associate-kms-key --log-group-name GROUP --kms-key-id KEY_ARN` (the key policy must allow logs.REGION.amazonaws.com). " +
				"In CloudFormation/SAM declare `AWS::Logs::LogGroup` with `RetentionInDays` and `KmsKeyId`; in Terraform `aws_cloudwatch_log_group` with `retention_in_days` and `kms_key_id`.",
			References: []string{
				"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
				"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html",
			},
		},
		Needs: []inventory.Section{inventory.SecLogGroups},
		Check: ForEachFunction(checkLogGroup),
	})
}

func checkLogGroup(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	if !regionHas(f, inventory.SecLogGroups) {
		out.Skip(res, notCollected(f, inventory.SecLogGroups))
		return
	}
	lg := f.LogGroup
	if lg == nil {
		out.Add(Hit{
			Resource: res,
			Function: f.Key(),
			Severity: At(finding.Info),
			Message: fmt.Sprintf("Log group %s of function %s does not exist, so Lambda will create it at the first invocation without retention or encryption.",
				f.LogGroupName, f.Name),
			Evidence: []string{"log group " + f.LogGroupName + " is absent from logs/describe-log-groups in " + f.Region.Name},
		})
		return
	}
	var problems, evidence []string
	if lg.RetentionInDays == 0 {
		problems = append(problems, "never expires")
		evidence = append(evidence, "retentionInDays: not set (never expire)")
	}
	if lg.KMSKeyID == "" {
		problems = append(problems, "is not encrypted with a customer-managed KMS key")
		evidence = append(evidence, "kmsKeyId: not set (encrypted with a key AWS owns)")
	}
	if len(problems) == 0 {
		return
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Message:  fmt.Sprintf("Log group %s of function %s %s.", lg.Name, f.Name, strings.Join(problems, " and ")),
		Evidence: evidence,
	})
}
