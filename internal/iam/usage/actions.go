// Package usage turns CloudTrail records into the IAM actions and resources
// a role exercised: for `lambdasec policy suggest` (a least-privilege policy
// from observed calls) and for LAMBDA-IAM-010 (granted but never used).
package usage

import (
	"regexp"
	"strings"
	"sync"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
)

// sourcePrefixes holds the event sources whose IAM service prefix is not
// the first label of the endpoint host.
var sourcePrefixes = map[string]string{
	"monitoring.amazonaws.com":       "cloudwatch", // CloudWatch metrics and alarms
	"email.amazonaws.com":            "ses",
	"tagging.amazonaws.com":          "tag", // Resource Groups Tagging API
	"streams.dynamodb.amazonaws.com": "dynamodb",
}

// apiActions maps API names (as CloudTrail's eventName) to the IAM actions
// that authorize them, where the two differ. Every target is checked
// against the catalog in tests.
var apiActions = map[string][]string{
	// S3: listing and HEAD requests are authorized by the List/Get actions;
	// multipart and batch operations by the single-object action.
	"s3:ListObjects":             {"s3:ListBucket"},
	"s3:ListObjectsV2":           {"s3:ListBucket"},
	"s3:HeadBucket":              {"s3:ListBucket"},
	"s3:HeadObject":              {"s3:GetObject"},
	"s3:ListObjectVersions":      {"s3:ListBucketVersions"},
	"s3:ListBuckets":             {"s3:ListAllMyBuckets"},
	"s3:ListParts":               {"s3:ListMultipartUploadParts"},
	"s3:CreateMultipartUpload":   {"s3:PutObject"},
	"s3:UploadPart":              {"s3:PutObject"},
	"s3:CompleteMultipartUpload": {"s3:PutObject"},
	"s3:DeleteObjects":           {"s3:DeleteObject"},
	// Lambda: Invoke is the data event of lambda:InvokeFunction.
	"lambda:Invoke":                   {"lambda:InvokeFunction"},
	"lambda:InvokeWithResponseStream": {"lambda:InvokeFunction"},
	// Batch APIs are authorized by their single-entry action.
	"sqs:SendMessageBatch":             {"sqs:SendMessage"},
	"sqs:DeleteMessageBatch":           {"sqs:DeleteMessage"},
	"sqs:ChangeMessageVisibilityBatch": {"sqs:ChangeMessageVisibility"},
	"sns:PublishBatch":                 {"sns:Publish"},
	"dynamodb:TransactGetItems":        {"dynamodb:GetItem"},
}

// lambdaVersioned matches Lambda's management event names, which carry the
// API version: GetFunction20150331v2, ListTags20170331.
var lambdaVersioned = regexp.MustCompile(`^([A-Za-z]+?)\d{8}(v\d+)?$`)

// Prefix returns the IAM service prefix of a CloudTrail eventSource, or ""
// when the catalog knows none.
func Prefix(eventSource string) string {
	if p, ok := prefixCache.Load(eventSource); ok {
		return p.(string)
	}
	p := prefix(eventSource)
	prefixCache.Store(eventSource, p)
	return p
}

// prefixCache memoizes Prefix: a log holds few distinct event sources.
var prefixCache sync.Map // eventSource → prefix

func prefix(eventSource string) string {
	if p, ok := sourcePrefixes[eventSource]; ok {
		return p
	}
	host := strings.TrimSuffix(eventSource, ".amazonaws.com")
	labels := strings.Split(host, ".")
	// Try the first label (s3, dynamodb) then the last (runtime.sagemaker).
	for _, l := range []string{labels[0], labels[len(labels)-1]} {
		if catalog.HasService(l) {
			return l
		}
	}
	return ""
}

// Actions returns the IAM actions that authorize the call a record logs.
// When the record cannot be mapped to catalog actions it returns nil and
// the name the caller should report as unknown ("prefix:EventName", or
// the event source when even the service is unknown).
func Actions(r *cloudtrail.Record) ([]catalog.Action, string) {
	prefix := Prefix(r.EventSource)
	if prefix == "" {
		return nil, r.EventSource + ":" + r.EventName
	}
	name := r.EventName
	if prefix == "lambda" {
		if m := lambdaVersioned.FindStringSubmatch(name); m != nil {
			name = m[1]
		}
	}
	key := prefix + ":" + name
	targets, ok := apiActions[key]
	if !ok {
		targets = []string{key}
	}
	var out []catalog.Action
	for _, t := range targets {
		a, ok := catalog.Lookup(t)
		if !ok {
			return nil, key
		}
		out = append(out, a)
	}
	return out, ""
}

// denied reports whether a failed call was refused by authorization: such a
// call shows the action is not granted, not that it is needed.
func denied(r *cloudtrail.Record) bool {
	c := r.ErrorCode
	return strings.Contains(c, "AccessDenied") || strings.Contains(c, "Unauthorized") ||
		c == "AuthorizationError" || c == "Client.UnauthorizedOperation" || c == "AuthFailure"
}
