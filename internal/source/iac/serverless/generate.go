package serverless

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// generator turns a resolved serverless.yml into the CloudFormation
// resources the framework deploys (functions, the shared execution role,
// log groups, URLs, permissions, event source mappings), with the logical
// ids it uses, next to the user's own resources: section. Each generated
// resource points at the line of the serverless.yml entry it comes from.
type generator struct {
	root     *yaml.Node
	r        *resolver
	service  string
	provider *yaml.Node

	resources *yaml.Node        // the Resources mapping handed to the CloudFormation mapper
	external  map[string]string // resources deployed outside it
	ids       map[string]bool

	roleStatements []*yaml.Node // added to the shared role by events (queues, streams)
	usesSharedRole bool
	logGroups      []*yaml.Node // log-group ARNs the shared role may write to
	vpc            bool

	routes    map[string][]inventory.APIRoute // http/httpApi routes by function logical id (routes.go)
	websocket map[string]bool                 // functions with websocket events
}

func newGenerator(root *yaml.Node, r *resolver) *generator {
	g := &generator{root: root, r: r, resources: mapping(), ids: map[string]bool{},
		external: map[string]string{"ServerlessDeploymentBucket": "serverless-deployment-bucket"}}
	g.service = text(get(root, "service"))
	if g.service == "" {
		g.service = text(get(root, "service", "name")) // framework v1 shape
	}
	g.provider = get(root, "provider")
	return g
}

// add appends a resource whose definition starts at line.
func (g *generator) add(id string, line int, typ string, props *yaml.Node) {
	g.ids[id] = true
	g.resources.Content = append(g.resources.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: id, Line: line},
		mapping("Type", typ, "Properties", props))
}

