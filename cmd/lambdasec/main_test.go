package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/rules"
)

func TestMain(m *testing.M) {
	// The examples' oracle is written for this date; pin the clock so the
	// deprecated-runtime rule judges the same way every day.
	rules.Now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

// lambdasec runs the command line in-process.
func lambdasec(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, &out, &errb)
	return out.String(), errb.String(), status
}

func scanJSON(t *testing.T, args ...string) (*finding.Report, string, int) {
	t.Helper()
	out, errOut, status := lambdasec(t, append([]string{"scan", "--format", "json"}, args...)...)
	var r finding.Report
	if status != exitUsage {
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("scan output is not JSON: %v\n%s", err, out)
		}
	}
	return &r, errOut, status
}

// oracle reads the "expected" column of the function tables in an example's
// README: function name → sorted rule ids. The README is the one place the
// expectations are written down.
func oracle(t *testing.T, readme string) map[string][]string {
	t.Helper()
	f, err := os.Open(readme)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\|(?: [0-9]{12} \\|)? `([a-z0-9-]+)`[^|]*\\|")
	ids := regexp.MustCompile(`\b(CFG|EXP|SEC|NET)-\d{3}\b`)
	want := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		last := cells[len(cells)-1]
		if !strings.Contains(last, "CFG-") && !strings.Contains(last, "(none)") && !ids.MatchString(last) {
			continue // a table of other rule families
		}
		got := []string{}
		for _, id := range ids.FindAllString(last, -1) {
			got = append(got, "LAMBDA-"+id)
		}
		sort.Strings(got)
		want[m[1]] = got
	}
	if len(want) == 0 {
		t.Fatalf("%s: no oracle rows found", readme)
	}
	return want
}

// oracleRules are the rules the examples' tables cover.
var oracleRules = regexp.MustCompile(`^LAMBDA-(CFG-00[1-6]|EXP-00[1-6]|SEC-005|NET-00[12])$`)

func TestScanExamplesMatchOracle(t *testing.T) {
	for _, ex := range []string{"demo-account", "org"} {
		t.Run(ex, func(t *testing.T) {
			dir := filepath.Join("..", "..", "examples", ex)
			want := oracle(t, filepath.Join(dir, "README.md"))
			r, stderr, status := scanJSON(t, dir)
			if status != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", status, stderr)
			}
			if len(r.InputErrors) > 0 {
				t.Fatalf("input errors: %v", r.InputErrors)
			}
			got := map[string][]string{}
			for _, f := range r.Findings {
				if f.Resource.Type != "AWS::Lambda::Function" || !oracleRules.MatchString(f.RuleID) {
					continue
				}
				got[f.Resource.Name] = append(got[f.Resource.Name], f.RuleID)
			}
			for name, ids := range want {
				g := unique(got[name])
				if strings.Join(g, ",") != strings.Join(ids, ",") {
					t.Errorf("%s:\n got  %v\n want %v", name, g, ids)
				}
				delete(got, name)
			}
			for name, ids := range got {
				t.Errorf("%s is not in the oracle but has findings %v", name, ids)
			}
			if r.Summary.Functions != len(want) {
				t.Errorf("scanned %d functions, oracle lists %d", r.Summary.Functions, len(want))
			}
		})
	}
}

