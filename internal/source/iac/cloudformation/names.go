package cloudformation

import "strings"

// nameProps is the property that names a resource of each type; without
// it CloudFormation generates STACK-LogicalId-SUFFIX, which we mirror
// without the random suffix.
var nameProps = map[string]string{
	"AWS::Lambda::Function": "FunctionName", "AWS::Serverless::Function": "FunctionName",
	"AWS::IAM::Role": "RoleName", "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
	"AWS::IAM::Policy": "PolicyName", "AWS::Lambda::LayerVersion": "LayerName",
	"AWS::Serverless::LayerVersion": "LayerName", "AWS::SQS::Queue": "QueueName",
	"AWS::SNS::Topic": "TopicName", "AWS::S3::Bucket": "BucketName",
	"AWS::DynamoDB::Table": "TableName", "AWS::Serverless::SimpleTable": "TableName",
	"AWS::Logs::LogGroup": "LogGroupName", "AWS::Events::Rule": "Name",
	"AWS::Kinesis::Stream": "Name", "AWS::SecretsManager::Secret": "Name",
	"AWS::StepFunctions::StateMachine": "StateMachineName",
}

// name is the physical name of a resource. A name that depends on itself
// is reported by resolveAll as a circular reference; here it falls back to
// the generated name.
func (t *template) name(id string) string {
	r := t.resources[id]
	if r == nil {
		return id
	}
	if prop := nameProps[r.Type]; prop != "" && r.Props != nil {
		if v, ok := r.Props[prop]; ok && !t.naming[id] {
			t.naming[id] = true
			s := t.str(v)
			t.naming[id] = false
			if s != "" {
				return s
			}
		}
	}
	return t.stack + "-" + id
}

func (t *template) arn(service, resource string) string {
	region, account := t.region, t.account
	switch service {
	case "iam":
		region = ""
	case "s3":
		region, account = "", ""
	}
	return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource
}

// physical prints a reference as CloudFormation would resolve it.
func (t *template) physical(r Ref) string {
	res := t.resources[r.LogicalID]
	if res == nil {
		return r.LogicalID
	}
	n := t.name(r.LogicalID)
	attr := r.Attr
	switch res.Type {
	case "AWS::Lambda::Function", "AWS::Serverless::Function":
		if attr == "Arn" {
			return t.functionARN(n)
		}
		if attr == "" {
			return n
		}
	case "AWS::IAM::Role":
		if attr == "Arn" {
			return t.arn("iam", "role/"+n)
		}
		if attr == "RoleId" {
			return "AROA" + strings.ToUpper(r.LogicalID)
		}
		return n
	case "AWS::IAM::ManagedPolicy":
		return t.arn("iam", "policy/"+n)
	case "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion":
		return t.arn("lambda", "layer:"+n+":1")
	case "AWS::Lambda::CodeSigningConfig":
		return t.arn("lambda", "code-signing-config:csc-"+strings.ToLower(r.LogicalID))
	case "AWS::SQS::Queue":
		if attr == "Arn" {
			return t.arn("sqs", n)
		}
		if attr == "" || attr == "QueueUrl" {
			return "https://sqs." + t.region + ".amazonaws.com/" + t.account + "/" + n
		}
	case "AWS::SNS::Topic":
		return t.arn("sns", n)
	case "AWS::S3::Bucket":
		if attr == "Arn" {
			return t.arn("s3", n)
		}
		if attr == "" {
			return n
		}
	case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable":
		if attr == "Arn" {
			return t.arn("dynamodb", "table/"+n)
		}
		if attr == "StreamArn" {
			return t.arn("dynamodb", "table/"+n+"/stream/*")
		}
		if attr == "" {
			return n
		}
	case "AWS::Kinesis::Stream":
		if attr == "Arn" {
			return t.arn("kinesis", "stream/"+n)
		}
		return n
	case "AWS::Logs::LogGroup":
		if attr == "Arn" {
			return t.arn("logs", "log-group:"+n+":*")
		}
		return n
	case "AWS::Events::Rule":
		if attr == "Arn" {
			return t.arn("events", "rule/"+n)
		}
		return n
	case "AWS::SecretsManager::Secret":
		return t.arn("secretsmanager", "secret:"+n)
	case "AWS::EC2::SecurityGroup":
		if attr == "" || attr == "GroupId" {
			return "sg-" + strings.ToLower(r.LogicalID)
		}
	case "AWS::EC2::Subnet":
		return "subnet-" + strings.ToLower(r.LogicalID)
	case "AWS::EC2::VPC":
		return "vpc-" + strings.ToLower(r.LogicalID)
	case "AWS::EC2::RouteTable":
		return "rtb-" + strings.ToLower(r.LogicalID)
	case "AWS::EC2::InternetGateway":
		return "igw-" + strings.ToLower(r.LogicalID)
	case "AWS::EC2::NatGateway":
		return "nat-" + strings.ToLower(r.LogicalID)
	}
	switch {
	case attr == "Arn":
		return t.arn(serviceOf(res.Type), n)
	case attr == "" || strings.HasSuffix(attr, "Name"): // QueueName, TopicName …
		return n
	}
	return "${" + r.LogicalID + "." + attr + "}"
}

func (t *template) functionARN(name string) string {
	if strings.HasPrefix(name, "arn:") {
		return name
	}
	return t.arn("lambda", "function:"+name)
}

// serviceOf derives the ARN service from a resource type (AWS::SQS::Queue → sqs).
func serviceOf(typ string) string {
	parts := strings.Split(typ, "::")
	if len(parts) == 3 {
		return strings.ToLower(parts[1])
	}
	return "unknown"
}
