package rules_test

import (
	"slices"
	"strings"
	"testing"
)

func TestCFG006LogGroup(t *testing.T) {
	// good and custom-dest (LoggingConfig.LogGroup /shared/app) have both
	// retention and a key; never-ran has no log group yet; elsewhere is in a
	// region whose log groups were not collected.
	out := runRule(t, "LAMBDA-CFG-006", loadDump(t, "cfg006"))
	want := []string{"forever:low", "never-ran:info", "plain:low"}
	if got := hits(out.Findings); !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
	if got, want := skipped(out.NotAssessed), []string{"elsewhere"}; !slices.Equal(got, want) {
		t.Errorf("not assessed = %v, want %v", got, want)
	}
	for _, f := range out.Findings {
		switch f.Resource.Name {
		case "plain":
			if !strings.Contains(f.Message, "never expires and is not encrypted") || len(f.Evidence) != 2 {
				t.Errorf("plain: message %q, evidence %q: want both problems", f.Message, f.Evidence)
			}
		case "forever":
			if strings.Contains(f.Message, "encrypted") {
				t.Errorf("forever: message %q reports encryption, but the group has a key", f.Message)
			}
		}
	}
}
