package aws

import (
	"errors"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

func responseError(status int, code string) error {
	var err error = &smithy.GenericAPIError{Code: code, Message: "m"}
	if code == "" {
		err = errors.New("not found")
	}
	return &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: err,
	}}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name           string
		err            error
		notFoundIsNone bool
		want           outcome
		kind           string
	}{
		{"no policy is none", responseError(404, "ResourceNotFoundException"), true, none, ""},
		{"a function deleted meanwhile is an error", responseError(404, "ResourceNotFoundException"), false, failed, KindError},
		{"lambda access denied", responseError(403, "AccessDeniedException"), true, failed, KindAccessDenied},
		{"iam access denied", responseError(403, "AccessDenied"), false, failed, KindAccessDenied},
		{"ec2 unauthorized", responseError(403, "UnauthorizedOperation"), false, failed, KindAccessDenied},
		{"moto 404 without a code", responseError(404, ""), true, failed, KindUnsupported},
		{"not implemented", responseError(501, "NotImplemented"), false, failed, KindUnsupported},
		{"region not enabled", responseError(400, "OptInRequired"), false, failed, KindUnsupported},
		{"other", responseError(400, "ValidationException"), false, failed, KindError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, kind, _ := classify(tt.err, tt.notFoundIsNone)
			if o != tt.want || kind != tt.kind {
				t.Errorf("classify = %v %q, want %v %q", o, kind, tt.want, tt.kind)
			}
		})
	}
}

func TestPartitionOf(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:sts::123456789012:assumed-role/audit/s":        "aws",
		"arn:aws-cn:iam::123456789012:user/u":                   "aws-cn",
		"arn:aws-us-gov:sts::123456789012:assumed-role/audit/s": "aws-us-gov",
		"not-an-arn": "",
	} {
		if got := partitionOf(arn); got != want {
			t.Errorf("partitionOf(%s) = %q, want %q", arn, got, want)
		}
	}
}
