package rules_test

import (
	"slices"
	"strings"
	"testing"
)

func TestCFG002NoInvokeDataEvents(t *testing.T) {
	for _, tc := range []struct {
		dump        string
		want        []string
		notAssessed []string
		reason      string // in every not-assessed reason
	}{
		{
			// Covered: orders (advanced StartsWith, write events), payments
			// (StartsWith minus NotEquals), inventory (filter on the caller
			// cannot be judged, so it counts), shipping (exact basic ARN),
			// reports (eu-west-1 trail, status unknown so assumed logging).
			// Not covered: billing (read-only selector), payments-test
			// (NotEquals), ledger-audit (eventName NotEquals Invoke),
			// shipping-v2 (basic Lambda ARNs are exact, not prefixes).
			// sydney: no trail covers it and its region's trails were not
			// collected.
			dump:        "cfg002",
			want:        []string{"billing:medium", "ledger-audit:medium", "payments-test:medium", "shipping-v2:medium"},
			notAssessed: []string{"sydney"},
			reason:      "ap-southeast-2",
		},
		{
			dump:        "cfg002-unknown",
			want:        []string{},
			notAssessed: []string{"orders"},
			reason:      "org-trail",
		},
		{
			dump:        "cfg002-none",
			want:        []string{},
			notAssessed: []string{"orders"},
			reason:      "cloudtrail/describe-trails was not collected in any region",
		},
	} {
		t.Run(tc.dump, func(t *testing.T) {
			out := runRule(t, "LAMBDA-CFG-002", loadDump(t, tc.dump))
			if got := hits(out.Findings); !slices.Equal(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
			if got := skipped(out.NotAssessed); !slices.Equal(got, tc.notAssessed) {
				t.Errorf("not assessed = %v, want %v", got, tc.notAssessed)
			}
			for _, na := range out.NotAssessed {
				if !strings.Contains(na.Reason, tc.reason) {
					t.Errorf("reason %q lacks %q", na.Reason, tc.reason)
				}
			}
		})
	}
}

func TestCFG002EvidenceNamesTrails(t *testing.T) {
	out := runRule(t, "LAMBDA-CFG-002", loadDump(t, "cfg002"))
	for _, f := range out.Findings {
		if f.Resource.Name != "billing" {
			continue
		}
		ev := strings.Join(f.Evidence, "\n")
		for _, want := range []string{
			"trail stopped: logging is stopped",
			"trail reads-only: its event selectors do not log Invoke",
			"trail specific: its event selectors do not log Invoke",
			"trail eu-all: single-region trail of eu-west-1",
		} {
			if !strings.Contains(ev, want) {
				t.Errorf("evidence lacks %q:\n%s", want, ev)
			}
		}
		if !strings.Contains(f.Message, "billing") {
			t.Errorf("message %q does not name the function", f.Message)
		}
	}
}
