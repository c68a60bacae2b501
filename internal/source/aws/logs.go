package aws

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// lambdaLogPrefix is where Lambda writes logs unless LoggingConfig names
// another group.
const lambdaLogPrefix = "/aws/lambda/"

// collectLogGroups lists the groups under /aws/lambda/ plus the custom
// groups the functions' LoggingConfig names, as one describe-log-groups
// answer. An account's other log groups are none of our business.
func (a *account) collectLogGroups(ctx context.Context, region string, fns []lambdatypes.FunctionConfiguration) {
	client := cloudwatchlogs.NewFromConfig(cfgFor(a.cfg, region))
	var custom []string
	for _, fn := range fns {
		if fn.LoggingConfig == nil {
			continue
		}
		if g := aws.ToString(fn.LoggingConfig.LogGroup); g != "" && !strings.HasPrefix(g, lambdaLogPrefix) && !slices.Contains(custom, g) {
			custom = append(custom, g)
		}
	}
	slices.Sort(custom)
	save(ctx, a, call{region: region, op: "logs:DescribeLogGroups", path: dump.RegionPath(region, inventory.SecLogGroups, 1), style: style{lowerCamel: true}},
		func(ctx context.Context) (*cloudwatchlogs.DescribeLogGroupsOutput, error) {
			all, err := describeLogGroups(ctx, client, lambdaLogPrefix, false)
			if err != nil {
				return nil, err
			}
			for _, g := range custom {
				one, err := describeLogGroups(ctx, client, g, true)
				if err != nil {
					return nil, err
				}
				all.LogGroups = append(all.LogGroups, one.LogGroups...)
			}
			return all, nil
		})
}

// describeLogGroups lists the groups whose name starts with prefix, or is
// exactly prefix when exact is set.
func describeLogGroups(ctx context.Context, client *cloudwatchlogs.Client, prefix string, exact bool) (*cloudwatchlogs.DescribeLogGroupsOutput, error) {
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(client, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(prefix)})
	out, err := allPages(p.HasMorePages, func(ctx context.Context) (*cloudwatchlogs.DescribeLogGroupsOutput, error) { return p.NextPage(ctx) })(ctx)
	if err != nil || !exact {
		return out, err
	}
	out.LogGroups = slices.DeleteFunc(out.LogGroups, func(g cwtypes.LogGroup) bool { return aws.ToString(g.LogGroupName) != prefix })
	return out, nil
}
