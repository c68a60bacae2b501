package serverless_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/iac/serverless"
)

func TestAPIRoutes(t *testing.T) {
	fns := load(t, nil)
	f := fns["orders-service-dev-createOrder"]
	if f == nil || !f.APIRoutes.Known || len(f.APIRoutes.Value) != 1 {
		t.Fatalf("createOrder (httpApi event): %+v", f)
	}
	if r := f.APIRoutes.Value[0]; r.Kind != "HTTP" || r.Method != "POST" || r.Path != "/orders" || r.Authorization != "NONE" || r.Source.Line != 45 {
		t.Errorf("createOrder route: %+v", r)
	}
	if f := fns["orders-service-dev-processPayment"]; f == nil || !f.APIRoutes.Known || len(f.APIRoutes.Value) != 0 {
		t.Errorf("processPayment (sqs only): want known and empty routes")
	}
}

func TestAPIRouteAuthorizers(t *testing.T) {
	src := `service: api
provider:
  name: aws
  httpApi:
    authorizers:
      users:
        type: jwt
        identitySource: $request.header.Authorization
        issuerUrl: https://issuer.example.com
      custom:
        type: request
        functionName: auth
functions:
  rest:
    handler: h.handler
    events:
      - http: GET /public
      - http:
          path: items
          method: post
          private: true
      - http:
          path: users
          method: get
          authorizer:
            arn: arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_abc
      - http:
          path: admin
          method: delete
          authorizer: auth
      - http:
          path: signed
          method: put
          authorizer: aws_iam
  http:
    handler: h.handler
    events:
      - httpApi: '*'
      - httpApi:
          path: /me
          method: get
          authorizer:
            name: users
      - httpApi:
          path: /hook
          method: post
          authorizer:
            name: custom
      - httpApi:
          path: /iam
          method: get
          authorizer:
            type: aws_iam
  sockets:
    handler: h.handler
    events:
      - websocket: $connect
`
	inv := inventory.New()
	if errs := serverless.LoadBytes(inv, "serverless.yml", []byte(src), nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	inv.Link()
	got := map[string][]string{}
	known := map[string]bool{}
	for _, f := range inv.Functions {
		known[f.Name] = f.APIRoutes.Known
		for _, r := range f.APIRoutes.Value {
			got[f.Name] = append(got[f.Name], fmt.Sprintf("%s %s %s %s %s key=%v", r.Kind, r.Method, r.Path, r.Authorization, r.Authorizer, r.APIKeyRequired))
		}
	}
	want := map[string][]string{
		"api-dev-rest": {
			"REST GET /public NONE  key=false",
			"REST POST /items NONE  key=true",
			"REST GET /users COGNITO_USER_POOLS  key=false",
			"REST DELETE /admin CUSTOM auth key=false",
			"REST PUT /signed AWS_IAM  key=false",
		},
		"api-dev-http": {
			"HTTP ANY $default NONE  key=false",
			"HTTP GET /me JWT users key=false",
			"HTTP POST /hook CUSTOM custom key=false",
			"HTTP GET /iam AWS_IAM  key=false",
		},
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("%s:\n got %q\nwant %q", name, got[name], w)
		}
	}
	if known["api-dev-sockets"] {
		t.Errorf("a websocket function's routes should be unknown")
	}
}
