package cloudformation

import (
	"strconv"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// samFunction expands an AWS::Serverless::Function the way the SAM
// transform does: the function itself, the execution role SAM generates
// when Role is not given (with the managed policies, policy templates and
// inline documents of Policies), the function URL and its public
// permission, the event invoke config, and the permissions and event
// source mappings its Events create.
func (b *builder) samFunction(r *resource) {
	t, p := b.t, r.Props
	cfn := map[string]any{}
	for _, k := range []string{"FunctionName", "Description", "Runtime", "Handler", "MemorySize", "Timeout",
		"Environment", "KmsKeyArn", "ReservedConcurrentExecutions", "Layers", "VpcConfig", "Tags",
		"CodeSigningConfigArn", "LoggingConfig", "PackageType", "Architectures", "EphemeralStorage", "SnapStart"} {
		if v, ok := p[k]; ok {
			cfn[k] = v
		}
	}
	if v, ok := p["Tracing"]; ok {
		cfn["TracingConfig"] = map[string]any{"Mode": v}
	}
	if v, ok := p["ImageUri"]; ok {
		cfn["Code"] = map[string]any{"ImageUri": v}
	}
	if v := get(p, "DeadLetterQueue", "TargetArn"); v != nil {
		cfn["DeadLetterConfig"] = map[string]any{"TargetArn": v}
	}
	if role, ok := p["Role"]; ok {
		cfn["Role"] = role
	}
	f := b.function(r, cfn)
	if _, ok := p["Role"]; !ok {
		b.samRole(r, f, p)
	}
	// With AutoPublishAlias, SAM publishes a version and points an alias at
	// it; the URL, the event permissions and the event source mappings then
	// target the alias (the qualified ARN). They still run this function's
	// code, so they stay on the function, with the alias in their Resource.
	target := f.ARN
	if alias := t.str(p["AutoPublishAlias"]); alias != "" {
		f.Alias = alias
		target = f.ARN + ":" + alias
	}
	if u, ok := p["FunctionUrlConfig"].(map[string]any); ok {
		f.URL = inventory.Collected(t.functionURL(u, f))
		// For AuthType NONE SAM adds the public permissions a URL needs:
		// lambda:InvokeFunctionUrl and, since AWS began requiring it too,
		// lambda:InvokeFunction (SAM pull request #3735).
		if strings.EqualFold(f.URL.Value.AuthType, "NONE") {
			b.addStatement(f, grant{sid: r.ID + "UrlPublicPermissions", principal: "*", action: "lambda:InvokeFunctionUrl", resource: target, urlAuth: "NONE"}.statement())
			b.addStatement(f, grant{sid: r.ID + "URLInvokeAllowPublicAccess", principal: "*", action: "lambda:InvokeFunction", resource: target, invokedViaURL: true}.statement())
		}
	}
	if c, ok := p["EventInvokeConfig"].(map[string]any); ok {
		ic := t.invokeConfig(c)
		// Without a Destination, SAM creates the queue or topic itself.
		if ic.OnFailure == "" && get(c, "DestinationConfig", "OnFailure", "Type") != nil {
			ic.OnFailure = t.arn(strings.ToLower(t.str(get(c, "DestinationConfig", "OnFailure", "Type"))), f.Name+"-EventInvokeConfigOnFailure")
		}
		f.EventInvokeConfig = inventory.Collected(ic)
	}
	if events, ok := p["Events"].(map[string]any); ok {
		for _, name := range sortedKeys(events) {
			b.samEvent(r, f, target, name, events[name])
		}
	}
}

// samRole is the role SAM generates: trusted by Lambda, with
// AWSLambdaBasicExecutionRole, the X-Ray and VPC policies when tracing or
// a VPC is configured, and what Policies lists.
func (b *builder) samRole(r *resource, f *inventory.Function, p map[string]any) {
	t := b.t
	name := t.stack + "-" + r.ID + "Role"
	role := &inventory.Role{
		ARN:         t.arn("iam", "role/"+name),
		Name:        name,
		ID:          "AROA" + strings.ToUpper(r.ID) + "ROLE",
		Path:        "/",
		AccountID:   t.account,
		Source:      b.loc(r),
		TrustPolicy: t.document(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": []any{"lambda.amazonaws.com"}}, "Action": []any{"sts:AssumeRole"}}}}),
	}
	managed := []string{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}
	if f.TracingMode == "Active" {
		managed = append(managed, "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")
	}
	if f.VPC != nil {
		managed = append(managed, "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole")
	}
	for i, pol := range list(p["Policies"]) {
		switch pol := pol.(type) {
		case map[string]any:
			if _, isDoc := pol["Statement"]; isDoc {
				role.InlinePolicies = append(role.InlinePolicies, inventory.InlinePolicy{Name: r.ID + "RolePolicy" + strconv.Itoa(i), Document: t.document(pol)})
				continue
			}
			for _, tmpl := range sortedKeys(pol) {
				doc := t.policyTemplate(tmpl, pol[tmpl])
				if doc == nil {
					// A template this scanner cannot expand grants unknown
					// permissions: attach it without a document, so the
					// role is reported not assessed rather than judged on
					// part of what it may do.
					role.AttachedPolicies = append(role.AttachedPolicies, inventory.PolicyAttachment{ARN: "SAM policy template " + tmpl, Name: tmpl})
					continue
				}
				role.InlinePolicies = append(role.InlinePolicies, inventory.InlinePolicy{Name: r.ID + "RolePolicy" + strconv.Itoa(i), Document: t.document(doc)})
			}
		default:
			managed = append(managed, managedPolicyARN(t.str(pol)))
		}
	}
	if dlq, ok := p["DeadLetterQueue"].(map[string]any); ok {
		action := "sqs:SendMessage"
		if strings.EqualFold(t.str(dlq["Type"]), "SNS") {
			action = "sns:Publish"
		}
		role.InlinePolicies = append(role.InlinePolicies, inventory.InlinePolicy{Name: r.ID + "RolePolicyDLQ", Document: t.document(
			map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": action, "Resource": dlq["TargetArn"]}}})})
	}
	for _, arn := range managed {
		role.AttachedPolicies = append(role.AttachedPolicies, attachment(arn))
	}
	if pb := t.str(p["PermissionsBoundary"]); pb != "" {
		a := attachment(pb)
		role.PermissionsBoundary = &a
	}
	b.addRole(r.ID+"Role", role)
	f.Role, f.RoleARN = role, role.ARN
}

// servicePolicies are the AWS-managed policies that live under the
// service-role/ path, which a bare name in Policies must resolve to.
var servicePolicies = map[string]bool{
	"AWSLambdaBasicExecutionRole": true, "AWSLambdaVPCAccessExecutionRole": true, "AWSLambdaRole": true,
	"AWSLambdaDynamoDBExecutionRole": true, "AWSLambdaKinesisExecutionRole": true,
	"AWSLambdaSQSQueueExecutionRole": true, "AWSLambdaMSKExecutionRole": true,
}

// managedPolicyARN resolves a Policies entry naming a managed policy.
func managedPolicyARN(name string) string {
	switch {
	case strings.HasPrefix(name, "arn:"):
		return name
	case servicePolicies[name]:
		return "arn:aws:iam::aws:policy/service-role/" + name
	}
	return "arn:aws:iam::aws:policy/" + name
}
