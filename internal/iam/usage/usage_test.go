package usage

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
)

var update = flag.Bool("update", false, "rewrite golden files")

// trail is the CloudTrail fixture shared with internal/cloudtrail: two days
// of an orders-api function's calls plus other identities' calls.
const trail = "../../cloudtrail/testdata/trail"

func TestMappingTargetsExist(t *testing.T) {
	for api, targets := range apiActions {
		for _, a := range targets {
			if _, ok := catalog.Lookup(a); !ok {
				t.Errorf("%s maps to %s, not in the catalog", api, a)
			}
		}
		if _, ok := catalog.Lookup(api); ok {
			t.Errorf("%s is itself an IAM action: the mapping would hide it", api)
		}
	}
	for src, p := range sourcePrefixes {
		if !catalog.HasService(p) {
			t.Errorf("%s maps to unknown prefix %s", src, p)
		}
	}
}

func TestActions(t *testing.T) {
	tests := []struct {
		source, event string
		want          []string
		unknown       string
	}{
		{"s3.amazonaws.com", "GetObject", []string{"s3:GetObject"}, ""},
		{"s3.amazonaws.com", "HeadObject", []string{"s3:GetObject"}, ""},
		{"s3.amazonaws.com", "ListObjects", []string{"s3:ListBucket"}, ""},
		{"s3.amazonaws.com", "ListObjectsV2", []string{"s3:ListBucket"}, ""},
		{"s3.amazonaws.com", "HeadBucket", []string{"s3:ListBucket"}, ""},
		{"lambda.amazonaws.com", "Invoke", []string{"lambda:InvokeFunction"}, ""},
		{"lambda.amazonaws.com", "GetFunction20150331v2", []string{"lambda:GetFunction"}, ""},
		{"lambda.amazonaws.com", "ListTags20170331", []string{"lambda:ListTags"}, ""},
		{"lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", []string{"lambda:UpdateFunctionConfiguration"}, ""},
		{"monitoring.amazonaws.com", "PutMetricData", []string{"cloudwatch:PutMetricData"}, ""},
		{"email.amazonaws.com", "SendEmail", []string{"ses:SendEmail"}, ""},
		{"kms.amazonaws.com", "GenerateDataKey", []string{"kms:GenerateDataKey"}, ""},
		{"sqs.amazonaws.com", "SendMessageBatch", []string{"sqs:SendMessage"}, ""},
		{"secretsmanager.amazonaws.com", "GetSecretValue", []string{"secretsmanager:GetSecretValue"}, ""},
		{"newservice.amazonaws.com", "FrobnicateWidget", nil, "newservice.amazonaws.com:FrobnicateWidget"},
		{"s3.amazonaws.com", "CopyObject", nil, "s3:CopyObject"},
	}
	for _, tt := range tests {
		acts, unknown := Actions(&cloudtrail.Record{EventSource: tt.source, EventName: tt.event})
		var got []string
		for _, a := range acts {
			got = append(got, a.String())
		}
		if !slices.Equal(got, tt.want) || unknown != tt.unknown {
			t.Errorf("%s %s = %v, %q; want %v, %q", tt.source, tt.event, got, unknown, tt.want, tt.unknown)
		}
	}
}

