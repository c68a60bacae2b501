package inventory

// APIRoute is an API Gateway route that invokes a function: a REST API
// method or an HTTP API route with a Lambda proxy integration.
type APIRoute struct {
	API    string // the API's logical id or name
	Kind   string // REST or HTTP
	Method string // GET, POST, … or ANY
	Path   string // /orders/{id}, or $default for an HTTP API's default route
	// Authorization is what API Gateway checks before it calls the
	// function: NONE, AWS_IAM, COGNITO_USER_POOLS, CUSTOM (a Lambda
	// authorizer) or JWT; "" when the source cannot tell.
	Authorization  string
	Authorizer     string // the authorizer's name, when there is one
	APIKeyRequired bool   // REST only: a usage-plan key is required (identifies, does not authorize)
	Source         *Location
}

// The route kinds.
const (
	APIKindREST = "REST"
	APIKindHTTP = "HTTP"
)
