package rules

import (
	"fmt"
	"time"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// RuntimeWarningDays is how long before a runtime's deprecation LAMBDA-CFG-001
// starts to warn. AWS itself notifies 180 days ahead. The CLI may change it
// before rules run.
var RuntimeWarningDays = 180

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-CFG-001",
			Title:    "Deprecated or soon-deprecated runtime",
			Severity: finding.Medium,
			Category: "configuration",
			Description: "Once AWS deprecates a Lambda runtime it stops patching the language runtime and operating system under the function, " +
				"so known vulnerabilities in them stay open for as long as the function runs. Some time later Lambda refuses to create, then to update, " +
				"functions on that runtime, which leaves no way to ship an urgent fix without first migrating. " +
				"The rule dates each runtime against AWS's published schedule: high once updates are blocked, medium once deprecated, " +
				"low within the warning window (180 days by default). Container image functions are reported as not assessed: their base image decides.",
			Remediation: "Move the function to the newest runtime of its language (for example python3.14, nodejs24.x, java25, dotnet10, ruby4.0, provided.al2023): " +
				"port and test the code, then run `aws lambda update-function-configuration --function-name NAME --runtime RUNTIME`, " +
				"or change `Runtime` (CloudFormation/SAM) or `runtime` (Terraform `aws_lambda_function`).",
			Compliance: []string{"AWS FSBP Lambda.2", "PCI DSS v4.0.1/12.3.4"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkRuntime),
	})
}

func checkRuntime(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	if f.Runtime == "" {
		if f.PackageType == "Image" {
			out.Skip(res, "container image function: its language runtime is whatever the image ships, and lambdasec does not inspect images for it")
		} else {
			out.Skip(res, "the function's runtime is not known")
		}
		return
	}
	s, ok := runtimes[f.Runtime]
	if !ok {
		out.Skip(res, fmt.Sprintf("runtime %s is not in lambdasec's runtime table (AWS Lambda runtimes page as of %s)", f.Runtime, runtimeTableDate))
		return
	}
	if s.Deprecated.IsZero() {
		return // a preview runtime: AWS has not scheduled its end
	}
	day := today()
	hit := Hit{Resource: res, Function: f.Key(), Remediation: runtimeRemediation(f)}
	switch {
	case !s.BlockUpdate.IsZero() && !day.Before(s.BlockUpdate):
		hit.Severity = At(finding.High)
		hit.Message = fmt.Sprintf("Function %s runs on %s, deprecated since %s, and Lambda has refused updates to functions on it since %s, so no fix can ship until it is migrated.",
			f.Name, f.Runtime, s.Deprecated.Format(time.DateOnly), s.BlockUpdate.Format(time.DateOnly))
	case !day.Before(s.Deprecated):
		hit.Message = fmt.Sprintf("Function %s runs on %s, deprecated since %s and no longer patched%s.",
			f.Name, f.Runtime, s.Deprecated.Format(time.DateOnly), updateBlockClause(s))
	case daysBetween(day, s.Deprecated) <= RuntimeWarningDays:
		hit.Severity = At(finding.Low)
		hit.Message = fmt.Sprintf("Function %s runs on %s, which AWS deprecates on %s, in %d days.",
			f.Name, f.Runtime, s.Deprecated.Format(time.DateOnly), daysBetween(day, s.Deprecated))
	default:
		return
	}
	hit.Evidence = []string{
		"Runtime: " + f.Runtime,
		"deprecation: " + relativeDay(s.Deprecated),
		"block function create: " + relativeDay(s.BlockCreate),
		"block function update: " + relativeDay(s.BlockUpdate),
		fmt.Sprintf("judged on %s against the AWS Lambda runtimes page as of %s", day.Format(time.DateOnly), runtimeTableDate),
	}
	out.Add(hit)
}

func updateBlockClause(s runtimeLifecycle) string {
	if s.BlockUpdate.IsZero() {
		return ""
	}
	return "; Lambda refuses updates to functions on it from " + s.BlockUpdate.Format(time.DateOnly)
}

// relativeDay prints a published date and how far it is from today.
func relativeDay(d time.Time) string {
	if d.IsZero() {
		return "not published"
	}
	n := daysBetween(today(), d)
	switch {
	case n > 0:
		return fmt.Sprintf("%s (in %d days)", d.Format(time.DateOnly), n)
	case n < 0:
		return fmt.Sprintf("%s (%d days ago)", d.Format(time.DateOnly), -n)
	}
	return d.Format(time.DateOnly) + " (today)"
}

func runtimeRemediation(f *inventory.Function) string {
	next := successorRuntime(f.Runtime)
	if next == "" {
		return ""
	}
	return fmt.Sprintf("Port the code of %s to %s and test it (a new major language version can break code and dependencies), then run "+
		"`aws lambda update-function-configuration --function-name %s --runtime %s`, or set `Runtime: %s` (CloudFormation/SAM) or `runtime = \"%s\"` (Terraform).",
		f.Name, next, f.Name, next, next, next)
}
