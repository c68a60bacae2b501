package aws

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// The expected strings are the shapes of the dump reader's fixtures
// (internal/source/dump/testdata/complete), which are real CLI output.
func TestCLIJSON(t *testing.T) {
	created := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		in    any
		style style
		want  string
	}{
		{
			name: "IAM documents are decoded, timestamps ISO 8601, paging dropped",
			in: &iam.GetAccountAuthorizationDetailsOutput{
				IsTruncated: true, Marker: aws.String("m"),
				RoleDetailList: []iamtypes.RoleDetail{{
					RoleName: aws.String("fn-role"), CreateDate: &created,
					AssumeRolePolicyDocument: aws.String("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"),
				}},
			},
			style: style{decodePolicies: true},
			want:  `{"RoleDetailList":[{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]},"CreateDate":"2024-03-01T10:00:00+00:00","RoleName":"fn-role"}]}`,
		},
		{
			name: "Lambda get-policy keeps the policy a JSON string; empty concurrency is {}",
			in:   &lambda.GetPolicyOutput{Policy: aws.String(`{"Statement":[]}`), RevisionId: aws.String("r1")},
			want: `{"Policy":"{\"Statement\":[]}","RevisionId":"r1"}`,
		},
		{
			name: "enums as strings, nil members left out, maps sorted, <> not escaped",
			in: &lambda.GetFunctionOutput{
				Concurrency: &lambdatypes.Concurrency{},
				Tags:        map[string]string{"z": "1", "a": "<b>"},
				Configuration: &lambdatypes.FunctionConfiguration{
					FunctionName: aws.String("f"), PackageType: lambdatypes.PackageTypeZip, MemorySize: aws.Int32(128),
				},
			},
			want: `{"Concurrency":{},"Configuration":{"CodeSize":0,"FunctionName":"f","MemorySize":128,"PackageType":"Zip"},"Tags":{"a":"<b>","z":"1"}}`,
		},
		{
			name:  "CloudWatch Logs members are lower camel case",
			in:    &cloudwatchlogs.DescribeLogGroupsOutput{NextToken: aws.String("t"), LogGroups: []cwtypes.LogGroup{{LogGroupName: aws.String("/aws/lambda/f"), RetentionInDays: aws.Int32(30), CreationTime: aws.Int64(1672567200000)}}},
			style: style{lowerCamel: true},
			want:  `{"logGroups":[{"creationTime":1672567200000,"logGroupName":"/aws/lambda/f","retentionInDays":30}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cliJSON(tt.in, tt.style)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(got) {
				t.Fatalf("not JSON: %s", got)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestISOTime(t *testing.T) {
	if got := isoTime(time.Date(2024, 1, 2, 3, 4, 5, 123456789, time.FixedZone("x", 3600))); got != "2024-01-02T02:04:05.123456+00:00" {
		t.Errorf("isoTime = %s", got)
	}
}

func TestMergePages(t *testing.T) {
	pages := []*lambda.ListFunctionsOutput{
		{Functions: []lambdatypes.FunctionConfiguration{{FunctionName: aws.String("a")}}, NextMarker: aws.String("1")},
		{Functions: []lambdatypes.FunctionConfiguration{{FunctionName: aws.String("b")}}},
	}
	i := 0
	out, err := allPages(func() bool { return i < len(pages) }, func(context.Context) (*lambda.ListFunctionsOutput, error) { i++; return pages[i-1], nil })(nil)
	if err != nil || len(out.Functions) != 2 || aws.ToString(out.Functions[1].FunctionName) != "b" {
		t.Errorf("merged = %+v, %v", out, err)
	}
}

// FuzzWriteDocument: whatever IAM returns as a document, the answer stays
// valid JSON.
func FuzzWriteDocument(f *testing.F) {
	f.Add("%7B%22Version%22%3A%222012-10-17%22%7D")
	f.Add(`{"Version":"2012-10-17"}`)
	f.Add("%ZZ")
	f.Fuzz(func(t *testing.T, doc string) {
		var b bytes.Buffer
		writeDocument(&b, doc)
		if !json.Valid(b.Bytes()) {
			t.Fatalf("invalid JSON for %q: %s", doc, b.Bytes())
		}
	})
}
