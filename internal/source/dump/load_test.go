package dump

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

const acct = "123456789012"

// load reads a dump, fails the test on any error, and links the inventory.
func load(t *testing.T, dir string) *inventory.Inventory {
	t.Helper()
	inv := inventory.New()
	if errs := Load(inv, dir); len(errs) > 0 {
		t.Fatalf("Load(%s): %v", dir, errs)
	}
	inv.Link()
	return inv
}

func function(t *testing.T, inv *inventory.Inventory, name string) *inventory.Function {
	t.Helper()
	for _, f := range inv.Functions {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("function %s not loaded", name)
	return nil
}

func region(t *testing.T, a *inventory.Account, name string) *inventory.Region {
	t.Helper()
	for _, r := range a.Regions {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("region %s not loaded", name)
	return nil
}

func sections(ss inventory.Sections) []string {
	var out []string
	for s, ok := range ss {
		if ok {
			out = append(out, string(s))
		}
	}
	sort.Strings(out)
	return out
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

// configuration returns the function with everything Link resolves and
// everything from per-function answers cleared, leaving what list-functions
// and get-function say.
func configuration(f *inventory.Function) inventory.Function {
	c := *f
	c.Account, c.Region, c.Role, c.LogGroup, c.CodeSigning, c.EventSources = nil, nil, nil, nil, nil, nil
	c.ReservedConcurrency, c.ResourcePolicy, c.URL = inventory.Maybe[*int]{}, inventory.Maybe[*policy.Document]{}, inventory.Maybe[*inventory.FunctionURL]{}
	c.CodeSigningConfigARN, c.EventInvokeConfig = inventory.Maybe[string]{}, inventory.Maybe[*inventory.EventInvokeConfig]{}
	c.Layers = slices.Clone(c.Layers)
	for i := range c.Layers {
		c.Layers[i].Layer = nil
	}
	if c.VPC != nil {
		v := *c.VPC
		v.VPC, v.Subnets, v.SecurityGroups = nil, nil, nil
		c.VPC = &v
	}
	return c
}

func TestLoadComplete(t *testing.T) {
	inv := load(t, "testdata/complete")

	if len(inv.Accounts) != 1 {
		t.Fatalf("accounts: got %d, want 1", len(inv.Accounts))
	}
	a := inv.Accounts[0]
	equal(t, "account", a.ID, acct)
	equal(t, "partition", a.Partition, "aws")
	equal(t, "account sections", sections(a.Collected), []string{
		"iam/get-account-authorization-details", "organizations/describe-organization",
		"organizations/list-accounts", "sts/get-caller-identity",
	})
	equal(t, "organization", *a.Organization.Value, inventory.Organization{
		ID: "o-ttili05p8x", ARN: "arn:aws:organizations::111122223333:organization/o-ttili05p8x",
		MasterAccountID: "111122223333", MasterAccountARN: "arn:aws:organizations::111122223333:account/o-ttili05p8x/111122223333",
		Accounts: []string{"111122223333", acct},
	})

	var regions []string
	for _, r := range a.Regions {
		regions = append(regions, r.Name)
	}
	equal(t, "regions (sqs/, README.txt and list-functions.json.bak ignored)", regions, []string{"eu-west-1", "us-east-1"})
	eu := region(t, a, "eu-west-1")
	equal(t, "eu-west-1 sections", sections(eu.Collected), []string{"guardduty/list-detectors", "lambda/list-functions"})
	if len(eu.Functions) != 0 || !eu.GuardDuty.Known || eu.GuardDuty.Value != nil {
		t.Errorf("eu-west-1: want no functions and GuardDuty known off, got %d functions, %+v", len(eu.Functions), eu.GuardDuty)
	}
	us := region(t, a, "us-east-1")
	equal(t, "us-east-1 sections", sections(us.Collected), []string{
		"cloudtrail/describe-trails", "cloudtrail/get-event-selectors", "cloudtrail/get-trail-status",
		"ec2/describe-internet-gateways", "ec2/describe-nat-gateways", "ec2/describe-network-acls",
		"ec2/describe-network-interfaces", "ec2/describe-route-tables", "ec2/describe-security-groups",
		"ec2/describe-subnets", "ec2/describe-vpc-endpoints", "ec2/describe-vpcs",
		"guardduty/list-detectors",
		"lambda/get-code-signing-config", "lambda/get-function", "lambda/get-function-code-signing-config",
		"lambda/get-function-event-invoke-config", "lambda/get-function-url-config",
		"lambda/get-layer-version", "lambda/get-layer-version-policy", "lambda/get-policy",
		"lambda/list-event-source-mappings", "lambda/list-functions", "logs/describe-log-groups",
	})

	var keys []string
	for _, f := range inv.Functions {
		keys = append(keys, f.Key())
		if f.Account != a || f.Region != us {
			t.Errorf("%s: Account/Region pointers not set", f.Name)
		}
	}
	fnARN := "arn:aws:lambda:us-east-1:" + acct + ":function:"
	equal(t, "functions", keys, []string{fnARN + "image-fn", fnARN + "orders-api", fnARN + "worker"})

	t.Run("orders-api", func(t *testing.T) {
		f := function(t, inv, "orders-api")
		equal(t, "configuration", configuration(f), inventory.Function{
			ARN: fnARN + "orders-api", Name: "orders-api", Description: "Orders API",
			Runtime: "python3.12", Handler: "index.handler", PackageType: "Zip", Architectures: []string{"x86_64"},
			MemorySize: 256, Timeout: 30, EphemeralStorage: 512, CodeSize: 145,
			CodeSha256: "uCzohdfiD+i8zBYQQEUaCZCcesIgHHlgWFBJbJWP+Fo=", Version: "$LATEST",
			LastModified: "2024-05-01T10:00:00.000+0000",
			State:        "Active", // only get-function has it
			Tags:         map[string]string{"team": "orders"},
			RoleARN:      "arn:aws:iam::" + acct + ":role/service/fn-role",
			Environment:  map[string]string{"DB_PASSWORD": "hunter2", "STAGE": "prod"},
			TracingMode:  "Active", SnapStart: "None",
			Layers: []inventory.LayerAttachment{
				{ARN: "arn:aws:lambda:us-east-1:" + acct + ":layer:shared-utils:1", CodeSize: 145},
				{ARN: "arn:aws:lambda:us-east-1:999988887777:layer:public-tools:3", CodeSize: 2048},
			},
			VPC: &inventory.VPCAttachment{
				VPCID:            "vpc-1f3d2822e0879263d",
				SubnetIDs:        []string{"subnet-241809417eeaace62", "subnet-29057ac0d18008fbd"},
				SecurityGroupIDs: []string{"sg-be96e81799df4ae54"},
			},
			LogGroupName: "/custom/orders", LogFormat: "JSON",
		})
		if c := f.ReservedConcurrency; !c.Known || c.Value == nil || *c.Value != 10 {
			t.Errorf("reserved concurrency: got %+v, want 10", c)
		}

		role := f.Role
		if role == nil || role != a.Roles["arn:aws:iam::"+acct+":role/service/fn-role"] {
			t.Fatalf("role not linked: %+v", role)
		}
		equal(t, "role name, path, id", []string{role.Name, role.Path, role.ID, role.AccountID, role.LastUsed},
			[]string{"fn-role", "/service/", "AROARZPUZDIKBFVY5KWOW", acct, "2024-06-01T12:00:00Z"})
		equal(t, "role tags", role.Tags, map[string]string{"team": "orders"})
		equal(t, "trust principal", role.TrustPolicy.Statements[0].Principal.Service, []string{"lambda.amazonaws.com"})
		if len(role.InlinePolicies) != 1 || role.InlinePolicies[0].Name != "inline-s3" ||
			!slices.Equal(role.InlinePolicies[0].Document.Statements[0].Action, []string{"s3:GetObject"}) {
			t.Errorf("inline policies: %+v", role.InlinePolicies)
		}
		if len(role.AttachedPolicies) != 2 {
			t.Fatalf("attached policies: got %d, want 2", len(role.AttachedPolicies))
		}
		cust, basic := role.AttachedPolicies[0].Policy, role.AttachedPolicies[1].Policy
		if cust == nil || basic == nil {
			t.Fatalf("managed policies not linked: %+v", role.AttachedPolicies)
		}
		equal(t, "customer policy", []any{cust.Name, cust.ID, cust.DefaultVersionID, cust.AWSManaged, cust.AttachmentCount, len(cust.Versions)},
			[]any{"cust", "ANPACUSTOMEXAMPLE01", "v2", false, 1, 2})
		equal(t, "default version document", []string(cust.Document.Statements[0].Action), []string{"dynamodb:GetItem", "dynamodb:PutItem"})
		equal(t, "version v1 not default", []any{cust.Versions[1].ID, cust.Versions[1].IsDefault}, []any{"v1", false})
		equal(t, "AWS managed", []any{basic.Name, basic.AWSManaged, basic.Path}, []any{"AWSLambdaBasicExecutionRole", true, "/service-role/"})
		if b := role.PermissionsBoundary; b == nil || b.Name != "boundary" || b.Policy == nil || b.Policy.Document == nil {
			t.Errorf("permissions boundary not linked: %+v", b)
		}
		equal(t, "role functions", []string{role.Functions[0].Name, role.Functions[1].Name}, []string{"image-fn", "orders-api"})

		own, foreign := f.Layers[0].Layer, f.Layers[1].Layer
		if own == nil || foreign == nil {
			t.Fatalf("layers not linked: %+v", f.Layers)
		}
		equal(t, "own layer", []any{own.Name, own.AccountID, own.Version, own.Region, own.CodeSha256, own.LicenseInfo, own.CompatibleRuntimes},
			[]any{"shared-utils", acct, int64(1), "us-east-1", "uCzohdfiD+i8zBYQQEUaCZCcesIgHHlgWFBJbJWP+Fo=", "MIT", []string{"python3.12"}})
		if !own.Policy.Known || own.Policy.Value != nil {
			t.Errorf("own layer policy: want known and none, got %+v", own.Policy)
		}
		equal(t, "foreign layer", []any{foreign.Name, foreign.AccountID, foreign.CodeSize}, []any{"public-tools", "999988887777", int64(2048)})
		if p := foreign.Policy; !p.Known || p.Value == nil || !p.Value.Statements[0].Principal.Any {
			t.Errorf("foreign layer policy: want a public statement, got %+v", p)
		}

		v := f.VPC
		if v.VPC == nil || len(v.Subnets) != 2 || len(v.SecurityGroups) != 1 {
			t.Fatalf("VPC not linked: %+v", v)
		}
		equal(t, "VPC", []any{v.VPC.CIDRs, v.VPC.IPv6CIDRs, v.VPC.Tags, len(v.VPC.InternetGateways)},
			[]any{[]string{"10.0.0.0/16"}, []string{"2600:1f18:1234:5600::/56"}, map[string]string{"Name": "prod"}, 1})
		private, public := v.Subnets[0], v.Subnets[1]
		equal(t, "private subnet", []any{private.AvailabilityZone, private.AvailabilityZoneID, private.CIDR, private.RouteTable.ID, private.RouteTable.Main, private.RouteTable.Routes[1].NATGatewayID},
			[]any{"us-east-1b", "use1-az1", "10.0.2.0/24", "rtb-96a3498f302712baa", true, "nat-67fe2369321bb4070"})
		equal(t, "public subnet", []any{public.RouteTable.ID, public.RouteTable.SubnetIDs, public.RouteTable.Routes[1].GatewayID, public.RouteTable.Routes[2].DestinationPrefixListID},
			[]any{"rtb-bd9cd5ead7cdb18d7", []string{"subnet-29057ac0d18008fbd"}, "igw-8fd2746c761692e4f", "pl-846a3d9aa05f951bb"})
		if acl := public.NetworkACL; acl == nil || !acl.IsDefault || len(acl.Entries) != 5 {
			t.Errorf("network ACL not linked: %+v", acl)
		} else {
			equal(t, "ACL entries", acl.Entries[:2], []inventory.NACLEntry{
				{RuleNumber: 90, Protocol: "6", Allow: true, CIDR: "0.0.0.0/0", FromPort: 443, ToPort: 443},
				{RuleNumber: 100, Protocol: "-1", Egress: true, Allow: true, CIDR: "0.0.0.0/0", FromPort: -1, ToPort: -1},
			})
		}
		sg := v.SecurityGroups[0]
		equal(t, "security group", []any{sg.Name, sg.Ingress, sg.Egress}, []any{"fn-sg",
			[]inventory.SGRule{
				{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"10.0.0.0/16"}},
				{Protocol: "tcp", FromPort: 5432, ToPort: 5432, GroupIDs: []string{"sg-be96e81799df4ae54"}},
			},
			[]inventory.SGRule{{Protocol: "-1", FromPort: -1, ToPort: -1, CIDRs: []string{"0.0.0.0/0"}}},
		})

		u := f.URL
		if !u.Known || u.Value == nil || u.Value.AuthType != "NONE" || u.Value.InvokeMode != "Buffered" ||
			u.Value.CORS == nil || !slices.Equal(u.Value.CORS.AllowOrigins, []string{"*"}) || u.Value.CORS.MaxAge != 300 {
			t.Errorf("function URL: %+v", u.Value)
		}
		p := f.ResourcePolicy
		if !p.Known || p.Value == nil || len(p.Value.Statements) != 2 || !p.Value.Statements[1].Principal.Any ||
			!slices.Equal(p.Value.Statements[0].Condition.Values("aws:SourceArn"), []string{"arn:aws:s3:::my-bucket"}) {
			t.Errorf("resource policy: %+v", p.Value)
		}
		if f.CodeSigning == nil || f.CodeSigning.UntrustedArtifactOnDeployment != "Warn" || f.CodeSigning.ID != "csc-0a1b2c3d4e5f6a7b8" ||
			len(f.CodeSigning.AllowedPublishers) != 1 {
			t.Errorf("code signing: %q → %+v", f.CodeSigningConfigARN.Value, f.CodeSigning)
		}
		e := f.EventInvokeConfig
		if !e.Known || e.Value == nil || *e.Value.MaximumRetryAttempts != 1 || *e.Value.MaximumEventAgeInSeconds != 3600 ||
			e.Value.OnFailure != "arn:aws:sqs:us-east-1:"+acct+":dlq" || e.Value.OnSuccess != "" {
			t.Errorf("event invoke config: %+v", e.Value)
		}
		if len(f.EventSources) != 1 {
			t.Fatalf("event sources: got %d, want 1", len(f.EventSources))
		}
		m := f.EventSources[0]
		equal(t, "event source mapping", []any{m.UUID, m.EventSourceARN, m.State, m.BatchSize, m.OnFailure, m.Function == f},
			[]any{"46981a7c-1d5d-4a39-9f67-02c7fe80149e", "arn:aws:sqs:us-east-1:" + acct + ":jobs", "Enabled", 5, "arn:aws:sqs:us-east-1:" + acct + ":esm-failures", true})
		if f.LogGroup == nil || f.LogGroup.RetentionInDays != 30 || f.LogGroup.DataProtection != "ACTIVATED" {
			t.Errorf("log group: %+v", f.LogGroup)
		}
	})

	t.Run("worker", func(t *testing.T) {
		f := function(t, inv, "worker")
		equal(t, "configuration", configuration(f), inventory.Function{
			ARN: fnARN + "worker", Name: "worker", Runtime: "nodejs16.x", Handler: "index.handler",
			PackageType: "Zip", Architectures: []string{"arm64"}, MemorySize: 128, Timeout: 3,
			EphemeralStorage: 1024, CodeSize: 5120, CodeSha256: "n2k0m2oQqzGzyLd9hBD9cW3n2mT0jkPZs9g8uRjs3fE=",
			Version: "$LATEST", LastModified: "2023-01-01T10:00:00.000+0000",
			SigningProfileVersionARN: "arn:aws:signer:us-east-1:" + acct + ":/signing-profiles/prof/abcdef0123",
			SigningJobARN:            "arn:aws:signer:us-east-1:" + acct + ":/signing-jobs/1a2b3c4d",
			RoleARN:                  "arn:aws:iam::" + acct + ":role/worker-role",
			Environment:              map[string]string{"API_TOKEN": "tok_live_4f9a8b7c6d5e4f3a2b1c"},
			EnvironmentError:         "AccessDeniedException: Lambda was unable to decrypt the environment variables because KMS access was denied.",
			KMSKeyARN:                "arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
			TracingMode:              "PassThrough",
			DeadLetterTarget:         "arn:aws:sqs:us-east-1:" + acct + ":worker-dlq",
			SnapStart:                "None",
			LogGroupName:             "/aws/lambda/worker", LogFormat: "Text",
			State: "Active",
		})
		if f.Role == nil || f.Role.Name != "worker-role" {
			t.Errorf("role not linked: %+v", f.Role)
		}
		if f.LogGroup == nil || f.LogGroup.KMSKeyID == "" || f.LogGroup.RetentionInDays != 0 {
			t.Errorf("log group: %+v", f.LogGroup)
		}
	})

	t.Run("image-fn", func(t *testing.T) {
		f := function(t, inv, "image-fn")
		equal(t, "image", []string{f.PackageType, f.ImageURI, f.ResolvedImageURI, f.Runtime},
			[]string{"Image", acct + ".dkr.ecr.us-east-1.amazonaws.com/image-fn:latest",
				acct + ".dkr.ecr.us-east-1.amazonaws.com/image-fn@sha256:5f0c1b7e4e1d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a49", ""})
		if f.LogGroup != nil {
			t.Errorf("log group: want none (not in describe-log-groups), got %+v", f.LogGroup)
		}
	})

	t.Run("network", func(t *testing.T) {
		n := us.Network
		equal(t, "counts", []int{len(n.VPCs), len(n.Subnets), len(n.RouteTables), len(n.SecurityGroups), len(n.NetworkACLs), len(n.VPCEndpoints), len(n.NATGateways), len(n.InternetGateways), len(n.NetworkInterfaces)},
			[]int{1, 2, 2, 2, 1, 1, 1, 1, 2})
		ep := n.VPCEndpoints["vpce-8478fb3e7670a6ae1"]
		if ep == nil || ep.ServiceName != "com.amazonaws.us-east-1.s3" || ep.Policy == nil || !ep.Policy.Statements[0].Principal.Any ||
			!slices.Equal(ep.RouteTableIDs, []string{"rtb-bd9cd5ead7cdb18d7"}) {
			t.Errorf("VPC endpoint: %+v", ep)
		}
		equal(t, "NAT gateway", *n.NATGateways["nat-67fe2369321bb4070"], inventory.NATGateway{
			ID: "nat-67fe2369321bb4070", VPCID: "vpc-1f3d2822e0879263d", SubnetID: "subnet-29057ac0d18008fbd", State: "available",
		})
		eni := n.NetworkInterfaces["eni-4006b1e06fd7999c1"]
		equal(t, "lambda ENI", []any{eni.InterfaceType, eni.SubnetID, eni.PrivateIPs, eni.SecurityGroupIDs},
			[]any{"lambda", "subnet-241809417eeaace62", []string{"10.0.2.187"}, []string{"sg-be96e81799df4ae54"}})
	})

	t.Run("trails, logs, GuardDuty", func(t *testing.T) {
		if len(us.Trails) != 2 || len(a.Trails) != 2 {
			t.Fatalf("trails: %d in region, %d in account, want 2 and 2", len(us.Trails), len(a.Trails))
		}
		main := a.Trails["arn:aws:cloudtrail:us-east-1:"+acct+":trail/main-trail"]
		if main == nil || !main.IsMultiRegion || !main.LogFileValidationEnabled || main.KMSKeyID == "" || main.HomeRegion != "us-east-1" {
			t.Fatalf("main trail: %+v", main)
		}
		if !main.IsLogging.Known || !main.IsLogging.Value {
			t.Errorf("main trail logging: %+v", main.IsLogging)
		}
		equal(t, "main trail selectors", main.EventSelectors.Value, &inventory.EventSelectors{Basic: []inventory.EventSelector{{
			ReadWriteType: "All", IncludeManagementEvents: true,
			DataResources: []inventory.DataResource{{Type: "AWS::Lambda::Function", Values: []string{"arn:aws:lambda"}}},
		}}})
		adv := a.Trails["arn:aws:cloudtrail:us-east-1:"+acct+":trail/adv-trail"]
		if !adv.IsLogging.Known || adv.IsLogging.Value {
			t.Errorf("adv trail logging: %+v", adv.IsLogging)
		}
		equal(t, "advanced selectors", adv.EventSelectors.Value, &inventory.EventSelectors{Advanced: []inventory.AdvancedEventSelector{{
			Name: "lambda data",
			FieldSelectors: []inventory.FieldSelector{
				{Field: "eventCategory", Equals: []string{"Data"}},
				{Field: "resources.type", Equals: []string{"AWS::Lambda::Function"}},
				{Field: "resources.ARN", NotStartsWith: []string{"arn:aws:lambda:us-east-1:" + acct + ":function:noisy"}},
			},
		}}})
		equal(t, "log groups", len(us.LogGroups), 2)
		equal(t, "GuardDuty", us.GuardDuty, inventory.Collected(&inventory.GuardDutyDetector{
			ID: "50281280921d13225c590ebcb85d64c8", Status: "ENABLED", LambdaNetworkLogs: inventory.Collected(false),
		}))
	})
}

// TestLoadCollectedOrNot checks the difference the format is about: {} is
// "collected, there is none"; a missing file is "not collected".
func TestLoadCollectedOrNot(t *testing.T) {
	inv := load(t, "testdata/complete")
	type state struct{ known, none bool }
	tests := []struct {
		function, answer string
		got              func(*inventory.Function) state
		want             state
	}{
		{"worker", "get-policy {}", func(f *inventory.Function) state {
			return state{f.ResourcePolicy.Known, f.ResourcePolicy.Value == nil}
		}, state{true, true}},
		{"image-fn", "get-policy missing", func(f *inventory.Function) state {
			return state{f.ResourcePolicy.Known, f.ResourcePolicy.Value == nil}
		}, state{false, true}},
		{"worker", "get-function-url-config {}", func(f *inventory.Function) state { return state{f.URL.Known, f.URL.Value == nil} }, state{true, true}},
		{"image-fn", "get-function-url-config missing", func(f *inventory.Function) state { return state{f.URL.Known, f.URL.Value == nil} }, state{false, true}},
		{"worker", "get-function-code-signing-config without an ARN", func(f *inventory.Function) state {
			return state{f.CodeSigningConfigARN.Known, f.CodeSigningConfigARN.Value == ""}
		}, state{true, true}},
		{"image-fn", "get-function-code-signing-config missing", func(f *inventory.Function) state {
			return state{f.CodeSigningConfigARN.Known, f.CodeSigningConfigARN.Value == ""}
		}, state{false, true}},
		{"worker", "get-function-event-invoke-config {}", func(f *inventory.Function) state {
			return state{f.EventInvokeConfig.Known, f.EventInvokeConfig.Value == nil}
		}, state{true, true}},
		{"image-fn", "get-function-event-invoke-config missing", func(f *inventory.Function) state {
			return state{f.EventInvokeConfig.Known, f.EventInvokeConfig.Value == nil}
		}, state{false, true}},
		{"worker", "get-function without Concurrency", func(f *inventory.Function) state {
			return state{f.ReservedConcurrency.Known, f.ReservedConcurrency.Value == nil}
		}, state{true, true}},
		{"image-fn", "get-function with Concurrency {}", func(f *inventory.Function) state {
			return state{f.ReservedConcurrency.Known, f.ReservedConcurrency.Value == nil}
		}, state{true, true}},
		{"worker", "empty VpcConfig", func(f *inventory.Function) state { return state{true, f.VPC == nil} }, state{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.function+"/"+tt.answer, func(t *testing.T) {
			if got := tt.got(function(t, inv, tt.function)); got != tt.want {
				t.Errorf("got known=%v none=%v, want known=%v none=%v", got.known, got.none, tt.want.known, tt.want.none)
			}
		})
	}
}

func TestLoadPaginated(t *testing.T) {
	inv := load(t, "testdata/paginated")
	a := inv.Accounts[0]
	equal(t, "account id from the function ARNs", a.ID, "210987654321")
	r := region(t, a, "us-east-1")
	var names []string
	for _, f := range r.Functions {
		names = append(names, f.Name)
	}
	equal(t, "functions of all pages", names, []string{"alpha", "bravo", "charlie"})
	equal(t, "sections", sections(r.Collected), []string{"ec2/describe-subnets", "lambda/list-functions"})
	equal(t, "subnets of both pages", len(r.Network.Subnets), 2)
	if !a.Collected[inventory.SecIAM] || len(a.Roles) != 2 || len(a.Policies) != 1 {
		t.Fatalf("IAM pages: collected=%v roles=%d policies=%d", a.Collected[inventory.SecIAM], len(a.Roles), len(a.Policies))
	}
	if f := function(t, inv, "bravo"); f.Role == nil || f.Role.Name != "bravo-role" {
		t.Errorf("role from page 2 not linked: %+v", f.Role)
	}
	// A single statement object (not a list) is legal.
	if p := a.Policies["arn:aws:iam::210987654321:policy/shared"]; p == nil || p.Document == nil || len(p.Document.Statements) != 1 {
		t.Errorf("policy from page 2: %+v", p)
	}
}

func TestLoadMultiAccount(t *testing.T) {
	inv := load(t, "testdata/multi")
	tests := []struct {
		id, partition, region, function string
	}{
		{"111111111111", "aws", "us-east-1", "shop"},
		{"222222222222", "aws", "eu-west-1", "billing"},
		{"333333333333", "aws-cn", "cn-north-1", "cn-app"},
	}
	if len(inv.Accounts) != len(tests) {
		t.Fatalf("accounts: got %d, want %d (444444444444 holds no dump)", len(inv.Accounts), len(tests))
	}
	for i, tt := range tests {
		a := inv.Accounts[i]
		if a.ID != tt.id || a.Partition != tt.partition {
			t.Errorf("account %d: got %s/%s, want %s/%s", i, a.ID, a.Partition, tt.id, tt.partition)
		}
		r := region(t, a, tt.region)
		if len(r.Functions) != 1 || r.Functions[0].Name != tt.function || r.Functions[0].Account != a {
			t.Errorf("%s: functions %+v", tt.id, r.Functions)
		}
	}
}

func TestLoadURLEncodedIAM(t *testing.T) {
	inv := load(t, "testdata/urlencoded")
	a := inv.Accounts[0]
	role := a.Roles["arn:aws:iam::"+acct+":role/enc-role"]
	if role == nil {
		t.Fatal("role not loaded")
	}
	equal(t, "trust policy", role.TrustPolicy.Statements[0].Principal.Service, []string{"lambda.amazonaws.com"})
	equal(t, "inline policy", []string(role.InlinePolicies[0].Document.Statements[0].Action), []string{"secretsmanager:GetSecretValue"})
	p := a.Policies["arn:aws:iam::"+acct+":policy/enc-policy"]
	if p == nil || p.Document == nil || p.Document.Statements[0].Effect != "Deny" {
		t.Errorf("managed policy: %+v", p)
	}
}

func TestLoadMalformed(t *testing.T) {
	const dir = "testdata/malformed"
	inv := inventory.New()
	errs := Load(inv, dir)
	inv.Link()

	want := []struct{ path, message string }{
		{"iam/get-account-authorization-details.json", "RoleDetailList[0] (role bad-role).RolePolicyList[0] (policy oops).PolicyDocument: "},
		{"us-east-1/ec2/describe-subnets.json", "Subnets: want a list, got an object (byte offset 18)"},
		{"us-east-1/ec2/describe-vpcs.2.json", "missing page 2 of a split answer (page 3 exists)"},
		{"us-east-1/lambda/get-function-url-config/fn-a.json", "truncated JSON: unexpected end at byte offset"},
		{"us-east-1/lambda/get-function/fn-a.json", "Configuration.Timeout: want an integer, got a string (byte offset 339)"},
		{"us-east-1/lambda/get-policy/fn-a.json", "Policy is not a JSON policy document: "},
		{"us-west-2/lambda/list-functions.json", "Functions.Environment.Variables: want a string, got a number"},
	}
	if len(errs) != len(want) {
		t.Errorf("got %d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, err := range errs {
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Errorf("error %d is %T, want *FileError", i, err)
			continue
		}
		if i >= len(want) {
			continue
		}
		if p := filepath.Join(dir, filepath.FromSlash(want[i].path)); fe.Path != p {
			t.Errorf("error %d names %s, want %s", i, fe.Path, p)
		}
		if !strings.HasPrefix(err.Error(), fe.Path+": "+want[i].message) {
			t.Errorf("error %d: got %q, want it to start with %q", i, err, fe.Path+": "+want[i].message)
		}
		// Values in answers may be secrets: never in errors.
		for _, secret := range []string{"s3cr3t", "1234567890123", "lambda-url", "Allow=*", "abc"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %d shows a value from the file (%q): %v", i, secret, err)
			}
		}
	}

	a := inv.Accounts[0]
	equal(t, "account sections (bad IAM not collected)", sections(a.Collected), []string{"sts/get-caller-identity"})
	equal(t, "roles", len(a.Roles), 0)
	us := region(t, a, "us-east-1")
	equal(t, "us-east-1 sections (bad subnets and a missing VPC page are not collected)", sections(us.Collected), []string{
		"cloudtrail/describe-trails", "lambda/get-function", "lambda/get-function-url-config", "lambda/get-policy", "lambda/list-functions",
	})
	equal(t, "VPCs of the pages that are there still load", len(us.Network.VPCs), 2)
	equal(t, "trails", len(us.Trails), 1)
	if west := region(t, a, "us-west-2"); len(west.Functions) != 0 || west.Has(inventory.SecFunctions) {
		t.Errorf("us-west-2: a bad list-functions must leave no functions and no section")
	}

	fa, fb := function(t, inv, "fn-a"), function(t, inv, "fn-b")
	if fa.ReservedConcurrency.Known || fa.ResourcePolicy.Known || fa.URL.Known {
		t.Errorf("fn-a: answers from bad files must be not collected: %+v %+v %+v", fa.ReservedConcurrency, fa.ResourcePolicy, fa.URL)
	}
	if fa.Timeout != 3 {
		t.Errorf("fn-a: list-functions data must survive a bad get-function, got timeout %d", fa.Timeout)
	}
	if !fb.ReservedConcurrency.Known || *fb.ReservedConcurrency.Value != 5 || !fb.ResourcePolicy.Known || fb.ResourcePolicy.Value == nil ||
		!fb.URL.Known || fb.URL.Value != nil {
		t.Errorf("fn-b: good answers must load: %+v %+v %+v", fb.ReservedConcurrency, fb.ResourcePolicy, fb.URL)
	}
}

func TestLoadNotADump(t *testing.T) {
	empty := t.TempDir()
	missing := filepath.Join(empty, "nope")
	tests := []struct{ dir, message string }{
		{empty, "not a dump folder"},
		{missing, "no such file or directory"},
	}
	for _, tt := range tests {
		errs := Load(inventory.New(), tt.dir)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.dir+": ") || !strings.Contains(errs[0].Error(), tt.message) {
			t.Errorf("Load(%s): got %v, want one error about %q", tt.dir, errs, tt.message)
		}
	}
}

func TestLoadAccountID(t *testing.T) {
	listFunctions := `{"Functions": [{"FunctionName": "f", "FunctionArn": "arn:aws-us-gov:lambda:us-gov-west-1:555555555555:function:f"}]}`
	tests := []struct {
		name, folder  string
		files         map[string]string
		id, partition string
	}{
		{"STS wins", "666666666666", map[string]string{
			"sts/get-caller-identity.json":             `{"UserId": "AIDA", "Account": "777777777777", "Arn": "arn:aws:iam::777777777777:user/audit"}`,
			"us-gov-west-1/lambda/list-functions.json": listFunctions,
		}, "777777777777", "aws"},
		{"folder name", "666666666666", map[string]string{"us-gov-west-1/lambda/list-functions.json": listFunctions}, "666666666666", "aws-us-gov"},
		{"function ARNs", "dump", map[string]string{"us-gov-west-1/lambda/list-functions.json": listFunctions}, "555555555555", "aws-us-gov"},
		{"unknown", "dump", map[string]string{"cn-north-1/lambda/list-functions.json": `{"Functions": []}`}, "unknown", "aws-cn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tt.folder)
			writeFiles(t, dir, tt.files)
			inv := load(t, dir)
			if a := inv.Accounts[0]; a.ID != tt.id || a.Partition != tt.partition {
				t.Errorf("got %s/%s, want %s/%s", a.ID, a.Partition, tt.id, tt.partition)
			}
		})
	}
}

