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
			ID:       "LAMBDA-CFG-005",
			Title:    "Active tracing disabled",
			Severity: finding.Low,
			Category: "logging",
			Description: "With active tracing Lambda samples invocations and sends X-Ray traces of the function and of the AWS calls it makes. " +
				"Without it, the path of a request through the function and the services it touched cannot be reconstructed, " +
				"which slows the investigation of an incident as much as the debugging of an outage. " +
				"X-Ray cannot trace invocations from Amazon MSK, self-managed Kafka, Amazon MQ or DocumentDB event source mappings: " +
				"for functions fed by them the finding is informational.",
			Remediation: "Turn on active tracing: `aws lambda update-function-configuration --function-name NAME --tracing-config Mode=Active` " +
				"(CloudFormation: `TracingConfig.Mode: Active`; SAM: `Tracing: Active`; Terraform: `tracing_config { mode = \"Active\" }`), " +
				"and give the execution role the AWSXRayDaemonWriteAccess permissions.",
			Compliance: []string{"AWS FSBP Lambda.7"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-7",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkTracing),
	})
}

func checkTracing(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	mode := f.TracingMode
	switch {
	case mode == "Active":
		return
	case mode == "" && f.Source == nil:
		// Lambda always answers with TracingConfig; a collected configuration
		// without one was trimmed, and says nothing either way.
		out.Skip(res, "the function's collected configuration carries no TracingConfig")
		return
	case mode == "":
		mode = "not set (PassThrough)" // a template that leaves TracingConfig out
	}
	hit := Hit{
		Resource: res,
		Function: f.Key(),
		Message:  fmt.Sprintf("Function %s does not have X-Ray active tracing enabled.", f.Name),
		Evidence: []string{"TracingConfig.Mode: " + mode},
	}
	if src := untraceableSource(f); src != "" {
		hit.Severity = At(finding.Info)
		hit.Evidence = append(hit.Evidence, "fed by "+src+", which X-Ray does not trace")
	}
	out.Add(hit)
}

// untraceableSource returns the first event source of the function that
// X-Ray cannot trace: Amazon MSK (kafka), Amazon MQ, DocumentDB (rds ARN), or
// self-managed Kafka (a mapping without an event source ARN).
func untraceableSource(f *inventory.Function) string {
	for _, m := range f.EventSources {
		switch service := strings.SplitN(m.EventSourceARN, ":", 4); {
		case m.EventSourceARN == "":
			return "a self-managed event source (mapping " + m.UUID + ")"
		case len(service) == 4 && (service[2] == "kafka" || service[2] == "mq" || service[2] == "rds"):
			return m.EventSourceARN
		}
	}
	return ""
}