func unique(ids []string) []string {
	sort.Strings(ids)
	out := []string{}
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

func TestScanTableOnExample(t *testing.T) {
	out, _, status := lambdasec(t, "scan", "../../examples/demo-account")
	if status != exitOK {
		t.Fatalf("exit %d", status)
	}
	for _, want := range []string{"LAMBDA-EXP-003", "debug-echo", "Summary"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes written to a non-terminal")
	}
	// Secrets in the example's environments never appear in clear.
	for _, secret := range []string{"Winter2019!Reports#42", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_live_51Hq8Zk"} {
		if strings.Contains(out, secret) {
			t.Errorf("output contains the secret %q", secret)
		}
	}
}

func TestFailOnAndSeverity(t *testing.T) {
	ex := "../../examples/demo-account"
	tests := []struct {
		args   []string
		status int
	}{
		{[]string{"--fail-on", "critical"}, exitFindings},
		{[]string{"--fail-on", "high", "--severity", "critical"}, exitFindings},
		// Findings filtered out by --severity no longer count for --fail-on.
		{[]string{"--fail-on", "low", "--severity", "critical"}, exitFindings},
		{[]string{"--severity", "critical"}, exitOK},
		{[]string{"--fail-on", "bogus"}, exitUsage},
		{[]string{"--severity", "bogus"}, exitUsage},
		{[]string{"--format", "xml"}, exitUsage},
		{[]string{"--quiet", "--verbose"}, exitUsage},
	}
	for _, tt := range tests {
		_, _, status := lambdasec(t, append(append([]string{"scan"}, tt.args...), ex)...)
		if status != tt.status {
			t.Errorf("scan %v: exit %d, want %d", tt.args, status, tt.status)
		}
	}
	r, _, _ := scanJSON(t, "--severity", "high", ex)
	for _, f := range r.Findings {
		if f.Severity < finding.High {
			t.Errorf("--severity high kept a %s finding", f.Severity)
		}
	}
	if len(r.Findings) == 0 {
		t.Error("--severity high dropped everything")
	}
}

func TestOrgFolderFailOnCritical(t *testing.T) {
	// An org dump whose worst finding is critical passes a gate set above
	// nothing and fails one at critical.
	if _, _, s := lambdasec(t, "scan", "--fail-on", "critical", "../../examples/org"); s != exitFindings {
		t.Errorf("exit %d, want %d", s, exitFindings)
	}
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.sarif")
	out, stderr, status := lambdasec(t, "scan", "--format", "sarif", "-o", path, "../../examples/demo-account")
	if status != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q", status, out)
	}
	if !strings.Contains(stderr, "wrote") {
		t.Errorf("stderr lacks the wrote line: %q", stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) == 0 {
		t.Fatalf("bad SARIF file (%v): version %q", err, sarif.Version)
	}
}

// copyTree copies an example so a test can damage it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestMalformedFilesAreReportedAndTheRestScanned(t *testing.T) {
	dir := copyTree(t, "../../examples/demo-account")
	damage := map[string]string{
		// truncated JSON
		"us-east-1/lambda/get-function-url-config/public-webhook.json": `{"FunctionUrl": "https://x.lambda-url`,
		// a policy string that is not JSON
		"us-east-1/lambda/get-policy/debug-echo.json": `{"Policy": "this is not a policy", "RevisionId": "1"}`,
		// wrong type
		"us-east-1/logs/describe-log-groups.json": `{"logGroups": {"logGroupName": 5}}`,
	}
	for rel, content := range damage {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, stderr, status := scanJSON(t, dir)
	if status != exitPartial {
		t.Errorf("exit %d, want %d (partial)", status, exitPartial)
	}
	for rel := range damage {
		if !strings.Contains(stderr, rel) {
			t.Errorf("stderr does not name %s:\n%s", rel, stderr)
		}
		found := false
		for _, e := range r.InputErrors {
			found = found || strings.HasSuffix(filepath.ToSlash(e.Path), rel)
		}
		if !found {
			t.Errorf("report's input_errors lack %s", rel)
		}
	}
	// The other files still produce their findings...
	has := map[string]bool{}
	for _, f := range r.Findings {
		has[f.Resource.Name+" "+f.RuleID] = true
	}
	for _, want := range []string{"notification-sender LAMBDA-EXP-004", "legacy-report-generator LAMBDA-CFG-001", "partner-sync LAMBDA-EXP-006"} {
		if !has[want] {
			t.Errorf("missing finding %s after damaging other files", want)
		}
	}
	// ...and what the damaged files would have said is "not assessed", not a
	// guess.
	if has["debug-echo LAMBDA-EXP-003"] || has["public-webhook LAMBDA-EXP-001"] {
		t.Error("a rule reported on data from a damaged file")
	}
	skipped := map[string]bool{}
	for _, n := range r.NotAssessed {
		skipped[n.Resource.Name+" "+n.RuleID] = true
	}
	for _, want := range []string{"debug-echo LAMBDA-EXP-003", "public-webhook LAMBDA-EXP-001", "orders-api LAMBDA-CFG-006"} {
		if !skipped[want] {
			t.Errorf("%s not reported as not assessed", want)
		}
	}
}

func TestNothingScannable(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "us-east-1", "lambda"), 0o755)
	os.WriteFile(filepath.Join(dir, "us-east-1", "lambda", "list-functions.json"), []byte(`{"Functions": [`), 0o644)
	_, stderr, status := lambdasec(t, "scan", dir)
	if status != exitUsage {
		t.Errorf("exit %d, want %d", status, exitUsage)
	}
	if !strings.Contains(stderr, "list-functions.json") {
		t.Errorf("stderr does not name the bad file:\n%s", stderr)
	}
	_, stderr, status = lambdasec(t, "scan", filepath.Join(dir, "does-not-exist"))
	if status != exitUsage || !strings.Contains(stderr, "does-not-exist") {
		t.Errorf("missing path: exit %d, stderr %q", status, stderr)
	}
	empty := t.TempDir()
	_, stderr, status = lambdasec(t, "scan", empty)
	if status != exitUsage || !strings.Contains(stderr, "not a lambdasec input") {
		t.Errorf("empty folder: exit %d, stderr %q", status, stderr)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	out, _, status := lambdasec(t, "scan", "--format", "json", "../../examples/demo-account")
	if status != exitOK {
		t.Fatalf("exit %d", status)
	}
	var r finding.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	again, err := json.MarshalIndent(&r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal([]byte(out), &a)
	json.Unmarshal(again, &b)
	if !jsonEqual(a, b) {
		t.Error("JSON report does not survive a decode/encode round trip")
	}
	if r.SchemaVersion != finding.SchemaVersion || r.Summary.Findings != len(r.Findings) {
		t.Errorf("schema %q, summary %d vs %d findings", r.SchemaVersion, r.Summary.Findings, len(r.Findings))
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestRulesAndExplain(t *testing.T) {
	out, _, status := lambdasec(t, "rules")
	if status != exitOK || !strings.Contains(out, "LAMBDA-CFG-001") || !strings.Contains(out, "LAMBDA-EXP-006") {
		t.Errorf("rules: exit %d\n%s", status, out)
	}
	out, _, status = lambdasec(t, "rules", "--format", "json")
	var meta []finding.Rule
	if err := json.Unmarshal([]byte(out), &meta); err != nil || status != exitOK || len(meta) != len(rules.All()) {
		t.Errorf("rules --format json: exit %d, %v, %d rules", status, err, len(meta))
	}
	out, _, status = lambdasec(t, "explain", "lambda-exp-001")
	if status != exitOK || !strings.Contains(out, "Remediation:") || !strings.Contains(out, "LAMBDA-EXP-001") {
		t.Errorf("explain: exit %d\n%s", status, out)
	}
	_, stderr, status := lambdasec(t, "explain", "LAMBDA-XXX-999")
	if status != exitUsage || !strings.Contains(stderr, "no rule") {
		t.Errorf("explain unknown: exit %d, %q", status, stderr)
	}
	out, _, status = lambdasec(t, "version")
	if status != exitOK || !strings.HasPrefix(out, "lambdasec ") {
		t.Errorf("version: exit %d %q", status, out)
	}
	if _, _, status = lambdasec(t, "frobnicate"); status != exitUsage {
		t.Errorf("unknown command: exit %d", status)
	}
}

func TestRuntimeDateFlags(t *testing.T) {
	saved, savedNow := rules.RuntimeWarningDays, rules.Now
	t.Cleanup(func() { rules.RuntimeWarningDays, rules.Now = saved, savedNow })
	cfg001 := func(args ...string) []string {
		r, stderr, status := scanJSON(t, append(args, "../../examples/demo-account")...)
		if status != exitOK {
			t.Fatalf("exit %d: %s", status, stderr)
		}
		var names []string
		for _, f := range r.Findings {
			if f.RuleID == "LAMBDA-CFG-001" {
				names = append(names, f.Resource.Name)
			}
		}
		sort.Strings(names)
		return names
	}
	// The example's good functions run nodejs24.x (deprecated 2028-04-30):
	// clean under the default 180-day window, flagged under a 1000-day one.
	base := cfg001("--as-of", "2026-11-25")
	wide := cfg001("--as-of", "2026-11-25", "--runtime-warning-days", "1000")
	if len(wide) <= len(base) {
		t.Errorf("a 1000-day window found %v, no more than the default's %v", wide, base)
	}
	if _, _, status := lambdasec(t, "scan", "--as-of", "25/11/2026", "../../examples/demo-account"); status != exitUsage {
		t.Errorf("bad --as-of: exit %d", status)
	}
	if _, _, status := lambdasec(t, "scan", "--runtime-warning-days", "-1", "../../examples/demo-account"); status != exitUsage {
		t.Errorf("negative window: exit %d", status)
	}
}
