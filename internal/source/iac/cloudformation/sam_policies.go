package cloudformation

import "strings"

// samTemplate is one SAM policy template: its statements, with resources
// written as patterns over the template's parameters (${TableName} …) and
// the pseudo-parameters. Contents follow the SAM policy template list
// (samtranslator/policy_templates_data/policy_templates.json).
type samTemplate []samStatement

type samStatement struct {
	actions   []string
	resources []string
}

const (
	arnPrefix = "arn:${AWS::Partition}:"
	regional  = ":${AWS::Region}:${AWS::AccountId}:"
)

func svc(service, resource string) string { return arnPrefix + service + regional + resource }

var (
	tablePatterns  = []string{svc("dynamodb", "table/${TableName}"), svc("dynamodb", "table/${TableName}/index/*")}
	bucketPatterns = []string{arnPrefix + "s3:::${BucketName}", arnPrefix + "s3:::${BucketName}/*"}
)

var samTemplates = map[string]samTemplate{
	"SQSPollerPolicy": {{[]string{"sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
		"sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"}, []string{svc("sqs", "${QueueName}")}}},
	"SQSSendMessagePolicy":    {{[]string{"sqs:SendMessage*"}, []string{svc("sqs", "${QueueName}")}}},
	"SNSPublishMessagePolicy": {{[]string{"sns:Publish"}, []string{svc("sns", "${TopicName}")}}},
	"SNSCrudPolicy": {{[]string{"sns:ListSubscriptionsByTopic", "sns:CreateTopic", "sns:SetTopicAttributes",
		"sns:Subscribe", "sns:Publish"}, []string{svc("sns", "${TopicName}*")}}},
	"LambdaInvokePolicy": {{[]string{"lambda:InvokeFunction"}, []string{svc("lambda", "function:${FunctionName}*")}}},
	"DynamoDBCrudPolicy": {{[]string{"dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
		"dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem",
		"dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"}, tablePatterns}},
	"DynamoDBReadPolicy": {{[]string{"dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem",
		"dynamodb:DescribeTable"}, tablePatterns}},
	"DynamoDBWritePolicy": {{[]string{"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"}, tablePatterns}},
	"DynamoDBStreamReadPolicy": {
		{[]string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}, []string{svc("dynamodb", "table/${TableName}/stream/${StreamName}")}},
		{[]string{"dynamodb:ListStreams"}, []string{svc("dynamodb", "table/${TableName}/stream/*")}},
	},
	"S3ReadPolicy": {{[]string{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
		"s3:GetLifecycleConfiguration"}, bucketPatterns}},
	"S3CrudPolicy": {{[]string{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
		"s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
		"s3:DeleteObject"}, bucketPatterns}},
	"S3FullAccessPolicy": {
		{[]string{"s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl",
			"s3:DeleteObject", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", "s3:GetObjectTagging",
			"s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"}, bucketPatterns[1:]},
		{[]string{"s3:ListBucket", "s3:GetBucketLocation", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"}, bucketPatterns[:1]},
	},
	"KMSDecryptPolicy": {{[]string{"kms:Decrypt"}, []string{svc("kms", "key/${KeyId}")}}},
	"KMSEncryptPolicy": {{[]string{"kms:Encrypt"}, []string{svc("kms", "key/${KeyId}")}}},
	"SSMParameterReadPolicy": {
		{[]string{"ssm:DescribeParameters"}, []string{"*"}},
		{[]string{"ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"}, []string{svc("ssm", "parameter/${ParameterName}")}},
	},
	"AWSSecretsManagerGetSecretValuePolicy": {{[]string{"secretsmanager:GetSecretValue"}, []string{"${SecretArn}"}}},
	"KinesisStreamReadPolicy": {
		{[]string{"kinesis:ListStreams", "kinesis:DescribeLimits"}, []string{svc("kinesis", "stream/*")}},
		{[]string{"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator"}, []string{svc("kinesis", "stream/${StreamName}")}},
	},
	"StepFunctionsExecutionPolicy": {{[]string{"states:StartExecution"}, []string{svc("states", "stateMachine:${StateMachineName}")}}},
	"FilterLogEventsPolicy":        {{[]string{"logs:FilterLogEvents"}, []string{svc("logs", "log-group:${LogGroupName}:log-stream:*")}}},
	"VPCAccessPolicy": {{[]string{"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
		"ec2:DetachNetworkInterface"}, []string{"*"}}},
	"CloudWatchPutMetricPolicy": {{[]string{"cloudwatch:PutMetricData"}, []string{"*"}}},
	"EC2DescribePolicy":         {{[]string{"ec2:DescribeRegions", "ec2:DescribeInstances"}, []string{"*"}}},
	"TextractPolicy":            {{[]string{"textract:*"}, []string{"*"}}},
	"FirehoseWritePolicy": {{[]string{"firehose:PutRecord", "firehose:PutRecordBatch"},
		[]string{svc("firehose", "deliverystream/${DeliveryStreamName}")}}},
}

// policyTemplate expands a SAM policy template into a policy document; nil
// for a template this scanner does not know (the role is then reported not
// assessed by the rules that judge its permissions as a whole).
func (t *template) policyTemplate(name string, params any) map[string]any {
	tmpl, ok := samTemplates[name]
	if !ok {
		return nil
	}
	values := t.strMap(params)
	expand := func(pattern string) string {
		out := strings.NewReplacer("${AWS::Partition}", "aws", "${AWS::Region}", t.region, "${AWS::AccountId}", t.account).Replace(pattern)
		for k, v := range values {
			out = strings.ReplaceAll(out, "${"+k+"}", v)
		}
		return out
	}
	var sts []any
	for _, st := range tmpl {
		var actions, resources []any
		for _, a := range st.actions {
			actions = append(actions, a)
		}
		for _, r := range st.resources {
			resources = append(resources, expand(r))
		}
		sts = append(sts, map[string]any{"Effect": "Allow", "Action": actions, "Resource": resources})
	}
	return map[string]any{"Version": "2012-10-17", "Statement": sts}
}
