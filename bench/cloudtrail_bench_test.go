package bench

import (
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/iam/usage"
)

// writeTrail writes files gzipped CloudTrail log files of perFile records
// each, in the S3 delivery layout, with calls by 20 function roles across
// S3, DynamoDB, SQS and KMS. It returns the bytes written uncompressed.
func writeTrail(b *testing.B, dir string, files, perFile int) int64 {
	b.Helper()
	events := []struct{ source, name, params string }{
		{"s3.amazonaws.com", "GetObject", `{"bucketName":"data-%d","key":"in/%d.json"}`},
		{"dynamodb.amazonaws.com", "PutItem", `{"tableName":"orders-%d","key":{"pk":"%d"}}`},
		{"sqs.amazonaws.com", "SendMessage", `{"queueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q-%d","messageBody":"HIDDEN_DUE_TO_SECURITY_REASONS","n":%d}`},
		{"kms.amazonaws.com", "Decrypt", `{"encryptionAlgorithm":"SYMMETRIC_DEFAULT","k":%d,"n":%d}`},
	}
	day := filepath.Join(dir, "AWSLogs", "123456789012", "CloudTrail", "us-east-1", "2026", "11", "20")
	if err := os.MkdirAll(day, 0o755); err != nil {
		b.Fatal(err)
	}
	var raw int64
	for f := range files {
		out, err := os.Create(filepath.Join(day, fmt.Sprintf("123456789012_CloudTrail_us-east-1_20261120T%04dZ_bench%08d.json.gz", f%2400, f)))
		if err != nil {
			b.Fatal(err)
		}
		zw := gzip.NewWriter(out)
		write := func(s string) { n, _ := zw.Write([]byte(s)); raw += int64(n) }
		write(`{"Records":[`)
		for i := range perFile {
			if i > 0 {
				write(",")
			}
			e := events[i%len(events)]
			fn := (f*perFile + i) % 20
			write(fmt.Sprintf(`{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE%02d:fn-%d","arn":"arn:aws:sts::123456789012:assumed-role/fn-%d-role/fn-%d","accountId":"123456789012","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE%02d","arn":"arn:aws:iam::123456789012:role/fn-%d-role","accountId":"123456789012","userName":"fn-%d-role"},"attributes":{"creationDate":"2026-11-20T09:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2026-11-20T10:%02d:%02dZ","eventSource":"%s","eventName":"%s","awsRegion":"us-east-1","sourceIPAddress":"3.91.171.12","userAgent":"Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux lang/python#3.12.2 exec-env/AWS_Lambda_python3.12","requestParameters":%s,"responseElements":null,"eventID":"e-%d-%d","readOnly":true,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data"}`,
				fn, fn, fn, fn, fn, fn, fn, i/60%60, i%60, e.source, e.name, fmt.Sprintf(e.params, fn, i), f, i))
		}
		write(`]}`)
		if err := zw.Close(); err != nil {
			b.Fatal(err)
		}
		out.Close()
	}
	return raw
}

// BenchmarkCloudTrailRead reads 100 gzipped log files of 1,000 records
// (100,000 records) and aggregates every role's activity, as
// `scan --cloudtrail` does. It reports records per second.
//
//	go test ./bench -run XXX -bench CloudTrail -benchmem
func BenchmarkCloudTrailRead(b *testing.B) {
	const files, perFile = 100, 1000
	dir := b.TempDir()
	raw := writeTrail(b, dir, files, perFile)
	b.SetBytes(raw)
	b.ResetTimer()
	for b.Loop() {
		w, roles, _, errs := usage.Read([]string{dir})
		if len(errs) > 0 || w.Records != files*perFile || len(roles) != 20 {
			b.Fatalf("records %d, roles %d, errors %v", w.Records, len(roles), errs)
		}
	}
	b.ReportMetric(float64(files*perFile)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkCloudTrailParse is the reader alone, without aggregation.
func BenchmarkCloudTrailParse(b *testing.B) {
	dir := b.TempDir()
	b.SetBytes(writeTrail(b, dir, 100, 1000))
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if errs := cloudtrail.ReadPaths([]string{dir}, func(*cloudtrail.Record) { n++ }); len(errs) > 0 || n != 100000 {
			b.Fatalf("records %d, errors %v", n, errs)
		}
	}
}

// BenchmarkCloudTrailSuggest is `policy suggest` over the same logs for
// every role: reading, mapping, resource extraction and policy building.
func BenchmarkCloudTrailSuggest(b *testing.B) {
	dir := b.TempDir()
	b.SetBytes(writeTrail(b, dir, 100, 1000))
	b.ResetTimer()
	for b.Loop() {
		a := usage.NewActivity()
		if errs := cloudtrail.ReadPaths([]string{dir}, a.Add); len(errs) > 0 {
			b.Fatal(errs)
		}
		if doc := usage.Suggest(a); len(doc.Statements) == 0 {
			b.Fatal("empty policy")
		}
	}
}
