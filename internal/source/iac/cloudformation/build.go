package cloudformation

import (
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// builder maps one resolved template into the inventory.
type builder struct {
	t       *template
	inv     *inventory.Inventory
	account *inventory.Account
	region  *inventory.Region

	functions map[string]*inventory.Function // by logical id
	byName    map[string]*inventory.Function // by name and ARN
	roles     map[string]*inventory.Role     // by logical id, name and ARN
	policies  map[string][]statement         // function logical id → resource-policy statements
	layers    map[string]*inventory.LayerVersion
}

// build maps every resource the scanner models. A template is authoritative
// for what it declares about its functions (permissions, URLs, concurrency,
// code signing, invoke configs, mappings): those are marked collected so
// rules judge them. Account data a template cannot hold (trails, GuardDuty,
// the organization) stays not collected.
func (t *template) build(inv *inventory.Inventory) {
	b := &builder{
		t: t, inv: inv,
		account:   inv.Account(t.account),
		functions: map[string]*inventory.Function{},
		byName:    map[string]*inventory.Function{},
		roles:     map[string]*inventory.Role{},
		policies:  map[string][]statement{},
		layers:    map[string]*inventory.LayerVersion{},
	}
	b.region = b.account.Region(t.region)
	for _, s := range []inventory.Section{
		inventory.SecFunctions, inventory.SecFunctionDetails, inventory.SecFunctionPolicies,
		inventory.SecFunctionURLs, inventory.SecFunctionCodeSigning, inventory.SecCodeSigningConfigs,
		inventory.SecEventInvokeConfigs, inventory.SecEventSourceMappings, inventory.SecLogGroups,
	} {
		b.region.Collected.Add(s)
	}
	b.account.Collected.Add(inventory.SecIAM)

	// Order matters: roles and layers before functions, functions before
	// what attaches to them.
	phases := [][]string{
		{"AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion",
			"AWS::Lambda::CodeSigningConfig", "AWS::Logs::LogGroup"},
		{"AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::Lambda::LayerVersionPermission"},
		{"AWS::Lambda::Function", "AWS::Serverless::Function"},
		{"AWS::Lambda::Permission", "AWS::Lambda::Url", "AWS::Lambda::EventInvokeConfig", "AWS::Lambda::EventSourceMapping"},
	}
	for _, phase := range phases {
		for _, id := range t.order {
			r := t.resources[id]
			for _, typ := range phase {
				if r.Type == typ {
					b.resource(r)
				}
			}
		}
	}
	for id, sts := range b.policies {
		f := b.functions[id]
		f.ResourcePolicy = inventory.Collected(policyDocument(sts))
	}
	b.finishAPIRoutes()
	b.network()
	for _, id := range t.order {
		r := t.resources[id]
		b.inv.Suppressions = append(b.inv.Suppressions, t.comments.For(t.file, id, r.Line)...)
	}
}

func (b *builder) resource(r *resource) {
	switch r.Type {
	case "AWS::IAM::Role":
		b.role(r)
	case "AWS::IAM::ManagedPolicy":
		b.managedPolicy(r)
	case "AWS::IAM::Policy", "AWS::IAM::RolePolicy":
		b.inlinePolicy(r)
	case "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion":
		b.layer(r)
	case "AWS::Lambda::LayerVersionPermission":
		b.layerPermission(r)
	case "AWS::Lambda::CodeSigningConfig":
		b.codeSigningConfig(r)
	case "AWS::Logs::LogGroup":
		b.logGroup(r)
	case "AWS::Lambda::Function":
		b.function(r, r.Props)
	case "AWS::Serverless::Function":
		b.samFunction(r)
	case "AWS::Lambda::Permission":
		b.permission(r)
	case "AWS::Lambda::Url":
		b.url(r)
	case "AWS::Lambda::EventInvokeConfig":
		b.eventInvokeConfig(r)
	case "AWS::Lambda::EventSourceMapping":
		b.eventSourceMapping(r)
	}
}

func (b *builder) loc(r *resource) *inventory.Location {
	return &inventory.Location{File: b.t.file, Line: r.Line, LogicalID: r.ID}
}

// function maps the properties of an AWS::Lambda::Function (SAM functions
// arrive here with their properties translated).
func (b *builder) function(r *resource, p map[string]any) *inventory.Function {
	t := b.t
	name := t.name(r.ID)
	f := &inventory.Function{
		ARN:         t.functionARN(name),
		Name:        name,
		Account:     b.account,
		Region:      b.region,
		Source:      b.loc(r),
		Description: t.str(p["Description"]),
		Runtime:     t.str(p["Runtime"]),
		Handler:     t.str(p["Handler"]),
		PackageType: orDefault(t.str(p["PackageType"]), "Zip"),
		Tags:        t.strMap(p["Tags"]),
		Environment: t.strMap(get(p, "Environment", "Variables")),
		KMSKeyARN:   t.str(p["KmsKeyArn"]),
		TracingMode: orDefault(t.str(get(p, "TracingConfig", "Mode")), "PassThrough"),
		RoleARN:     t.str(p["Role"]),
		ImageURI:    t.str(get(p, "Code", "ImageUri")),

		DeadLetterTarget: t.str(get(p, "DeadLetterConfig", "TargetArn")),
		LogGroupName:     t.str(get(p, "LoggingConfig", "LogGroup")),
		LogFormat:        orDefault(t.str(get(p, "LoggingConfig", "LogFormat")), "Text"),
		SnapStart:        t.str(get(p, "SnapStart", "ApplyOn")),

		ResourcePolicy:       inventory.Collected[*policyDoc](nil),
		URL:                  inventory.Collected[*inventory.FunctionURL](nil),
		CodeSigningConfigARN: inventory.Collected(t.str(p["CodeSigningConfigArn"])),
		EventInvokeConfig:    inventory.Collected[*inventory.EventInvokeConfig](nil),
		ReservedConcurrency:  inventory.Collected[*int](nil),
	}
	if f.ImageURI != "" {
		f.PackageType = "Image"
	}
	f.Architectures = t.strs(p["Architectures"])
	if len(f.Architectures) == 0 {
		f.Architectures = []string{"x86_64"}
	}
	f.MemorySize = intOr(t, p["MemorySize"], 128)
	f.Timeout = intOr(t, p["Timeout"], 3)
	f.EphemeralStorage = intOr(t, get(p, "EphemeralStorage", "Size"), 512)
	if n, ok := t.intOf(p["ReservedConcurrentExecutions"]); ok {
		f.ReservedConcurrency = inventory.Collected(&n)
	}
	for _, l := range t.strs(p["Layers"]) {
		att := inventory.LayerAttachment{ARN: l}
		if lv := b.layers[l]; lv != nil {
			att.Layer = lv
		}
		f.Layers = append(f.Layers, att)
	}
	if vc, ok := p["VpcConfig"].(map[string]any); ok {
		subnets, groups := t.strs(vc["SubnetIds"]), t.strs(vc["SecurityGroupIds"])
		if len(subnets) > 0 || len(groups) > 0 {
			f.VPC = &inventory.VPCAttachment{SubnetIDs: subnets, SecurityGroupIDs: groups,
				IPv6AllowedForDualStack: t.boolOf(vc["Ipv6AllowedForDualStack"])}
		}
	}
	if role, ok := p["Role"].(Ref); ok {
		if rl := b.roles[role.LogicalID]; rl != nil {
			f.Role, f.RoleARN = rl, rl.ARN
		}
	}
	b.region.Functions = append(b.region.Functions, f)
	b.functions[r.ID] = f
	b.byName[f.Name], b.byName[f.ARN] = f, f
	return f
}

func intOr(t *template, v any, def int) int {
	if n, ok := t.intOf(v); ok {
		return n
	}
	return def
}

// target finds the function a FunctionName / TargetFunctionArn property
// names: a reference to the template's function, its name, its ARN or a
// partial ARN.
func (b *builder) target(v any) *inventory.Function {
	if r, ok := v.(Ref); ok {
		return b.functions[r.LogicalID]
	}
	s := b.t.str(v)
	if f := b.byName[s]; f != nil {
		return f
	}
	// ACCOUNT:function:NAME or an ARN with a qualifier.
	if i := strings.Index(s, "function:"); i >= 0 {
		name, _, _ := strings.Cut(s[i+len("function:"):], ":")
		return b.byName[name]
	}
	return nil
}
