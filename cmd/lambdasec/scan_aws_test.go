package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/source/aws/awstest"
)

// TestScanAWSMatchesCollect seeds moto, scans it live, and checks that
// `collect` + `scan DIR` gives the same report.
func TestScanAWSMatchesCollect(t *testing.T) {
	endpoint := awstest.StartMoto(t)
	sc := awstest.Seed(t, endpoint)
	tmp := t.TempDir() // scan --aws's temporary dump goes here, alone
	t.Setenv("TMPDIR", tmp)

	live, errOut, status := scanJSON(t, "--aws", "--endpoint-url", endpoint)
	if status != exitOK {
		t.Fatalf("scan --aws: status %d\n%s", status, errOut)
	}
	// IAM findings are reported on the role, the others on the function.
	want := map[string]bool{"LAMBDA-IAM-001@fn-role": true, "LAMBDA-EXP-001@" + sc.OpenFn: true,
		"LAMBDA-EXP-003@" + sc.OpenFn: true, "LAMBDA-SEC-002@" + sc.OpenFn: true}
	got := ruleIDs(live)
	for id := range want {
		if slices.Contains(got, id) {
			delete(want, id)
		}
	}
	if len(want) > 0 {
		t.Errorf("scan --aws did not report %v; got %v", keys(want), got)
	}
	if slices.Contains(got, "LAMBDA-EXP-001@"+sc.PlainFn) || slices.Contains(got, "LAMBDA-EXP-003@"+sc.PlainFn) {
		t.Errorf("exposure reported on %s, which has no URL and no policy: %v", sc.PlainFn, got)
	}

	dir := filepath.Join(t.TempDir(), "dump")
	_, errOut, status = lambdasec(t, "collect", "--aws", "--endpoint-url", endpoint, "--out", dir)
	if status != exitOK {
		t.Fatalf("collect: status %d\n%s", status, errOut)
	}
	offline, errOut, status := scanJSON(t, dir)
	if status != exitOK {
		t.Fatalf("scan DIR: status %d\n%s", status, errOut)
	}
	if a, b := comparable(t, live), comparable(t, offline); a != b {
		t.Errorf("scan --aws and collect + scan DIR differ:\nlive:    %.2000s\noffline: %.2000s", a, b)
	}
	out, _, _ := lambdasec(t, "scan", "--aws", "--endpoint-url", endpoint, "--format", "json")
	if strings.Contains(out, "hunter2-very-secret-value") {
		t.Error("the report holds the environment variable's secret value unredacted")
	}
	t.Run("a denied API makes the run partial: exit 3", func(t *testing.T) {
		proxy := awstest.NewProxy(t, endpoint, awstest.Faults{Deny: []string{"lambda:GetPolicy"}})
		r, errOut, status := scanJSON(t, "--aws", "--endpoint-url", proxy.URL)
		if status != exitPartial || !strings.Contains(errOut, "lambda:GetPolicy") {
			t.Errorf("scan --aws: status %d, want %d naming lambda:GetPolicy; stderr:\n%s", status, exitPartial, errOut)
		}
		if !slices.Contains(ruleIDs(r), "LAMBDA-EXP-001@"+sc.OpenFn) {
			t.Errorf("the rest was not scanned: %v", ruleIDs(r))
		}
		_, errOut, status = lambdasec(t, "collect", "--aws", "--endpoint-url", proxy.URL, "--out", filepath.Join(t.TempDir(), "d"), "--verbose")
		if status != exitPartial || !strings.Contains(errOut, "access-denied") {
			t.Errorf("collect: status %d, want %d with the failures listed; stderr:\n%s", status, exitPartial, errOut)
		}
	})
	if entries, _ := os.ReadDir(tmp); slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.HasPrefix(e.Name(), "lambdasec-aws-") }) {
		t.Error("scan --aws left its temporary dump behind")
	}
}

// comparable is a report as JSON without the fields that name the run
// rather than the findings.
func comparable(t *testing.T, r *finding.Report) string {
	c := *r
	c.Tool, c.Inputs = finding.Tool{}, nil
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func ruleIDs(r *finding.Report) []string {
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.RuleID+"@"+f.Resource.Name)
	}
	return ids
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestAWSFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"collect", "--out", "x"}, // no --aws
		{"collect", "--aws"},      // no --out
		{"collect", "--aws", "--out", "x", "--accounts", "111111111111"}, // --accounts without --org-role
		{"scan", "--aws", "--ou", "ou-ab12-cdef3456"},                    // --ou without --org-role
	} {
		if _, errOut, status := lambdasec(t, args...); status != exitUsage || errOut == "" {
			t.Errorf("%v: status %d, want %d with a message; stderr %q", args, status, exitUsage, errOut)
		}
	}
}
