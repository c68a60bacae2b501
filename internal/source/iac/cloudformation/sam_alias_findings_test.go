package cloudformation_test

import (
	"strings"
	"testing"
)

// TestSAMAutoPublishAliasFindings: statements naming the alias are judged
// like those naming the function: the public URL of the alias is still
// reported, and so is the topic of another account that may invoke the alias.
func TestSAMAutoPublishAliasFindings(t *testing.T) {
	got := findingLines(t, "testdata/sam-alias/template.yaml")
	for _, want := range []string{
		"LAMBDA-EXP-001 PublicFunction template.yaml:14",
		"LAMBDA-EXP-004 StagedFunction template.yaml:29",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
