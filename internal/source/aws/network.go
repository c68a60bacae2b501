package aws

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// collectNetwork makes the nine EC2 describe calls once per region: the
// network model every VPC function of the region is judged against.
func (a *account) collectNetwork(ctx context.Context, region string) {
	client := ec2.NewFromConfig(cfgFor(a.cfg, region))
	c := func(op string, s inventory.Section) call {
		return call{region: region, op: "ec2:" + op, path: dump.RegionPath(region, s, 1)}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		p := ec2.NewDescribeVpcsPaginator(client, &ec2.DescribeVpcsInput{})
		save(ctx, a, c("DescribeVpcs", inventory.SecVPCs), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeVpcsOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeSubnetsPaginator(client, &ec2.DescribeSubnetsInput{})
		save(ctx, a, c("DescribeSubnets", inventory.SecSubnets), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeSubnetsOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeRouteTablesPaginator(client, &ec2.DescribeRouteTablesInput{})
		save(ctx, a, c("DescribeRouteTables", inventory.SecRouteTables), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeRouteTablesOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeSecurityGroupsPaginator(client, &ec2.DescribeSecurityGroupsInput{})
		save(ctx, a, c("DescribeSecurityGroups", inventory.SecSecurityGroups), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeSecurityGroupsOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeNetworkAclsPaginator(client, &ec2.DescribeNetworkAclsInput{})
		save(ctx, a, c("DescribeNetworkAcls", inventory.SecNetworkACLs), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeNetworkAclsOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeVpcEndpointsPaginator(client, &ec2.DescribeVpcEndpointsInput{})
		save(ctx, a, c("DescribeVpcEndpoints", inventory.SecVPCEndpoints), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeVpcEndpointsOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeNatGatewaysPaginator(client, &ec2.DescribeNatGatewaysInput{})
		save(ctx, a, c("DescribeNatGateways", inventory.SecNATGateways), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeNatGatewaysOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeInternetGatewaysPaginator(client, &ec2.DescribeInternetGatewaysInput{})
		save(ctx, a, c("DescribeInternetGateways", inventory.SecInternetGateways), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeInternetGatewaysOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Go(func() {
		p := ec2.NewDescribeNetworkInterfacesPaginator(client, &ec2.DescribeNetworkInterfacesInput{})
		save(ctx, a, c("DescribeNetworkInterfaces", inventory.SecNetworkInterfaces), allPages(p.HasMorePages, func(ctx context.Context) (*ec2.DescribeNetworkInterfacesOutput, error) { return p.NextPage(ctx) }))
	})
	wg.Wait()
}
