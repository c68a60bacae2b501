package terraform

import (
	"regexp"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// functions maps aws_lambda_function. Defaults are the provider's: Zip
// packages, 128 MB, 3 s, PassThrough tracing, no reserved concurrency (-1).
func (b *builder) functions() {
	b.each("aws_lambda_function", func(in *instance) {
		v := in.values
		f := &inventory.Function{
			ARN: str0(attr(v, "arn")), Name: str0(attr(v, "function_name")), Source: loc(in),
			Description: str0(attr(v, "description")), Runtime: str0(attr(v, "runtime")),
			Handler: str0(attr(v, "handler")), PackageType: str0(attr(v, "package_type")),
			MemorySize: int0(attr(v, "memory_size"), 128), Timeout: int0(attr(v, "timeout"), 3),
			ImageURI: str0(attr(v, "image_uri")), RoleARN: str0(attr(v, "role")),
			KMSKeyARN: str0(attr(v, "kms_key_arn")), TracingMode: "PassThrough",
			ResourcePolicy:       inventory.Collected[*policy.Document](nil),
			URL:                  inventory.Collected[*inventory.FunctionURL](nil),
			EventInvokeConfig:    inventory.Collected[*inventory.EventInvokeConfig](nil),
			ReservedConcurrency:  inventory.Collected[*int](nil),
			CodeSigningConfigARN: inventory.Collected(""),
		}
		if f.PackageType == "" {
			f.PackageType = "Zip"
		}
		f.Architectures, _ = strs(attr(v, "architectures"))
		f.Tags, _ = stringMap(attr(v, "tags"))
		f.Environment, _ = stringMap(attr(firstBlock(v, "environment"), "variables"))
		if m, ok := str(attr(firstBlock(v, "tracing_config"), "mode")); ok {
			f.TracingMode = m
		}
		f.DeadLetterTarget = str0(attr(firstBlock(v, "dead_letter_config"), "target_arn"))
		f.SnapStart = str0(attr(firstBlock(v, "snap_start"), "apply_on"))
		f.EphemeralStorage = int0(attr(firstBlock(v, "ephemeral_storage"), "size"), 512)
		lc := firstBlock(v, "logging_config")
		f.LogGroupName, f.LogFormat = str0(attr(lc, "log_group")), str0(attr(lc, "log_format"))
		layers, _ := strs(attr(v, "layers"))
		for _, l := range layers {
			f.Layers = append(f.Layers, inventory.LayerAttachment{ARN: l})
		}
		if vc := firstBlock(v, "vpc_config"); !vc.IsNull() {
			subnets, _ := strs(attr(vc, "subnet_ids"))
			groups, _ := strs(attr(vc, "security_group_ids"))
			ipv6, _ := boolean(attr(vc, "ipv6_allowed_for_dual_stack"), false)
			if len(subnets)+len(groups) > 0 {
				f.VPC = &inventory.VPCAttachment{SubnetIDs: subnets, SecurityGroupIDs: groups, IPv6AllowedForDualStack: ipv6}
			}
		}
		rc := attr(v, "reserved_concurrent_executions")
		if n, ok := num(rc); ok && n >= 0 {
			f.ReservedConcurrency = inventory.Collected(&n)
		} else if !known(rc) {
			f.ReservedConcurrency = inventory.Maybe[*int]{}
		}
		csc := attr(v, "code_signing_config_arn")
		if s, ok := str(csc); ok {
			f.CodeSigningConfigARN = inventory.Collected(s)
		} else if !known(csc) {
			f.CodeSigningConfigARN = inventory.Maybe[string]{}
		}
		if r := b.roles[f.RoleARN]; r != nil {
			f.Role, f.RoleARN = r, r.ARN
		}
		b.region.Functions = append(b.region.Functions, f)
		b.funcs[f.Name], b.funcs[f.ARN] = f, f
	})
}

var accountID = regexp.MustCompile(`^\d{12}$`)

// permissions turns aws_lambda_permission into the statements Lambda's
// AddPermission writes into the function's resource policy: an account id
// becomes its root ARN, SourceArn an ArnLike condition, SourceAccount,
// PrincipalOrgID, FunctionUrlAuthType and EventSourceToken StringEquals
// conditions, invoked_via_function_url a Bool lambda:InvokedViaFunctionUrl
// condition. A permission whose function cannot be told makes every
// function's policy not assessed rather than silently incomplete.
func (b *builder) permissions() {
	docs := map[*inventory.Function]*policy.Document{}
	unresolved := false
	b.each("aws_lambda_permission", func(in *instance) {
		v := in.values
		ref, ok := str(attr(v, "function_name"))
		f := b.function(ref)
		if !ok || (f == nil && isPlaceholder(ref)) {
			unresolved = true
			return
		}
		if f == nil {
			return // a function defined elsewhere
		}
		st, ok := permissionStatement(in, f)
		if !ok {
			b.fail(in, "principal or action is not known before apply; the function's resource policy is not assessed")
			f.ResourcePolicy = inventory.Maybe[*policy.Document]{}
			return
		}
		if docs[f] == nil {
			docs[f] = &policy.Document{Version: "2012-10-17", ID: "default"}
		}
		docs[f].Statements = append(docs[f].Statements, st)
	})
	for f, d := range docs {
		if f.ResourcePolicy.Known {
			f.ResourcePolicy = inventory.Collected(d)
		}
	}
	if unresolved {
		for _, f := range b.region.Functions {
			f.ResourcePolicy = inventory.Maybe[*policy.Document]{}
		}
	}
}

func permissionStatement(in *instance, f *inventory.Function) (policy.Statement, bool) {
	v := in.values
	principal, ok1 := str(attr(v, "principal"))
	action, ok2 := str(attr(v, "action"))
	if !ok1 || !ok2 {
		return policy.Statement{}, false
	}
	resource := f.ARN
	if q, ok := str(attr(v, "qualifier")); ok && q != "" {
		resource += ":" + q
	}
	st := policy.Statement{
		Sid: str0(attr(v, "statement_id")), Effect: "Allow",
		Action: policy.Strings{action}, Resource: policy.Strings{resource},
		Principal: lambdaPrincipal(principal),
	}
	if st.Sid == "" {
		st.Sid = in.addr
	}
	cond := func(op, key string, val string) {
		if val == "" {
			return
		}
		if st.Condition == nil {
			st.Condition = policy.Conditions{}
		}
		if st.Condition[op] == nil {
			st.Condition[op] = map[string]policy.Strings{}
		}
		st.Condition[op][key] = policy.Strings{val}
	}
	cond("ArnLike", "AWS:SourceArn", str0(attr(v, "source_arn")))
	cond("StringEquals", "AWS:SourceAccount", str0(attr(v, "source_account")))
	cond("StringEquals", "aws:PrincipalOrgID", str0(attr(v, "principal_org_id")))
	cond("StringEquals", "lambda:FunctionUrlAuthType", str0(attr(v, "function_url_auth_type")))
	cond("StringEquals", "lambda:EventSourceToken", str0(attr(v, "event_source_token")))
	if via, _ := boolean(attr(v, "invoked_via_function_url"), false); via {
		cond("Bool", "lambda:InvokedViaFunctionUrl", "true")
	}
	return st, true
}

// lambdaPrincipal writes a principal the way Lambda stores it.
func lambdaPrincipal(p string) *policy.Principal {
	switch {
	case p == "*":
		return &policy.Principal{Any: true}
	case accountID.MatchString(p):
		return &policy.Principal{AWS: []string{"arn:aws:iam::" + p + ":root"}}
	case len(p) > 4 && !strings.HasPrefix(p, "arn:") && strings.Contains(p, "."):
		return &policy.Principal{Service: []string{p}}
	}
	return &policy.Principal{AWS: []string{p}}
}
