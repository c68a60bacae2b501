package cloudformation

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// loadFixture maps a testdata template and returns its functions by logical id.
func loadFixture(t *testing.T, rel string, params Params) map[string]*inventory.Function {
	t.Helper()
	inv := inventory.New()
	if errs := LoadFile(inv, filepath.Join("testdata", rel), params); len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	inv.Link()
	out := map[string]*inventory.Function{}
	for _, f := range inv.Functions {
		out[f.Source.LogicalID] = f
	}
	return out
}

func compact(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSAMExpansion(t *testing.T) {
	fns := loadFixture(t, "sam-app/template.yaml", Params{"AWS::AccountId": "111122223333", "AWS::Region": "eu-west-1"})

	api := fns["ApiFunction"]
	if api.Name != "sam-app-ApiFunction" || api.Runtime != "python3.12" || api.TracingMode != "Active" || api.MemorySize != 256 {
		t.Errorf("Globals not applied: %s %s %s %d", api.Name, api.Runtime, api.TracingMode, api.MemorySize)
	}
	if api.Environment["TABLE_NAME"] != "orders" || api.Environment["STAGE"] != "dev" {
		t.Errorf("environment %v", api.Environment)
	}
	if api.ReservedConcurrency.Value == nil || *api.ReservedConcurrency.Value != 5 {
		t.Errorf("reserved concurrency %v", api.ReservedConcurrency)
	}
	role := api.Role
	if role == nil || role.Name != "sam-app-ApiFunctionRole" || role.Source.LogicalID != "ApiFunction" {
		t.Fatalf("generated role %+v", role)
	}
	var attached []string
	for _, a := range role.AttachedPolicies {
		attached = append(attached, a.ARN)
		if a.Policy == nil {
			t.Errorf("AWS-managed policy %s has no document", a.ARN)
		}
	}
	if !slices.Equal(attached, []string{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"}) {
		t.Errorf("attached %v", attached)
	}
	docs := compact(t, role.InlinePolicies)
	for _, want := range []string{
		`"dynamodb:ConditionCheckItem"`,
		`"arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/*"`,
		`"sqs:SendMessage*"`,
		`"arn:aws:sqs:eu-west-1:111122223333:orders-dev"`,
	} {
		if !strings.Contains(docs, want) {
			t.Errorf("policy templates: %s lacks %s", docs, want)
		}
	}
	pol := compact(t, api.ResourcePolicy.Value)
	if !strings.Contains(pol, `"apigateway.amazonaws.com"`) || !strings.Contains(pol, `"arn:aws:execute-api:eu-west-1:111122223333:ServerlessRestApi/*/GET/orders/{id}"`) {
		t.Errorf("API permission: %s", pol)
	}

	worker := fns["WorkerFunction"]
	if len(worker.EventSources) != 1 || worker.EventSources[0].EventSourceARN != "arn:aws:sqs:eu-west-1:111122223333:orders-dev" {
		t.Errorf("SQS event source %+v", worker.EventSources)
	}
	if worker.ResourcePolicy.Value != nil {
		t.Errorf("a poller needs no permission, got %s", compact(t, worker.ResourcePolicy.Value))
	}

	report := fns["ReportFunction"]
	if report.Role == nil || report.Role.Source.LogicalID != "ReportRole" {
		t.Errorf("explicit role not linked: %+v", report.Role)
	}
	if report.URL.Value == nil || report.URL.Value.AuthType != "NONE" || !slices.Equal(report.URL.Value.CORS.AllowOrigins, []string{"*"}) {
		t.Errorf("URL %+v", report.URL.Value)
	}
	pol = compact(t, report.ResourcePolicy.Value)
	for _, want := range []string{`"lambda:InvokeFunctionUrl"`, `"lambda:FunctionUrlAuthType":["NONE"]`,
		`"lambda:InvokedViaFunctionUrl":["true"]`, `"events.amazonaws.com"`, `"arn:aws:iam::444455556666:root"`} {
		if !strings.Contains(pol, want) {
			t.Errorf("report policy %s lacks %s", pol, want)
		}
	}
	if report.LogGroup == nil || report.LogGroup.RetentionInDays != 14 {
		t.Errorf("log group %+v (RetentionInDays from !If on a false condition)", report.LogGroup)
	}
}

func TestSAMEventPermissions(t *testing.T) {
	src := `Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:us-east-1:111122223333:dlq}
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      Policies: [AmazonS3ReadOnlyAccess, arn:aws:iam::111122223333:policy/custom]
      Events:
        Upload: {Type: S3, Properties: {Bucket: uploads, Events: s3:ObjectCreated:*}}
        Note: {Type: SNS, Properties: {Topic: !Ref Topic}}
        Tick: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
        Stream: {Type: Kinesis, Properties: {Stream: arn:aws:kinesis:us-east-1:111122223333:stream/s, StartingPosition: LATEST}}
`
	dir := t.TempDir()
	file := filepath.Join(dir, "template.yaml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inv := inventory.New()
	if errs := LoadFile(inv, file, Params{"AWS::AccountId": "111122223333", "AWS::Region": "us-east-1", "AWS::StackName": "app"}); len(errs) > 0 {
		t.Fatal(errs)
	}
	inv.Link()
	f := inv.Functions[0]
	pol := compact(t, f.ResourcePolicy.Value)
	for _, want := range []string{
		`"Service":["s3.amazonaws.com"]`, `"AWS:SourceAccount":["111122223333"]`,
		`"arn:aws:sns:us-east-1:111122223333:app-Topic"`,
		`"arn:aws:events:us-east-1:111122223333:rule/app-FnTick"`,
	} {
		if !strings.Contains(pol, want) {
			t.Errorf("policy %s lacks %s", pol, want)
		}
	}
	var attached []string
	for _, a := range f.Role.AttachedPolicies {
		attached = append(attached, a.ARN)
	}
	want := []string{
		"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
		"arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
		"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
		"arn:aws:iam::111122223333:policy/custom",
		"arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
	}
	if !slices.Equal(attached, want) {
		t.Errorf("attached %v, want %v", attached, want)
	}
	if f.DeadLetterTarget != "arn:aws:sqs:us-east-1:111122223333:dlq" || !strings.Contains(compact(t, f.Role.InlinePolicies), `"sqs:SendMessage"`) {
		t.Errorf("DLQ %s / role %s", f.DeadLetterTarget, compact(t, f.Role.InlinePolicies))
	}
}
