package terraform

import (
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// layers maps aws_lambda_layer_version and its permissions. A layer
// version's policy is authoritative when the configuration defines it.
func (b *builder) layers() {
	byLayer := map[string]*inventory.LayerVersion{}
	b.each("aws_lambda_layer_version", func(in *instance) {
		v := in.values
		l := &inventory.LayerVersion{
			ARN: str0(attr(v, "arn")), LayerARN: str0(attr(v, "layer_arn")), Name: str0(attr(v, "layer_name")),
			AccountID: b.account.ID, Region: b.region.Name, Description: str0(attr(v, "description")),
			LicenseInfo: str0(attr(v, "license_info")), Source: loc(in),
			Policy: inventory.Collected[*policy.Document](nil),
		}
		l.CompatibleRuntimes, _ = strs(attr(v, "compatible_runtimes"))
		l.CompatibleArchitectures, _ = strs(attr(v, "compatible_architectures"))
		b.region.Layers[l.ARN] = l
		byLayer[l.Name], byLayer[l.LayerARN], byLayer[l.ARN] = l, l, l
	})
	if len(byLayer) > 0 {
		b.region.Collected.Add(inventory.SecLayerVersions)
		b.region.Collected.Add(inventory.SecLayerPolicies)
	}
	b.each("aws_lambda_layer_version_permission", func(in *instance) {
		v := in.values
		l := byLayer[str0(attr(v, "layer_name"))]
		if l == nil {
			return
		}
		principal, ok1 := str(attr(v, "principal"))
		action, ok2 := str(attr(v, "action"))
		if !ok1 || !ok2 {
			l.Policy = inventory.Maybe[*policy.Document]{}
			return
		}
		st := policy.Statement{Sid: str0(attr(v, "statement_id")), Effect: "Allow",
			Action: policy.Strings{action}, Resource: policy.Strings{l.ARN}, Principal: lambdaPrincipal(principal)}
		if org := str0(attr(v, "organization_id")); org != "" {
			st.Condition = policy.Conditions{"StringEquals": {"aws:PrincipalOrgID": {org}}}
		}
		if !l.Policy.Known {
			return
		}
		if l.Policy.Value == nil {
			l.Policy = inventory.Collected(&policy.Document{Version: "2012-10-17"})
		}
		l.Policy.Value.Statements = append(l.Policy.Value.Statements, st)
	})
}

// codeSigning maps aws_lambda_code_signing_config.
func (b *builder) codeSigning() {
	b.each("aws_lambda_code_signing_config", func(in *instance) {
		v := in.values
		c := &inventory.CodeSigningConfig{
			ARN: str0(attr(v, "arn")), ID: str0(attr(v, "config_id")), Description: str0(attr(v, "description")),
			UntrustedArtifactOnDeployment: "Warn",
		}
		c.AllowedPublishers, _ = strs(attr(firstBlock(v, "allowed_publishers"), "signing_profile_version_arns"))
		if p, ok := str(attr(firstBlock(v, "policies"), "untrusted_artifact_on_deployment")); ok {
			c.UntrustedArtifactOnDeployment = p
		}
		b.region.CodeSigningConfigs[c.ARN] = c
	})
}

// urls maps aws_lambda_function_url onto its function.
func (b *builder) urls() {
	b.each("aws_lambda_function_url", func(in *instance) {
		v := in.values
		f := b.function(str0(attr(v, "function_name")))
		if f == nil {
			return
		}
		auth, ok := str(attr(v, "authorization_type"))
		if !ok {
			f.URL = inventory.Maybe[*inventory.FunctionURL]{}
			return
		}
		u := &inventory.FunctionURL{URL: str0(attr(v, "function_url")), AuthType: auth, InvokeMode: str0(attr(v, "invoke_mode"))}
		if c := firstBlock(v, "cors"); !c.IsNull() {
			cors := &inventory.CORS{MaxAge: int0(attr(c, "max_age"), 0)}
			cors.AllowCredentials, _ = boolean(attr(c, "allow_credentials"), false)
			cors.AllowOrigins, _ = strs(attr(c, "allow_origins"))
			cors.AllowMethods, _ = strs(attr(c, "allow_methods"))
			cors.AllowHeaders, _ = strs(attr(c, "allow_headers"))
			cors.ExposeHeaders, _ = strs(attr(c, "expose_headers"))
			u.CORS = cors
		}
		f.URL = inventory.Collected(u)
	})
}

// invokeConfigs maps aws_lambda_function_event_invoke_config.
func (b *builder) invokeConfigs() {
	b.each("aws_lambda_function_event_invoke_config", func(in *instance) {
		v := in.values
		f := b.function(str0(attr(v, "function_name")))
		if f == nil {
			return
		}
		c := &inventory.EventInvokeConfig{}
		if n, ok := num(attr(v, "maximum_retry_attempts")); ok {
			c.MaximumRetryAttempts = &n
		}
		if n, ok := num(attr(v, "maximum_event_age_in_seconds")); ok {
			c.MaximumEventAgeInSeconds = &n
		}
		dc := firstBlock(v, "destination_config")
		c.OnFailure = str0(attr(firstBlock(dc, "on_failure"), "destination"))
		c.OnSuccess = str0(attr(firstBlock(dc, "on_success"), "destination"))
		f.EventInvokeConfig = inventory.Collected(c)
	})
}

// mappings maps aws_lambda_event_source_mapping; the function ARN is the
// configuration's so that Link attaches the mapping.
func (b *builder) mappings() {
	b.each("aws_lambda_event_source_mapping", func(in *instance) {
		v := in.values
		m := &inventory.EventSourceMapping{
			UUID: str0(attr(v, "uuid")), EventSourceARN: str0(attr(v, "event_source_arn")),
			FunctionARN: str0(attr(v, "function_name")), BatchSize: int0(attr(v, "batch_size"), 0), State: "Enabled",
			OnFailure: str0(attr(firstBlock(firstBlock(v, "destination_config"), "on_failure"), "destination_arn")),
		}
		if f := b.function(m.FunctionARN); f != nil {
			m.FunctionARN = f.ARN
		}
		if on, _ := boolean(attr(v, "enabled"), true); !on {
			m.State = "Disabled"
		}
		b.region.EventSourceMappings = append(b.region.EventSourceMappings, m)
	})
}

// logGroups maps aws_cloudwatch_log_group.
func (b *builder) logGroups() {
	b.each("aws_cloudwatch_log_group", func(in *instance) {
		v := in.values
		g := &inventory.LogGroup{Name: str0(attr(v, "name")), ARN: str0(attr(v, "arn")),
			RetentionInDays: int0(attr(v, "retention_in_days"), 0), KMSKeyID: str0(attr(v, "kms_key_id"))}
		if g.Name != "" {
			b.region.LogGroups[g.Name] = g
		}
	})
}
