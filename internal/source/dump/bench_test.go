package dump

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// BenchmarkLoad loads a dump of 10,000 functions (list-functions in pages of
// 50, as Lambda answers, and five per-function answers each) with 2,000
// roles and 500 customer policies.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	writeLargeDump(b, dir, 10000, 2000)
	b.ResetTimer()
	for b.Loop() {
		inv := inventory.New()
		if errs := Load(inv, dir); len(errs) > 0 {
			b.Fatal(errs[0])
		}
		inv.Link()
		if len(inv.Functions) != 10000 {
			b.Fatalf("loaded %d functions", len(inv.Functions))
		}
	}
}

// writeLargeDump writes a dump through Writer, the way the collector does.
func writeLargeDump(tb testing.TB, dir string, functions, roles int) {
	tb.Helper()
	w := &Writer{Root: dir}
	write := func(rel string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		if err := w.Write(rel, data); err != nil {
			tb.Fatal(err)
		}
	}
	type obj = map[string]any
	doc := func(actions ...string) obj {
		return obj{"Version": "2012-10-17", "Statement": []obj{{"Effect": "Allow", "Action": actions, "Resource": "*"}}}
	}
	const region = "us-east-1"

	write(AccountPath(inventory.SecCallerIdentity, 1), obj{"UserId": "AIDA", "Account": acct, "Arn": "arn:aws:iam::" + acct + ":user/audit"})
	var roleList, policies []obj
	for i := range 500 {
		var versions []obj
		for v := 1; v <= 3; v++ {
			versions = append(versions, obj{"Document": doc(fmt.Sprintf("s3:GetObject%d", v), "dynamodb:Query", "sqs:SendMessage"),
				"VersionId": fmt.Sprintf("v%d", v), "IsDefaultVersion": v == 3, "CreateDate": "2024-01-01T00:00:00Z"})
		}
		policies = append(policies, obj{"PolicyName": fmt.Sprintf("p%d", i), "PolicyId": fmt.Sprintf("ANPA%016d", i),
			"Arn": fmt.Sprintf("arn:aws:iam::%s:policy/p%d", acct, i), "Path": "/", "DefaultVersionId": "v3", "AttachmentCount": 4,
			"PolicyVersionList": versions})
	}
	for i := range roles {
		roleList = append(roleList, obj{
			"Path": "/", "RoleName": fmt.Sprintf("role-%d", i), "RoleId": fmt.Sprintf("AROA%016d", i),
			"Arn":                      fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, i),
			"AssumeRolePolicyDocument": obj{"Version": "2012-10-17", "Statement": []obj{{"Effect": "Allow", "Principal": obj{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}},
			"RolePolicyList": []obj{
				{"PolicyName": "logs", "PolicyDocument": doc("logs:CreateLogStream", "logs:PutLogEvents")},
				{"PolicyName": "data", "PolicyDocument": doc("s3:GetObject", "s3:PutObject", "kms:Decrypt")},
			},
			"AttachedManagedPolicies": []obj{
				{"PolicyName": fmt.Sprintf("p%d", i%500), "PolicyArn": fmt.Sprintf("arn:aws:iam::%s:policy/p%d", acct, i%500)},
				{"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
			},
			"Tags": []obj{{"Key": "team", "Value": "t"}}, "RoleLastUsed": obj{"LastUsedDate": "2024-06-01T00:00:00Z"},
		})
	}
	write(AccountPath(inventory.SecIAM, 1), obj{"RoleDetailList": roleList, "Policies": policies, "UserDetailList": []obj{}, "GroupDetailList": []obj{}})

	var page []obj
	for i := range functions {
		name := fmt.Sprintf("fn-%05d", i)
		arn := fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, acct, name)
		config := obj{
			"FunctionName": name, "FunctionArn": arn, "Runtime": "python3.12",
			"Role": fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, i%roles), "Handler": "app.handler",
			"CodeSize": 123456, "Description": "a function", "Timeout": 30, "MemorySize": 512,
			"LastModified": "2024-05-01T10:00:00.000+0000", "CodeSha256": "uCzohdfiD+i8zBYQQEUaCZCcesIgHHlgWFBJbJWP+Fo=", "Version": "$LATEST",
			"VpcConfig":     obj{"SubnetIds": []string{fmt.Sprintf("subnet-%04d", i%300)}, "SecurityGroupIds": []string{"sg-0001"}, "VpcId": "vpc-0001"},
			"Environment":   obj{"Variables": obj{"STAGE": "prod", "TABLE": "orders", "API_KEY": "k-0123456789abcdef0123456789abcdef"}},
			"TracingConfig": obj{"Mode": "Active"}, "RevisionId": "0f6c5c2a-2b8e-4f0e-9c1e-000000000000",
			"Layers":      []obj{{"Arn": fmt.Sprintf("arn:aws:lambda:%s:%s:layer:l%d:1", region, acct, i%100), "CodeSize": 1000}},
			"PackageType": "Zip", "Architectures": []string{"x86_64"}, "EphemeralStorage": obj{"Size": 512},
			"SnapStart": obj{"ApplyOn": "None", "OptimizationStatus": "Off"}, "LoggingConfig": obj{"LogFormat": "Text", "LogGroup": "/aws/lambda/" + name},
		}
		page = append(page, config)
		if len(page) == 50 || i == functions-1 {
			write(RegionPath(region, inventory.SecFunctions, i/50+1), obj{"Functions": page, "NextMarker": "m"})
			page = nil
		}
		write(FunctionPath(region, inventory.SecFunctionDetails, name), obj{"Configuration": config,
			"Code":        obj{"RepositoryType": "S3", "Location": "https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/" + acct + "/" + name + "?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE&X-Amz-Signature=0123456789abcdef"},
			"Tags":        obj{"team": "t", "app": name},
			"Concurrency": obj{"ReservedConcurrentExecutions": 5}})
		policy, _ := json.Marshal(obj{"Version": "2012-10-17", "Id": "default", "Statement": []obj{{"Sid": "sns", "Effect": "Allow",
			"Principal": obj{"Service": "sns.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": arn,
			"Condition": obj{"ArnLike": obj{"AWS:SourceArn": "arn:aws:sns:us-east-1:" + acct + ":topic"}}}}})
		write(FunctionPath(region, inventory.SecFunctionPolicies, name), obj{"Policy": string(policy), "RevisionId": "r"})
		write(FunctionPath(region, inventory.SecFunctionURLs, name), obj{})
		write(FunctionPath(region, inventory.SecFunctionCodeSigning, name), obj{"FunctionName": name})
		write(FunctionPath(region, inventory.SecEventInvokeConfigs, name), obj{})
	}
	var subnets []obj
	for i := range 300 {
		subnets = append(subnets, obj{"SubnetId": fmt.Sprintf("subnet-%04d", i), "VpcId": "vpc-0001", "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.0.0/24"})
	}
	write(RegionPath(region, inventory.SecSubnets, 1), obj{"Subnets": subnets})
	write(RegionPath(region, inventory.SecVPCs, 1), obj{"Vpcs": []obj{{"VpcId": "vpc-0001", "CidrBlock": "10.0.0.0/16"}}})
	for i := range 100 {
		write(LayerPath(region, inventory.SecLayerVersions, fmt.Sprintf("l%d", i), acct, acct, 1), obj{
			"LayerVersionArn": fmt.Sprintf("arn:aws:lambda:%s:%s:layer:l%d:1", region, acct, i), "Version": 1,
			"Content": obj{"CodeSha256": "abc=", "CodeSize": 1000}})
	}
}
