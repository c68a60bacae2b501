package terraform

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// TestResourceMapping checks each resource type's mapping on a
// configuration that uses count, splats, dynamic blocks, auto.tfvars and a
// --var-file.
func TestResourceMapping(t *testing.T) {
	inv, errs := load(t, "testdata/resources", source.Options{VarFiles: []string{"testdata/resources/org.tfvars.json"}})
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	a := inv.Accounts[0]
	if a.ID != "444455556666" {
		t.Errorf("account from assume_role: got %s", a.ID)
	}
	r := a.Regions[0]
	if r.Name != "us-east-2" || len(r.Functions) != 2 {
		t.Fatalf("want 2 workers (workers.auto.tfvars) in us-east-2, got %d in %s", len(r.Functions), r.Name)
	}
	f := r.Functions[0]
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", what, got, want)
		}
	}
	check("function", f.Name, "worker-0")
	check("location", *f.Source, inventory.Location{File: "testdata/resources/main.tf", Line: 167, LogicalID: "aws_lambda_function.worker[0]"})
	check("reserved concurrency of an unset variable is not known", f.ReservedConcurrency.Known, false)
	check("role linked", f.Role != nil && f.Role.Path == "/app/", true)
	check("role ARN keeps the path", f.RoleARN, "arn:aws:iam::444455556666:role/app/${aws_iam_role.fn.name}")
	check("code signing", f.CodeSigning != nil && f.CodeSigning.UntrustedArtifactOnDeployment == "Enforce", true)
	check("layer linked", len(f.Layers) == 1 && f.Layers[0].Layer != nil, true)
	check("log group from logging_config", f.LogGroup != nil && f.LogGroup.Name == "/app/functions", true)
	check("invoke config", f.EventInvokeConfig.Value != nil && f.EventInvokeConfig.Value.OnFailure == "arn:aws:sqs:us-east-2:444455556666:failures", true)
	check("event source", len(f.EventSources) == 1 && f.EventSources[0].State == "Disabled", true)
	if r.Functions[1].EventInvokeConfig.Value != nil {
		t.Errorf("worker-1 has no invoke config")
	}

	// VPC: two subnets in two AZs through a splat, a route to the IGW
	// through a separate aws_route, an egress-all group with a separate
	// ingress rule.
	v := f.VPC
	if v == nil || len(v.Subnets) != 2 || v.VPC == nil {
		t.Fatalf("vpc attachment not resolved: %+v", v)
	}
	check("AZs", []string{v.Subnets[0].AvailabilityZone, v.Subnets[1].AvailabilityZone}, []string{"us-east-2a", "us-east-2b"})
	rt := v.Subnets[0].RouteTable
	check("route to IGW", rt != nil && len(rt.Routes) == 1 && strings.Contains(rt.Routes[0].GatewayID, "aws_internet_gateway.gw"), true)
	sg := v.SecurityGroups[0]
	check("egress", sg.Egress[0].CIDRs, []string{"0.0.0.0/0"})
	check("ingress rule resource", sg.Ingress[0], inventory.SGRule{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"10.0.0.0/8"}})
	check("endpoint", len(r.Network.VPCEndpoints), 1)

	// Resource policy: the org permission (count from a var-file list) and
	// the EventBridge one with source conditions.
	pol := f.ResourcePolicy.Value
	if pol == nil || len(pol.Statements) != 2 {
		t.Fatalf("resource policy: %+v", pol)
	}
	org, events := pol.Statements[0], pol.Statements[1]
	if org.Principal.Service != nil {
		org, events = events, org
	}
	check("account principal as Lambda stores it", org.Principal.AWS, []string{"arn:aws:iam::777788889999:root"})
	check("org condition", org.Condition.Values("aws:PrincipalOrgID"), []string{"o-abc123"})
	check("source arn", events.Condition["ArnLike"]["AWS:SourceArn"][0], "arn:aws:events:us-east-2:444455556666:rule/nightly")
	check("source account", events.Condition["StringEquals"]["AWS:SourceAccount"][0], "444455556666")

	// The managed policy renders source documents, dynamic statements and
	// an override by sid.
	role := f.Role
	check("inline", role.InlinePolicies[0].Name, "logs")
	var arns []string
	for _, p := range role.AttachedPolicies {
		arns = append(arns, p.ARN)
	}
	check("attachments", arns, []string{"arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess", "arn:aws:iam::444455556666:policy/app/fn"})
	check("AWS managed policy resolved", role.AttachedPolicies[0].Policy != nil, true)
	doc := role.AttachedPolicies[1].Policy.Document
	var sids []string
	for _, s := range doc.Statements {
		sids = append(sids, s.Sid+":"+s.Effect)
	}
	check("statements", sids, []string{"Read:Deny", "SNS:Allow", "SQS:Allow"})
	check("condition", doc.Statements[0].Condition["Bool"]["aws:SecureTransport"][0], "false")
	check("trust principals", role.TrustPolicy.Statements[0].Principal.AWS, []string{"arn:aws:iam::777788889999:root"})

	// Layer policy and trail.
	lv := f.Layers[0].Layer
	check("layer policy", lv.Policy.Known && len(lv.Policy.Value.Statements) == 1 && lv.Policy.Value.Statements[0].Principal.Any, true)
	tr := r.Trails[0]
	check("trail", tr.IsMultiRegion && tr.IsLogging.Value && tr.EventSelectors.Value.Basic[0].DataResources[0].Type == "AWS::Lambda::Function", true)
	for _, s := range []inventory.Section{inventory.SecSubnets, inventory.SecSecurityGroups, inventory.SecTrails, inventory.SecLayerPolicies} {
		if !r.Has(s) {
			t.Errorf("section %s should be collected", s)
		}
	}
	if r.Has(inventory.SecNetworkACLs) {
		t.Errorf("no network ACLs are declared: the section must stay not collected")
	}
}

