package cloudformation

import (
	"encoding/json"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// statement is one statement of a resource policy as Lambda writes it when
// a permission is added.
type statement struct {
	Sid       string                       `json:"Sid"`
	Effect    string                       `json:"Effect"`
	Principal any                          `json:"Principal"`
	Action    string                       `json:"Action"`
	Resource  string                       `json:"Resource"`
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// grant is what AddPermission (or AWS::Lambda::Permission) is given.
type grant struct {
	sid, principal, action, resource         string
	sourceARN, sourceAccount, orgID, urlAuth string
	invokedViaURL                            bool
}

// statement builds the statement Lambda stores for a permission: a service
// principal as {"Service": …}, an account id as its root ARN, "*" as is,
// and the source, organization and URL conditions.
func (g grant) statement() statement {
	st := statement{Sid: g.sid, Effect: "Allow", Action: g.action, Resource: g.resource}
	switch p := g.principal; {
	case p == "*":
		st.Principal = "*"
	case strings.Contains(p, ".amazonaws.com") || strings.HasSuffix(p, ".amazon.com"):
		st.Principal = map[string]string{"Service": p}
	case len(p) == 12 && strings.Trim(p, "0123456789") == "":
		st.Principal = map[string]string{"AWS": "arn:aws:iam::" + p + ":root"}
	default:
		st.Principal = map[string]string{"AWS": p}
	}
	cond := map[string]map[string]string{}
	add := func(op, key, v string) {
		if v == "" {
			return
		}
		if cond[op] == nil {
			cond[op] = map[string]string{}
		}
		cond[op][key] = v
	}
	add("ArnLike", "AWS:SourceArn", g.sourceARN)
	add("StringEquals", "AWS:SourceAccount", g.sourceAccount)
	add("StringEquals", "aws:PrincipalOrgID", g.orgID)
	add("StringEquals", "lambda:FunctionUrlAuthType", g.urlAuth)
	if g.invokedViaURL {
		add("Bool", "lambda:InvokedViaFunctionUrl", "true")
	}
	if len(cond) > 0 {
		st.Condition = cond
	}
	return st
}

func policyDocument(sts []statement) *policy.Document {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Id": "default", "Statement": sts})
	if err != nil {
		return nil
	}
	d, err := policy.Parse(b)
	if err != nil {
		return nil
	}
	return d
}

func (b *builder) addStatement(f *inventory.Function, st statement) {
	id := f.Source.LogicalID
	b.policies[id] = append(b.policies[id], st)
}

func (b *builder) permission(r *resource) {
	t, p := b.t, r.Props
	f := b.target(p["FunctionName"])
	if f == nil {
		return // a function outside the template
	}
	b.addStatement(f, grant{
		sid: r.ID, principal: t.str(p["Principal"]), action: orDefault(t.str(p["Action"]), "lambda:InvokeFunction"), resource: f.ARN,
		sourceARN: t.str(p["SourceArn"]), sourceAccount: t.str(p["SourceAccount"]), orgID: t.str(p["PrincipalOrgID"]),
		urlAuth: t.str(p["FunctionUrlAuthType"]), invokedViaURL: t.boolOf(p["InvokedViaFunctionUrl"]),
	}.statement())
}

func (b *builder) url(r *resource) {
	f := b.target(r.Props["TargetFunctionArn"])
	if f == nil {
		return
	}
	f.URL = inventory.Collected(b.t.functionURL(r.Props, f))
}

// functionURL maps a URL configuration (AWS::Lambda::Url properties, or a
// SAM FunctionUrlConfig, which has the same shape).
func (t *template) functionURL(p map[string]any, f *inventory.Function) *inventory.FunctionURL {
	u := &inventory.FunctionURL{
		URL:        "https://" + strings.ToLower(f.Name) + ".lambda-url." + t.region + ".on.aws/",
		AuthType:   t.str(p["AuthType"]),
		InvokeMode: orDefault(t.str(p["InvokeMode"]), "BUFFERED"),
	}
	if c, ok := p["Cors"].(map[string]any); ok {
		u.CORS = &inventory.CORS{
			AllowCredentials: t.boolOf(c["AllowCredentials"]),
			AllowHeaders:     t.strs(c["AllowHeaders"]),
			AllowMethods:     t.strs(c["AllowMethods"]),
			AllowOrigins:     t.strs(c["AllowOrigins"]),
			ExposeHeaders:    t.strs(c["ExposeHeaders"]),
		}
		u.CORS.MaxAge, _ = t.intOf(c["MaxAge"])
	}
	return u
}

func (b *builder) eventInvokeConfig(r *resource) {
	f := b.target(r.Props["FunctionName"])
	if f == nil {
		return
	}
	f.EventInvokeConfig = inventory.Collected(b.t.invokeConfig(r.Props))
}

// invokeConfig maps an event invoke configuration (AWS::Lambda::
// EventInvokeConfig, or SAM's EventInvokeConfig with Destination.Type).
func (t *template) invokeConfig(p map[string]any) *inventory.EventInvokeConfig {
	c := &inventory.EventInvokeConfig{
		OnSuccess: t.str(get(p, "DestinationConfig", "OnSuccess", "Destination")),
		OnFailure: t.str(get(p, "DestinationConfig", "OnFailure", "Destination")),
	}
	if n, ok := t.intOf(p["MaximumRetryAttempts"]); ok {
		c.MaximumRetryAttempts = &n
	}
	if n, ok := t.intOf(p["MaximumEventAgeInSeconds"]); ok {
		c.MaximumEventAgeInSeconds = &n
	}
	return c
}

func (b *builder) eventSourceMapping(r *resource) {
	t, p := b.t, r.Props
	f := b.target(p["FunctionName"])
	if f == nil {
		return
	}
	b.addMapping(f, r.ID, t.str(p["EventSourceArn"]), p)
}

func (b *builder) addMapping(f *inventory.Function, id, source string, p map[string]any) {
	t := b.t
	state := "Enabled"
	if e, ok := p["Enabled"]; ok && !t.boolOf(e) {
		state = "Disabled"
	}
	m := &inventory.EventSourceMapping{
		UUID:           id,
		EventSourceARN: source,
		FunctionARN:    f.ARN,
		State:          state,
		OnFailure:      t.str(get(p, "DestinationConfig", "OnFailure", "Destination")),
	}
	m.BatchSize, _ = t.intOf(p["BatchSize"])
	b.region.EventSourceMappings = append(b.region.EventSourceMappings, m)
}

func (b *builder) layer(r *resource) {
	t, p := b.t, r.Props
	name := t.name(r.ID)
	arn := t.physical(Ref{LogicalID: r.ID})
	lv := &inventory.LayerVersion{
		ARN:                     arn,
		LayerARN:                strings.TrimSuffix(arn, ":1"),
		Name:                    name,
		Version:                 1,
		AccountID:               t.account,
		Region:                  t.region,
		Description:             t.str(p["Description"]),
		LicenseInfo:             t.str(p["LicenseInfo"]),
		CompatibleRuntimes:      t.strs(p["CompatibleRuntimes"]),
		CompatibleArchitectures: t.strs(p["CompatibleArchitectures"]),
		Source:                  b.loc(r),
		Policy:                  inventory.Collected[*policy.Document](nil),
	}
	b.region.Layers[arn] = lv
	b.layers[arn] = lv
	b.layers[r.ID] = lv
}

// layerPermission adds a statement to the layer version's policy as
// AddLayerVersionPermission writes it.
func (b *builder) layerPermission(r *resource) {
	t, p := b.t, r.Props
	var lv *inventory.LayerVersion
	if ref, ok := p["LayerVersionArn"].(Ref); ok {
		lv = b.layers[ref.LogicalID]
	} else {
		lv = b.layers[t.str(p["LayerVersionArn"])]
	}
	if lv == nil {
		return
	}
	principal := t.str(p["Principal"])
	st := map[string]any{"Sid": r.ID, "Effect": "Allow", "Action": orDefault(t.str(p["Action"]), "lambda:GetLayerVersion"), "Resource": lv.ARN}
	if principal == "*" {
		st["Principal"] = "*"
	} else {
		st["Principal"] = map[string]string{"AWS": "arn:aws:iam::" + principal + ":root"}
	}
	if org := t.str(p["OrganizationId"]); org != "" {
		st["Condition"] = map[string]map[string]string{"StringEquals": {"aws:PrincipalOrgID": org}}
	}
	var sts []any
	if lv.Policy.Value != nil {
		raw, _ := json.Marshal(lv.Policy.Value)
		var prev map[string]any
		_ = json.Unmarshal(raw, &prev)
		sts = list(prev["Statement"])
	}
	raw, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": append(sts, st)})
	if d, err := policy.Parse(raw); err == nil {
		lv.Policy = inventory.Collected(d)
	}
}

func (b *builder) codeSigningConfig(r *resource) {
	t, p := b.t, r.Props
	arn := t.physical(Ref{LogicalID: r.ID})
	b.region.CodeSigningConfigs[arn] = &inventory.CodeSigningConfig{
		ARN:                           arn,
		ID:                            arn[strings.LastIndex(arn, ":")+1:],
		Description:                   t.str(p["Description"]),
		AllowedPublishers:             t.strs(get(p, "AllowedPublishers", "SigningProfileVersionArns")),
		UntrustedArtifactOnDeployment: orDefault(t.str(get(p, "CodeSigningPolicies", "UntrustedArtifactOnDeployment")), "Warn"),
	}
}

func (b *builder) logGroup(r *resource) {
	t, p := b.t, r.Props
	name := t.name(r.ID)
	lg := &inventory.LogGroup{Name: name, ARN: t.physical(Ref{LogicalID: r.ID, Attr: "Arn"}), KMSKeyID: t.str(p["KmsKeyId"])}
	lg.RetentionInDays, _ = t.intOf(p["RetentionInDays"])
	b.region.LogGroups[name] = lg
}