func TestLoadFunctionOnlyInGetFunction(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"us-east-1/lambda/list-functions.json": `{"Functions": []}`,
		"us-east-1/lambda/get-function/late.json": `{"Configuration": {"FunctionName": "late",
			"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:late", "Runtime": "go1.x", "State": "Active"},
			"Code": {"RepositoryType": "S3"}, "Concurrency": {"ReservedConcurrentExecutions": 0}}`,
		"us-east-1/lambda/get-function/gone.json": `{}`,
	})
	inv := load(t, dir)
	if len(inv.Functions) != 1 {
		t.Fatalf("functions: got %d, want 1", len(inv.Functions))
	}
	f := inv.Functions[0]
	if f.Name != "late" || f.Runtime != "go1.x" || f.Region == nil || !f.ReservedConcurrency.Known || *f.ReservedConcurrency.Value != 0 {
		t.Errorf("function from get-function: %+v", f)
	}
}

func TestLoadTwiceDoesNotDuplicate(t *testing.T) {
	inv := inventory.New()
	for range 2 {
		if errs := Load(inv, "testdata/complete"); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	inv.Link()
	equal(t, "functions", len(inv.Functions), 3)
}

// TestLoadDeterministic loads the same dumps repeatedly: the workers finish
// in a different order each time, the inventory must not differ.
func TestLoadDeterministic(t *testing.T) {
	summary := func(dir string) string {
		inv := inventory.New()
		var b strings.Builder
		for _, err := range Load(inv, dir) {
			b.WriteString(err.Error() + "\n")
		}
		inv.Link()
		for _, a := range inv.Accounts {
			b.WriteString(a.ID + " " + strings.Join(sections(a.Collected), ",") + "\n")
			for _, r := range a.Regions {
				b.WriteString(r.Name + " " + strings.Join(sections(r.Collected), ",") + "\n")
				for _, f := range r.Functions {
					b.WriteString(f.Key() + "\n")
				}
				for _, t := range r.Trails {
					b.WriteString(t.ARN + "\n")
				}
			}
		}
		return b.String()
	}
	for _, dir := range []string{"testdata/complete", "testdata/malformed", "testdata/multi", "testdata/paginated"} {
		first := summary(dir)
		for range 5 {
			if got := summary(dir); got != first {
				t.Fatalf("%s: loads differ:\n%s\n---\n%s", dir, first, got)
			}
		}
	}
}

func TestIsDump(t *testing.T) {
	ec2Only := t.TempDir()
	writeFiles(t, ec2Only, map[string]string{"us-east-1/ec2/describe-vpcs.json": `{"Vpcs": []}`})
	tests := []struct {
		dir  string
		want bool
	}{
		{"testdata/complete", true},
		{"testdata/multi", true},
		{"testdata/paginated", true},
		{"testdata/urlencoded", true},
		{"testdata/multi/444444444444", false},
		{"testdata/complete/us-east-1/lambda/list-functions.json", false},
		{t.TempDir(), false},
		{ec2Only, false},
		{filepath.Join(t.TempDir(), "missing"), false},
	}
	for _, tt := range tests {
		if got := IsDump(tt.dir); got != tt.want {
			t.Errorf("IsDump(%s) = %v, want %v", tt.dir, got, tt.want)
		}
	}
}

func TestRegionFolderNames(t *testing.T) {
	tests := map[string]bool{
		"us-east-1": true, "eu-central-2": true, "us-gov-west-1": true, "cn-north-1": true,
		"ap-southeast-5": true, "il-central-1": true, "mx-central-1": true, "us-isob-east-1": true, "eusc-de-east-1": true,
		"iam": false, "sts": false, "packages": false, "123456789012": false, "us-east": false, "US-EAST-1": false, "us-east-1a": false,
	}
	for name, want := range tests {
		if got := isRegion(name); got != want {
			t.Errorf("isRegion(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestParsePageName(t *testing.T) {
	tests := []struct {
		name string
		base string
		page int
		ok   bool
	}{
		{"list-functions.json", "list-functions", 1, true},
		{"list-functions.2.json", "list-functions", 2, true},
		{"list-functions.12.json", "list-functions", 12, true},
		{"list-functions.1.json", "", 0, false},
		{"list-functions.02.json", "", 0, false},
		{"list-functions.bak.json", "", 0, false},
		{"list-functions.json.bak", "", 0, false},
		{".json", "", 0, false},
	}
	for _, tt := range tests {
		base, page, ok := parsePageName(tt.name)
		if base != tt.base || page != tt.page || ok != tt.ok {
			t.Errorf("parsePageName(%q) = %q, %d, %v; want %q, %d, %v", tt.name, base, page, ok, tt.base, tt.page, tt.ok)
		}
	}
}

func TestDecodeAnswerEncodings(t *testing.T) {
	const answer = `{"Functions": [{"FunctionName": "é"}]}`
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range answer {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(answer)},
		{"UTF-8 with byte-order mark", append([]byte{0xEF, 0xBB, 0xBF}, answer...)},
		{"UTF-16LE from PowerShell", utf16le},
	}
	for _, tt := range tests {
		got, err := decodeListFunctions(tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if fns := got.(functionList); len(fns) != 1 || fns[0].Name != "é" {
			t.Errorf("%s: got %+v", tt.name, fns)
		}
	}
}

func TestDecodeAnswerErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{``, "empty file: want a JSON object"},
		{`null`, "want a JSON object, got null"},
		{`["x"]`, "want a JSON object, got a list"},
		{`{"Functions": [`, "truncated JSON: unexpected end at byte offset 15"},
		{`{"Functions": [secret]}`, "invalid JSON at byte offset 16: unexpected character looking for beginning of value"},
		{`{"Functions": [{"Timeout": 1e999}]}`, "Functions.Timeout: want an integer, got a number (byte offset 32)"},
		{`{"Functions": [{"Layers": {}}]}`, "Functions.Layers: want a list, got an object (byte offset 27)"},
		{`{"Functions": '}`, "invalid JSON at byte offset 15: unexpected character looking for beginning of value"},
		{`{} trailing`, "invalid JSON at byte offset 4: unexpected character after top-level value"},
	}
	for _, tt := range tests {
		_, err := decodeListFunctions([]byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("decode %q: got %v, want %q", tt.data, err, tt.want)
		}
	}
}

// writeFiles writes a dump from relative paths and contents.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEveryCommandDecodes checks each decoder on the answers every command
// can get: {} (collected, nothing there) loads; anything but an object is
// refused.
func TestEveryCommandDecodes(t *testing.T) {
	for name, cmd := range commands {
		if _, err := cmd.decode([]byte(`{}`)); err != nil {
			t.Errorf("%s: {}: %v", name, err)
		}
		for _, data := range []string{`[]`, `"x"`, `1`, `true`, `null`} {
			if _, err := cmd.decode([]byte(data)); err == nil || !strings.HasPrefix(err.Error(), "want a JSON object, got ") {
				t.Errorf("%s: %s: got %v, want a refusal", name, data, err)
			}
		}
	}
}
