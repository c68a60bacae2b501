package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

func routeLines(rs []inventory.APIRoute) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s %s %s %s %s authorizer=%s key=%v line=%d", r.Kind, r.API, r.Method, r.Path, r.Authorization, r.Authorizer, r.APIKeyRequired, r.Source.Line))
	}
	slices.Sort(out)
	return out
}

// TestSAMAPIRoutes: Api and HttpApi events become routes with the
// authorization SAM gives them: the event's Auth, else the API's
// DefaultAuthorizer (from Globals for the implicit API), else none.
func TestSAMAPIRoutes(t *testing.T) {
	fns := loadFixture(t, "sam-api/template.yaml", Params{"AWS::AccountId": "111122223333", "AWS::Region": "eu-west-1"})
	want := map[string][]string{
		"OrdersFunction": {
			"REST ServerlessRestApi GET /health NONE authorizer= key=false line=24",
			"REST ServerlessRestApi GET /orders COGNITO_USER_POOLS authorizer=Users key=false line=19",
		},
		"PartnerFunction": {
			"REST PartnerApi POST /push CUSTOM authorizer=Token key=true line=45",
			"REST PartnerApi POST /webhook NONE authorizer= key=true line=51",
		},
		"HttpFunction": {
			"HTTP JwtApi GET /me JWT authorizer=Jwt key=false line=73",
			"HTTP ServerlessHttpApi ANY $default NONE authorizer= key=false line=79",
		},
		"WorkerFunction": nil,
	}
	for id, w := range want {
		f := fns[id]
		if !f.APIRoutes.Known {
			t.Errorf("%s: routes not known", id)
			continue
		}
		if got := routeLines(f.APIRoutes.Value); !slices.Equal(got, w) {
			t.Errorf("%s routes:\n got %q\nwant %q", id, got, w)
		}
	}
	// A permission for API Gateway that no mapped route explains: an API
	// lambdasec cannot see.
	if fns["ExternalFunction"].APIRoutes.Known {
		t.Errorf("ExternalFunction: routes should be unknown")
	}
}

// TestSAMAPIRoutesDefinitionBody: an OpenAPI definition may add routes and
// security of its own, so no function's routes are known.
func TestSAMAPIRoutesDefinitionBody(t *testing.T) {
	src, err := os.ReadFile("testdata/sam-api/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "      StageName: prod\n", "      StageName: prod\n      DefinitionUri: openapi.yaml\n", 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "template.yaml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	inv := inventory.New()
	if errs := LoadFile(inv, path, Params{}); len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, f := range inv.Functions {
		if f.APIRoutes.Known {
			t.Errorf("%s: routes known despite DefinitionUri", f.Name)
		}
	}
}
