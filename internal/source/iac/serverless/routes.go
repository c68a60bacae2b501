package serverless

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// route records the API Gateway route an http (REST API) or httpApi (HTTP
// API) event creates, with the authorization the framework gives it: the
// event's authorizer (a Lambda authorizer by name or ARN, a Cognito user
// pool, aws_iam; for httpApi one of provider.httpApi.authorizers, JWT
// unless its type says request or aws_iam), else none. private: true
// requires an API key.
func (g *generator) route(fid, kind string, line int, p *yaml.Node) {
	r := inventory.APIRoute{API: "ApiGatewayRestApi", Kind: inventory.APIKindREST, Authorization: "NONE",
		Source: &inventory.Location{File: g.r.file, Line: line, LogicalID: fid}}
	if kind == "httpApi" {
		r.API, r.Kind = "HttpApi", inventory.APIKindHTTP
	}
	if p == nil {
		p = mapping()
	}
	if p.Kind == yaml.ScalarNode {
		// "GET /orders", or "*" for an HTTP API's catch-all route.
		method, path, _ := strings.Cut(strings.TrimSpace(text(p)), " ")
		r.Method, r.Path = method, strings.TrimSpace(path)
	} else {
		r.Method, r.Path = text(get(p, "method")), text(get(p, "path"))
	}
	r.Method = strings.ToUpper(r.Method)
	if r.Method == "" || r.Method == "*" {
		r.Method = "ANY"
	}
	if r.Kind == inventory.APIKindHTTP && (r.Path == "" || r.Path == "*") {
		r.Path = "$default"
	}
	if r.Path != "$default" && !strings.HasPrefix(r.Path, "/") {
		r.Path = "/" + r.Path
	}
	if a := get(p, "authorizer"); a != nil {
		r.Authorization, r.Authorizer = g.authorization(kind, a)
	}
	r.APIKeyRequired = r.Kind == inventory.APIKindREST && isTrue(get(p, "private"))
	if g.routes == nil {
		g.routes = map[string][]inventory.APIRoute{}
	}
	g.routes[fid] = append(g.routes[fid], r)
}

// authorization reads an event's authorizer: a name or ARN, or a mapping
// with name, arn and type.
func (g *generator) authorization(kind string, a *yaml.Node) (auth, name string) {
	typ := strings.ToLower(text(get(a, "type")))
	name = text(get(a, "name"))
	arn := text(get(a, "arn"))
	if a.Kind == yaml.ScalarNode {
		name = text(a)
		if strings.HasPrefix(name, "arn:") {
			arn, name = name, ""
		}
	}
	if strings.EqualFold(name, "aws_iam") {
		typ = "aws_iam"
	}
	if kind == "httpApi" {
		if typ == "" && name != "" {
			typ = strings.ToLower(text(get(g.provider, "httpApi", "authorizers", name, "type")))
		}
		switch typ {
		case "aws_iam":
			return "AWS_IAM", ""
		case "request":
			return "CUSTOM", name
		}
		return "JWT", name
	}
	switch {
	case typ == "aws_iam":
		return "AWS_IAM", ""
	case typ == "cognito_user_pools" || strings.Contains(arn, ":cognito-idp:"):
		return "COGNITO_USER_POOLS", name
	}
	if name == "" {
		name = arn
	}
	return "CUSTOM", name
}

// apiTypes are resource types whose routes lambdasec does not map: with
// one in the service's resources, its functions' routes stay unknown.
var apiTypes = map[string]bool{
	"AWS::ApiGateway::Method": true, "AWS::ApiGateway::RestApi": true,
	"AWS::ApiGatewayV2::Route": true, "AWS::ApiGatewayV2::Api": true, "AWS::ApiGatewayV2::Integration": true,
}

// applyRoutes sets the routes of the functions the service generated.
// websocket events are not routes with an authorizer of their own per
// message: a function with one keeps unknown routes.
func (g *generator) applyRoutes(inv *inventory.Inventory, file string) {
	_, vs := pairs(g.resources)
	for _, v := range vs {
		if apiTypes[text(get(v, "Type"))] {
			return
		}
	}
	for _, a := range inv.Accounts {
		for _, reg := range a.Regions {
			for _, f := range reg.Functions {
				if f.Source == nil || f.Source.File != file || g.websocket[f.Source.LogicalID] {
					continue
				}
				if rs, ok := g.routes[f.Source.LogicalID]; ok {
					f.APIRoutes = inventory.Collected(rs)
				}
			}
		}
	}
}
