package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// asyncInvokers are the service principals that invoke Lambda functions
// asynchronously (event pushed to Lambda's internal queue). Services that
// invoke synchronously (API Gateway, load balancers, Cognito …) or through
// an event source mapping (SQS, Kinesis, DynamoDB, Kafka, MQ) are not here.
var asyncInvokers = map[string]string{
	"s3.amazonaws.com":                       "Amazon S3",
	"sns.amazonaws.com":                      "Amazon SNS",
	"ses.amazonaws.com":                      "Amazon SES",
	"events.amazonaws.com":                   "Amazon EventBridge",
	"logs.amazonaws.com":                     "CloudWatch Logs",
	"lambda.alarms.cloudwatch.amazonaws.com": "CloudWatch alarms",
	"cloudformation.amazonaws.com":           "AWS CloudFormation",
	"codecommit.amazonaws.com":               "AWS CodeCommit",
	"config.amazonaws.com":                   "AWS Config",
	"iot.amazonaws.com":                      "AWS IoT",
}

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-CFG-004",
			Title:    "No dead-letter queue or on-failure destination",
			Severity: finding.Low,
			Category: "configuration",
			Description: "When a service such as S3, SNS or EventBridge invokes a function asynchronously and every retry fails, or the event ages out, " +
				"Lambda discards the event unless a dead-letter queue or an on-failure destination keeps it: the data is lost and the failure, " +
				"including one an attacker provoked on purpose, leaves no trace to replay or investigate. " +
				"The rule reports functions whose resource-based policy lets an asynchronous AWS service invoke them, or that carry an asynchronous invocation configuration, " +
				"and that have neither. Functions fed only by event source mappings (SQS, Kinesis, DynamoDB, Kafka) are not reported, since the mapping's on-failure destination " +
				"or the queue's redrive policy keeps their failures, and callers that invoke asynchronously with IAM permissions alone (another function, Step Functions) " +
				"leave no trace in the function's configuration to be seen.",
			Remediation: "Add an on-failure destination: `aws lambda put-function-event-invoke-config --function-name NAME " +
				"--destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:REGION:ACCOUNT:QUEUE\"}}'` " +
				"(CloudFormation: `AWS::Lambda::EventInvokeConfig` `DestinationConfig.OnFailure`; SAM: `EventInvokeConfig`; Terraform: `aws_lambda_function_event_invoke_config`), " +
				"or a dead-letter queue (`DeadLetterConfig.TargetArn`; Terraform `dead_letter_config`). Grant the execution role permission to send to it.",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions, inventory.SecEventInvokeConfigs, inventory.SecFunctionPolicies},
		Check: ForEachFunction(checkFailureDestination),
	})
}

func checkFailureDestination(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	if f.DeadLetterTarget != "" {
		return
	}
	if !f.EventInvokeConfig.Known {
		out.Skip(res, fmt.Sprintf("%s was not collected for function %s", inventory.SecEventInvokeConfigs, f.Name))
		return
	}
	cfg := f.EventInvokeConfig.Value
	if cfg != nil && cfg.OnFailure != "" {
		return
	}
	if !f.ResourcePolicy.Known {
		out.Skip(res, fmt.Sprintf("%s was not collected for function %s, so the services that invoke it asynchronously are not known", inventory.SecFunctionPolicies, f.Name))
		return
	}
	var evidence []string
	invokers := asyncServices(f)
	if len(invokers) > 0 {
		evidence = append(evidence, "resource-based policy lets "+strings.Join(invokers, ", ")+" invoke the function asynchronously")
	}
	if cfg != nil {
		evidence = append(evidence, "an asynchronous invocation configuration exists (retries, event age) without an on-failure destination")
	}
	if len(evidence) == 0 {
		return // nothing visible invokes it asynchronously
	}
	evidence = append(evidence, "DeadLetterConfig: not set", "DestinationConfig.OnFailure: not set")
	who := "asynchronous invocations"
	if len(invokers) > 0 {
		names := make([]string, len(invokers))
		for i, p := range invokers {
			names[i] = asyncInvokers[p]
		}
		who = "events from " + strings.Join(names, ", ")
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Message:  fmt.Sprintf("Function %s has no dead-letter queue or on-failure destination, so %s that fail every retry are discarded without trace.", f.Name, who),
		Evidence: evidence,
	})
}

// asyncServices lists, sorted, the asynchronous services the function's
// resource-based policy allows to invoke it.
func asyncServices(f *inventory.Function) []string {
	seen := map[string]bool{}
	for _, g := range iam.AnalyzeResourcePolicy(f.ResourcePolicy.Value, iam.Owner{}) {
		p := strings.ToLower(g.Service())
		if strings.HasPrefix(p, "logs.") {
			p = "logs.amazonaws.com" // older grants name the regional logs.REGION.amazonaws.com
		}
		if _, async := asyncInvokers[p]; async && invokesDirectly(g) {
			seen[p] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// invokesDirectly reports whether a grant lets its grantee call Invoke (a
// function URL grant does not: URLs are synchronous).
func invokesDirectly(g iam.Grant) bool {
	for _, a := range g.InvokeActions() {
		if strings.EqualFold(a, iam.InvokeFunction) || strings.EqualFold(a, iam.InvokeAsync) {
			return true
		}
	}
	return false
}
