package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-CFG-003",
			Title:    "No reserved concurrency",
			Severity: finding.Low,
			Category: "configuration",
			Description: "All functions of an account share one concurrency quota per Region. A function without reserved concurrency can take all of it " +
				"when it is flooded, by a traffic spike, a retry storm or someone calling it on purpose, which throttles every other function in the Region " +
				"and runs up the bill without limit. Reserving concurrency both caps the function and guarantees it capacity. " +
				"A reservation of 0 means the function is switched off and is not reported.",
			Remediation: "Reserve the concurrency the function needs at peak: `aws lambda put-function-concurrency --function-name NAME --reserved-concurrent-executions N` " +
				"(CloudFormation/SAM: `ReservedConcurrentExecutions`; Terraform: `reserved_concurrent_executions`).",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionDetails},
		Check: ForEachFunction(checkReservedConcurrency),
	})
}

func checkReservedConcurrency(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	if !f.ReservedConcurrency.Known {
		out.Skip(res, fmt.Sprintf("%s was not collected for function %s", inventory.SecFunctionDetails, f.Name))
		return
	}
	if f.ReservedConcurrency.Value != nil {
		return
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Message:  fmt.Sprintf("Function %s has no reserved concurrency, so a flood of invocations can use up the Region's shared concurrency and throttle every other function.", f.Name),
		Evidence: []string{"Concurrency.ReservedConcurrentExecutions: not set"},
	})
}