func readRole(t *testing.T, role string, paths ...string) (*Activity, *Window) {
	t.Helper()
	a, w := NewActivity(), &Window{}
	errs := cloudtrail.ReadPaths(paths, func(r *cloudtrail.Record) {
		w.Add(r)
		if RoleSession(r, role) {
			a.Add(r)
		}
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return a, w
}

func TestActivity(t *testing.T) {
	a, w := readRole(t, "orders-api-role", trail)
	if a.Calls != 22 || w.Records != 25 || !w.DataEvents || !w.Accounts["123456789012"] {
		t.Errorf("calls %d, window %+v", a.Calls, w)
	}
	if a.Denied["s3:DeleteObject"] != 1 || a.Actions["s3:DeleteObject"] != nil {
		t.Errorf("denied DeleteObject counted as use: %v", a.Denied)
	}
	if a.Unknown["newservice.amazonaws.com:FrobnicateWidget"] != 1 {
		t.Errorf("unknown = %v", a.Unknown)
	}
	// GetObject: two successful calls and one NoSuchKey (authorized) plus HeadObject.
	if u := a.Actions["s3:GetObject"]; u == nil || u.Calls != 4 || u.Unscoped {
		t.Errorf("s3:GetObject use = %+v", u)
	}
	byName, _ := readRole(t, "arn:aws:iam::123456789012:role/orders-api-role", trail)
	if byName.Calls != a.Calls {
		t.Errorf("by ARN %d calls, by name %d", byName.Calls, a.Calls)
	}
	other, _ := readRole(t, "billing-role", trail)
	if other.Calls != 1 || other.Actions["s3:GetObject"] == nil {
		t.Errorf("billing-role activity = %+v", other)
	}
}

func TestSuggestGolden(t *testing.T) {
	a, _ := readRole(t, "orders-api-role", trail, "../../cloudtrail/testdata/lookup-events.json")
	if a.Calls != 22 {
		t.Errorf("calls = %d, want 22: lookup-events repeats three trail events", a.Calls)
	}
	got, err := json.MarshalIndent(Suggest(a), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := "testdata/orders-api.policy.json"
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("policy differs from %s (run with -update):\n%s", golden, got)
	}
	for _, must := range []string{`"arn:aws:s3:::orders-data/invoices/2026/*"`, `"arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-customer"`, `"arn:aws:sqs:us-east-1:123456789012:orders-events"`} {
		if !strings.Contains(string(got), must) {
			t.Errorf("policy lacks %s", must)
		}
	}
	if strings.Contains(string(got), "DeleteObject") || strings.Contains(string(got), "Frobnicate") {
		t.Error("policy holds a denied or unknown call")
	}
}

func TestWidenObjects(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"arn:aws:s3:::b/a/x", "arn:aws:s3:::b/a/y"}, []string{"arn:aws:s3:::b/a/*"}},
		{[]string{"arn:aws:s3:::b/x", "arn:aws:s3:::b/xy"}, []string{"arn:aws:s3:::b/*"}},
		{[]string{"arn:aws:s3:::b/k/1.json"}, []string{"arn:aws:s3:::b/k/*"}},
		{[]string{"arn:aws:s3:::b/k"}, []string{"arn:aws:s3:::b/*"}},
		{[]string{"arn:aws:s3:::b", "arn:aws:sqs:us-east-1:1:q"}, []string{"arn:aws:s3:::b", "arn:aws:sqs:us-east-1:1:q"}},
	}
	for _, tt := range tests {
		if got := widenObjects(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("widenObjects(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestScopedARNs(t *testing.T) {
	get, _ := catalog.Lookup("s3:GetObject")
	list, _ := catalog.Lookup("s3:ListBucket")
	secret, _ := catalog.Lookup("secretsmanager:GetSecretValue")
	r := &cloudtrail.Record{
		EventSource: "s3.amazonaws.com", AWSRegion: "us-east-1", RecipientAccountID: "1",
		RequestParameters: json.RawMessage(`{"bucketName":"b","key":"k/1"}`),
	}
	if got := scopedARNs(r, get, nil); !slices.Equal(got, []string{"arn:aws:s3:::b/k/1"}) {
		t.Errorf("GetObject ARNs = %v", got)
	}
	if got := scopedARNs(r, list, map[string]string{}); !slices.Equal(got, []string{"arn:aws:s3:::b"}) {
		t.Errorf("ListBucket ARNs = %v", got)
	}
	r = &cloudtrail.Record{
		EventSource: "secretsmanager.amazonaws.com", AWSRegion: "eu-west-1", RecipientAccountID: "1",
		UserIdentity:      cloudtrail.UserIdentity{ARN: "arn:aws-cn:sts::1:assumed-role/r/f"},
		RequestParameters: json.RawMessage(`{"secretId":"db/password"}`),
	}
	if got := scopedARNs(r, secret, nil); !slices.Equal(got, []string{"arn:aws-cn:secretsmanager:eu-west-1:1:secret:db/password-??????"}) {
		t.Errorf("secret ARNs = %v", got)
	}
}

func TestSid(t *testing.T) {
	if got := sid("s3", 1); got != "S3Access" {
		t.Error(got)
	}
	if got := sid("resource-groups", 2); got != "ResourceGroupsAccess2" {
		t.Error(got)
	}
}

// FuzzActivity feeds arbitrary request parameters and event names through
// the mapping and resource extraction, which read untrusted log content.
func FuzzActivity(f *testing.F) {
	f.Add("s3.amazonaws.com", "GetObject", `{"bucketName":"b","key":"k"}`)
	f.Add("sqs.amazonaws.com", "SendMessage", `{"queueUrl":"https://sqs.us-east-1.amazonaws.com/1/q"}`)
	f.Add("dynamodb.amazonaws.com", "Query", `{"tableName":"t","indexName":"i"}`)
	f.Add("lambda.amazonaws.com", "Invoke20150331", `{"functionName":"arn:aws:lambda:us-east-1:1:function:f"}`)
	f.Add("secretsmanager.amazonaws.com", "GetSecretValue", `{"secretId":"x"}`)
	f.Fuzz(func(t *testing.T, source, event, params string) {
		a := NewActivity()
		a.Add(&cloudtrail.Record{EventSource: source, EventName: event, AWSRegion: "us-east-1", RecipientAccountID: "1",
			RequestParameters: json.RawMessage(params), Resources: []cloudtrail.Resource{{ARN: params}}})
		for _, u := range a.Actions {
			if _, ok := catalog.Lookup(u.Action.String()); !ok {
				t.Fatalf("action %s not in catalog", u.Action)
			}
		}
		Suggest(a)
	})
}
