package serverless

import (
	"fmt"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// event adds what one entry of a function's events: creates: a
// permission with the source the framework names, or an event source
// mapping plus the role statements a poller needs.
func (g *generator) event(id, fid string, i int, ev *yaml.Node) {
	ks, vs := pairs(ev)
	if len(ks) != 1 {
		return
	}
	kind, p := ks[0].Value, vs[0]
	line := ks[0].Line
	region, account := g.r.region, g.r.account
	n := strconv.Itoa(i + 1)
	permit := func(suffix, principal string, extra ...any) {
		props := mapping(append([]any{"FunctionName", getAtt(fid, "Arn"), "Action", "lambda:InvokeFunction", "Principal", principal}, extra...)...)
		g.add(id+"LambdaPermission"+suffix, line, "AWS::Lambda::Permission", props)
	}
	switch kind {
	case "http", "httpApi", "websocket":
		api := "ApiGatewayRestApi"
		if kind == "httpApi" {
			api = "HttpApi"
		} else if kind == "websocket" {
			api = "WebsocketsApi"
		}
		permit(strings.ToUpper(kind[:1])+kind[1:]+n, "apigateway.amazonaws.com",
			"SourceArn", fmt.Sprintf("arn:aws:execute-api:%s:%s:%s/*", region, account, api))
		if kind == "websocket" {
			if g.websocket == nil {
				g.websocket = map[string]bool{}
			}
			g.websocket[fid] = true
		} else {
			g.route(fid, kind, line, p)
		}
	case "s3":
		bucket := text(p)
		if bucket == "" {
			bucket = text(get(p, "bucket"))
		}
		permit("S3"+n, "s3.amazonaws.com", "SourceArn", "arn:aws:s3:::"+bucket, "SourceAccount", account)
	case "sns":
		topic := firstOf(get(p, "arn"), get(p, "topicName"))
		if topic == nil {
			topic = p
		}
		arn := text(topic)
		if topic.Kind == yaml.ScalarNode && !strings.HasPrefix(arn, "arn:") {
			topic = str(fmt.Sprintf("arn:aws:sns:%s:%s:%s", region, account, arn))
		}
		permit("Sns"+n, "sns.amazonaws.com", "SourceArn", topic)
	case "schedule", "eventBridge":
		rule := text(get(p, "name"))
		if rule == "" {
			rule = fmt.Sprintf("%s-%s-%s-rule-%s", g.service, g.r.stage, id, n)
		}
		permit("EventsRule"+n, "events.amazonaws.com", "SourceArn", fmt.Sprintf("arn:aws:events:%s:%s:rule/%s", region, account, rule))
	case "cloudwatchLog":
		group := text(p)
		if group == "" {
			group = text(get(p, "logGroup"))
		}
		permit("LogsSubscription"+n, "logs.amazonaws.com", "SourceArn", fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", region, account, group))
	case "iot":
		permit("Iot"+n, "iot.amazonaws.com", "SourceAccount", account)
	case "cognitoUserPool":
		permit("Cognito"+n, "cognito-idp.amazonaws.com")
	case "alexaSkill":
		permit("AlexaSkill"+n, "alexa-appkit.amazon.com", "EventSourceToken", get(p, "appId"))
	case "sqs", "stream", "msk", "kafka", "activemq", "rabbitmq":
		source := firstOf(get(p, "arn"), p)
		if source.Kind != yaml.ScalarNode && source.Kind != yaml.MappingNode {
			return
		}
		g.add(id+"EventSourceMapping"+strings.ToUpper(kind[:1])+kind[1:]+n, line, "AWS::Lambda::EventSourceMapping", mapping(
			"FunctionName", getAtt(fid, "Arn"), "EventSourceArn", source, "BatchSize", get(p, "batchSize"), "Enabled", get(p, "enabled"),
			"DestinationConfig", onFailure(p)))
		if actions := pollerActions(kind, text(source)); actions != nil {
			var as []*yaml.Node
			for _, a := range actions {
				as = append(as, str(a))
			}
			g.roleStatements = append(g.roleStatements, mapping("Effect", "Allow", "Action", seq(as...), "Resource", seq(source)))
		}
	}
}

// onFailure maps a stream's destinations.onFailure.
func onFailure(p *yaml.Node) *yaml.Node {
	d := firstOf(get(p, "destinations", "onFailure", "arn"), get(p, "destinations", "onFailure"))
	if d == nil || d.Kind == yaml.MappingNode {
		return nil
	}
	return mapping("OnFailure", mapping("Destination", d))
}

// pollerActions are the statements the framework adds to the shared role
// for queues and streams.
func pollerActions(kind, arn string) []string {
	switch {
	case kind == "sqs":
		return []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}
	case kind == "stream" && strings.Contains(arn, ":dynamodb:"):
		return []string{"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"}
	case kind == "stream":
		return []string{"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListStreams"}
	}
	return nil
}
