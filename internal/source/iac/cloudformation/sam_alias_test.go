package cloudformation

import (
	"slices"
	"strings"
	"testing"
)

// TestSAMAutoPublishAlias: with AutoPublishAlias (from Globals or the
// function), the URL and event permissions SAM generates target the alias,
// so their statements name the qualified ARN; they stay in the function's
// resource policy since they invoke its code. Event source mappings name
// the alias and still link to the function.
func TestSAMAutoPublishAlias(t *testing.T) {
	fns := loadFixture(t, "sam-alias/template.yaml", Params{"AWS::AccountId": "111122223333", "AWS::Region": "eu-west-1"})
	resources := func(logicalID string) []string {
		f := fns[logicalID]
		if f == nil || !f.ResourcePolicy.Known || f.ResourcePolicy.Value == nil {
			t.Fatalf("%s: no resource policy", logicalID)
		}
		var out []string
		for _, st := range f.ResourcePolicy.Value.Statements {
			out = append(out, st.Sid+" "+strings.Join(st.Resource, ","))
		}
		slices.Sort(out)
		return out
	}

	pub := fns["PublicFunction"]
	if pub.Alias != "live" {
		t.Errorf("alias from Globals (a parameter): got %q, want live", pub.Alias)
	}
	want := []string{
		"PublicFunctionOrdersPermission arn:aws:lambda:eu-west-1:111122223333:function:sam-alias-PublicFunction:live",
		"PublicFunctionURLInvokeAllowPublicAccess arn:aws:lambda:eu-west-1:111122223333:function:sam-alias-PublicFunction:live",
		"PublicFunctionUrlPublicPermissions arn:aws:lambda:eu-west-1:111122223333:function:sam-alias-PublicFunction:live",
	}
	if got := resources("PublicFunction"); !slices.Equal(got, want) {
		t.Errorf("PublicFunction statements:\n got %v\nwant %v", got, want)
	}
	if len(pub.EventSources) != 1 || pub.EventSources[0].FunctionARN != pub.ARN+":live" {
		t.Errorf("SQS mapping should target the alias and link to the function: %+v", pub.EventSources)
	}

	staged := fns["StagedFunction"]
	if staged.Alias != "prod" {
		t.Errorf("the function's AutoPublishAlias wins over Globals: got %q", staged.Alias)
	}
	if got := resources("StagedFunction"); len(got) != 2 || !strings.HasSuffix(got[0], ":function:sam-alias-StagedFunction:prod") || !strings.HasSuffix(got[1], ":function:sam-alias-StagedFunction:prod") {
		t.Errorf("StagedFunction statements: %v", got)
	}

	plain := fns["PlainFunction"]
	if plain.Alias != "" {
		t.Errorf("an empty AutoPublishAlias publishes no alias: got %q", plain.Alias)
	}
	if got := resources("PlainFunction"); len(got) != 1 || !strings.HasSuffix(got[0], ":function:sam-alias-PlainFunction") {
		t.Errorf("PlainFunction statements: %v", got)
	}
}
