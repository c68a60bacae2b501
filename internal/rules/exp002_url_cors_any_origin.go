package rules

import (
	"fmt"
	"slices"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-EXP-002",
			Title:    "Function URL CORS allows any origin",
			Severity: finding.Low,
			Category: "exposure",
			Description: "CORS tells browsers which web sites may call the function URL from their pages and read the answers. " +
				"AllowOrigins \"*\" lets script on any site do so in the visitor's browser. " +
				"Combined with AllowCredentials, a page on any site can send the visitor's cookies to an unauthenticated (AuthType NONE) URL and read what comes back, " +
				"which matters whenever the function relies on cookies or browser-held credentials. " +
				"An AWS_IAM URL needs signed requests that browsers do not add by themselves, so there the setting only widens which pages can call it with credentials they already hold.",
			Remediation: "List the exact origins that need the URL: `aws lambda update-function-url-config --function-name FUNCTION --cors 'AllowOrigins=https://app.example.com,AllowCredentials=false'` " +
				"(CloudFormation `AWS::Lambda::Url` `Cors.AllowOrigins`; Terraform `aws_lambda_function_url` `cors { allow_origins = [...] }`), " +
				"and enable AllowCredentials only for those origins.",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html",
				"https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionURLs},
		Check: ForEachFunction(checkURLCORS),
	})
}

func checkURLCORS(f *inventory.Function, out *Results) {
	if !f.URL.Known {
		out.Skip(FunctionResource(f), "the function URL configuration was not collected (lambda get-function-url-config)")
		return
	}
	u := f.URL.Value
	if u == nil || u.CORS == nil || !slices.Contains(u.CORS.AllowOrigins, "*") {
		return
	}
	hit := Hit{
		Resource: FunctionResource(f),
		Function: f.Key(),
		Evidence: []string{fmt.Sprintf("AuthType=%s AllowOrigins=%v AllowCredentials=%t", u.AuthType, u.CORS.AllowOrigins, u.CORS.AllowCredentials)},
	}
	switch {
	case u.AuthType != "NONE":
		hit.Severity = At(finding.Info)
		hit.Message = fmt.Sprintf("Function URL %s of %s accepts browser calls from any origin; it requires signed (AWS_IAM) requests, so pages need AWS credentials of their own to use it.", u.URL, f.Name)
	case u.CORS.AllowCredentials:
		hit.Severity = At(finding.Medium)
		hit.Message = fmt.Sprintf("Function URL %s of %s has no authentication and lets pages on any origin call it with the visitor's cookies and read the answer (AllowOrigins * with AllowCredentials).", u.URL, f.Name)
	default:
		hit.Message = fmt.Sprintf("Function URL %s of %s lets script on any web site call it from visitors' browsers and read the answer (AllowOrigins *).", u.URL, f.Name)
	}
	out.Add(hit)
}
