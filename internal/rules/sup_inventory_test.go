package rules_test

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/rules"
)

func TestLayerInventory(t *testing.T) {
	got := map[string]rules.LayerUse{}
	for _, u := range rules.LayerInventory(loadDump(t, "supply")) {
		got[u.Name+":"+u.Version] = u
	}
	tests := []struct {
		layer, publisher, policy string
		extension                bool
		users                    int
	}{
		{"acme-utils:1", "scanned account", "none", false, 2},
		{"shared-tracing:5", "organization", "not collected", false, 1},
		{"AWS-Parameters-and-Secrets-Lambda-Extension:12", "AWS: AWS Parameters and Secrets Lambda Extension", "not collected", true, 1},
		{"Datadog-Extension:65", "third party", "not collected", true, 1},
		{"json-logger:4", "third party", "not collected", false, 1},
	}
	for _, tt := range tests {
		u, ok := got[tt.layer]
		if !ok {
			t.Errorf("%s missing", tt.layer)
			continue
		}
		if u.Publisher != tt.publisher || u.Policy != tt.policy || u.Extension != tt.extension || len(u.Functions) != tt.users {
			t.Errorf("%s = %+v", tt.layer, u)
		}
	}
	if u := got["json-logger:4"]; u.CodeSha256 != "758NT1QWp/V4EzfdJ18SCc6EKHEqkwN36JcxWIzw5Aw=" || u.CodeSize != 184322 {
		t.Errorf("json-logger:4 content = %+v", u)
	}
	if len(got) != 8 {
		t.Errorf("%d layer versions, want the 8 the functions use", len(got))
	}
}
