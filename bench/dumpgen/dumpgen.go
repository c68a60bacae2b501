// Package dumpgen writes large synthetic dumps in the AWS CLI answer shapes
// of docs/dump-format.md, for benchmarks. The estate is deterministic for a
// given size, and mixes good and bad configurations so that every rule does
// real work.
package dumpgen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Size is the shape of the generated estate.
type Size struct {
	Functions int // spread over Regions
	Roles     int // functions share roles round-robin
	Regions   []string
}

// Account is the account id of generated dumps.
const Account = "111122223333"

type obj = map[string]any

// Write generates the dump into dir, which must exist.
func Write(dir string, size Size) error {
	g := gen{dir: dir, size: size}
	if len(size.Regions) == 0 {
		size.Regions = []string{"us-east-1"}
		g.size = size
	}
	g.put("sts/get-caller-identity.json", obj{"UserId": "AIDAEXAMPLEUSERID", "Account": Account, "Arn": "arn:aws:iam::" + Account + ":user/auditor"})
	g.put("organizations/describe-organization.json", obj{"Organization": obj{
		"Id": "o-a1b2c3d4e5", "Arn": "arn:aws:organizations::" + Account + ":organization/o-a1b2c3d4e5",
		"FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::" + Account + ":account/o-a1b2c3d4e5/" + Account,
		"MasterAccountId": Account, "MasterAccountEmail": "aws@example.com",
	}})
	g.iam()
	perRegion := (size.Functions + len(size.Regions) - 1) / len(size.Regions)
	made := 0
	for _, region := range size.Regions {
		n := min(perRegion, size.Functions-made)
		g.region(region, made, n)
		made += n
	}
	return g.err
}

type gen struct {
	dir  string
	size Size
	err  error
}

func (g *gen) put(rel string, v any) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(p, b, 0o644)
}

func roleName(i int) string { return fmt.Sprintf("svc-%04d-role", i) }

