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
			ID:       "LAMBDA-EXP-007",
			Title:    "API route invokes the function without authorization",
			Severity: finding.Medium,
			Category: "exposure",
			Description: "An API Gateway route with authorization NONE calls the function for any request that reaches the API's endpoint, " +
				"which is public unless the API is private: anyone can run the function with the input they choose, run up its cost and reach what its role can reach. " +
				"Routes that change data (POST, PUT, PATCH, DELETE, or ANY, which includes them) are rated high, read-only routes medium. " +
				"An API key (ApiKeyRequired) lowers the rating one level but does not authorize anyone: keys identify usage-plan clients, travel in clear headers and AWS advises against using them for authorization. " +
				"CORS preflight routes (OPTIONS) are not reported. Routes are known only from SAM templates and Serverless Framework services; where lambdasec cannot see a function's routes (an account, a dump, Terraform, an OpenAPI definition) the rule reports it not assessed.",
			Remediation: "Give the route an authorizer: in SAM, `Auth: {DefaultAuthorizer: …, Authorizers: …}` on the `AWS::Serverless::Api`/`HttpApi` (or in `Globals`) " +
				"with a Cognito user pool, JWT or Lambda authorizer, or `AWS_IAM` for callers with AWS credentials (Serverless Framework: the event's `authorizer`); a route meant to be public (a health check, public content) " +
				"should be the only one without an authorizer, read-only where possible, throttled (usage plan, reserved concurrency, AWS WAF), and the function must validate its input itself.",
			Compliance: []string{"AWS FSBP APIGateway.8", "MITRE ATT&CK T1190"},
			References: []string{
				"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
				"https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html",
				"https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-controlling-access-to-apis.html",
			},
		},
		Check: ForEachFunction(checkAPIRouteNoAuth),
	})
}

// writeMethods are the methods that change data; ANY includes them.
var writeMethods = map[string]bool{"POST": true, "PUT": true, "PATCH": true, "DELETE": true, "ANY": true, "*": true}

func checkAPIRouteNoAuth(f *inventory.Function, out *Results) {
	if !f.APIRoutes.Known {
		out.Skip(FunctionResource(f), "the API Gateway routes that invoke the function are not known (lambdasec reads them from SAM templates and Serverless Framework services only)")
		return
	}
	var open, unknown []string
	sev := finding.Severity(-1)
	for _, r := range f.APIRoutes.Value {
		method := strings.ToUpper(r.Method)
		label := fmt.Sprintf("%s %s %s (%s API %s)", method, r.Path, routeAt(r), r.Kind, r.API)
		switch {
		case method == "OPTIONS":
			continue
		case r.Authorization == "":
			unknown = append(unknown, label+": authorizer "+r.Authorizer+" is not declared")
			continue
		case r.Authorization != "NONE":
			continue
		}
		s := finding.Medium
		if writeMethods[method] {
			s = finding.High
		}
		if r.APIKeyRequired {
			s--
			label += ", API key required"
		}
		if s > sev {
			sev = s
		}
		open = append(open, label)
	}
	if len(open) == 0 {
		if len(unknown) > 0 {
			out.Skip(FunctionResource(f), "the authorization of some routes is unknown: "+strings.Join(unknown, "; "))
		}
		return
	}
	msg := fmt.Sprintf("%s is invoked by %d API Gateway route(s) that authorize no caller: anyone who reaches the API can run it.", f.Name, len(open))
	if len(unknown) > 0 {
		msg += " The authorization of other routes is unknown: " + strings.Join(unknown, "; ") + "."
	}
	out.Add(Hit{Resource: FunctionResource(f), Function: f.Key(), Severity: At(sev), Message: msg, Evidence: open})
}

// routeAt is where a route is declared, when known.
func routeAt(r inventory.APIRoute) string {
	if r.Source == nil {
		return ""
	}
	return fmt.Sprintf("at %s:%d", r.Source.File, r.Source.Line)
}
