package rules_test

import (
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// routesInventory builds functions with the given routes; a nil slice
// stands for routes that were not collected.
func routesInventory(fns map[string][]inventory.APIRoute) *inventory.Inventory {
	inv := inventory.New()
	r := inv.Account("111122223333").Region("eu-west-1")
	for name, routes := range fns {
		f := &inventory.Function{Name: name, ARN: "arn:aws:lambda:eu-west-1:111122223333:function:" + name, Source: &inventory.Location{File: "template.yaml", Line: 10, LogicalID: name}}
		if routes != nil {
			f.APIRoutes = inventory.Collected(routes)
		}
		r.Functions = append(r.Functions, f)
	}
	inv.Link()
	return inv
}

func route(method, auth string) inventory.APIRoute {
	return inventory.APIRoute{API: "ServerlessRestApi", Kind: inventory.APIKindREST, Method: method, Path: "/orders", Authorization: auth,
		Source: &inventory.Location{File: "template.yaml", Line: 20}}
}

func TestEXP007APIRouteNoAuth(t *testing.T) {
	keyed := route("POST", "NONE")
	keyed.APIKeyRequired = true
	undeclared := route("GET", "")
	undeclared.Authorizer = "Missing"
	inv := routesInventory(map[string][]inventory.APIRoute{
		"open-write":   {route("GET", "COGNITO_USER_POOLS"), route("POST", "NONE")},
		"open-read":    {route("GET", "NONE"), route("OPTIONS", "NONE")},
		"open-any":     {{API: "ServerlessHttpApi", Kind: inventory.APIKindHTTP, Method: "ANY", Path: "$default", Authorization: "NONE"}},
		"keyed-write":  {keyed},
		"authorized":   {route("POST", "AWS_IAM"), route("GET", "JWT"), route("DELETE", "CUSTOM")},
		"preflight":    {route("OPTIONS", "NONE")},
		"no-routes":    {},
		"undeclared":   {undeclared},
		"dump-unknown": nil,
	})
	out := runRule(t, "LAMBDA-EXP-007", inv)
	want := []string{"keyed-write:medium", "open-any:high", "open-read:medium", "open-write:high"}
	if got := hits(out.Findings); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("findings: got %v, want %v", got, want)
	}
	if got := skipped(out.NotAssessed); strings.Join(got, " ") != "dump-unknown undeclared" {
		t.Errorf("not assessed: got %v, want dump-unknown and undeclared", got)
	}
	for _, f := range out.Findings {
		if f.Resource.Name == "open-write" {
			ev := strings.Join(f.Evidence, "\n")
			if !strings.Contains(ev, "POST /orders at template.yaml:20 (REST API ServerlessRestApi)") || strings.Contains(ev, "GET") {
				t.Errorf("evidence names the open route only: %q", ev)
			}
		}
	}
}

// TestEXP007Dump: a dump holds no API Gateway data, so every function is
// not assessed and nothing fires.
func TestEXP007Dump(t *testing.T) {
	inv := loadDump(t, "exposure")
	out := runRule(t, "LAMBDA-EXP-007", inv)
	if len(out.Findings) != 0 || len(out.NotAssessed) != len(inv.Functions) {
		t.Errorf("want every function not assessed and no finding, got %d findings, %d not assessed of %d", len(out.Findings), len(out.NotAssessed), len(inv.Functions))
	}
}
