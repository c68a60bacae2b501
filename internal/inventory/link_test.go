package inventory

import "testing"

func TestLinkResolvesReferences(t *testing.T) {
	inv := New()
	a := inv.Account("111122223333")
	a.Policies["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] = &ManagedPolicy{Name: "AWSLambdaBasicExecutionRole", AWSManaged: true}
	a.Roles["arn:aws:iam::111122223333:role/service-role/app"] = &Role{
		ARN: "arn:aws:iam::111122223333:role/service-role/app", Name: "app",
		AttachedPolicies: []PolicyAttachment{{ARN: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}},
	}
	r := a.Region("us-east-1")
	n := r.Network
	n.VPCs["vpc-1"] = &VPC{ID: "vpc-1"}
	n.Subnets["subnet-a"] = &Subnet{ID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1a"}
	n.Subnets["subnet-b"] = &Subnet{ID: "subnet-b", VPCID: "vpc-1", AvailabilityZone: "us-east-1b"}
	n.RouteTables["rtb-main"] = &RouteTable{ID: "rtb-main", VPCID: "vpc-1", Main: true}
	n.RouteTables["rtb-b"] = &RouteTable{ID: "rtb-b", VPCID: "vpc-1", SubnetIDs: []string{"subnet-b"}}
	n.SecurityGroups["sg-1"] = &SecurityGroup{ID: "sg-1", VPCID: "vpc-1"}
	n.InternetGateways["igw-1"] = &InternetGateway{ID: "igw-1", VPCIDs: []string{"vpc-1"}}
	r.Layers["arn:aws:lambda:us-east-1:111122223333:layer:lib:3"] = &LayerVersion{ARN: "arn:aws:lambda:us-east-1:111122223333:layer:lib:3"}
	r.LogGroups["/aws/lambda/b"] = &LogGroup{Name: "/aws/lambda/b"}
	r.CodeSigningConfigs["arn:csc"] = &CodeSigningConfig{ARN: "arn:csc"}

	fb := &Function{
		ARN: "arn:aws:lambda:us-east-1:111122223333:function:b", Name: "b",
		RoleARN:              "arn:aws:iam::111122223333:role/app", // path missing: matched by name
		Layers:               []LayerAttachment{{ARN: "arn:aws:lambda:us-east-1:111122223333:layer:lib:3"}, {ARN: "arn:aws:lambda:us-east-1:999988887777:layer:x:1"}},
		VPC:                  &VPCAttachment{SubnetIDs: []string{"subnet-a", "subnet-b", "subnet-gone"}, SecurityGroupIDs: []string{"sg-1"}},
		CodeSigningConfigARN: Collected("arn:csc"),
	}
	fa := &Function{ARN: "arn:aws:lambda:us-east-1:111122223333:function:a", Name: "a", RoleARN: "arn:aws:iam::111122223333:role/service-role/app"}
	r.Functions = []*Function{fb, fa}
	r.EventSourceMappings = []*EventSourceMapping{{UUID: "u1", FunctionARN: fa.ARN + ":live"}}
	r.Trails = []*Trail{{ARN: "arn:trail", IsLogging: Collected(true)}}
	a.Region("eu-west-1").Trails = []*Trail{{ARN: "arn:trail"}}

	inv.Link()
	inv.Link() // idempotent

	if len(inv.Functions) != 2 || inv.Functions[0] != fa {
		t.Fatalf("Functions not sorted by ARN: %v", inv.Functions)
	}
	role := a.Roles["arn:aws:iam::111122223333:role/service-role/app"]
	if fa.Role != role || fb.Role != role || len(role.Functions) != 2 {
		t.Errorf("role links: fa=%p fb=%p role.Functions=%d", fa.Role, fb.Role, len(role.Functions))
	}
	if role.AttachedPolicies[0].Policy == nil {
		t.Error("managed policy not resolved")
	}
	if fb.Layers[0].Layer == nil || fb.Layers[1].Layer != nil {
		t.Error("layers resolved wrongly")
	}
	v := fb.VPC
	if v.VPCID != "vpc-1" || v.VPC == nil || len(v.Subnets) != 2 || len(v.SecurityGroups) != 1 {
		t.Errorf("VPC attachment: %+v", v)
	}
	if v.Subnets[0].RouteTable.ID != "rtb-main" || v.Subnets[1].RouteTable.ID != "rtb-b" {
		t.Error("subnet route tables: want main for subnet-a and explicit for subnet-b")
	}
	if len(v.VPC.InternetGateways) != 1 || len(v.VPC.Subnets) != 2 {
		t.Error("VPC internet gateway or subnets not linked")
	}
	if fb.LogGroup == nil || fa.LogGroup != nil || fa.LogGroupName != "/aws/lambda/a" {
		t.Error("log groups resolved wrongly")
	}
	if fb.CodeSigning == nil {
		t.Error("code signing config not resolved")
	}
	if len(fa.EventSources) != 1 || fa.EventSources[0].Function != fa {
		t.Error("qualified event source mapping not linked to its function")
	}
	if len(a.Trails) != 1 || !a.Trails["arn:trail"].IsLogging.Value {
		t.Error("trails not deduplicated across regions")
	}
	if fa.Account != a || fa.Region != r {
		t.Error("function scope pointers not set")
	}
}