// TestUnresolvedPermission: a permission whose function is unknown before
// apply makes resource policies not assessed rather than empty.
func TestUnresolvedPermission(t *testing.T) {
	inv := inventory.New()
	m := newModule("testdata")
	errs := m.addFile("inline.tf", []byte(`
variable "fn" {}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111122223333:role/r"
  runtime       = "python3.12"
}
resource "aws_lambda_permission" "p" {
  function_name = var.fn
  action        = "lambda:InvokeFunction"
  principal     = "*"
}
`))
	errs = append(errs, loadRoot(inv, m, source.Options{})...)
	inv.Link()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if f := inv.Functions[0]; f.ResourcePolicy.Known {
		t.Errorf("resource policy should be not collected, got %+v", f.ResourcePolicy.Value)
	}
}

// TestMetaArguments: provider, lifecycle and depends_on are not mistaken
// for references to undeclared resources.
func TestMetaArguments(t *testing.T) {
	inv := inventory.New()
	m := newModule("testdata")
	errs := m.addFile("meta.tf", []byte(`
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "f" {
  provider      = aws.east
  function_name = "f"
  role          = aws_iam_role.r.arn
  depends_on    = [aws_iam_role.r]
  lifecycle {
    ignore_changes = [tags, environment]
  }
}
module "remote" {
  source    = "terraform-aws-modules/lambda/aws"
  providers = { aws = aws.east }
}
`))
	errs = append(errs, loadRoot(inv, m, source.Options{})...)
	for _, err := range errs {
		if !strings.Contains(err.Error(), "assume_role_policy") {
			t.Errorf("unexpected error: %v", err)
		}
	}
}

// TestVariablePrecedence: TF_VAR_ < terraform.tfvars < --var-file < --var.
func TestVariablePrecedence(t *testing.T) {
	region := func(opts source.Options) string {
		inv, _ := load(t, "testdata/app", opts)
		return inv.Accounts[0].Regions[0].Name
	}
	t.Setenv("TF_VAR_region", "ap-south-1")
	if got := region(source.Options{}); got != "ap-south-1" {
		t.Errorf("TF_VAR_region: got %s", got)
	}
	t.Setenv("TF_VAR_env", "from-env")
	inv, _ := load(t, "testdata/app", source.Options{})
	for _, f := range inv.Functions {
		if strings.Contains(f.Name, "from-env") {
			t.Errorf("terraform.tfvars must win over TF_VAR_env: %s", f.Name)
		}
	}
	if got := region(source.Options{VarFiles: []string{"testdata/region.tfvars"}}); got != "sa-east-1" {
		t.Errorf("--var-file: got %s", got)
	}
	if got := region(source.Options{VarFiles: []string{"testdata/region.tfvars"}, Vars: map[string]string{"region": "ca-central-1"}}); got != "ca-central-1" {
		t.Errorf("--var over --var-file: got %s", got)
	}
	_, errs := load(t, "testdata/app", source.Options{VarFiles: []string{"testdata/missing.tfvars"}})
	if len(errs) == 0 || !strings.Contains(errs[0].Error(), "missing.tfvars") {
		t.Errorf("a missing --var-file must be an error naming it: %v", errs)
	}
}

// TestModuleInstances: count and for_each on module calls expand the
// module once per key, and outputs of one instance are usable.
func TestModuleInstances(t *testing.T) {
	inv, errs := load(t, "testdata/modules", source.Options{})
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	var got []string
	for _, f := range inv.Functions {
		got = append(got, f.Source.LogicalID+"@"+f.Source.File+":"+strconv.Itoa(f.Source.Line))
	}
	want := []string{
		`module.batch[0].aws_lambda_function.this@testdata/modules/svc/main.tf:5`,
		`module.batch[1].aws_lambda_function.this@testdata/modules/svc/main.tf:5`,
		`module.svc["billing"].aws_lambda_function.this@testdata/modules/svc/main.tf:5`,
		`module.svc["search"].aws_lambda_function.this@testdata/modules/svc/main.tf:5`,
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("instances:\n got %v\nwant %v", got, want)
	}
	for _, f := range inv.Functions {
		hasPolicy := f.ResourcePolicy.Value != nil
		if hasPolicy != (f.Name == "billing") {
			t.Errorf("%s: resource policy %v; only billing has the partner permission", f.Name, hasPolicy)
		}
	}
}
