package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// complete adds the attributes AWS computes at apply time. ARNs and names
// the scanner can derive from the configuration are derived (so a role's
// arn links the function that uses it, as in AWS); every other attribute
// that something references becomes a placeholder string naming it, such
// as "${aws_sqs_queue.dlq.arn}": a definite resource, never a wildcard.
func (e *evaluator) complete(b *block, addr string, v cty.Value) cty.Value {
	return complete(b.typ, b.data, addr, v, e.w.account, e.w.region, e.wanted[b.key()])
}

func complete(typ string, data bool, addr string, v cty.Value, acct, region string, wanted map[string]bool) cty.Value {
	if !v.IsKnown() || !v.Type().IsObjectType() {
		return v
	}
	attrs := v.AsValueMap()
	if attrs == nil {
		attrs = map[string]cty.Value{}
	}
	set := func(name, val string) {
		if cur, ok := attrs[name]; !ok || cur.IsNull() || !cur.IsKnown() {
			attrs[name] = cty.StringVal(val)
		}
	}
	name := func(attr string) string {
		if s, ok := str(attrs[attr]); ok {
			return s
		}
		return placeholder(addr, attr)
	}
	switch typ {
	case "aws_iam_role":
		n := name("name")
		set("name", n)
		set("id", n)
		set("arn", "arn:aws:iam::"+acct+":role"+iamPath(attrs)+n)
	case "aws_iam_policy":
		set("arn", "arn:aws:iam::"+acct+":policy"+iamPath(attrs)+name("name"))
		set("id", str0(attrs["arn"]))
	case "aws_lambda_function":
		n := name("function_name")
		set("function_name", n)
		set("id", n)
		set("arn", "arn:aws:lambda:"+region+":"+acct+":function:"+n)
		set("qualified_arn", str0(attrs["arn"])+":$LATEST")
	case "aws_lambda_layer_version":
		set("layer_arn", "arn:aws:lambda:"+region+":"+acct+":layer:"+name("layer_name"))
	case "aws_cloudwatch_log_group":
		set("id", name("name"))
		set("arn", "arn:aws:logs:"+region+":"+acct+":log-group:"+name("name"))
	case "aws_cloudtrail":
		set("arn", "arn:aws:cloudtrail:"+region+":"+acct+":trail/"+name("name"))
	case "aws_caller_identity":
		set("account_id", acct)
	case "aws_region":
		set("name", region)
		set("region", region)
		set("id", region)
	case "aws_partition":
		set("partition", "aws")
		set("dns_suffix", "amazonaws.com")
	case "aws_iam_policy_document":
		// A plan holds the json Terraform rendered when it could read the
		// data source at plan time; that one is kept.
		if _, ok := str(attrs["json"]); data && !ok {
			attrs["json"] = renderPolicyDocument(attrs)
			attrs["minified_json"] = attrs["json"]
		}
	}
	if _, ok := attrs["id"]; !ok {
		attrs["id"] = cty.StringVal(placeholder(addr, "id"))
	}
	for attr := range wanted {
		if _, ok := attrs[attr]; !ok {
			attrs[attr] = cty.StringVal(placeholder(addr, attr))
		}
	}
	return cty.ObjectVal(attrs)
}

// placeholder names a value known only after apply.
func placeholder(addr, attr string) string { return "${" + addr + "." + attr + "}" }

// isPlaceholder reports whether s is, or contains, such a value.
func isPlaceholder(s string) bool { return strings.Contains(s, "${") }

// iamPath is the role or policy path with its slashes, "/" by default.
func iamPath(attrs map[string]cty.Value) string {
	p, ok := str(attrs["path"])
	if !ok || p == "" {
		return "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}
