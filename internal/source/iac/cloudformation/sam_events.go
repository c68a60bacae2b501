package cloudformation

import (
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// samEvent adds what one entry of a SAM function's Events creates: a
// permission for push sources (with the source conditions SAM writes) or an
// event source mapping for pollers (with the managed policy SAM attaches to
// a generated role). target is the ARN the events invoke: the function's,
// or its alias's with AutoPublishAlias.
func (b *builder) samEvent(r *resource, f *inventory.Function, target, name string, ev any) {
	t := b.t
	typ := t.str(get(ev, "Type"))
	p, _ := get(ev, "Properties").(map[string]any)
	sid := r.ID + name + "Permission"
	permit := func(principal, sourceARN, sourceAccount string) {
		b.addStatement(f, grant{sid: sid, principal: principal, action: "lambda:InvokeFunction", resource: target, sourceARN: sourceARN, sourceAccount: sourceAccount}.statement())
	}
	switch typ {
	case "Api", "HttpApi":
		api := t.str(p["RestApiId"])
		if typ == "HttpApi" {
			api = t.str(p["ApiId"])
		}
		if api == "" {
			api = "ServerlessRestApi"
			if typ == "HttpApi" {
				api = "ServerlessHttpApi"
			}
		}
		method := strings.ToUpper(t.str(p["Method"]))
		if method == "" || method == "ANY" {
			method = "*"
		}
		path := t.str(p["Path"])
		if path == "" {
			path = "/*"
		}
		permit("apigateway.amazonaws.com", t.arn("execute-api", api+"/*/"+method+path), "")
		b.samRoute(r, f, typ, name, p)
	case "S3":
		// SAM names only the account: naming the bucket would make the
		// bucket and the permission depend on each other.
		permit("s3.amazonaws.com", "", t.account)
	case "SNS":
		permit("sns.amazonaws.com", t.str(p["Topic"]), "")
	case "Schedule", "EventBridgeRule", "CloudWatchEvent":
		rule := t.str(p["Name"])
		if rule == "" {
			rule = t.stack + "-" + r.ID + name
		}
		permit("events.amazonaws.com", t.arn("events", "rule/"+rule), "")
	case "CloudWatchLogs":
		permit("logs.amazonaws.com", t.arn("logs", "log-group:"+t.str(p["LogGroupName"])+":*"), "")
	case "IoTRule":
		permit("iot.amazonaws.com", "", t.account)
	case "Cognito":
		permit("cognito-idp.amazonaws.com", t.str(p["UserPool"]), "")
	case "AlexaSkill":
		permit("alexa-appkit.amazon.com", "", "")
	case "SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "DocumentDB", "SelfManagedKafka":
		source := t.str(p["Queue"])
		if source == "" {
			source = t.str(p["Stream"])
		}
		b.addMapping(f, r.ID+name, source, p)
		if n := len(b.region.EventSourceMappings); n > 0 {
			b.region.EventSourceMappings[n-1].FunctionARN = target
		}
		if role := b.roles[r.ID+"Role"]; role != nil {
			if arn := pollerPolicy[typ]; arn != "" {
				role.AttachedPolicies = append(role.AttachedPolicies, attachment(arn))
			}
		}
	}
}

// pollerPolicy is the managed policy SAM attaches to a generated role for a
// polling event source.
var pollerPolicy = map[string]string{
	"SQS":      "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
	"Kinesis":  "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
	"DynamoDB": "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
	"MSK":      "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole",
}
