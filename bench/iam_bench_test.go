package bench

import (
	"fmt"
	"testing"

	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// iamRoles builds n execution roles shaped like real ones: the AWS managed
// basic-execution, VPC-access and X-Ray policies shared by all, one of 50
// shared customer policies, and two inline policies of their own, one in
// ten with a service wildcard and one in a hundred with AdministratorAccess.
func iamRoles(b *testing.B, n int) []*inventory.Role {
	b.Helper()
	parse := func(js string) *policy.Document {
		d, err := policy.Parse([]byte(js))
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	managed := func(arn, js string) inventory.PolicyAttachment {
		return inventory.PolicyAttachment{ARN: arn, Name: arn, Policy: &inventory.ManagedPolicy{ARN: arn, Document: parse(js)}}
	}
	basic := managed("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}`)
	vpc := managed("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","ec2:CreateNetworkInterface","ec2:DescribeNetworkInterfaces","ec2:DescribeSubnets","ec2:DeleteNetworkInterface","ec2:AssignPrivateIpAddresses","ec2:UnassignPrivateIpAddresses"],"Resource":"*"}]}`)
	xray := managed("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegments","xray:PutTelemetryRecords","xray:GetSamplingRules","xray:GetSamplingTargets","xray:GetSamplingStatisticSummaries"],"Resource":"*"}]}`)
	admin := managed("arn:aws:iam::aws:policy/AdministratorAccess", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	var shared []inventory.PolicyAttachment
	for i := range 50 {
		shared = append(shared, managed(fmt.Sprintf("arn:aws:iam::111122223333:policy/shared-%d", i), fmt.Sprintf(
			`{"Version":"2012-10-17","Statement":[{"Sid":"Queue","Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:us-east-1:111122223333:q-%d"},{"Sid":"Params","Effect":"Allow","Action":"ssm:GetParameter*","Resource":"arn:aws:ssm:us-east-1:111122223333:parameter/app-%d/*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`, i, i)))
	}
	roles := make([]*inventory.Role, n)
	for i := range roles {
		r := &inventory.Role{ARN: fmt.Sprintf("arn:aws:iam::111122223333:role/fn-%d", i), Name: fmt.Sprintf("fn-%d", i), AccountID: "111122223333"}
		r.AttachedPolicies = []inventory.PolicyAttachment{basic, xray, shared[i%len(shared)]}
		if i%3 == 0 {
			r.AttachedPolicies = append(r.AttachedPolicies, vpc)
		}
		if i%100 == 0 {
			r.AttachedPolicies = append(r.AttachedPolicies, admin)
		}
		wild := "dynamodb:GetItem"
		if i%10 == 0 {
			wild = "s3:*"
		}
		r.InlinePolicies = []inventory.InlinePolicy{
			{Name: "data", Document: parse(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:Query","%s"],"Resource":["arn:aws:dynamodb:us-east-1:111122223333:table/t-%d","arn:aws:dynamodb:us-east-1:111122223333:table/t-%d/index/*"]},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-%d/*"}]}`, wild, i, i, i))},
			{Name: "secrets", Document: parse(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","kms:Decrypt"],"Resource":["arn:aws:secretsmanager:us-east-1:111122223333:secret:fn-%d-*","arn:aws:kms:us-east-1:111122223333:key/k-%d"],"Condition":{"StringEquals":{"aws:ResourceTag/team":"t%d"}}}]}`, i, i, i%7))},
		}
		roles[i] = r
	}
	return roles
}

// BenchmarkEffective2000Roles computes the effective permissions and the
// escalation paths of 2,000 realistic execution roles, as the IAM rules do
// for a large account. Policy documents are prepared once (the per-document
// cache), as in a scan.
//
//	go test ./bench -run XXX -bench Effective -benchmem
func BenchmarkEffective2000Roles(b *testing.B) {
	roles := iamRoles(b, 2000)
	b.ResetTimer()
	for b.Loop() {
		for _, r := range roles {
			p, err := iam.RolePrincipal(r)
			if err != nil {
				b.Fatal(err)
			}
			iam.ComputeEffective(p)
			iam.Escalations(p, r.AccountID, nil)
		}
	}
}
