package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-NET-001",
			Title:    "Function not attached to a VPC",
			Severity: finding.Info,
			Category: "network",
			Description: "A function without VPC configuration runs in Lambda's own network: it reaches the internet and public AWS endpoints directly, " +
				"and none of your security groups, network ACLs, route tables, DNS firewall or flow logs see or limit its traffic. " +
				"That is fine for many functions, so this is informational. It matters when the function must reach private resources (databases, caches, internal APIs), " +
				"when its egress must be restricted or inspected (for example to stop exfiltration if its code is compromised), or when a policy requires all compute in a VPC.",
			Remediation: "Attach the function to private subnets in at least two Availability Zones with a dedicated security group: " +
				"`aws lambda update-function-configuration --function-name FUNCTION --vpc-config SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-x` " +
				"(CloudFormation `AWS::Lambda::Function` `VpcConfig`; Terraform `aws_lambda_function` `vpc_config`). " +
				"Give it egress through VPC endpoints or a NAT gateway, and add ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface to its role (AWSLambdaVPCAccessExecutionRole).",
			Compliance: []string{"AWS FSBP Lambda.3"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: ForEachFunction(checkNoVPC),
	})
}

func checkNoVPC(f *inventory.Function, out *Results) {
	if f.VPC != nil && len(f.VPC.SubnetIDs) > 0 {
		return
	}
	out.Add(Hit{
		Resource: FunctionResource(f),
		Function: f.Key(),
		Message:  fmt.Sprintf("%s is not attached to a VPC: its network traffic is outside your security groups, network ACLs and flow logs.", f.Name),
	})
}
