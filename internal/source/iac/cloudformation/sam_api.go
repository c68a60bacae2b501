package cloudformation

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// samRoute records the API Gateway route an Api or HttpApi event creates,
// with the authorization SAM gives it: the event's Auth.Authorizer, else
// the API's Auth.DefaultAuthorizer (from the AWS::Serverless::Api or
// HttpApi the event names, or Globals for the implicit API), else none.
func (b *builder) samRoute(r *resource, f *inventory.Function, typ, name string, p map[string]any) {
	t := b.t
	kind, idKey, implicit, apiType := inventory.APIKindREST, "RestApiId", "ServerlessRestApi", "AWS::Serverless::Api"
	if typ == "HttpApi" {
		kind, idKey, implicit, apiType = inventory.APIKindHTTP, "ApiId", "ServerlessHttpApi", "AWS::Serverless::HttpApi"
	}
	api := implicit
	var apiProps map[string]any
	switch ref := p[idKey].(type) {
	case nil:
		apiProps = b.samGlobals(typ)
	case Ref:
		api = ref.LogicalID
		if ar := t.resources[ref.LogicalID]; ar != nil && ar.Type == apiType {
			apiProps = ar.Props
		}
	default:
		api = t.str(ref)
	}
	route := inventory.APIRoute{API: api, Kind: kind, Method: strings.ToUpper(t.str(p["Method"])), Path: t.str(p["Path"]), Source: b.loc(r)}
	if kind == inventory.APIKindHTTP && route.Path == "" && route.Method == "" {
		route.Path, route.Method = "$default", "ANY"
	}
	if route.Method == "" {
		route.Method = "ANY"
	}
	if _, k := child(get3(r.Node, "Properties", "Events"), name); k != nil {
		route.Source.Line = k.Line
	}
	evAuth, _ := p["Auth"].(map[string]any)
	apiAuth, _ := apiProps["Auth"].(map[string]any)
	authorizer := t.str(evAuth["Authorizer"])
	if authorizer == "" {
		authorizer = t.str(apiAuth["DefaultAuthorizer"])
	}
	switch authorizer {
	case "", "NONE":
		route.Authorization = "NONE"
	case "AWS_IAM":
		route.Authorization = "AWS_IAM"
	default:
		route.Authorizer = authorizer
		if a, ok := get(apiAuth, "Authorizers", authorizer).(map[string]any); ok {
			switch {
			case a["UserPoolArn"] != nil:
				route.Authorization = "COGNITO_USER_POOLS"
			case a["JwtConfiguration"] != nil:
				route.Authorization = "JWT"
			case a["FunctionArn"] != nil:
				route.Authorization = "CUSTOM"
			}
		}
	}
	if kind == inventory.APIKindREST {
		if v, ok := evAuth["ApiKeyRequired"]; ok {
			route.APIKeyRequired = t.boolOf(v)
		} else {
			route.APIKeyRequired = t.boolOf(apiAuth["ApiKeyRequired"])
		}
	}
	f.APIRoutes.Value = append(f.APIRoutes.Value, route)
}

// samGlobals returns the Globals section of the implicit API of an event type.
func (b *builder) samGlobals(typ string) map[string]any {
	if !b.t.sam || b.t.globals == nil {
		return nil
	}
	g, err := b.t.eval(b.t.globals)
	if err != nil {
		return nil
	}
	m, _ := g.(map[string]any)
	return globalsFor(m, "AWS::Serverless::"+typ)
}

// get3 follows mapping keys in a YAML node.
func get3(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n, _ = child(n, k)
	}
	return n
}

// finishAPIRoutes marks every function's routes as known, unless the
// template declares API Gateway routes lambdasec does not map (raw API
// Gateway resources, or an OpenAPI definition that may add routes and
// security of its own): then no function's routes are known. A function
// without mapped routes whose resource policy lets API Gateway invoke it
// (an API of another stack, or one the template declares in a way not
// mapped) has routes lambdasec cannot see: unknown too.
func (b *builder) finishAPIRoutes() {
	known := true
	for _, id := range b.t.order {
		r := b.t.resources[id]
		switch r.Type {
		case "AWS::ApiGateway::Method", "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Integration":
			known = false
		case "AWS::Serverless::Api", "AWS::Serverless::HttpApi":
			if r.Props["DefinitionBody"] != nil || r.Props["DefinitionUri"] != nil {
				known = false
			}
		}
	}
	for id, f := range b.functions {
		f.APIRoutes.Known = known
		for _, st := range b.policies[id] {
			if p, ok := st.Principal.(map[string]string); ok && p["Service"] == "apigateway.amazonaws.com" && len(f.APIRoutes.Value) == 0 {
				f.APIRoutes.Known = false
			}
		}
		if !f.APIRoutes.Known {
			f.APIRoutes.Value = nil
		}
	}
}
