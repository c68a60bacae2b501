package rules

import (
	"fmt"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-NET-002",
			Title:    "VPC function in a single Availability Zone",
			Severity: finding.Low,
			Category: "network",
			Description: "A function attached to a VPC runs only in the Availability Zones of its subnets. " +
				"With all of them in one zone, an outage of that zone, or running out of free addresses in its subnets, stops every invocation. " +
				"This is an availability weakness rather than an exposure.",
			Remediation: "Add a subnet in at least one more Availability Zone to the function's VPC configuration: " +
				"`aws lambda update-function-configuration --function-name FUNCTION --vpc-config SubnetIds=subnet-az1,subnet-az2,SecurityGroupIds=sg-x` " +
				"(CloudFormation `VpcConfig.SubnetIds`; Terraform `vpc_config { subnet_ids = [...] }`).",
			Compliance: []string{"AWS FSBP Lambda.5"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions, inventory.SecSubnets},
		Check: ForEachFunction(checkSingleAZ),
	})
}

func checkSingleAZ(f *inventory.Function, out *Results) {
	v := f.VPC
	if v == nil || len(v.SubnetIDs) == 0 {
		return
	}
	if f.Region == nil || !f.Region.Has(inventory.SecSubnets) {
		out.Skip(FunctionResource(f), "the region's subnets were not collected (ec2 describe-subnets)")
		return
	}
	zones := map[string]bool{}
	found := map[string]bool{}
	for _, s := range v.Subnets {
		found[s.ID] = true
		zones[zoneOf(s)] = true
	}
	var missing []string
	for _, id := range v.SubnetIDs {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		out.Skip(FunctionResource(f), "subnets not found in ec2 describe-subnets: "+strings.Join(missing, ", "))
		return
	}
	if len(zones) != 1 {
		return
	}
	var zone string
	for z := range zones {
		zone = z
	}
	out.Add(Hit{
		Resource: FunctionResource(f),
		Function: f.Key(),
		Message:  fmt.Sprintf("All %d subnet(s) of %s are in Availability Zone %s: an outage there stops the function.", len(v.SubnetIDs), f.Name, zone),
		Evidence: []string{fmt.Sprintf("subnets %s in %s", strings.Join(v.SubnetIDs, ", "), zone)},
	})
}

// zoneOf names a subnet's zone, preferring the name users see.
func zoneOf(s *inventory.Subnet) string {
	if s.AvailabilityZone != "" {
		return s.AvailabilityZone
	}
	return s.AvailabilityZoneID
}
