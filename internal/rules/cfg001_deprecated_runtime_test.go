package rules_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lambdasec/lambdasec/internal/rules"
)

// pinClock makes date-aware rules judge as of day (YYYY-MM-DD) for one test.
func pinClock(t *testing.T, day string) {
	t.Helper()
	at, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	was := rules.Now
	rules.Now = func() time.Time { return at.Add(15 * time.Hour) }
	t.Cleanup(func() { rules.Now = was })
}

func TestCFG001DeprecatedRuntime(t *testing.T) {
	inv := loadDump(t, "cfg001")
	notAssessed := []string{"container", "future"}
	for _, tc := range []struct {
		name        string
		today       string
		warningDays int
		want        []string
	}{
		{
			// python3.7, python3.9 and dotnet8 are past deprecation with updates
			// still allowed; nodejs22.x is 156 days from it.
			name: "table date", today: "2026-11-25", warningDays: 180,
			want: []string{"dotnet-api:medium", "legacy-py:medium", "node22:low", "py39:medium"},
		},
		{
			name: "narrow warning window", today: "2026-11-25", warningDays: 30,
			want: []string{"dotnet-api:medium", "legacy-py:medium", "py39:medium"},
		},
		{
			// From 2027-03-03 Lambda refuses updates to all three.
			name: "after the update block", today: "2027-04-01", warningDays: 180,
			want: []string{"dotnet-api:high", "legacy-py:high", "node22:low", "py39:high"},
		},
		{
			name: "before any of it", today: "2023-01-01", warningDays: 180,
			want: []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pinClock(t, tc.today)
			was := rules.RuntimeWarningDays
			rules.RuntimeWarningDays = tc.warningDays
			t.Cleanup(func() { rules.RuntimeWarningDays = was })

			out := runRule(t, "LAMBDA-CFG-001", inv)
			if got := hits(out.Findings); !slices.Equal(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
			if got := skipped(out.NotAssessed); !slices.Equal(got, notAssessed) {
				t.Errorf("not assessed = %v, want %v", got, notAssessed)
			}
		})
	}
}

func TestCFG001MessageAndReasons(t *testing.T) {
	pinClock(t, "2027-04-01")
	out := runRule(t, "LAMBDA-CFG-001", loadDump(t, "cfg001"))
	for _, f := range out.Findings {
		if f.Resource.Name != "py39" {
			continue
		}
		for _, want := range []string{"py39", "python3.9", "2025-12-15", "2027-03-03"} {
			if !strings.Contains(f.Message, want) {
				t.Errorf("message %q lacks %q", f.Message, want)
			}
		}
		if !slices.Contains(f.Evidence, "block function update: 2027-03-03 (29 days ago)") {
			t.Errorf("evidence %q lacks the update block date", f.Evidence)
		}
		if !strings.Contains(f.Remediation, "--runtime python3.14") {
			t.Errorf("remediation %q does not name the successor runtime", f.Remediation)
		}
		if f.Function != "arn:aws:lambda:us-east-1:111122223333:function:py39" {
			t.Errorf("function = %q", f.Function)
		}
	}
	for _, na := range out.NotAssessed {
		switch na.Resource.Name {
		case "future":
			if !strings.Contains(na.Reason, "python3.16") {
				t.Errorf("reason %q does not name the unknown runtime", na.Reason)
			}
		case "container":
			if !strings.Contains(na.Reason, "container image") {
				t.Errorf("reason %q does not say the function is an image", na.Reason)
			}
		}
	}
}
