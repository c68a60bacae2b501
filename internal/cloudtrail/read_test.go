package cloudtrail

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func collect(t *testing.T, paths ...string) ([]*Record, []error) {
	t.Helper()
	var recs []*Record
	errs := ReadPaths(paths, func(r *Record) { recs = append(recs, r) })
	return recs, errs
}

func TestReadTrailFolder(t *testing.T) {
	recs, errs := collect(t, "testdata/trail")
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(recs) != 25 { // 21 + 4; the digest file is skipped
		t.Fatalf("got %d records, want 25", len(recs))
	}
	var get *Record
	for _, r := range recs {
		if r.EventName == "GetObject" && r.EventTime.Equal(time.Date(2026, 11, 20, 10, 1, 2, 0, time.UTC)) {
			get = r
		}
	}
	if get == nil {
		t.Fatal("GetObject of 10:01:02 not found")
	}
	want := map[string]string{
		"eventSource": get.EventSource, "awsRegion": get.AWSRegion, "arn": get.UserIdentity.ARN,
		"issuer": get.RoleARN(), "session": get.SessionName(), "category": get.EventCategory,
		"recipient": get.RecipientAccountID, "resource": get.Resources[0].ARN, "type": get.UserIdentity.Type,
	}
	for k, v := range map[string]string{
		"eventSource": "s3.amazonaws.com", "awsRegion": "us-east-1",
		"arn":    "arn:aws:sts::123456789012:assumed-role/orders-api-role/orders-api",
		"issuer": "arn:aws:iam::123456789012:role/orders-api-role", "session": "orders-api",
		"category": "Data", "recipient": "123456789012", "resource": "arn:aws:s3:::orders-data/invoices/2026/0001.pdf",
		"type": "AssumedRole",
	} {
		if want[k] != v {
			t.Errorf("%s = %q, want %q", k, want[k], v)
		}
	}
	if !get.ReadOnly.Set || !get.ReadOnly.Value || get.IsError() {
		t.Errorf("readOnly = %+v, error = %v", get.ReadOnly, get.IsError())
	}
	if !strings.Contains(get.UserAgent, "exec-env/AWS_Lambda_python3.12") {
		t.Errorf("userAgent = %q", get.UserAgent)
	}
	if !bytes.Contains(get.RequestParameters, []byte(`"bucketName":"orders-data"`)) {
		t.Errorf("requestParameters = %s", get.RequestParameters)
	}
}

func TestReadLookupEvents(t *testing.T) {
	recs, errs := collect(t, "testdata/lookup-events.json")
	if len(errs) != 0 || len(recs) != 3 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
	if recs[0].EventName != "GetSecretValue" || recs[0].RoleARN() != "arn:aws:iam::123456789012:role/orders-api-role" {
		t.Errorf("first record = %s %s", recs[0].EventName, recs[0].RoleARN())
	}
}

func TestReadPlainAndExplicitFile(t *testing.T) {
	recs, errs := collect(t, "testdata/plain.json")
	if len(errs) != 0 || len(recs) != 1 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func TestReadShapes(t *testing.T) {
	const rec = `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-11-20T10:00:00Z","readOnly":"true"}`
	tests := []struct {
		name    string
		in      string
		records int
		errs    []string // substrings, one per expected error
	}{
		{"records", `{"Records":[` + rec + `,` + rec + `]}`, 2, nil},
		{"gzipped", gz(`{"Records":[` + rec + `]}`), 1, nil},
		{"empty records", `{"Records":[]}`, 0, nil},
		{"null records", `{"Records":null}`, 0, nil},
		{"json lines", rec + "\n" + rec + "\n", 2, nil},
		{"lookup", `{"Events":[{"EventName":"GetObject","CloudTrailEvent":` + quote(rec) + `}],"NextToken":"x"}`, 1, nil},
		{"lookup without event", `{"Events":[{"EventName":"GetObject"}]}`, 0, []string{"record 1: lookup-events entry has no CloudTrailEvent"}},
		{"bad record skipped", `{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"X","eventTime":"yesterday"},` + rec + `]}`, 1, []string{"record 1:"}},
		{"record without name", `{"Records":[{"eventSource":"s3.amazonaws.com"}]}`, 0, []string{"record 1: record has no eventSource or eventName"}},
		{"bad readOnly", `{"Records":[{"eventSource":"a","eventName":"b","readOnly":"maybe"}]}`, 0, []string{"readOnly"}},
		{"truncated", `{"Records":[` + rec + `,{"eventSource":`, 1, []string{"truncated"}},
		{"truncated gzip", gz(`{"Records":[` + rec + `]}`)[:30], 0, []string{"f.json"}},
		{"not an object", `[1,2]`, 0, []string{"want a JSON object"}},
		{"records not array", `{"Records":{"a":1}}`, 0, []string{"want an array of events"}},
		{"digest", `{"awsAccountId":"1","logFiles":[]}`, 0, []string{"not a CloudTrail log"}},
		{"empty", ``, 0, []string{"not a CloudTrail log"}},
		{"garbage", `hello`, 0, []string{"invalid character"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			errs := Read(strings.NewReader(tt.in), "f.json", func(*Record) { n++ })
			if n != tt.records {
				t.Errorf("records = %d, want %d", n, tt.records)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %v, want %d", errs, len(tt.errs))
			}
			for i, e := range errs {
				if !strings.HasPrefix(e.Error(), "f.json: ") || !strings.Contains(e.Error(), tt.errs[i]) {
					t.Errorf("error %q, want f.json: …%s", e, tt.errs[i])
				}
				var ce *Error
				if !errors.As(e, &ce) || ce.File != "f.json" {
					t.Errorf("error %v is not a *Error for f.json", e)
				}
			}
		})
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func TestReadPathsErrorsDoNotStopOthers(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.json")
	bad := filepath.Join(dir, "b.json")
	os.WriteFile(good, []byte(`{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"GetObject"}]}`), 0o644)
	os.WriteFile(bad, []byte(`{"Records":[`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644)
	recs, errs := collect(t, dir, filepath.Join(dir, "missing.json"))
	if len(recs) != 1 {
		t.Errorf("records = %d, want 1", len(recs))
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "b.json") || !strings.Contains(errs[1].Error(), "missing.json") {
		t.Errorf("errors = %v", errs)
	}
}

func TestSessionAndRole(t *testing.T) {
	r := &Record{UserIdentity: UserIdentity{Type: "IAMUser", ARN: "arn:aws:iam::1:user/Mateo"}}
	if r.RoleARN() != "" || r.SessionName() != "" {
		t.Errorf("IAM user: role %q session %q", r.RoleARN(), r.SessionName())
	}
}

func FuzzRead(f *testing.F) {
	for _, p := range []string{"testdata/plain.json", "testdata/lookup-events.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(gz(`{"Records":[{"eventSource":"a","eventName":"b"}]}`)))
	f.Add([]byte(`{"eventSource":"a","eventName":"b","readOnly":true}{"Records":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		errs := Read(bytes.NewReader(b), "fuzz.json", func(r *Record) {
			if r.EventName == "" || r.EventSource == "" {
				t.Fatal("record without name reached the callback")
			}
		})
		for _, e := range errs {
			if !strings.HasPrefix(e.Error(), "fuzz.json: ") {
				t.Fatalf("error without file name: %v", e)
			}
		}
	})
}

func BenchmarkReadPaths(b *testing.B) {
	for b.Loop() {
		ReadPaths([]string{"testdata/trail"}, func(*Record) {})
	}
}
