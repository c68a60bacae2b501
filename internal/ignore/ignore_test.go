package ignore

import (
	"strings"
	"testing"
	"time"

	"github.com/lambdasec/lambdasec/internal/finding"
)

func fnd(rule, name, instance string) finding.Finding {
	return finding.Finding{RuleID: rule, Instance: instance, Resource: finding.Resource{
		ARN: "arn:aws:lambda:us-east-1:111122223333:function:" + name, Type: "AWS::Lambda::Function", Name: name}}
}

func TestApply(t *testing.T) {
	l, err := Load("testdata/example.lambdasecignore")
	if err != nil {
		t.Fatal(err)
	}
	r := &finding.Report{Findings: []finding.Finding{
		fnd("LAMBDA-SEC-001", "debug-echo", "AWS_KEY_ID_BACKUP"),           // suppressed
		fnd("LAMBDA-SEC-001", "debug-echo", "STRIPE_KEY"),                  // instance does not match
		fnd("LAMBDA-SEC-001", "public-webhook", "AWS_SECRET"),              // resource does not match
		fnd("LAMBDA-SEC-003", "orders-api", "tests/fixtures/a.py:3#jwt"),   // suppressed by path
		fnd("LAMBDA-SEC-003", "orders-api", "src/app.py:3#jwt"),            // other path
		fnd("LAMBDA-CFG-003", "nightly-cleanup", ""),                       // entry expired
		fnd("LAMBDA-NET-001", "orders-api", ""),                            // suppressed everywhere
		fnd("LAMBDA-SUP-007", "orders-api", "tests/fixtures/a.py:3#xmrig"), // other rule
	}}
	expired := l.Apply(r, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	var kept []string
	for _, f := range r.Findings {
		kept = append(kept, f.RuleID+"/"+f.Resource.Name+"/"+f.Instance)
	}
	want := []string{
		"LAMBDA-SEC-001/debug-echo/STRIPE_KEY",
		"LAMBDA-SEC-001/public-webhook/AWS_SECRET",
		"LAMBDA-SEC-003/orders-api/src/app.py:3#jwt",
		"LAMBDA-CFG-003/nightly-cleanup/",
		"LAMBDA-SUP-007/orders-api/tests/fixtures/a.py:3#xmrig",
	}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(kept, "\n"), strings.Join(want, "\n"))
	}
	if r.Summary.Suppressed != 3 {
		t.Errorf("suppressed = %d, want 3", r.Summary.Suppressed)
	}
	if len(expired) != 1 || expired[0].Line != 4 {
		t.Errorf("expired = %v", expired)
	}
	// On its expiry day an entry still applies.
	if exp := l.Apply(&finding.Report{}, time.Date(2026, 1, 31, 18, 0, 0, 0, time.UTC)); len(exp) != 0 {
		t.Errorf("expired on its last day: %v", exp)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"LAMBDA-SEC-001", "x:1: every entry needs reason="},
		{"# c\n\nLAMBDA-SEC-001 reason=ok\nSEC-001 reason=x", "x:4: \"SEC-001\" is not a rule id"},
		{"LAMBDA-SEC-001 reason=x expires=31/12/2026", "x:1: expires=31/12/2026: want a date YYYY-MM-DD"},
		{"LAMBDA-SEC-001 reason=x owner=me", `x:1: unknown key "owner"`},
		{"LAMBDA-SEC-001 reason=\"unterminated", "x:1: unterminated quote"},
		{"LAMBDA-SEC-001 resource reason=x", `x:1: "resource": want key=value`},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.in), "x")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestArchivePath(t *testing.T) {
	for in, want := range map[string]string{
		"app/config.py:12#github-token":     "app/config.py",
		"lib/x.jar!a/b.properties:3#jwt":    "lib/x.jar!a/b.properties",
		"bin/kworker#xmrig-miner":           "bin/kworker",
		"DB_PASSWORD":                       "",
		"c:/odd name.txt:7#url-credentials": "c:/odd name.txt",
	} {
		got, _ := ArchivePath(in)
		if got != want {
			t.Errorf("ArchivePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("LAMBDA-SEC-001 resource=arn:* reason=\"a b\" expires=2026-01-01\n# x\n")
	f.Add("* path=tests/** reason=x")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := Parse(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, e := range l.Entries {
			if e.Reason == "" {
				t.Fatalf("entry without reason accepted: %q", s)
			}
			e.Matches(fnd("LAMBDA-SEC-001", "f", "a.py:1#jwt"))
		}
	})
}