// normalize is the framework's logical-id form of a function key.
func normalize(name string) string {
	name = strings.NewReplacer("-", "Dash", "_", "Underscore").Replace(name)
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func (g *generator) generate() error {
	if g.service == "" {
		return fmt.Errorf("no service name")
	}
	fks, fvs := pairs(get(g.root, "functions"))
	for i, k := range fks {
		if err := g.function(k, fvs[i]); err != nil {
			return err
		}
	}
	if g.usesSharedRole {
		g.sharedRole()
	}
	// The user's resources come last and may refer to the generated ones.
	rks, rvs := pairs(get(g.root, "resources", "Resources"))
	for i, k := range rks {
		if g.ids[k.Value] {
			// Same logical id: the user's definition extends the generated
			// one in the framework; here the user's wins.
			g.drop(k.Value)
		}
		g.resources.Content = append(g.resources.Content, k, rvs[i])
	}
	return nil
}

func (g *generator) drop(id string) {
	c := g.resources.Content
	for i := 0; i+1 < len(c); i += 2 {
		if c[i].Value == id {
			g.resources.Content = append(c[:i:i], c[i+2:]...)
			return
		}
	}
}

// providerOr returns a function setting, else the provider's.
func (g *generator) providerOr(fn *yaml.Node, key string) *yaml.Node {
	return firstOf(get(fn, key), get(g.provider, key))
}

func (g *generator) function(key, fn *yaml.Node) error {
	id := normalize(key.Value)
	fid := id + "LambdaFunction"
	line := key.Line
	name := text(get(fn, "name"))
	if name == "" {
		name = g.service + "-" + g.r.stage + "-" + key.Value
	}
	props := mapping(
		"FunctionName", name,
		"Handler", get(fn, "handler"),
		"Runtime", g.providerOr(fn, "runtime"),
		"MemorySize", firstOf(g.providerOr(fn, "memorySize"), str("1024")),
		"Timeout", firstOf(g.providerOr(fn, "timeout"), str("6")),
		"Description", get(fn, "description"),
		"KmsKeyArn", g.providerOr(fn, "kmsKeyArn"),
		"ReservedConcurrentExecutions", get(fn, "reservedConcurrency"),
		"Layers", g.providerOr(fn, "layers"),
		"Tags", merge(get(g.provider, "tags"), get(fn, "tags")),
	)
	if env := merge(get(g.provider, "environment"), get(fn, "environment")); env != nil {
		props.Content = append(props.Content, str("Environment"), mapping("Variables", env))
	}
	if arch := g.providerOr(fn, "architecture"); arch != nil {
		props.Content = append(props.Content, str("Architectures"), seq(arch))
	}
	if img := get(fn, "image"); img != nil {
		props.Content = append(props.Content, str("PackageType"), str("Image"), str("Code"), mapping("ImageUri", firstOf(get(img, "uri"), img)))
	}
	tracing := firstOf(get(fn, "tracing"), get(g.provider, "tracing", "lambda"))
	if t := text(tracing); strings.EqualFold(t, "true") || strings.EqualFold(t, "Active") {
		props.Content = append(props.Content, str("TracingConfig"), mapping("Mode", "Active"))
	}
	if vpc := g.providerOr(fn, "vpc"); vpc != nil {
		props.Content = append(props.Content, str("VpcConfig"), mapping("SubnetIds", get(vpc, "subnetIds"), "SecurityGroupIds", get(vpc, "securityGroupIds")))
		if get(fn, "role") == nil {
			g.vpc = true
		}
	}
	if dlq := text(get(fn, "onError")); dlq != "" {
		props.Content = append(props.Content, str("DeadLetterConfig"), mapping("TargetArn", dlq))
	}
	props.Content = append(props.Content, str("Role"), g.roleFor(fn))
	g.add(fid, line, "AWS::Lambda::Function", props)

	logGroup := "/aws/lambda/" + name
	g.logGroups = append(g.logGroups, str(fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", g.r.region, g.r.account, logGroup)))
	g.add(id+"LogGroup", line, "AWS::Logs::LogGroup", mapping("LogGroupName", logGroup,
		"RetentionInDays", g.providerOr(fn, "logRetentionInDays")))

	if u := get(fn, "url"); u != nil && (u.Kind == yaml.MappingNode || isTrue(u)) {
		g.url(id, fid, line, u)
	}
	if dest := text(get(fn, "destinations", "onFailure")); dest != "" {
		g.add(id+"LambdaEvConf", line, "AWS::Lambda::EventInvokeConfig", mapping("FunctionName", ref(fid), "Qualifier", "$LATEST",
			"DestinationConfig", mapping("OnFailure", mapping("Destination", g.destination(dest)))))
	}
	for i, ev := range items(get(fn, "events")) {
		g.event(id, fid, i, ev)
	}
	return nil
}

// roleFor is a function's Role: its own role:, the provider's
// iam.role when that names a role, or the shared generated role.
func (g *generator) roleFor(fn *yaml.Node) *yaml.Node {
	role := get(fn, "role")
	if role == nil {
		if pr := firstOf(get(g.provider, "iam", "role"), get(g.provider, "role")); pr != nil && pr.Kind != yaml.MappingNode {
			role = pr
		}
	}
	if role == nil {
		g.usesSharedRole = true
		return getAtt("IamRoleLambdaExecution", "Arn")
	}
	if role.Kind != yaml.ScalarNode {
		return role // Fn::GetAtt and friends, resolved by the CloudFormation mapper
	}
	switch v := role.Value; {
	case strings.HasPrefix(v, "arn:"):
		return role
	case get(g.root, "resources", "Resources", v) != nil:
		return getAtt(v, "Arn")
	default:
		return str(fmt.Sprintf("arn:aws:iam::%s:role/%s", g.r.account, v))
	}
}

// destination turns a destinations: entry (an ARN or a function name of
// the service) into an ARN.
func (g *generator) destination(d string) string {
	if strings.HasPrefix(d, "arn:") {
		return d
	}
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s-%s-%s", g.r.region, g.r.account, g.service, g.r.stage, d)
}

// url maps url: true | {authorizer: aws_iam, cors: …}. For a public URL the
// framework adds the permissions AWS requires (lambda:InvokeFunctionUrl
// and, since October 2025, lambda:InvokeFunction via the URL).
func (g *generator) url(id, fid string, line int, u *yaml.Node) {
	auth := "NONE"
	if strings.EqualFold(text(get(u, "authorizer")), "aws_iam") {
		auth = "AWS_IAM"
	}
	props := mapping("AuthType", auth, "TargetFunctionArn", getAtt(fid, "Arn"), "InvokeMode", get(u, "invokeMode"))
	if c := get(u, "cors"); c != nil && (c.Kind == yaml.MappingNode || isTrue(c)) {
		cors := mapping(
			"AllowOrigins", firstOf(get(c, "allowedOrigins"), seq(str("*"))),
			"AllowHeaders", firstOf(get(c, "allowedHeaders"), seq(str("Content-Type"), str("X-Amz-Date"), str("Authorization"), str("X-Api-Key"), str("X-Amz-Security-Token"))),
			"AllowMethods", firstOf(get(c, "allowedMethods"), seq(str("*"))),
			"AllowCredentials", get(c, "allowCredentials"),
			"ExposeHeaders", get(c, "exposedResponseHeaders"),
			"MaxAge", get(c, "maxAge"),
		)
		props.Content = append(props.Content, str("Cors"), cors)
	}
	g.add(id+"LambdaFunctionUrl", line, "AWS::Lambda::Url", props)
	if auth == "NONE" {
		g.add(id+"LambdaPermissionFnUrl", line, "AWS::Lambda::Permission", mapping("FunctionName", getAtt(fid, "Arn"),
			"Action", "lambda:InvokeFunctionUrl", "Principal", "*", "FunctionUrlAuthType", "NONE"))
		g.add(id+"LambdaPermissionInvokeFnUrl", line, "AWS::Lambda::Permission", mapping("FunctionName", getAtt(fid, "Arn"),
			"Action", "lambda:InvokeFunction", "Principal", "*", "InvokedViaFunctionUrl", "true"))
	}
}

// sharedRole is IamRoleLambdaExecution: trusted by Lambda, allowed to write
// the service's log groups, with provider.iam.role.statements (or the older
// provider.iamRoleStatements), the managed policies, and what events need.
func (g *generator) sharedRole() {
	line := 1
	if k := keyLine(g.root, "provider"); k > 0 {
		line = k
	}
	statements := []*yaml.Node{
		mapping("Effect", "Allow", "Action", seq(str("logs:CreateLogStream"), str("logs:CreateLogGroup"), str("logs:TagResource")), "Resource", seq(g.logGroups...)),
		mapping("Effect", "Allow", "Action", seq(str("logs:PutLogEvents")), "Resource", seq(g.logGroups...)),
	}
	iamRole := get(g.provider, "iam", "role")
	statements = append(statements, items(firstOf(get(iamRole, "statements"), get(g.provider, "iamRoleStatements")))...)
	statements = append(statements, g.roleStatements...)
	managed := items(firstOf(get(iamRole, "managedPolicies"), get(g.provider, "iamManagedPolicies")))
	if g.vpc {
		managed = append(managed, str("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))
	}
	trust := mapping("Version", "2012-10-17", "Statement", seq(mapping("Effect", "Allow",
		"Principal", mapping("Service", seq(str("lambda.amazonaws.com"))), "Action", seq(str("sts:AssumeRole")))))
	props := mapping(
		"RoleName", firstOf(get(iamRole, "name"), str(fmt.Sprintf("%s-%s-%s-lambdaRole", g.service, g.r.stage, g.r.region))),
		"Path", get(iamRole, "path"),
		"AssumeRolePolicyDocument", trust,
		"Policies", seq(mapping("PolicyName", fmt.Sprintf("%s-%s-lambda", g.service, g.r.stage),
			"PolicyDocument", mapping("Version", "2012-10-17", "Statement", seq(statements...)))),
		"PermissionsBoundary", firstOf(get(iamRole, "permissionsBoundary"), get(g.provider, "rolePermissionsBoundary")),
	)
	if len(managed) > 0 {
		props.Content = append(props.Content, str("ManagedPolicyArns"), seq(managed...))
	}
	g.add("IamRoleLambdaExecution", line, "AWS::IAM::Role", props)
}

// keyLine is the line of a top-level key.
func keyLine(root *yaml.Node, key string) int {
	ks, _ := pairs(root)
	for _, k := range ks {
		if k.Value == key {
			return k.Line
		}
	}
	return 0
}