func (g *gen) iam() {
	basic := obj{"Version": "2012-10-17", "Statement": []obj{{
		"Effect": "Allow", "Action": []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}, "Resource": "*",
	}}}
	policies := []obj{{
		"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyId": "ANPAJNCQGXC42545SKXIK",
		"Arn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "Path": "/service-role/",
		"DefaultVersionId": "v1", "AttachmentCount": g.size.Roles, "IsAttachable": true,
		"PolicyVersionList": []obj{{"Document": basic, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2015-04-09T15:03:43+00:00"}},
	}}
	customers := max(1, g.size.Roles/10)
	for i := range customers {
		doc := obj{"Version": "2012-10-17", "Statement": []obj{{
			"Effect": "Allow", "Action": []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"},
			"Resource": fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/table-%d", Account, i),
		}}}
		old := obj{"Version": "2012-10-17", "Statement": []obj{{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}}}
		policies = append(policies, obj{
			"PolicyName": fmt.Sprintf("data-access-%d", i), "PolicyId": fmt.Sprintf("ANPA%016d", i),
			"Arn": fmt.Sprintf("arn:aws:iam::%s:policy/data-access-%d", Account, i), "Path": "/",
			"DefaultVersionId": "v2", "AttachmentCount": 10, "IsAttachable": true,
			"CreateDate": "2025-01-10T10:00:00+00:00", "UpdateDate": "2026-03-01T10:00:00+00:00",
			"PolicyVersionList": []obj{
				{"Document": doc, "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2026-03-01T10:00:00+00:00"},
				{"Document": old, "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2025-01-10T10:00:00+00:00"},
			},
		})
	}
	trust := obj{"Version": "2012-10-17", "Statement": []obj{{
		"Effect": "Allow", "Principal": obj{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole",
	}}}
	roles := make([]obj, g.size.Roles)
	for i := range roles {
		inline := obj{"Version": "2012-10-17", "Statement": []obj{{
			"Effect": "Allow", "Action": []string{"s3:GetObject", "s3:PutObject"},
			"Resource": fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i),
		}}}
		if i%50 == 0 {
			inline = obj{"Version": "2012-10-17", "Statement": []obj{{"Effect": "Allow", "Action": "*", "Resource": "*"}}}
		}
		roles[i] = obj{
			"Path": "/service-role/", "RoleName": roleName(i), "RoleId": fmt.Sprintf("AROA%016d", i),
			"Arn":                      fmt.Sprintf("arn:aws:iam::%s:role/service-role/%s", Account, roleName(i)),
			"CreateDate":               "2025-06-01T12:00:00+00:00",
			"AssumeRolePolicyDocument": trust,
			"InstanceProfileList":      []obj{},
			"RolePolicyList":           []obj{{"PolicyName": "inline", "PolicyDocument": inline}},
			"AttachedManagedPolicies": []obj{
				{"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
				{"PolicyName": fmt.Sprintf("data-access-%d", i%customers), "PolicyArn": fmt.Sprintf("arn:aws:iam::%s:policy/data-access-%d", Account, i%customers)},
			},
			"Tags":         []obj{{"Key": "team", "Value": fmt.Sprintf("team-%d", i%7)}},
			"RoleLastUsed": obj{"LastUsedDate": "2026-11-20T08:00:00+00:00", "Region": "us-east-1"},
		}
	}
	g.put("iam/get-account-authorization-details.json", obj{
		"UserDetailList": []obj{}, "GroupDetailList": []obj{}, "RoleDetailList": roles, "Policies": policies, "IsTruncated": false,
	})
}

var runtimes = []string{"python3.13", "nodejs22.x", "java21", "python3.9", "nodejs16.x", "provided.al2023", "ruby3.3", "python3.12"}

func (g *gen) region(region string, first, n int) {
	base := filepath.ToSlash(region)
	fn := func(i int) string { return fmt.Sprintf("fn-%05d", i) }
	arn := func(i int) string { return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, Account, fn(i)) }

	// Network: a VPC per 500 functions, three subnets each in two AZs.
	vpcs, subnets, rts, sgs := []obj{}, []obj{}, []obj{}, []obj{}
	nv := max(1, n/500)
	for v := range nv {
		vpc := fmt.Sprintf("vpc-%s%04d", region[len(region)-1:], v)
		vpcs = append(vpcs, obj{"CidrBlock": fmt.Sprintf("10.%d.0.0/16", v%250), "VpcId": vpc, "State": "available", "IsDefault": false, "OwnerId": Account})
		assoc := []obj{{"Main": true, "RouteTableAssociationId": "rtbassoc-m" + vpc, "RouteTableId": "rtb-m" + vpc}}
		for s := range 3 {
			id := fmt.Sprintf("subnet-%s-%d", vpc, s)
			az := region + string(rune('a'+s%2))
			subnets = append(subnets, obj{"AvailabilityZone": az, "AvailabilityZoneId": "use1-az" + fmt.Sprint(s%2+1), "CidrBlock": fmt.Sprintf("10.%d.%d.0/24", v%250, s), "SubnetId": id, "VpcId": vpc, "State": "available", "MapPublicIpOnLaunch": false, "OwnerId": Account})
			assoc = append(assoc, obj{"Main": false, "RouteTableAssociationId": "rtbassoc-" + id, "RouteTableId": "rtb-p" + vpc, "SubnetId": id})
		}
		rts = append(rts, obj{"RouteTableId": "rtb-m" + vpc, "VpcId": vpc, "OwnerId": Account, "Associations": assoc[:1],
			"Routes": []obj{{"DestinationCidrBlock": fmt.Sprintf("10.%d.0.0/16", v%250), "GatewayId": "local", "State": "active", "Origin": "CreateRouteTable"}}})
		rts = append(rts, obj{"RouteTableId": "rtb-p" + vpc, "VpcId": vpc, "OwnerId": Account, "Associations": assoc[1:],
			"Routes": []obj{
				{"DestinationCidrBlock": fmt.Sprintf("10.%d.0.0/16", v%250), "GatewayId": "local", "State": "active", "Origin": "CreateRouteTable"},
				{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-" + vpc, "State": "active", "Origin": "CreateRoute"},
			}})
		sgs = append(sgs, obj{"GroupId": "sg-" + vpc, "GroupName": "lambda", "Description": "lambda", "VpcId": vpc, "OwnerId": Account,
			"IpPermissions":       []obj{},
			"IpPermissionsEgress": []obj{{"IpProtocol": "-1", "IpRanges": []obj{{"CidrIp": "0.0.0.0/0"}}, "Ipv6Ranges": []obj{}, "PrefixListIds": []obj{}, "UserIdGroupPairs": []obj{}}}})
	}
	g.put(base+"/ec2/describe-vpcs.json", obj{"Vpcs": vpcs})
	g.put(base+"/ec2/describe-subnets.json", obj{"Subnets": subnets})
	g.put(base+"/ec2/describe-route-tables.json", obj{"RouteTables": rts})
	g.put(base+"/ec2/describe-security-groups.json", obj{"SecurityGroups": sgs})

	g.put(base+"/cloudtrail/describe-trails.json", obj{"trailList": []obj{{
		"Name": "org-trail", "S3BucketName": "trail-bucket", "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": true,
		"HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:" + Account + ":trail/org-trail",
		"LogFileValidationEnabled": true, "HasCustomEventSelectors": true, "HasInsightSelectors": false, "IsOrganizationTrail": false,
	}}})
	g.put(base+"/cloudtrail/get-event-selectors/org-trail.json", obj{
		"TrailARN": "arn:aws:cloudtrail:us-east-1:" + Account + ":trail/org-trail",
		"EventSelectors": []obj{{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []obj{{
			"Type": "AWS::Lambda::Function", "Values": []string{fmt.Sprintf("arn:aws:lambda:%s:%s:function:fn-0", region, Account)},
		}}, "ExcludeManagementEventSources": []string{}}},
	})
	g.put(base+"/cloudtrail/get-trail-status/org-trail.json", obj{"IsLogging": true})

	const page = 1000
	logGroups := make([]obj, 0, n)
	var pageFns []obj
	flush := func(p int) {
		name := base + "/lambda/list-functions.json"
		if p > 1 {
			name = fmt.Sprintf("%s/lambda/list-functions.%d.json", base, p)
		}
		g.put(name, obj{"Functions": pageFns})
		pageFns = nil
	}
	p := 0
	for k := range n {
		i := first + k
		name := fn(i)
		role := fmt.Sprintf("arn:aws:iam::%s:role/service-role/%s", Account, roleName(i%max(1, g.size.Roles)))
		cfg := obj{
			"FunctionName": name, "FunctionArn": arn(i), "Runtime": runtimes[i%len(runtimes)], "Role": role,
			"Handler": "app.handler", "CodeSize": 10240 + i, "Description": "", "Timeout": 30, "MemorySize": 256,
			"LastModified": "2026-10-01T10:00:00.000+0000", "CodeSha256": "n0Kd1a3Y6hV3vO9Pq3h1E0m8r8n6x1kq6sP2aX0fK7M=",
			"Version": "$LATEST", "TracingConfig": obj{"Mode": []string{"Active", "PassThrough"}[i%2]},
			"RevisionId": fmt.Sprintf("%08d-1111-2222-3333-444455556666", i), "PackageType": "Zip",
			"Architectures": []string{"arm64"}, "EphemeralStorage": obj{"Size": 512},
			"SnapStart":     obj{"ApplyOn": "None", "OptimizationStatus": "Off"},
			"LoggingConfig": obj{"LogFormat": "Text", "LogGroup": "/aws/lambda/" + name},
			"Environment":   obj{"Variables": obj{"TABLE": fmt.Sprintf("table-%d", i), "DB_PASSWORD": fmt.Sprintf("pw-%08x-secret", i*7919)}},
			"Layers":        []obj{{"Arn": fmt.Sprintf("arn:aws:lambda:%s:%s:layer:shared:%d", region, Account, 1+i%5), "CodeSize": 4096}},
		}
		if i%3 == 0 {
			v := nv
			vpc := fmt.Sprintf("vpc-%s%04d", region[len(region)-1:], i%v)
			cfg["VpcConfig"] = obj{"SubnetIds": []string{"subnet-" + vpc + "-0", "subnet-" + vpc + "-1"}, "SecurityGroupIds": []string{"sg-" + vpc}, "VpcId": vpc, "Ipv6AllowedForDualStack": false}
		}
		if i%4 == 0 {
			cfg["KMSKeyArn"] = "arn:aws:kms:" + region + ":" + Account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
			cfg["DeadLetterConfig"] = obj{"TargetArn": "arn:aws:sqs:" + region + ":" + Account + ":dlq"}
		}
		pageFns = append(pageFns, cfg)
		if len(pageFns) == page {
			p++
			flush(p)
		}

		get := obj{"Configuration": cfg, "Code": obj{"RepositoryType": "S3", "Location": "https://awslambda-" + region + "-tasks.s3." + region + ".amazonaws.com/snapshots/" + Account + "/" + name}, "Tags": obj{"team": "payments"}}
		if i%5 == 0 {
			get["Concurrency"] = obj{"ReservedConcurrentExecutions": 10}
		}
		g.put(fmt.Sprintf("%s/lambda/get-function/%s.json", base, name), get)

		pol := obj{}
		if i%2 == 0 {
			stmt := obj{"Sid": "sns", "Effect": "Allow", "Principal": obj{"Service": "sns.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": arn(i)}
			if i%10 != 0 {
				stmt["Condition"] = obj{"ArnLike": obj{"AWS:SourceArn": "arn:aws:sns:" + region + ":" + Account + ":topic"}}
			}
			doc, _ := json.Marshal(obj{"Version": "2012-10-17", "Id": "default", "Statement": []obj{stmt}})
			pol = obj{"Policy": string(doc), "RevisionId": fmt.Sprintf("%08d-aaaa-bbbb-cccc-ddddeeeeffff", i)}
		}
		g.put(fmt.Sprintf("%s/lambda/get-policy/%s.json", base, name), pol)

		url := obj{}
		if i%100 == 0 {
			url = obj{"FunctionUrl": "https://" + name + ".lambda-url." + region + ".on.aws/", "FunctionArn": arn(i), "AuthType": "NONE",
				"Cors": obj{"AllowOrigins": []string{"*"}}, "CreationTime": "2026-01-01T00:00:00.000000Z", "LastModifiedTime": "2026-01-01T00:00:00.000000Z", "InvokeMode": "BUFFERED"}
		}
		g.put(fmt.Sprintf("%s/lambda/get-function-url-config/%s.json", base, name), url)
		g.put(fmt.Sprintf("%s/lambda/get-function-code-signing-config/%s.json", base, name), obj{"CodeSigningConfigArn": "", "FunctionName": name})
		g.put(fmt.Sprintf("%s/lambda/get-function-event-invoke-config/%s.json", base, name), obj{})

		lg := obj{"logGroupName": "/aws/lambda/" + name, "creationTime": 1735689600000, "metricFilterCount": 0,
			"arn": "arn:aws:logs:" + region + ":" + Account + ":log-group:/aws/lambda/" + name + ":*", "storedBytes": 2048,
			"logGroupClass": "STANDARD", "logGroupArn": "arn:aws:logs:" + region + ":" + Account + ":log-group:/aws/lambda/" + name}
		if i%2 == 0 {
			lg["retentionInDays"] = 30
		}
		logGroups = append(logGroups, lg)
	}
	if len(pageFns) > 0 || p == 0 {
		p++
		flush(p)
	}
	g.put(base+"/logs/describe-log-groups.json", obj{"logGroups": logGroups})
	g.put(base+"/lambda/list-event-source-mappings.json", obj{"EventSourceMappings": []obj{}})
	for v := 1; v <= 5; v++ {
		layer := fmt.Sprintf("arn:aws:lambda:%s:%s:layer:shared", region, Account)
		g.put(fmt.Sprintf("%s/lambda/get-layer-version/shared/%d.json", base, v), obj{
			"Content":  obj{"Location": "https://awslambda-" + region + "-layers.s3." + region + ".amazonaws.com/snapshots/shared", "CodeSha256": "3p0yH4i1nq1Nw4bN0xk3n9jv0Zg6A0n5G0o7S9z8eXQ=", "CodeSize": 4096},
			"LayerArn": layer, "LayerVersionArn": fmt.Sprintf("%s:%d", layer, v), "Description": "shared libs",
			"CreatedDate": "2026-02-01T10:00:00.000+0000", "Version": v, "CompatibleRuntimes": []string{"python3.12", "python3.13"},
			"CompatibleArchitectures": []string{"arm64"},
		})
		g.put(fmt.Sprintf("%s/lambda/get-layer-version-policy/shared/%d.json", base, v), obj{})
	}
}
